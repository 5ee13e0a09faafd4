package dev.guardrails.scanner.config;

import dev.guardrails.scanner.model.Mode;
import java.util.List;
import java.util.Map;

/**
 * Modes for one environment. A profile applies to an app when it is selected by name (the CMP
 * passes the environment) or when the app's path or name matches one of its globs; the first
 * matching profile wins.
 *
 * @param name       environment name, e.g. {@code production}
 * @param paths      globs on the app's repo path, e.g. {@code envs/prod/**}
 * @param apps       globs on the app name
 * @param mode       mode for every rule in this environment, or null to keep the default
 * @param categories mode per category id
 * @param rules      mode per rule id
 */
public record ProfileConfig(String name, List<String> paths, List<String> apps, Mode mode,
                            Map<String, Mode> categories, Map<String, Mode> rules) {

    public ProfileConfig {
        paths = paths == null ? List.of() : List.copyOf(paths);
        apps = apps == null ? List.of() : List.copyOf(apps);
        categories = categories == null ? Map.of() : Map.copyOf(categories);
        rules = rules == null ? Map.of() : Map.copyOf(rules);
    }
}
