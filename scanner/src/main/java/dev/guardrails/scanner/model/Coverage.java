package dev.guardrails.scanner.model;

import java.util.List;

/**
 * What a scan checked: apps rendered, apps skipped (with why) and apps whose render failed (or ran
 * past their deadline). Every report prints it, so a verdict always says what it covers.
 *
 * @param rendered apps rendered and checked
 * @param empty    of those, apps that rendered no object
 * @param failed   apps that could not be rendered or checked completely, with the error
 * @param skipped  apps or sources not rendered, with the reason
 */
public record Coverage(int rendered, int empty, List<AppReport> failed, List<SkippedApp> skipped) {

    public Coverage {
        failed = List.copyOf(failed);
        skipped = List.copyOf(skipped);
    }

    static Coverage of(List<AppReport> apps, List<SkippedApp> skipped) {
        int rendered = 0;
        int empty = 0;
        for (AppReport a : apps) {
            if (!a.failed()) {
                rendered++;
                if (a.objectCount() == 0) {
                    empty++;
                }
            }
        }
        return new Coverage(rendered, empty, apps.stream().filter(AppReport::failed).toList(), skipped);
    }

    /** True when every app found was rendered and checked and at least one was. */
    public boolean complete() {
        return failed.isEmpty() && skipped.isEmpty() && rendered > 0;
    }

    /** {@code 3 rendered, 1 skipped, 0 failed}: the one line every format shows. */
    public String line() {
        String s = rendered + " rendered" + (empty > 0 ? " (" + empty + " empty)" : "") + ", " + skipped.size()
                + " skipped, " + failed.size() + " failed";
        return rendered + skipped.size() + failed.size() == 0 ? s + " (no app found)" : s;
    }
}
