package dev.guardrails.scanner.fix;

import dev.guardrails.scanner.model.FieldPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The values keys a chart's templates read ({@code .Values.podSecurityContext}, {@code hasKey
 * .Values "automountServiceAccountToken"}), with every prefix. A chart often reads keys its
 * {@code values.yaml} leaves out or only mentions in a comment; those keys can still feed a field.
 */
final class TemplateReferences {

    private static final Pattern VALUES = Pattern.compile("\\.Values((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");
    private static final Pattern HAS_KEY = Pattern.compile(
            "hasKey\\s+\\$?\\.Values((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s+\"([A-Za-z_][A-Za-z0-9_-]*)\"");
    private static final long MAX_FILE = 1024 * 1024;
    private static final int MAX_FILES = 500;

    private TemplateReferences() {
    }

    /** The keys read by the templates of the chart in {@code chartDir} (not its subcharts), in file order. */
    static List<String> of(Path chartDir, Path root) {
        Path templates = chartDir.resolve("templates");
        Set<String> out = new LinkedHashSet<>();
        if (!templates.normalize().startsWith(root) || !Files.isDirectory(templates, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(templates, 8)) {
            for (Path file : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> p.toString().matches(".*\\.(ya?ml|tpl)")).sorted().limit(MAX_FILES).toList()) {
                if (Files.size(file) > MAX_FILE) {
                    continue;
                }
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Matcher m = VALUES.matcher(text);
                while (m.find()) {
                    addWithPrefixes(m.group(1).substring(1).split("\\."), out);
                }
                Matcher h = HAS_KEY.matcher(text);
                while (h.find()) {
                    String parent = h.group(1).isEmpty() ? "" : h.group(1).substring(1) + ".";
                    addWithPrefixes((parent + h.group(2)).split("\\."), out);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable templates only cost candidates: keys the values files set are still found.
            return List.copyOf(out);
        }
        return List.copyOf(out);
    }

    private static void addWithPrefixes(String[] keys, Set<String> out) {
        String path = "";
        for (String key : keys) {
            path = FieldPath.key(path, key);
            out.add(path);
        }
    }
}
