package dev.guardrails.plugin.cmp;

import dev.guardrails.scanner.model.Finding;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The stderr text of a blocked generate. Argo CD shows it verbatim, untruncated, in the
 * Application's {@code ComparisonError}, so it stays short: at most {@link #MAX_LINES} lines, each
 * finding as what, where and why, the fix once per rule, then how to exempt.
 */
final class ViolationList {

    static final int MAX_LINES = 40;

    private ViolationList() {
    }

    static String format(String app, String profile, List<Finding> blocking) {
        StringBuilder sb = new StringBuilder();
        sb.append("guardrails: blocked app '").append(app).append("' (enforce mode")
                .append(profile == null ? "" : ", profile " + profile).append("): ")
                .append(blocking.size()).append(blocking.size() == 1 ? " blocking finding" : " blocking findings");
        int budget = MAX_LINES - 4; // header, "… and N more", two footer lines
        int shown = 0;
        Set<String> explained = new HashSet<>();
        for (Finding f : blocking) {
            boolean fix = !blank(f.remediation()) && !explained.contains(f.ruleId());
            int lines = 1 + (blank(f.message()) ? 0 : 1) + (fix ? 1 : 0);
            if (lines > budget) {
                break;
            }
            budget -= lines;
            shown++;
            String where = f.location().file().isEmpty() ? "" : "  " + f.location();
            sb.append("\n✗ ").append(f.ruleId()).append("  ").append(f.object()).append(where);
            if (!blank(f.message())) {
                sb.append("\n  why: ").append(oneLine(f.message()));
            }
            if (fix) {
                explained.add(f.ruleId());
                sb.append("\n  fix: ").append(oneLine(f.remediation()));
            }
        }
        if (shown < blocking.size()) {
            sb.append("\n… and ").append(blocking.size() - shown).append(" more");
        }
        String example = blocking.get(0).ruleId();
        sb.append("\nTo exempt: add to .guardrails.yaml `exemptions: [{rule: <rule>, match: {app: ").append(app)
                .append(", kind: <Kind>, name: <name>}, owner: <team>, reason: <why>, expires: <YYYY-MM-DD>}]`");
        sb.append("\nDetails: `guardrails explain <rule>`, e.g. `guardrails explain ").append(example).append('`');
        return sb.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String oneLine(String s) {
        String flat = s.strip().replaceAll("\\s*\\n\\s*", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 299) + "…";
    }
}
