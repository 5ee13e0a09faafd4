package dev.guardrails.scanner.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves YAML scalars the way go-yaml v2 does, which is what {@code sigs.k8s.io/yaml} (kubectl,
 * Argo CD, helm values, the API server's YAML decoding) uses: YAML 1.1 booleans ({@code yes},
 * {@code on}, {@code y}, ...), {@code ~}/{@code null}, Go integer syntax ({@code 0x1F}, {@code 0o17},
 * {@code 0777} octal, {@code 0b101}, underscores), floats, and timestamps kept as strings. Quoted
 * scalars are always strings; an explicit tag ({@code !!str}, {@code !!int}, ...) is honoured; any
 * other tag ({@code !foo}) leaves the text as a string.
 */
final class GoYamlScalars {

    static final String TAG_PREFIX = "tag:yaml.org,2002:";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Object NULL = new Object();
    private static final Map<String, Object> KEYWORDS = keywords();
    private static final Pattern YAML_FLOAT =
            Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final Pattern DOT_FLOAT = Pattern.compile("^\\.[0-9]+([eE][-+]?[0-9]+)?$");
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final Set<String> RESOLVABLE = Set.of("bool", "int", "float", "null", "timestamp");

    private GoYamlScalars() {
    }

    /** Thrown for a scalar go-yaml refuses, or one JSON cannot hold (infinity, NaN). */
    static final class ScalarException extends Exception {
        ScalarException(String message) {
            super(message);
        }
    }

    /**
     * The resolved value: a {@link String}, {@link Boolean}, {@link BigInteger}, {@link Double}, or
     * {@link #isNull null marker}.
     *
     * @param tag the explicit tag, or {@code null} for an untagged plain scalar (resolved implicitly)
     *            or an untagged quoted one (passed as {@code tag:yaml.org,2002:str})
     */
    static Object resolve(String tag, String value) throws ScalarException {
        if (tag != null && !tag.startsWith(TAG_PREFIX)) {
            return value; // a local tag such as !foo: go-yaml keeps the text
        }
        String type = tag == null ? null : tag.substring(TAG_PREFIX.length());
        if (type != null && type.equals("str")) {
            return value;
        }
        if (type != null && type.equals("binary")) {
            try {
                return new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ScalarException("!!binary value is not base64");
            }
        }
        if (type != null && !RESOLVABLE.contains(type)) {
            return value; // !!set, !!omap and friends on a scalar: go-yaml keeps the text
        }
        Object resolved = implicit(value);
        if (type == null || type.equals("timestamp")) {
            return resolved;
        }
        String got = typeOf(resolved);
        if (got.equals(type)) {
            return resolved;
        }
        if (type.equals("float") && resolved instanceof BigInteger i) {
            return i.doubleValue();
        }
        throw new ScalarException("cannot decode !!" + got + " `" + shorten(value) + "` as a !!" + type);
    }

    static boolean isNull(Object value) {
        return value == NULL;
    }

    /** The JSON node for a resolved value. */
    static JsonNode toJson(Object value) throws ScalarException {
        if (value == NULL) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof BigInteger i) {
            if (i.bitLength() < 32) {
                return NODES.numberNode(i.intValue());
            }
            if (i.bitLength() < 64) {
                return NODES.numberNode(i.longValue());
            }
            return NODES.numberNode(i);
        }
        double d = (Double) value;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new ScalarException("the value " + d + " cannot be represented in JSON (Kubernetes refuses it)");
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            // Go's encoding/json writes an integral float64 without a fraction: 8.0 becomes 8
            return toJson(BigDecimal.valueOf(d).toBigIntegerExact());
        }
        return NODES.numberNode(BigDecimal.valueOf(d));
    }

    /**
     * A resolved map key as the JSON object key sigs.k8s.io/yaml makes of it: {@code yes:} becomes
     * {@code "true"}, {@code 0x10:} becomes {@code "16"}; a null key is an error.
     */
    static String keyText(Object value) throws ScalarException {
        if (value == NULL) {
            throw new ScalarException("a null map key cannot be converted to JSON");
        }
        if (value instanceof Double d) {
            if (d.isNaN()) {
                return ".nan";
            }
            if (d.isInfinite()) {
                return d > 0 ? "+.inf" : "-.inf";
            }
            return new BigDecimal(Float.toString(d.floatValue())).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    private static String typeOf(Object value) {
        if (value == NULL) {
            return "null";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof BigInteger) {
            return "int";
        }
        if (value instanceof Double) {
            return "float";
        }
        return "str";
    }

    /** go-yaml v2 {@code resolve("", in)}. */
    static Object implicit(String in) {
        Object keyword = KEYWORDS.get(in);
        if (keyword != null) {
            return keyword;
        }
        if (in.isEmpty()) {
            return NULL;
        }
        char c = in.charAt(0);
        if (c == '.') {
            return DOT_FLOAT.matcher(in).matches() ? (Object) Double.parseDouble(in) : in;
        }
        if (c == '+' || c == '-' || (c >= '0' && c <= '9')) {
            String plain = in.replace("_", "");
            BigInteger integer = goParseInt(plain);
            if (integer != null && integer.compareTo(INT64_MIN) >= 0 && integer.compareTo(INT64_MAX) <= 0) {
                return integer;
            }
            if (integer != null && integer.signum() > 0 && integer.compareTo(UINT64_MAX) <= 0 && plain.charAt(0) != '+') {
                return integer;
            }
            if (YAML_FLOAT.matcher(plain).matches()) {
                return Double.parseDouble(plain);
            }
        }
        return in;
    }

    /** Go's {@code strconv.ParseInt(s, 0, ...)} syntax, without the range check; null if not an integer. */
    private static BigInteger goParseInt(String s) {
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        String body = s.substring(i);
        int radix = 10;
        if (body.length() >= 2 && body.charAt(0) == '0') {
            char p = Character.toLowerCase(body.charAt(1));
            if (p == 'x') {
                radix = 16;
                body = body.substring(2);
            } else if (p == 'o') {
                radix = 8;
                body = body.substring(2);
            } else if (p == 'b') {
                radix = 2;
                body = body.substring(2);
            } else {
                radix = 8;
                body = body.substring(1);
            }
        }
        if (body.isEmpty()) {
            return null;
        }
        for (int k = 0; k < body.length(); k++) {
            if (Character.digit(body.charAt(k), radix) < 0) {
                return null;
            }
        }
        BigInteger value = new BigInteger(body, radix);
        return negative ? value.negate() : value;
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }

    private static Map<String, Object> keywords() {
        Map<String, Object> map = new java.util.HashMap<>();
        for (String s : new String[] {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
            map.put(s, Boolean.TRUE);
        }
        for (String s : new String[] {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
            map.put(s, Boolean.FALSE);
        }
        for (String s : new String[] {"~", "null", "Null", "NULL"}) {
            map.put(s, NULL);
        }
        for (String s : new String[] {".nan", ".NaN", ".NAN"}) {
            map.put(s, Double.NaN);
        }
        for (String s : new String[] {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) {
            map.put(s, Double.POSITIVE_INFINITY);
        }
        for (String s : new String[] {"-.inf", "-.Inf", "-.INF"}) {
            map.put(s, Double.NEGATIVE_INFINITY);
        }
        return Map.copyOf(map);
    }
}
