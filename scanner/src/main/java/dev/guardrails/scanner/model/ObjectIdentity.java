package dev.guardrails.scanner.model;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Object names as finding identity: the parts a render generates (Helm random suffixes, Kustomize
 * content hashes) are replaced, so the same finding keeps its fingerprint from one render, commit
 * or audit to the next.
 */
public final class ObjectIdentity {

    /** What a generated name part becomes. */
    public static final String GENERATED = "*";

    /**
     * Kustomize's name suffix for generated ConfigMaps and Secrets: {@code -} and ten characters of
     * its hash alphabet (hex digits mapped away from vowels and look-alikes).
     */
    private static final Pattern KUSTOMIZE_HASH = Pattern.compile("-[2456789bcdfghkmt]{10}$");
    private static final Set<String> HASHED_KINDS = Set.of("ConfigMap", "Secret");

    private ObjectIdentity() {
    }

    /** The reference with a Kustomize content-hash suffix replaced; other names as they are. */
    public static ObjectRef stable(ObjectRef ref) {
        String name = ref.name();
        if (HASHED_KINDS.contains(ref.kind()) && KUSTOMIZE_HASH.matcher(name).find() && hasDigitAndLetter(name)) {
            return new ObjectRef(ref.apiVersion(), ref.kind(), ref.namespace(),
                    name.substring(0, name.length() - 10) + GENERATED);
        }
        return ref;
    }

    /**
     * A name that differs between two renders, reduced to their common prefix and suffix at name-part
     * boundaries. Two random suffixes share a first or last character by chance (1 in 36 each), so
     * a character-wise cut would give {@code job-*c} from one render pair and {@code job-*} from the
     * next; the whole generated part goes.
     */
    public static String common(String a, String b) {
        if (a.equals(b)) {
            return a;
        }
        int p = 0;
        while (p < a.length() && p < b.length() && a.charAt(p) == b.charAt(p)) {
            p++;
        }
        int s = 0;
        while (s < a.length() - p && s < b.length() - p
                && a.charAt(a.length() - 1 - s) == b.charAt(b.length() - 1 - s)) {
            s++;
        }
        while (p > 0 && Character.isLetterOrDigit(a.charAt(p - 1))) {
            p--;
        }
        while (s > 0 && Character.isLetterOrDigit(a.charAt(a.length() - s))) {
            s--;
        }
        return a.substring(0, p) + GENERATED + a.substring(a.length() - s);
    }

    private static boolean hasDigitAndLetter(String name) {
        String suffix = name.substring(name.length() - 10);
        return suffix.chars().anyMatch(Character::isDigit) && suffix.chars().anyMatch(Character::isLetter);
    }
}
