package dev.guardrails.plugin.cmp;

import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.rule.RuleInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A short hash of what decides the findings: the repo's {@code .guardrails.yaml} and the rule
 * catalog (guardrails version, rule ids and severities). Argo CD caches generated manifests by
 * commit and source spec, not by plugin or policy, so this annotation shows which policy produced
 * the cached output.
 */
public final class PolicyVersion {

    /** Annotation key carrying the version on every generated object. */
    public static final String ANNOTATION = "guardrails.dev/policy-version";

    private PolicyVersion() {
    }

    /** {@code <12 hex>} of sha256(policy file bytes, catalog fingerprint). */
    public static String of(Path repoRoot, List<RuleInfo> rules) throws IOException {
        Path file = repoRoot.resolve(ConfigLoader.FILE_NAME);
        byte[] policy = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
        return of(policy, rules);
    }

    static String of(byte[] policy, List<RuleInfo> rules) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(policy);
            sha.update((byte) 0);
            sha.update(catalogVersion(rules).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The guardrails version plus every rule id and severity: changes when a release changes the rules. */
    static String catalogVersion(List<RuleInfo> rules) {
        String version = PolicyVersion.class.getPackage().getImplementationVersion();
        StringBuilder sb = new StringBuilder(version == null ? "dev" : version);
        rules.stream().map(r -> r.id() + "=" + r.severity().id()).sorted().forEach(s -> sb.append(',').append(s));
        return sb.toString();
    }
}
