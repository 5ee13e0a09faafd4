package dev.guardrails.scanner.audit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A self-contained HTML page of an audit: summary cards, an inline SVG chart, summaries by team,
 * namespace, rule and severity, the trend against a previous audit, failed repos, and searchable
 * tables. No external assets: CSS and a little vanilla JS are inline, so the file can be mailed,
 * archived as a CI artifact or opened offline. Every piece of text from repos (names, messages,
 * paths) is HTML-escaped; findings never carry Secret values.
 *
 * <p>Opening the page with {@code #selftest=QUERY} makes its script type QUERY into the findings
 * search box and write the visible row count to {@code data-selftest-visible} on {@code <body>}, so
 * a headless browser test can check the filter really runs.
 */
public final class AuditHtml {

    private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");
    private static final Map<String, String> SEVERITY_COLOURS = Map.of(
            "critical", "#7f1d1d", "high", "#dc2626", "medium", "#f59e0b", "low", "#3b82f6");
    private static final int TOP_RULES = 15;
    private static final int MAX_TREND_ROWS = 500;

    private AuditHtml() {
    }

    /** Writes the page to {@code file}, creating parent directories. */
    public static void write(AuditReport report, AuditTrend trend, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(render(report, trend));
        }
    }

    /** The page; {@code trend} may be null (no previous audit). */
    public static String render(AuditReport report, AuditTrend trend) {
        StringBuilder h = new StringBuilder(64 * 1024);
        List<AuditFinding> active = report.active();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Guardrails audit</title>\n<style>\n").append(CSS).append("</style>\n</head>\n")
                .append("<body data-findings-total=\"").append(report.findings().size()).append("\">\n");
        h.append("<header><h1>Guardrails audit</h1><p class=\"meta\">Generated ").append(esc(report.generatedAt()))
                .append(" &middot; ").append(report.repos().size()).append(" repos &middot; ")
                .append(report.elapsedMillis()).append(" ms");
        if (report.shard() != null) {
            h.append(" &middot; shard ").append(esc(report.shard()));
        }
        h.append("</p></header>\n<main>\n");

        summaryCards(h, report, active);
        h.append("<section id=\"charts\" class=\"charts\">\n");
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        SEVERITIES.forEach(s -> bySeverity.put(s, 0));
        active.forEach(f -> bySeverity.merge(f.severity(), 1, Integer::sum));
        h.append("<figure><figcaption>Active findings by severity</figcaption>\n")
                .append(barChart(bySeverity, SEVERITY_COLOURS, "severity")).append("</figure>\n");
        Map<String, Integer> byRule = topCounts(active, AuditFinding::rule, TOP_RULES);
        h.append("<figure><figcaption>Active findings by rule (top ").append(TOP_RULES).append(")</figcaption>\n")
                .append(barChart(byRule, Map.of(), "rule")).append("</figure>\n</section>\n");

        if (trend != null) {
            trendSection(h, trend);
        }
        failedRepos(h, report);
        coverageSections(h, report);
        h.append("<section id=\"summaries\" class=\"grid\">\n");
        groupTable(h, "summary-severity", "By severity", "Severity", report.findings(), AuditFinding::severity,
                Comparator.comparingInt(AuditHtml::severityRank));
        groupTable(h, "summary-team", "By team", "Team", report.findings(), f -> blankAs(f.team(), "(no team)"),
                Comparator.naturalOrder());
        groupTable(h, "summary-namespace", "By namespace", "Namespace", report.findings(),
                f -> blankAs(f.namespace(), "(none)"), Comparator.naturalOrder());
        groupTable(h, "summary-rule", "By rule", "Rule", report.findings(), AuditFinding::rule, Comparator.naturalOrder());
        h.append("</section>\n");
        reposTable(h, report);
        findingsTable(h, report);
        h.append("</main>\n<script>\n").append(JS).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void summaryCards(StringBuilder h, AuditReport report, List<AuditFinding> active) {
        int failed = report.failedRepos().size();
        int apps = report.repos().stream().mapToInt(r -> r.apps().size()).sum();
        int objects = report.repos().stream().mapToInt(RepoResult::objects).sum();
        int blocking = report.blocking().size();
        int exempted = report.findings().size() - active.size();
        h.append("<section id=\"summary\" class=\"cards\">\n");
        card(h, "repos-scanned", "Repos scanned", report.repos().size() - failed, null);
        card(h, "repos-failed", "Repos failed", failed, failed > 0 ? "bad" : null);
        card(h, "apps", "Apps", apps, null);
        card(h, "objects", "Objects", objects, null);
        card(h, "findings-active", "Active findings", active.size(), null);
        card(h, "findings-blocking", "Blocking", blocking, blocking > 0 ? "bad" : "good");
        card(h, "findings-exempted", "Exempted", exempted, null);
        int failedApps = (int) report.repos().stream().flatMap(r -> r.apps().stream()).filter(a -> a.error() != null).count();
        int skipped = report.repos().stream().mapToInt(r -> r.skipped().size()).sum();
        card(h, "apps-failed", "Failed renders", failedApps, failedApps > 0 ? "bad" : null);
        card(h, "apps-skipped", "Skipped apps", skipped, skipped > 0 ? "bad" : null);
        // The verdict is the one the exit code gives: PASSED only when nothing blocks and everything was checked.
        AuditReport.Verdict verdict = report.verdict();
        String tone = verdict == AuditReport.Verdict.PASSED ? "good" : verdict == AuditReport.Verdict.FAILED ? "bad" : "warn";
        h.append("<div class=\"card verdict ").append(tone).append("\" data-verdict=\"").append(verdict.name())
                .append("\" id=\"verdict\">").append(verdict.name()).append("</div>\n</section>\n");
    }

    private static void card(StringBuilder h, String id, String label, int value, String tone) {
        h.append("<div class=\"card").append(tone == null ? "" : " " + tone).append("\" id=\"card-").append(id)
                .append("\"><span class=\"value\">").append(value).append("</span><span class=\"label\">")
                .append(esc(label)).append("</span></div>\n");
    }

    /** A horizontal bar chart as inline SVG, drawn here so the page needs no chart library. */
    static String barChart(Map<String, Integer> values, Map<String, String> colours, String what) {
        int barHeight = 22;
        int gap = 6;
        int labelWidth = 230;
        int chartWidth = 360;
        int height = Math.max(1, values.size()) * (barHeight + gap) + gap;
        int max = values.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(labelWidth + chartWidth + 60).append("\" height=\"").append(height)
                .append("\" aria-label=\"findings by ").append(esc(what)).append("\">\n");
        if (values.isEmpty()) {
            s.append("<text x=\"0\" y=\"16\">no active findings</text>\n");
        }
        int y = gap;
        for (Map.Entry<String, Integer> e : values.entrySet()) {
            int width = max == 0 ? 0 : (int) Math.round((double) e.getValue() * chartWidth / max);
            String colour = colours.getOrDefault(e.getKey(), "#4b5563");
            s.append("<g class=\"bar\" data-key=\"").append(esc(e.getKey())).append("\" data-value=\"")
                    .append(e.getValue()).append("\">")
                    .append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">").append(esc(e.getKey())).append("</text>")
                    .append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y).append("\" width=\"")
                    .append(width).append("\" height=\"").append(barHeight).append("\" fill=\"").append(colour)
                    .append("\"><title>").append(esc(e.getKey())).append(": ").append(e.getValue()).append("</title></rect>")
                    .append("<text x=\"").append(labelWidth + width + 6).append("\" y=\"").append(y + 15).append("\">")
                    .append(e.getValue()).append("</text></g>\n");
            y += barHeight + gap;
        }
        return s.append("</svg>\n").toString();
    }

    private static Map<String, Integer> topCounts(List<AuditFinding> findings, Function<AuditFinding, String> key, int top) {
        Map<String, Integer> counts = new TreeMap<>();
        findings.forEach(f -> counts.merge(key.apply(f), 1, Integer::sum));
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static void groupTable(StringBuilder h, String id, String title, String keyHeader, List<AuditFinding> findings,
                                   Function<AuditFinding, String> key, Comparator<String> order) {
        Map<String, int[]> groups = new TreeMap<>(order);
        for (AuditFinding f : findings) {
            int[] c = groups.computeIfAbsent(key.apply(f), k -> new int[3]);
            if (f.active()) {
                c[0]++;
            } else {
                c[2]++;
            }
            if (f.blocking()) {
                c[1]++;
            }
        }
        h.append("<div class=\"panel\"><h2>").append(esc(title)).append("</h2>\n");
        searchBox(h, id);
        h.append("<table id=\"").append(id).append("\" class=\"searchable\"><thead><tr><th>").append(esc(keyHeader))
                .append("</th><th class=\"num\">Active</th><th class=\"num\">Blocking</th><th class=\"num\">Exempted</th></tr></thead><tbody>\n");
        groups.forEach((k, c) -> h.append("<tr><td>").append(esc(k)).append("</td><td class=\"num\">").append(c[0])
                .append("</td><td class=\"num\">").append(c[1]).append("</td><td class=\"num\">").append(c[2])
                .append("</td></tr>\n"));
        h.append("</tbody></table></div>\n");
    }

    private static void trendSection(StringBuilder h, AuditTrend trend) {
        h.append("<section id=\"trend\"><h2>Trend since ").append(esc(trend.previousGeneratedAt())).append("</h2>\n")
                .append("<p class=\"trend-totals\">Active findings: ").append(trend.previousTotal()).append(" &rarr; ")
                .append(trend.currentTotal()).append(" (<span class=\"delta\" id=\"trend-total-delta\">")
                .append(signed(trend.totalDelta())).append("</span>) &middot; <span id=\"trend-new\">")
                .append(trend.added().size()).append("</span> new &middot; <span id=\"trend-fixed\">")
                .append(trend.fixed().size()).append("</span> fixed</p>\n");
        h.append("<table id=\"trend-rules\"><thead><tr><th>Rule</th><th class=\"num\">Before</th><th class=\"num\">Now</th>")
                .append("<th class=\"num\">Change</th></tr></thead><tbody>\n");
        for (AuditTrend.RuleDelta d : trend.rules()) {
            if (d.delta() == 0) {
                continue;
            }
            h.append("<tr><td>").append(esc(d.rule())).append("</td><td class=\"num\">").append(d.previous())
                    .append("</td><td class=\"num\">").append(d.current()).append("</td><td class=\"num ")
                    .append(d.delta() > 0 ? "worse" : "better").append("\">").append(signed(d.delta()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        trendList(h, "trend-added", "New findings", trend.added());
        trendList(h, "trend-fixed-list", "Fixed findings", trend.fixed());
        h.append("</section>\n");
    }

    private static void trendList(StringBuilder h, String id, String title, List<AuditFinding> findings) {
        h.append("<details><summary>").append(esc(title)).append(" (").append(findings.size()).append(")</summary>\n");
        h.append("<table id=\"").append(id).append("\"><thead><tr><th>Repo</th><th>App</th><th>Object</th><th>Rule</th>")
                .append("<th>Severity</th></tr></thead><tbody>\n");
        findings.stream().limit(MAX_TREND_ROWS).forEach(f -> h.append("<tr><td>").append(esc(f.repo()))
                .append("</td><td>").append(esc(f.app())).append("</td><td>").append(esc(objectOf(f)))
                .append("</td><td>").append(esc(f.rule())).append("</td><td>").append(esc(f.severity()))
                .append("</td></tr>\n"));
        h.append("</tbody></table>");
        if (findings.size() > MAX_TREND_ROWS) {
            h.append("<p>&hellip; and ").append(findings.size() - MAX_TREND_ROWS).append(" more (see the JSON).</p>");
        }
        h.append("</details>\n");
    }

    /** Apps whose render failed (or ran past their deadline), and apps that were skipped, with why. */
    private static void coverageSections(StringBuilder h, AuditReport report) {
        List<String[]> failed = new java.util.ArrayList<>();
        List<String[]> skipped = new java.util.ArrayList<>();
        for (RepoResult r : report.repos()) {
            for (RepoResult.App a : r.apps()) {
                if (a.error() != null) {
                    failed.add(new String[] {r.name(), a.name(), a.path(), a.type(), a.error()});
                }
            }
            for (RepoResult.Skipped k : r.skipped()) {
                skipped.add(new String[] {r.name(), k.app(), k.location(), k.reason(), k.message()});
            }
        }
        if (!failed.isEmpty()) {
            h.append("<section id=\"failed-renders\" class=\"panel bad-panel\"><h2>Apps that could not be rendered (")
                    .append(failed.size()).append(")</h2>\n<table id=\"failed-apps\"><thead><tr><th>Repo</th><th>App</th>")
                    .append("<th>Path</th><th>Type</th><th>Error</th></tr></thead><tbody>\n");
            for (String[] row : failed) {
                h.append("<tr><td>").append(esc(row[0])).append("</td><td>").append(esc(row[1])).append("</td><td>")
                        .append(esc(row[2])).append("</td><td>").append(esc(row[3])).append("</td><td class=\"msg\">")
                        .append(esc(row[4])).append("</td></tr>\n");
            }
            h.append("</tbody></table></section>\n");
        }
        if (!skipped.isEmpty()) {
            h.append("<section id=\"skipped\" class=\"panel bad-panel\"><h2>Apps that were not checked (")
                    .append(skipped.size()).append(")</h2>\n<table id=\"skipped-apps\"><thead><tr><th>Repo</th><th>App</th>")
                    .append("<th>Location</th><th>Reason</th><th>Why</th></tr></thead><tbody>\n");
            for (String[] row : skipped) {
                h.append("<tr><td>").append(esc(row[0])).append("</td><td>").append(esc(row[1])).append("</td><td>")
                        .append(esc(row[2])).append("</td><td><code>").append(esc(row[3])).append("</code></td><td class=\"msg\">")
                        .append(esc(row[4])).append("</td></tr>\n");
            }
            h.append("</tbody></table></section>\n");
        }
    }

    private static void failedRepos(StringBuilder h, AuditReport report) {
        List<RepoResult> failed = report.failedRepos();
        if (failed.isEmpty()) {
            return;
        }
        h.append("<section id=\"failed\" class=\"panel bad-panel\"><h2>Repos that could not be audited (")
                .append(failed.size()).append(")</h2>\n<table id=\"failed-repos\"><thead><tr><th>Repo</th><th>Team</th>")
                .append("<th>Location</th><th>Ref</th><th>Stage</th><th>Reason</th></tr></thead><tbody>\n");
        for (RepoResult r : failed) {
            h.append("<tr><td>").append(esc(r.name())).append("</td><td>").append(esc(r.team())).append("</td><td>")
                    .append(esc(r.location())).append("</td><td>").append(esc(r.ref())).append("</td><td>")
                    .append(esc(r.failureStage())).append("</td><td class=\"msg\">").append(esc(r.failure()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void reposTable(StringBuilder h, AuditReport report) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (AuditFinding f : report.findings()) {
            int[] c = counts.computeIfAbsent(f.repo(), k -> new int[2]);
            if (f.active()) {
                c[0]++;
            }
            if (f.blocking()) {
                c[1]++;
            }
        }
        h.append("<section id=\"repos\" class=\"panel\"><h2>Repos</h2>\n");
        searchBox(h, "repo-table");
        h.append("<table id=\"repo-table\" class=\"searchable\"><thead><tr><th>Repo</th><th>Team</th><th>Location</th>")
                .append("<th>Revision</th><th>Status</th><th class=\"num\">Apps</th><th class=\"num\">Objects</th>")
                .append("<th class=\"num\">Active</th><th class=\"num\">Blocking</th></tr></thead><tbody>\n");
        for (RepoResult r : report.repos()) {
            int[] c = counts.getOrDefault(r.name(), new int[2]);
            String revision = r.revision().length() > 12 ? r.revision().substring(0, 12) : r.revision();
            h.append("<tr class=\"repo ").append(r.failed() ? "failed" : "scanned").append("\"><td>").append(esc(r.name()))
                    .append("</td><td>").append(esc(r.team())).append("</td><td>").append(esc(r.location()))
                    .append(r.ref() == null ? "" : " @" + esc(r.ref())).append("</td><td><code>").append(esc(revision))
                    .append("</code></td><td>").append(r.failed() ? "failed" : "scanned").append("</td><td class=\"num\">")
                    .append(r.apps().size()).append("</td><td class=\"num\">").append(r.objects())
                    .append("</td><td class=\"num\">").append(c[0]).append("</td><td class=\"num\">").append(c[1])
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void findingsTable(StringBuilder h, AuditReport report) {
        h.append("<section id=\"findings-section\" class=\"panel\"><h2>Findings</h2>\n<div class=\"filters\">")
                .append("<input type=\"search\" id=\"search\" class=\"table-search\" data-target=\"findings\" ")
                .append("placeholder=\"Search repo, team, app, namespace, rule, message&hellip;\" aria-label=\"Search findings\">")
                .append("<select id=\"severity-filter\" aria-label=\"Severity\"><option value=\"\">All severities</option>");
        SEVERITIES.forEach(s -> h.append("<option value=\"").append(s).append("\">").append(s).append("</option>"));
        h.append("</select><select id=\"status-filter\" aria-label=\"Status\"><option value=\"\">Active and exempted</option>")
                .append("<option value=\"active\">Active only</option><option value=\"blocking\">Blocking only</option>")
                .append("<option value=\"exempted\">Exempted only</option></select>")
                .append("<span class=\"count\" id=\"visible-count\" data-count-for=\"findings\">")
                .append(report.findings().size()).append(" of ").append(report.findings().size())
                .append("</span></div>\n");
        h.append("<table id=\"findings\" class=\"searchable\"><thead><tr><th>Severity</th><th>Mode</th><th>Repo</th>")
                .append("<th>Team</th><th>App</th><th>Namespace</th><th>Object</th><th>Rule</th><th>Message</th>")
                .append("<th>Location</th><th>Status</th></tr></thead><tbody>\n");
        for (AuditFinding f : report.findings()) {
            String status = f.blocking() ? "blocking" : f.active() ? "active" : "exempted";
            h.append("<tr class=\"finding\" data-severity=\"").append(esc(f.severity())).append("\" data-status=\"")
                    .append(status).append("\"><td><span class=\"sev sev-").append(esc(f.severity())).append("\">")
                    .append(esc(f.severity())).append("</span></td><td>").append(esc(f.mode())).append("</td><td>")
                    .append(esc(f.repo())).append("</td><td>").append(esc(f.team())).append("</td><td>")
                    .append(esc(f.app())).append("</td><td>").append(esc(f.namespace())).append("</td><td>")
                    .append(esc(f.kind() + "/" + f.object())).append("</td><td><span title=\"")
                    .append(esc(f.title())).append("\">").append(esc(f.rule())).append("</span></td><td class=\"msg\">")
                    .append(esc(f.message()));
            if (!f.active()) {
                h.append("<br><small>exempted: ").append(esc(f.exemption())).append("</small>");
            }
            h.append("</td><td><code>").append(esc(f.line() > 0 ? f.file() + ":" + f.line() : f.file()))
                    .append("</code></td><td>").append(status).append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void searchBox(StringBuilder h, String target) {
        h.append("<input type=\"search\" class=\"table-search\" data-target=\"").append(target)
                .append("\" placeholder=\"Filter&hellip;\" aria-label=\"Filter table\">\n");
    }

    private static String objectOf(AuditFinding f) {
        return f.namespace().isEmpty() ? f.kind() + "/" + f.object() : f.kind() + "/" + f.namespace() + "/" + f.object();
    }

    private static int severityRank(String severity) {
        int i = SEVERITIES.indexOf(severity);
        return i < 0 ? SEVERITIES.size() : i;
    }

    private static String blankAs(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String signed(int n) {
        return n > 0 ? "+" + n : Integer.toString(n);
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    public static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            :root { --fg:#111827; --muted:#6b7280; --line:#e5e7eb; --bg:#f9fafb; --bad:#b91c1c; --good:#15803d; }
            * { box-sizing: border-box; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
            header { background: #111827; color: #fff; padding: 16px 24px; }
            header h1 { margin: 0; font-size: 20px; }
            .meta { margin: 4px 0 0; color: #d1d5db; }
            main { padding: 16px 24px; }
            h2 { font-size: 16px; margin: 0 0 8px; }
            .cards { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 16px; }
            .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 120px; }
            .card .value { display: block; font-size: 24px; font-weight: 600; }
            .card .label { color: var(--muted); }
            .card.bad .value, .verdict.bad { color: var(--bad); }
            .card.good .value, .verdict.good { color: var(--good); }
            .verdict.warn { color: #b45309; }
            .verdict { font-size: 22px; font-weight: 700; display: flex; align-items: center; }
            .charts { display: flex; flex-wrap: wrap; gap: 16px; }
            figure { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 0 0 16px; padding: 12px; }
            figcaption { font-weight: 600; margin-bottom: 6px; }
            .chart text { font-size: 12px; fill: var(--fg); }
            .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 16px; margin-bottom: 16px; }
            .panel, #trend { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px; margin-bottom: 16px; overflow-x: auto; }
            .bad-panel { border-color: var(--bad); }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { background: #f3f4f6; position: sticky; top: 0; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            td.msg { max-width: 520px; min-width: 240px; white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; }
            .worse { color: var(--bad); } .better { color: var(--good); }
            .filters { display: flex; gap: 8px; align-items: center; margin-bottom: 8px; flex-wrap: wrap; }
            input.table-search { padding: 4px 8px; min-width: 260px; margin-bottom: 6px; }
            .count { color: var(--muted); }
            .sev { padding: 1px 6px; border-radius: 4px; color: #fff; font-size: 12px; }
            .sev-critical { background: #7f1d1d; } .sev-high { background: #dc2626; }
            .sev-medium { background: #b45309; } .sev-low { background: #2563eb; }
            tr.hidden { display: none; }
            """;

    private static final String JS = """
            (function () {
              'use strict';
              window.addEventListener('error', function (e) {
                document.body.setAttribute('data-js-error', String(e.message));
              });
              function rows(table) { return Array.prototype.slice.call(table.tBodies[0].rows); }
              function apply(table) {
                var input = document.querySelector('input.table-search[data-target="' + table.id + '"]');
                var q = input ? input.value.trim().toLowerCase() : '';
                var sev = '', status = '';
                if (table.id === 'findings') {
                  sev = document.getElementById('severity-filter').value;
                  status = document.getElementById('status-filter').value;
                }
                var shown = 0, all = rows(table);
                all.forEach(function (row) {
                  var ok = (!q || row.textContent.toLowerCase().indexOf(q) >= 0)
                    && (!sev || row.getAttribute('data-severity') === sev)
                    && (!status || (status === 'active' ? row.getAttribute('data-status') !== 'exempted'
                                                         : row.getAttribute('data-status') === status));
                  row.classList.toggle('hidden', !ok);
                  if (ok) { shown++; }
                });
                var counter = document.querySelector('[data-count-for="' + table.id + '"]');
                if (counter) { counter.textContent = shown + ' of ' + all.length; }
                return shown;
              }
              document.querySelectorAll('input.table-search').forEach(function (input) {
                var table = document.getElementById(input.getAttribute('data-target'));
                if (table) { input.addEventListener('input', function () { apply(table); }); }
              });
              var findings = document.getElementById('findings');
              ['severity-filter', 'status-filter'].forEach(function (id) {
                document.getElementById(id).addEventListener('change', function () { apply(findings); });
              });
              var hash = window.location.hash;
              if (hash.indexOf('#selftest') === 0) {
                var query = hash.indexOf('=') > 0 ? decodeURIComponent(hash.substring(hash.indexOf('=') + 1)) : '';
                var search = document.getElementById('search');
                search.value = query;
                search.dispatchEvent(new Event('input', { bubbles: true }));
                var visible = rows(findings).filter(function (r) { return !r.classList.contains('hidden'); }).length;
                document.body.setAttribute('data-selftest-visible', String(visible));
                document.body.setAttribute('data-selftest-total', String(rows(findings).length));
                document.body.setAttribute('data-selftest-counter', document.getElementById('visible-count').textContent);
              }
            })();
            """;
}
