package dev.guardrails.argocd.appset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.parse.YamlReader;
import dev.guardrails.scanner.parse.ManifestParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The git generator over the local checkout: {@code directories} and {@code files}, with the
 * params Argo CD's {@code applicationset/generators/git.go} produces. The checkout stands in for
 * {@code repoURL}@{@code revision}; the revision is not checked, so the caller should expand
 * against the revision it scans.
 */
final class GitGenerator {


    private final Path repoRoot;
    private final Predicate<String> isThisRepo;

    GitGenerator(Path repoRoot, Predicate<String> isThisRepo) {
        this.repoRoot = repoRoot;
        this.isThisRepo = isThisRepo;
    }

    List<Map<String, Object>> generate(JsonNode git, TemplateRenderer renderer) throws ExpansionException {
        String repoURL = git.path("repoURL").asText("");
        if (repoURL.isEmpty()) {
            throw new ExpansionException("git generator without repoURL");
        }
        if (!isThisRepo.test(repoURL)) {
            throw new ExpansionException("git generator repoURL '" + repoURL
                    + "' is not the scanned repository; not expanded offline");
        }
        Map<String, String> values = new LinkedHashMap<>();
        git.path("values").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        String prefix = git.path("pathParamPrefix").asText("");
        boolean hasDirs = git.path("directories").size() > 0;
        boolean hasFiles = git.path("files").size() > 0;
        if (hasDirs) {
            return directories(git.path("directories"), prefix, values, renderer);
        }
        if (hasFiles) {
            return files(git.path("files"), prefix, values, renderer);
        }
        throw new ExpansionException("git generator needs 'directories' or 'files'");
    }

    private List<Map<String, Object>> directories(JsonNode items, String prefix, Map<String, String> values,
            TemplateRenderer renderer) throws ExpansionException {
        List<String> all = new ArrayList<>();
        walk(repoRoot, "", true, all);
        List<Map<String, Object>> result = new ArrayList<>();
        for (String dir : all) {
            boolean include = false;
            boolean exclude = false;
            for (JsonNode item : items) {
                boolean matched;
                try {
                    matched = PathPatterns.goMatch(item.path("path").asText(""), dir);
                } catch (ExpansionException e) {
                    // Argo CD logs a bad pattern and treats it as no match.
                    matched = false;
                }
                if (matched) {
                    if (item.path("exclude").asBoolean(false)) {
                        exclude = true;
                    } else {
                        include = true;
                    }
                }
            }
            if (include && !exclude) {
                Map<String, Object> params = pathParams(dir, null, prefix, renderer.goTemplate());
                appendValues(params, values, renderer);
                result.add(params);
            }
        }
        return result;
    }

    private List<Map<String, Object>> files(JsonNode items, String prefix, Map<String, String> values,
            TemplateRenderer renderer) throws ExpansionException {
        List<String> all = new ArrayList<>();
        walk(repoRoot, "", false, all);
        TreeSet<String> selected = new TreeSet<>();
        for (JsonNode item : items) {
            if (!item.path("exclude").asBoolean(false)) {
                for (String f : all) {
                    if (PathPatterns.gitPathspec(item.path("path").asText(""), f)) {
                        selected.add(f);
                    }
                }
            }
        }
        for (JsonNode item : items) {
            if (item.path("exclude").asBoolean(false)) {
                selected.removeIf(f -> matchesQuietly(item.path("path").asText(""), f));
            }
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (String file : selected) {
            for (Object object : readObjects(file)) {
                Map<String, Object> params = new LinkedHashMap<>();
                if (renderer.goTemplate()) {
                    params.putAll(GoValues.copyParams(asMap(object)));
                } else {
                    Params.flatten("", object, params);
                }
                params.putAll(pathParams(dir(file), file, prefix, renderer.goTemplate()));
                appendValues(params, values, renderer);
                result.add(params);
            }
        }
        return result;
    }

    private static boolean matchesQuietly(String pattern, String file) {
        try {
            return PathPatterns.gitPathspec(pattern, file);
        } catch (ExpansionException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    /** A file holds one object or a list of objects; an empty file is one empty object. */
    private List<Object> readObjects(String file) throws ExpansionException {
        JsonNode tree;
        try {
            Path path = repoRoot.resolve(file);
            Path root = repoRoot.toRealPath();
            if (!path.toRealPath().startsWith(root)) {
                throw new ExpansionException("git files generator: file '" + file
                        + "' is a symlink that resolves outside the repository");
            }
            tree = new YamlReader().readTree(path, file);
        } catch (ManifestParseException e) {
            throw new ExpansionException("git files generator: unable to process file " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ExpansionException("git files generator: unable to read file '" + file + "'", e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return List.of(new LinkedHashMap<String, Object>());
        }
        if (tree.isObject()) {
            return List.of(GoValues.fromJson(tree));
        }
        if (tree.isArray()) {
            List<Object> objects = new ArrayList<>();
            for (JsonNode element : tree) {
                if (!element.isObject()) {
                    throw new ExpansionException("git files generator: unable to process file '" + file
                            + "': list entries must be objects");
                }
                objects.add(GoValues.fromJson(element));
            }
            return objects;
        }
        throw new ExpansionException("git files generator: unable to process file '" + file
                + "': expected an object or a list of objects");
    }

    private static String dir(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "." : file.substring(0, slash);
    }

    private static String base(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The {@code path} params; {@code file} is null for the directory flavour. */
    static Map<String, Object> pathParams(String dir, String file, String prefix, boolean goTemplate) {
        Map<String, Object> params = new LinkedHashMap<>();
        String basename = base(dir);
        if (goTemplate) {
            Map<String, Object> path = new LinkedHashMap<>();
            path.put("path", dir);
            path.put("basename", basename);
            if (file != null) {
                path.put("filename", base(file));
            }
            path.put("basenameNormalized", Params.sanitizeName(basename));
            if (file != null) {
                path.put("filenameNormalized", Params.sanitizeName(base(file)));
            }
            path.put("segments", new ArrayList<Object>(Arrays.asList(dir.split("/", -1))));
            if (prefix.isEmpty()) {
                params.put("path", path);
            } else {
                Map<String, Object> wrapper = new LinkedHashMap<>();
                wrapper.put("path", path);
                params.put(prefix, wrapper);
            }
            return params;
        }
        String name = prefix.isEmpty() ? "path" : prefix + ".path";
        params.put(name, dir);
        params.put(name + ".basename", basename);
        if (file != null) {
            params.put(name + ".filename", base(file));
        }
        params.put(name + ".basenameNormalized", Params.sanitizeName(basename));
        if (file != null) {
            params.put(name + ".filenameNormalized", Params.sanitizeName(base(file)));
        }
        String[] segments = dir.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (!segments[i].isEmpty()) {
                params.put(name + "[" + i + "]", segments[i]);
            }
        }
        return params;
    }

    /** {@code values}: rendered against the params so far, added as {@code values.*}. */
    private static void appendValues(Map<String, Object> params, Map<String, String> values,
            TemplateRenderer renderer) throws ExpansionException {
        if (values.isEmpty()) {
            return;
        }
        Map<String, Object> rendered = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            try {
                rendered.put(e.getKey(), renderer.render(e.getValue(), params));
            } catch (ExpansionException ex) {
                throw new ExpansionException("git generator values." + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
        if (renderer.goTemplate()) {
            params.put("values", rendered);
        } else {
            rendered.forEach((k, v) -> params.put("values." + k, v));
        }
    }

    /**
     * Depth-first, lexically ordered walk like Go's {@code filepath.Walk}; symlinks are not
     * followed, {@code .git} is skipped, and for directories every dot-directory is pruned.
     */
    private static void walk(Path dir, String rel, boolean dirsOnly, List<String> out) throws ExpansionException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new ExpansionException("cannot list " + (rel.isEmpty() ? "repository root" : rel) + ": "
                    + e.getMessage(), e);
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            String childRel = rel.isEmpty() ? name : rel + "/" + name;
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                if (name.equals(".git") || (dirsOnly && name.startsWith("."))) {
                    continue;
                }
                if (dirsOnly) {
                    out.add(childRel);
                }
                walk(child, childRel, dirsOnly, out);
            } else if (!dirsOnly && Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                out.add(childRel);
            }
        }
    }
}
