package dev.guardrails.plugin.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.model.SourceSpan;
import dev.guardrails.scanner.render.HelmOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points a finding in a Helm-rendered object at the lines its author edits: the template line that
 * emits the field, and the values-file key that sets its value. Helm keeps no source map, so this is
 * a textual mapping that gives up rather than guesses:
 * <ol>
 *   <li>Template line: among the template's lines declaring the field's last key ({@code image:}),
 *       the only one, or the only one that contains the rendered value or a {@code .Values}
 *       reference; otherwise the line of the object's {@code kind:}, if unique; otherwise none.</li>
 *   <li>Values key: the {@code .Values.a.b} reference on that template line, looked up (by YAML
 *       indentation) in the value files helm would read, highest precedence first: the app's
 *       {@code valueFiles} in reverse order, then the chart's {@code values.yaml}. Without a
 *       reference (helpers, {@code toYaml} blocks), a value that appears literally as a
 *       {@code key: value} line exactly once across those files is taken. A key set only in the
 *       Application's {@code valuesObject} (or by {@code --set} parameters) has no file line: none.</li>
 * </ol>
 * Files are read only inside the checkout, and only when small.
 */
final class HelmLines {

    private static final long MAX_FILE_BYTES = 1_000_000;
    private static final Pattern VALUES_REF = Pattern.compile("\\.Values\\.([A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*)");
    private static final Pattern KEY = Pattern.compile("^(\\s*)(?:-\\s+)?([A-Za-z0-9_.\\-/\"']+)\\s*:(?:\\s|$)");

    /** Where a value comes from: a values file line and the key path. */
    record ValueSource(String file, int line, String key) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** A mapped finding: its template line (0 when unknown) and, when found, the values key that sets it. */
    record Mapping(int templateLine, ValueSource value) {
    }

    private HelmLines() {
    }

    /**
     * @param object the rendered object the finding is about, or null
     * @return the mapping, or null when the finding is not in a Helm template of the checkout or already has a line
     */
    static Mapping map(Finding f, ManifestObject object, Path root, HelmOptions helm) {
        String file = f.location().file();
        int at = file.lastIndexOf("/templates/");
        if (f.location().line() > 0 || at < 0) {
            return null;
        }
        List<String> template = read(root, file);
        if (template == null) {
            return null;
        }
        String chart = file.substring(0, at);
        String value = scalar(object, f.path());
        int line = fieldLine(template, lastKey(f.path()), value);
        if (line == 0) {
            line = unique(template, "^kind:\\s*[\"']?" + Pattern.quote(f.object().kind()) + "[\"']?\\s*$");
        }
        ValueSource source = null;
        List<String> files = valueFiles(chart, helm);
        if (line > 0) {
            Matcher m = VALUES_REF.matcher(template.get(line - 1));
            if (m.find()) {
                String key = m.group(1);
                for (String vf : files) {
                    List<String> lines = read(root, vf);
                    int l = lines == null ? 0 : keyLine(lines, key.split("\\."));
                    if (l > 0) {
                        source = new ValueSource(vf, l, key);
                        break;
                    }
                }
            }
        }
        if (source == null && value != null && !value.isBlank()) {
            source = literal(root, files, value);
        }
        return line == 0 && source == null ? null : new Mapping(line, source);
    }

    /** Value files in helm's precedence, highest first: valueFiles reversed, then the chart's values.yaml. */
    static List<String> valueFiles(String chart, HelmOptions helm) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        List<String> given = helm == null ? List.of() : new ArrayList<>(helm.valueFiles());
        for (int i = given.size() - 1; i >= 0; i--) {
            String v = given.get(i);
            if (v.contains("://")) {
                continue;
            }
            out.add(normalize(v.startsWith("/") ? v.substring(1) : chart + "/" + v));
        }
        out.add(chart + "/values.yaml");
        return List.copyOf(out);
    }

    private static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(p);
        }
        return String.join("/", parts);
    }

    private static String lastKey(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        String[] parts = path.replaceAll("\\[[^\\]]*\\]", "").split("\\.");
        return parts.length == 0 ? null : parts[parts.length - 1];
    }

    private static String scalar(ManifestObject object, String path) {
        if (object == null || path == null || path.isEmpty()) {
            return null;
        }
        JsonNode n = object.at(path);
        return n != null && n.isValueNode() ? n.asText() : null;
    }

    static int fieldLine(List<String> template, String key, String value) {
        if (key == null) {
            return 0;
        }
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < template.size(); i++) {
            Matcher m = KEY.matcher(template.get(i));
            if (m.find() && unquote(m.group(2)).equals(key)) {
                candidates.add(i + 1);
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        List<Integer> narrowed = candidates.stream().filter(l -> {
            String text = template.get(l - 1);
            return value != null && !value.isEmpty() && text.contains(value) || text.contains(".Values.");
        }).toList();
        return narrowed.size() == 1 ? narrowed.get(0) : 0;
    }

    /** 1-based line of a nested key in a YAML file, by indentation; 0 when absent or ambiguous in shape. */
    static int keyLine(List<String> lines, String[] path) {
        int depth = 0;
        int parentIndent = -1;
        int childIndent = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.equals("---")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            if (depth > 0 && indent <= parentIndent) {
                return 0;
            }
            if (childIndent < 0) {
                childIndent = indent;
            }
            if (indent != childIndent) {
                continue;
            }
            Matcher m = KEY.matcher(line);
            if (m.find() && !trimmed.startsWith("-") && unquote(m.group(2)).equals(path[depth])) {
                depth++;
                if (depth == path.length) {
                    return i + 1;
                }
                parentIndent = indent;
                childIndent = -1;
            }
        }
        return 0;
    }

    /** The one {@code key: value} line across the value files that carries the value literally. */
    private static ValueSource literal(Path root, List<String> files, String value) {
        ValueSource found = null;
        Pattern p = Pattern.compile("^\\s*(?:-\\s+)?([A-Za-z0-9_.\\-]+)\\s*:\\s*[\"']?" + Pattern.quote(value)
                + "[\"']?\\s*(?:#.*)?$");
        for (String vf : files) {
            List<String> lines = read(root, vf);
            if (lines == null) {
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = p.matcher(lines.get(i));
                if (m.find()) {
                    if (found != null) {
                        return null;
                    }
                    found = new ValueSource(vf, i + 1, m.group(1));
                }
            }
        }
        return found;
    }

    private static int unique(List<String> lines, String regex) {
        Pattern p = Pattern.compile(regex);
        int found = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).find()) {
                if (found > 0) {
                    return 0;
                }
                found = i + 1;
            }
        }
        return found;
    }

    private static String unquote(String key) {
        return key.replaceAll("^[\"']|[\"']$", "");
    }

    /** A small regular file inside the checkout (no symlinks: the checkout exports none), else null. */
    private static List<String> read(Path root, String rel) {
        try {
            Path base = root.toAbsolutePath().normalize();
            Path p = base.resolve(rel).normalize();
            if (!p.startsWith(base) || !Files.isRegularFile(p) || Files.size(p) > MAX_FILE_BYTES) {
                return null;
            }
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

}
