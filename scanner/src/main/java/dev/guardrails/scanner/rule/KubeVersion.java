package dev.guardrails.scanner.rule;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Kubernetes minor version such as 1.34; patch and build metadata are irrelevant to API removals. */
public record KubeVersion(int major, int minor) implements Comparable<KubeVersion> {

    public static final KubeVersion DEFAULT = new KubeVersion(1, 34);
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.\\d+)?(?:[-+].*)?");

    /** Parses {@code 1.34}, {@code v1.34.2} or {@code 1.34.0+k3s1}. */
    public static KubeVersion parse(String text) {
        Matcher m = VERSION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Kubernetes version: '" + text + "' (expected e.g. 1.34)");
        }
        return new KubeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean atLeast(KubeVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(KubeVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
