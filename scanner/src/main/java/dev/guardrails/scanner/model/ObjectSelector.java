package dev.guardrails.scanner.model;


/**
 * Selects objects by app, kind, namespace and name. Each part is a glob ({@code *}, {@code ?});
 * an empty part matches anything.
 */
public record ObjectSelector(String app, String kind, String namespace, String name) {

    public static final ObjectSelector ANY = new ObjectSelector("", "", "", "");

    public ObjectSelector {
        app = app == null ? "" : app;
        kind = kind == null ? "" : kind;
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
    }

    public boolean matches(String appName, ObjectRef ref) {
        return glob(app, appName) && glob(kind, ref.kind()) && glob(namespace, ref.namespace()) && glob(name, ref.name());
    }

    /** Glob where {@code *} matches any characters, '/' included; empty or {@code *} matches all. */
    public static boolean glob(String pattern, String value) {
        if (pattern.isEmpty() || pattern.equals("*")) {
            return true;
        }
        if (value == null) {
            return false;
        }
        if (!pattern.contains("*") && !pattern.contains("?")) {
            return pattern.equals(value);
        }
        // Object names never contain '/', but app paths do: '*' matches across them.
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return value.matches(regex.toString());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (!app.isEmpty()) sb.append("app=").append(app).append(' ');
        if (!kind.isEmpty()) sb.append("kind=").append(kind).append(' ');
        if (!namespace.isEmpty()) sb.append("namespace=").append(namespace).append(' ');
        if (!name.isEmpty()) sb.append("name=").append(name).append(' ');
        return sb.length() == 0 ? "*" : sb.toString().trim();
    }

}
