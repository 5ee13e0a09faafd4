package dev.guardrails.scanner.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How an audit compares with a previous one, counting active (not exempted) findings. A finding
 * is the same across audits when its {@link AuditFinding#fingerprint() fingerprint} (repo, rule,
 * app, object, field) is. A previous finding counts as fixed only when its repo was scanned this
 * time: a repo that failed to clone has not fixed anything.
 *
 * @param previousGeneratedAt when the previous audit ran
 * @param previousTotal       active findings then
 * @param currentTotal        active findings now
 * @param rules               per-rule counts, by rule id
 * @param added               findings now that were not there before
 * @param fixed               findings before that are gone from repos scanned now
 */
public record AuditTrend(String previousGeneratedAt, int previousTotal, int currentTotal, List<RuleDelta> rules,
                         List<AuditFinding> added, List<AuditFinding> fixed) {

    /** One rule's active findings before and now. */
    public record RuleDelta(String rule, int previous, int current) {
        public int delta() {
            return current - previous;
        }
    }

    public int totalDelta() {
        return currentTotal - previousTotal;
    }

    /** Compares {@code current} with {@code previous}. */
    public static AuditTrend compare(AuditReport current, AuditReport previous) {
        List<AuditFinding> now = current.active();
        List<AuditFinding> before = previous.active();
        Map<String, int[]> counts = new TreeMap<>();
        for (AuditFinding f : before) {
            counts.computeIfAbsent(f.rule(), k -> new int[2])[0]++;
        }
        for (AuditFinding f : now) {
            counts.computeIfAbsent(f.rule(), k -> new int[2])[1]++;
        }
        List<RuleDelta> rules = new ArrayList<>();
        counts.forEach((rule, c) -> rules.add(new RuleDelta(rule, c[0], c[1])));

        Set<String> beforeKeys = new HashSet<>();
        before.forEach(f -> beforeKeys.add(f.fingerprint()));
        Set<String> nowKeys = new HashSet<>();
        now.forEach(f -> nowKeys.add(f.fingerprint()));
        Set<String> scanned = new TreeSet<>();
        current.repos().stream().filter(r -> !r.failed()).forEach(r -> scanned.add(r.name()));

        List<AuditFinding> added = now.stream().filter(f -> !beforeKeys.contains(f.fingerprint())).toList();
        List<AuditFinding> fixed = before.stream()
                .filter(f -> scanned.contains(f.repo()) && !nowKeys.contains(f.fingerprint())).toList();
        return new AuditTrend(previous.generatedAt(), before.size(), now.size(), rules, added, fixed);
    }
}
