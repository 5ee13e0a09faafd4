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
    private static final java.util.regex.Pattern SIGNATURE_SHAPE = java.util.regex.Pattern.compile("sha256=[0-9a-fA-F]{64}");

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

    /**
     * Whether {@code header} has the shape of a GitHub signature ({@code sha256=} and 64 hex digits):
     * a delivery without one is refused before its body is read.
     */
    static boolean looksLikeGitHubSignature(String header) {
        return header != null && SIGNATURE_SHAPE.matcher(header).matches();
    }

    /** Whether {@code header} is {@code sha256=} followed by {@code mac} in hex, compared in constant time. */
    static boolean gitHubSignatureMatches(byte[] mac, String header) {
        if (mac == null || header == null) {
            return false;
        }
        String expected = SHA256_PREFIX + HexFormat.of().formatHex(mac);
        return MessageDigest.isEqual(header.getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] hmacSha256(String secret, byte[] body) {
        return hmac(secret).doFinal(body);
    }

    /** A fresh HMAC-SHA256 keyed with {@code secret}, for hashing a body while it streams in. */
    static Mac hmac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
