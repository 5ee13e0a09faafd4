package dev.guardrails.scanner.rules.cel;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.bundle.CelBuilder;
import dev.cel.checker.CelCheckerBuilder;
import dev.cel.common.CelOptions;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntimeBuilder;
import dev.cel.runtime.CelRuntimeLibrary;
import dev.guardrails.scanner.k8s.Quantity;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CEL functions the Kubernetes API server adds to admission and validation expressions that
 * CEL's own extension libraries do not provide: the lists library ({@code isSorted}, {@code sum},
 * {@code min}, {@code max}, {@code indexOf}, {@code lastIndexOf}), the regex library
 * ({@code find}, {@code findAll}), {@code quantity()} and {@code url()} with their methods. Names,
 * overloads and errors follow k8s.io/apiserver/pkg/cel/library.
 */
public final class KubernetesCelLibrary implements CelCompilerLibrary, CelRuntimeLibrary {

    public static final KubernetesCelLibrary INSTANCE = new KubernetesCelLibrary();

    static final OpaqueType QUANTITY = OpaqueType.create("kubernetes.Quantity");
    static final OpaqueType URL = OpaqueType.create("kubernetes.URL");
    private static final CelType DYN_LIST = ListType.create(SimpleType.DYN);
    private static final CelType STRING_LIST = ListType.create(SimpleType.STRING);

    private KubernetesCelLibrary() {
    }

    /**
     * Adds the libraries of the API server's CEL environment to a builder: CEL's strings, lists,
     * sets, math, encoders (base64) and optional extensions, and this library.
     */
    public static CelBuilder install(CelBuilder builder, CelOptions options) {
        var strings = CelExtensions.strings();
        var lists = CelExtensions.lists();
        var sets = CelExtensions.sets(options);
        var math = CelExtensions.math(options);
        var encoders = CelExtensions.encoders(options);
        return builder
                .addCompilerLibraries(strings, lists, sets, math, encoders, CelOptionalLibrary.INSTANCE, INSTANCE)
                .addRuntimeLibraries(strings, lists, sets, math, encoders, CelOptionalLibrary.INSTANCE, INSTANCE);
    }

    /** A quantity as a CEL value; equal when the amounts are equal, as in the API server. */
    public record CelQuantity(Quantity quantity) {

        @Override
        public boolean equals(Object o) {
            return o instanceof CelQuantity q && quantity.value().compareTo(q.quantity.value()) == 0;
        }

        @Override
        public int hashCode() {
            return quantity.value().stripTrailingZeros().hashCode();
        }
    }

    /** A parsed URL as a CEL value. */
    public record CelUrl(URI uri) {
    }

    @Override
    public void setCheckerOptions(CelCheckerBuilder checker) {
        checker.addFunctionDeclarations(
                fn("isSorted", member("list_isSorted", SimpleType.BOOL, DYN_LIST)),
                fn("sum", member("list_sum", SimpleType.DYN, DYN_LIST)),
                fn("min", member("list_min", SimpleType.DYN, DYN_LIST)),
                fn("max", member("list_max", SimpleType.DYN, DYN_LIST)),
                fn("indexOf", member("list_indexOf", SimpleType.INT, DYN_LIST, SimpleType.DYN)),
                fn("lastIndexOf", member("list_lastIndexOf", SimpleType.INT, DYN_LIST, SimpleType.DYN)),
                fn("find", member("string_find_string", SimpleType.STRING, SimpleType.STRING, SimpleType.STRING)),
                fn("findAll",
                        member("string_findAll_string", STRING_LIST, SimpleType.STRING, SimpleType.STRING),
                        member("string_findAll_string_int", STRING_LIST, SimpleType.STRING, SimpleType.STRING, SimpleType.INT)),
                fn("quantity", CelOverloadDecl.newGlobalOverload("quantity_string", QUANTITY, SimpleType.STRING)),
                fn("isQuantity", CelOverloadDecl.newGlobalOverload("isQuantity_string", SimpleType.BOOL, SimpleType.STRING)),
                fn("sign", member("quantity_sign", SimpleType.INT, QUANTITY)),
                fn("isInteger", member("quantity_isInteger", SimpleType.BOOL, QUANTITY)),
                fn("asInteger", member("quantity_asInteger", SimpleType.INT, QUANTITY)),
                fn("asApproximateFloat", member("quantity_asApproximateFloat", SimpleType.DOUBLE, QUANTITY)),
                fn("add", member("quantity_add", QUANTITY, QUANTITY, QUANTITY),
                        member("quantity_add_int", QUANTITY, QUANTITY, SimpleType.INT)),
                fn("sub", member("quantity_sub", QUANTITY, QUANTITY, QUANTITY),
                        member("quantity_sub_int", QUANTITY, QUANTITY, SimpleType.INT)),
                fn("isLessThan", member("quantity_isLessThan", SimpleType.BOOL, QUANTITY, QUANTITY)),
                fn("isGreaterThan", member("quantity_isGreaterThan", SimpleType.BOOL, QUANTITY, QUANTITY)),
                fn("compareTo", member("quantity_compareTo", SimpleType.INT, QUANTITY, QUANTITY)),
                fn("url", CelOverloadDecl.newGlobalOverload("string_to_url", URL, SimpleType.STRING)),
                fn("isURL", CelOverloadDecl.newGlobalOverload("is_url_string", SimpleType.BOOL, SimpleType.STRING)),
                fn("getScheme", member("url_get_scheme", SimpleType.STRING, URL)),
                fn("getHost", member("url_get_host", SimpleType.STRING, URL)),
                fn("getHostname", member("url_get_hostname", SimpleType.STRING, URL)),
                fn("getPort", member("url_get_port", SimpleType.STRING, URL)),
                fn("getEscapedPath", member("url_get_escaped_path", SimpleType.STRING, URL)),
                fn("getQuery", member("url_get_query", MapType.create(SimpleType.STRING, STRING_LIST), URL)));
    }

    @Override
    public void setRuntimeOptions(CelRuntimeBuilder runtime) {
        runtime.addFunctionBindings(
                CelFunctionBinding.from("list_isSorted", List.class, KubernetesCelLibrary::isSorted),
                CelFunctionBinding.from("list_sum", List.class, KubernetesCelLibrary::sum),
                CelFunctionBinding.from("list_min", List.class, l -> extreme(l, -1)),
                CelFunctionBinding.from("list_max", List.class, l -> extreme(l, 1)),
                CelFunctionBinding.from("list_indexOf", List.class, Object.class, (l, v) -> indexOf(l, v, false)),
                CelFunctionBinding.from("list_lastIndexOf", List.class, Object.class, (l, v) -> indexOf(l, v, true)),
                CelFunctionBinding.from("string_find_string", String.class, String.class, KubernetesCelLibrary::find),
                CelFunctionBinding.from("string_findAll_string", String.class, String.class, (s, re) -> findAll(s, re, -1)),
                CelFunctionBinding.from("string_findAll_string_int", List.of(String.class, String.class, Long.class),
                        args -> findAll((String) args[0], (String) args[1], (Long) args[2])),
                CelFunctionBinding.from("quantity_string", String.class, KubernetesCelLibrary::quantity),
                CelFunctionBinding.from("isQuantity_string", String.class, Quantity::isValid),
                CelFunctionBinding.from("quantity_sign", CelQuantity.class, q -> (long) q.quantity().sign()),
                CelFunctionBinding.from("quantity_isInteger", CelQuantity.class,
                        q -> q.quantity().isInteger() && fitsLong(q.quantity().value())),
                CelFunctionBinding.from("quantity_asInteger", CelQuantity.class, KubernetesCelLibrary::asInteger),
                CelFunctionBinding.from("quantity_asApproximateFloat", CelQuantity.class,
                        q -> q.quantity().value().doubleValue()),
                CelFunctionBinding.from("quantity_add", CelQuantity.class, CelQuantity.class,
                        (a, b) -> plus(a, b.quantity().value())),
                CelFunctionBinding.from("quantity_add_int", CelQuantity.class, Long.class,
                        (a, b) -> plus(a, BigDecimal.valueOf(b))),
                CelFunctionBinding.from("quantity_sub", CelQuantity.class, CelQuantity.class,
                        (a, b) -> plus(a, b.quantity().value().negate())),
                CelFunctionBinding.from("quantity_sub_int", CelQuantity.class, Long.class,
                        (a, b) -> plus(a, BigDecimal.valueOf(b).negate())),
                CelFunctionBinding.from("quantity_isLessThan", CelQuantity.class, CelQuantity.class,
                        (a, b) -> a.quantity().compareTo(b.quantity()) < 0),
                CelFunctionBinding.from("quantity_isGreaterThan", CelQuantity.class, CelQuantity.class,
                        (a, b) -> a.quantity().compareTo(b.quantity()) > 0),
                CelFunctionBinding.from("quantity_compareTo", CelQuantity.class, CelQuantity.class,
                        (a, b) -> (long) Integer.signum(a.quantity().compareTo(b.quantity()))),
                CelFunctionBinding.from("string_to_url", String.class, KubernetesCelLibrary::url),
                CelFunctionBinding.from("is_url_string", String.class, s -> parseUrl(s) != null),
                CelFunctionBinding.from("url_get_scheme", CelUrl.class, u -> nz(u.uri().getScheme())),
                CelFunctionBinding.from("url_get_host", CelUrl.class, KubernetesCelLibrary::host),
                CelFunctionBinding.from("url_get_hostname", CelUrl.class, u -> hostname(u.uri())),
                CelFunctionBinding.from("url_get_port", CelUrl.class, u -> u.uri().getPort() < 0 ? "" : String.valueOf(u.uri().getPort())),
                CelFunctionBinding.from("url_get_escaped_path", CelUrl.class, u -> nz(u.uri().getRawPath())),
                CelFunctionBinding.from("url_get_query", CelUrl.class, KubernetesCelLibrary::query));
    }

    private static CelFunctionDecl fn(String name, CelOverloadDecl... overloads) {
        return CelFunctionDecl.newFunctionDeclaration(name, overloads);
    }

    private static CelOverloadDecl member(String id, CelType result, CelType... params) {
        return CelOverloadDecl.newMemberOverload(id, result, params);
    }

    // ---- lists

    private static boolean isSorted(List<?> list) throws CelEvaluationException {
        for (int i = 1; i < list.size(); i++) {
            if (compare(list.get(i - 1), list.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    private static Object sum(List<?> list) throws CelEvaluationException {
        long longSum = 0;
        double doubleSum = 0;
        boolean isDouble = false;
        for (Object o : list) {
            if (o instanceof Long l) {
                longSum = Math.addExact(longSum, l);
            } else if (o instanceof Double d) {
                isDouble = true;
                doubleSum += d;
            } else {
                throw error("sum() needs a list of numbers, got " + CelValues.typeName(o));
            }
        }
        return isDouble ? (Object) (doubleSum + longSum) : (Object) longSum;
    }

    private static Object extreme(List<?> list, int direction) throws CelEvaluationException {
        if (list.isEmpty()) {
            throw error((direction < 0 ? "min" : "max") + "() called on an empty list");
        }
        Object best = list.get(0);
        for (Object o : list) {
            if (compare(o, best) * direction > 0) {
                best = o;
            }
        }
        return best;
    }

    private static long indexOf(List<?> list, Object value, boolean last) {
        long found = -1;
        for (int i = 0; i < list.size(); i++) {
            if (celEquals(list.get(i), value)) {
                found = i;
                if (!last) {
                    break;
                }
            }
        }
        return found;
    }

    private static int compare(Object a, Object b) throws CelEvaluationException {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        throw error("cannot compare " + CelValues.typeName(a) + " and " + CelValues.typeName(b));
    }

    private static boolean celEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return a == null ? b == null : a.equals(b);
    }

    // ---- regex

    private static String find(String s, String re) throws CelEvaluationException {
        Matcher m = compile(re).matcher(s);
        return m.find() ? m.group() : "";
    }

    private static List<String> findAll(String s, String re, long limit) throws CelEvaluationException {
        List<String> out = new ArrayList<>();
        Matcher m = compile(re).matcher(s);
        while ((limit < 0 || out.size() < limit) && m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static Pattern compile(String re) throws CelEvaluationException {
        try {
            return Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw error("invalid regular expression '" + re + "': " + e.getMessage());
        }
    }

    // ---- quantity

    private static CelQuantity quantity(String text) throws CelEvaluationException {
        return Quantity.parse(text).map(CelQuantity::new)
                .orElseThrow(() -> error("quantities must match the regular expression "
                        + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': '" + text + "'"));
    }

    private static long asInteger(CelQuantity q) throws CelEvaluationException {
        BigDecimal v = q.quantity().value();
        if (!q.quantity().isInteger() || !fitsLong(v)) {
            throw error("cannot convert value to integer");
        }
        return v.longValueExact();
    }

    private static boolean fitsLong(BigDecimal v) {
        return v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 && v.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0;
    }

    private static CelQuantity plus(CelQuantity a, BigDecimal b) {
        return new CelQuantity(new Quantity(a.quantity().value().add(b), a.quantity().format()));
    }

    // ---- url

    private static CelUrl url(String text) throws CelEvaluationException {
        URI uri = parseUrl(text);
        if (uri == null) {
            throw error("URL parse error during conversion from string: " + text);
        }
        return new CelUrl(uri);
    }

    /** An absolute URI with a scheme, or an absolute path, as Kubernetes' url() accepts. */
    static URI parseUrl(String text) {
        try {
            URI uri = new URI(text);
            if (uri.isAbsolute() ? uri.isOpaque() && uri.getRawSchemeSpecificPart().isEmpty()
                    : !nz(uri.getRawPath()).startsWith("/") || uri.getRawAuthority() != null) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String host(CelUrl u) {
        String host = hostname(u.uri());
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return u.uri().getPort() < 0 ? host : host + ":" + u.uri().getPort();
    }

    private static String hostname(URI uri) {
        String host = nz(uri.getHost());
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static Map<String, List<String>> query(CelUrl u) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String raw = u.uri().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        out.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static CelEvaluationException error(String message) {
        return new CelEvaluationException(message);
    }
}
