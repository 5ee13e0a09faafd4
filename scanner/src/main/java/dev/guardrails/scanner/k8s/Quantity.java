package dev.guardrails.scanner.k8s;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 500m}, {@code 1.5Gi}, {@code 1e3}) parsed the way
 * apimachinery's {@code resource.ParseQuantity} does: an optional sign, a decimal number, then
 * one binary (Ki..Ei) or decimal (n, u, m, k, M, G, T, P, E) suffix or a decimal exponent.
 *
 * @param value  the exact value
 * @param format the suffix family the API server keeps when it re-serialises the quantity
 */
public record Quantity(BigDecimal value, Format format) implements Comparable<Quantity> {

    public enum Format { BINARY_SI, DECIMAL_SI, DECIMAL_EXPONENT }

    private static final Pattern SYNTAX = Pattern.compile(
            "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(1024L)),
            Map.entry("Mi", BigDecimal.valueOf(1024L * 1024)),
            Map.entry("Gi", BigDecimal.valueOf(1024L * 1024 * 1024)),
            Map.entry("Ti", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024)),
            Map.entry("Pi", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024 * 1024)),
            Map.entry("Ei", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024 * 1024 * 1024)),
            Map.entry("n", new BigDecimal("1e-9")),
            Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("", BigDecimal.ONE),
            Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")));

    /** Parses a quantity, empty when the API server would reject the text. */
    public static Optional<Quantity> parse(String text) {
        if (text == null || text.length() > 100) {
            return Optional.empty();
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2) == null ? "" : m.group(2);
        if (suffix.startsWith("e") || suffix.startsWith("E")) {
            int exponent = Integer.parseInt(suffix.substring(1));
            if (Math.abs(exponent) > 100) {
                return Optional.empty();
            }
            return Optional.of(new Quantity(number.scaleByPowerOfTen(exponent), Format.DECIMAL_EXPONENT));
        }
        Format format = suffix.endsWith("i") ? Format.BINARY_SI : Format.DECIMAL_SI;
        return Optional.of(new Quantity(number.multiply(SUFFIXES.get(suffix)), format));
    }

    public static boolean isValid(String text) {
        return parse(text).isPresent();
    }

    public int sign() {
        return value.signum();
    }

    public boolean isInteger() {
        return value.stripTrailingZeros().scale() <= 0;
    }

    @Override
    public int compareTo(Quantity o) {
        return value.compareTo(o.value);
    }
}
