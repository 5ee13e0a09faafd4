package dev.guardrails.argocd.appset;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Go template builtins and Sprig/Argo CD functions the offline expander implements. Argument
 * handling mirrors Go: a function declared with {@code string} parameters rejects missing values,
 * nil and non-strings; {@code interface{}} parameters accept anything (a missing value becomes nil).
 */
final class GoFunctions {

    private static final Set<String> SUPPORTED = Set.of(
            // Argo CD additions
            "normalize", "toYaml", "toJson",
            // Sprig strings
            "lower", "upper", "trim", "trimPrefix", "trimSuffix", "replace", "trunc", "quote", "squote",
            "default", "toString", "join", "contains", "hasPrefix", "hasSuffix", "splitList", "empty",
            // text/template builtins
            "index", "len", "eq", "ne", "not", "and", "or", "printf", "print");

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private GoFunctions() {
    }

    static boolean supports(String name) {
        return SUPPORTED.contains(name);
    }

    static Object call(String name, List<Object> args) throws ExpansionException {
        switch (name) {
            case "normalize":
                return Params.sanitizeName(str(name, args, 0, 1));
            case "lower":
                return str(name, args, 0, 1).toLowerCase(Locale.ROOT);
            case "upper":
                return str(name, args, 0, 1).toUpperCase(Locale.ROOT);
            case "trim":
                return str(name, args, 0, 1).strip();
            case "trimPrefix": {
                String prefix = str(name, args, 0, 2);
                String s = str(name, args, 1, 2);
                return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
            }
            case "trimSuffix": {
                String suffix = str(name, args, 0, 2);
                String s = str(name, args, 1, 2);
                return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
            }
            case "replace":
                return str(name, args, 2, 3).replace(str(name, args, 0, 3), str(name, args, 1, 3));
            case "trunc": {
                long c = integer(name, args, 0, 2);
                String s = str(name, args, 1, 2);
                if (c < 0 && s.length() + c > 0) {
                    return s.substring((int) (s.length() + c));
                }
                if (c >= 0 && s.length() > c) {
                    return s.substring(0, (int) c);
                }
                return s;
            }
            case "contains":
                return str(name, args, 1, 2).contains(str(name, args, 0, 2));
            case "hasPrefix":
                return str(name, args, 1, 2).startsWith(str(name, args, 0, 2));
            case "hasSuffix":
                return str(name, args, 1, 2).endsWith(str(name, args, 0, 2));
            case "splitList": {
                String sep = str(name, args, 0, 2);
                String s = str(name, args, 1, 2);
                return new ArrayList<Object>(List.of(s.split(Pattern.quote(sep), -1)));
            }
            case "quote":
            case "squote": {
                List<String> parts = new ArrayList<>();
                for (Object arg : args) {
                    if (arg != null && arg != GoValues.MISSING) {
                        String s = strval(arg);
                        parts.add(name.equals("quote") ? goQuote(s) : "'" + s + "'");
                    }
                }
                return String.join(" ", parts);
            }
            case "default": {
                if (args.isEmpty()) {
                    throw arity(name, 1, 0);
                }
                Object fallback = nil(args.get(0));
                Object given = args.size() > 1 ? nil(args.get(1)) : null;
                return GoValues.empty(given) ? fallback : given;
            }
            case "empty":
                return GoValues.empty(nil(one(name, args)));
            case "toString":
                return strval(nil(one(name, args)));
            case "join": {
                String sep = str(name, args, 0, 2);
                Object list = nil(args.get(1));
                List<String> parts = new ArrayList<>();
                if (list instanceof List<?> l) {
                    for (Object o : l) {
                        if (o != null) {
                            parts.add(strval(o));
                        }
                    }
                } else if (list != null) {
                    parts.add(strval(list));
                }
                return String.join(sep, parts);
            }
            case "toYaml":
                return toYaml(nil(one(name, args)));
            case "toJson":
                return GoValues.toJsonString(nil(one(name, args)));
            case "index":
                return index(args);
            case "len": {
                Object v = nil(one(name, args));
                if (v instanceof String s) {
                    return (long) s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                }
                if (v instanceof List<?> l) {
                    return (long) l.size();
                }
                if (v instanceof Map<?, ?> m) {
                    return (long) m.size();
                }
                throw new ExpansionException("go template: len of type " + GoValues.typeName(v));
            }
            case "eq": {
                if (args.size() < 2) {
                    throw new ExpansionException("go template: missing argument for comparison");
                }
                for (Object other : args.subList(1, args.size())) {
                    if (equal(args.get(0), other)) {
                        return true;
                    }
                }
                return false;
            }
            case "ne":
                if (args.size() != 2) {
                    throw arity(name, 2, args.size());
                }
                return !equal(args.get(0), args.get(1));
            case "not":
                return !GoValues.truth(one(name, args));
            case "and": {
                if (args.isEmpty()) {
                    throw arity(name, 1, 0);
                }
                for (Object a : args) {
                    if (!GoValues.truth(a)) {
                        return a;
                    }
                }
                return args.get(args.size() - 1);
            }
            case "or": {
                if (args.isEmpty()) {
                    throw arity(name, 1, 0);
                }
                for (Object a : args) {
                    if (GoValues.truth(a)) {
                        return a;
                    }
                }
                return args.get(args.size() - 1);
            }
            case "printf":
                if (args.isEmpty()) {
                    throw arity(name, 1, 0);
                }
                return printf(str(name, args, 0, args.size()), args.subList(1, args.size()));
            case "print": {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < args.size(); i++) {
                    // fmt.Sprint adds spaces between operands when neither is a string.
                    if (i > 0 && !(args.get(i) instanceof String) && !(args.get(i - 1) instanceof String)) {
                        sb.append(' ');
                    }
                    sb.append(GoValues.fmt(nil(args.get(i))));
                }
                return sb.toString();
            }
            default:
                throw new ExpansionException("go template function '" + name + "' is not supported offline");
        }
    }

    private static Object index(List<Object> args) throws ExpansionException {
        if (args.isEmpty()) {
            throw arity("index", 1, 0);
        }
        Object item = args.get(0);
        for (Object key : args.subList(1, args.size())) {
            item = nil(item);
            if (item instanceof List<?> list) {
                if (!(key instanceof Long i)) {
                    throw new ExpansionException("go template: error calling index: cannot index slice/array with type "
                            + GoValues.typeName(key));
                }
                if (i < 0 || i >= list.size()) {
                    throw new ExpansionException("go template: error calling index: index out of range: " + i);
                }
                item = list.get(i.intValue());
            } else if (item instanceof Map<?, ?> map) {
                if (!(key instanceof String k)) {
                    throw new ExpansionException("go template: error calling index: value has type "
                            + GoValues.typeName(key) + "; should be string");
                }
                item = map.get(k);
            } else if (item == null) {
                throw new ExpansionException("go template: error calling index: index of untyped nil");
            } else {
                throw new ExpansionException("go template: error calling index: can't index item of type "
                        + GoValues.typeName(item));
            }
        }
        return item;
    }

    private static boolean equal(Object a, Object b) throws ExpansionException {
        a = nil(a);
        b = nil(b);
        if (a == null || b == null) {
            return a == b;
        }
        if (!GoValues.typeName(a).equals(GoValues.typeName(b))) {
            throw new ExpansionException("go template: error calling eq: incompatible types for comparison ("
                    + GoValues.typeName(a) + " and " + GoValues.typeName(b) + ")");
        }
        if (a instanceof List<?> || a instanceof Map<?, ?>) {
            throw new ExpansionException("go template: error calling eq: non-comparable type " + GoValues.typeName(a));
        }
        return a.equals(b);
    }

    private static String printf(String format, List<Object> args) throws ExpansionException {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(i);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if ("svdq".indexOf(verb) < 0) {
                throw new ExpansionException("go template: printf verb '%" + verb + "' is not supported offline");
            }
            if (next >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object arg = nil(args.get(next++));
            switch (verb) {
                case 'd' -> {
                    if (arg instanceof Long l) {
                        out.append(l);
                    } else {
                        out.append("%!d(").append(GoValues.typeName(arg)).append('=').append(GoValues.fmt(arg)).append(')');
                    }
                }
                case 'q' -> out.append(goQuote(arg instanceof String s ? s : GoValues.fmt(arg)));
                default -> out.append(GoValues.fmt(arg));
            }
        }
        if (next < args.size()) {
            out.append("%!(EXTRA ");
            for (int i = next; i < args.size(); i++) {
                out.append(i > next ? ", " : "").append(GoValues.typeName(args.get(i))).append('=')
                        .append(GoValues.fmt(args.get(i)));
            }
            out.append(')');
        }
        return out.toString();
    }

    static String toYaml(Object value) {
        if (value == null) {
            return "null";
        }
        try {
            String s = YAML.writeValueAsString(GoValues.toJson(value));
            return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        } catch (Exception e) {
            // Sprig's toYaml swallows marshalling errors.
            return "";
        }
    }

    /** Go {@code strconv.Quote}, for printable text plus the usual escapes. */
    static String goQuote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        sb.append(String.format("\\x%02x", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    /** Sprig {@code strval}: strings as they are, everything else through {@code %v}. */
    private static String strval(Object v) {
        return v instanceof String s ? s : GoValues.fmt(v);
    }

    private static Object nil(Object v) {
        return v == GoValues.MISSING ? null : v;
    }

    private static Object one(String name, List<Object> args) throws ExpansionException {
        if (args.size() != 1) {
            throw arity(name, 1, args.size());
        }
        return args.get(0);
    }

    private static String str(String name, List<Object> args, int i, int want) throws ExpansionException {
        if (args.size() != want && !name.equals("printf")) {
            throw arity(name, want, args.size());
        }
        Object v = args.get(i);
        if (v == null || v == GoValues.MISSING) {
            throw new ExpansionException("go template: error calling " + name + ": invalid value; expected string");
        }
        if (!(v instanceof String s)) {
            throw new ExpansionException("go template: wrong type for value in " + name + "; expected string; got "
                    + GoValues.typeName(v));
        }
        return s;
    }

    private static long integer(String name, List<Object> args, int i, int want) throws ExpansionException {
        if (args.size() != want) {
            throw arity(name, want, args.size());
        }
        Object v = args.get(i);
        if (!(v instanceof Long l)) {
            throw new ExpansionException("go template: wrong type for value in " + name + "; expected int; got "
                    + GoValues.typeName(v));
        }
        return l;
    }

    private static ExpansionException arity(String name, int want, int got) {
        return new ExpansionException("go template: wrong number of args for " + name + ": want " + want
                + " got " + got);
    }
}
