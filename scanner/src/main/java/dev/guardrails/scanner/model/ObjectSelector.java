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

    static boolean glob(String pattern, String value) {
        if (pattern.isEmpty() || pattern.equals("*")) {
            return true;
        }
        if (value == null) {
            return false;
        }
        if (!pattern.contains("*") && !pattern.contains("?")) {
            return pattern.equals(value);
        }
        // Object names never contain '/', but app paths do: match '*' across them.
        String regex = pattern.replace(".", "\\.").replace("?", ".").replace("**", "\u0000").replace("*", ".*").replace("\u0000", ".*");
        return value.matches(regex);
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
