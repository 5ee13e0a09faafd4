package dev.guardrails.scanner.engine;

import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.rules.namespaces.NamespaceScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A namespace without a NetworkPolicy, LimitRange or ResourceQuota is one gap, however many apps
 * deploy into it: a scan keeps one finding per rule and namespace. The kept one is the most
 * pressing (active before exempted, enforce before warn before audit, then app order), and its
 * message names the other apps, so nothing is lost.
 */
final class NamespaceFindings {

    private NamespaceFindings() {
    }

    static List<Finding> oncePerNamespace(List<Finding> findings) {
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (NamespaceScope.RULE_IDS.contains(f.ruleId())) {
                groups.computeIfAbsent(f.ruleId() + "|" + f.object().namespace(), k -> new ArrayList<>()).add(f);
            }
        }
        Set<Finding> dropped = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Map<Finding, Finding> replaced = new java.util.IdentityHashMap<>();
        for (List<Finding> group : groups.values()) {
            if (group.size() == 1) {
                continue;
            }
            Finding kept = group.get(0);
            for (Finding f : group) {
                if (pressing(f) > pressing(kept)) {
                    kept = f;
                }
            }
            Set<String> others = new LinkedHashSet<>();
            for (Finding f : group) {
                if (f != kept) {
                    dropped.add(f);
                    if (!f.app().equals(kept.app())) {
                        others.add(f.app());
                    }
                }
            }
            if (!others.isEmpty()) {
                replaced.put(kept, new Finding(kept.ruleId(), kept.title(), kept.category(), kept.severity(),
                        kept.mode(), kept.app(), kept.object(), kept.location(), kept.path(),
                        kept.message() + " (also deployed to by " + summary(others) + ")", kept.remediation(),
                        kept.exemption()));
            }
        }
        for (Finding f : findings) {
            if (!dropped.contains(f)) {
                out.add(replaced.getOrDefault(f, f));
            }
        }
        return out;
    }

    private static int pressing(Finding f) {
        return (f.exempted() ? 0 : 10) + f.mode().ordinal();
    }

    private static String summary(Set<String> apps) {
        List<String> list = new ArrayList<>(apps);
        String head = String.join(", ", list.subList(0, Math.min(5, list.size())));
        return list.size() > 5 ? head + " and " + (list.size() - 5) + " more apps" : head;
    }
}
