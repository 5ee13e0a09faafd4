package dev.guardrails.plugin.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Authenticates deliveries. Both checks compare in constant time ({@link MessageDigest#isEqual}, with
 * the caller-supplied value first so timing depends only on what the caller sent) and refuse
 * everything when no secret is configured: an unsigned delivery is never accepted.
 */
final class WebhookAuth {

    private static final String SHA256_PREFIX = "sha256=";

    private WebhookAuth() {
    }

    /** Whether {@code header} is GitHub's {@code X-Hub-Signature-256} of {@code body} under {@code secret}. */
    static boolean gitHubSignatureValid(String secret, byte[] body, String header) {
        if (secret == null || secret.isBlank() || header == null || !header.startsWith(SHA256_PREFIX)) {
            return false;
        }
        String expected = SHA256_PREFIX + HexFormat.of().formatHex(hmacSha256(secret, body));
        return MessageDigest.isEqual(header.getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether GitLab's {@code X-Gitlab-Token} equals the configured token. */
    static boolean gitLabTokenValid(String configured, String header) {
        if (configured == null || configured.isBlank() || header == null) {
            return false;
        }
        return MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                configured.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
