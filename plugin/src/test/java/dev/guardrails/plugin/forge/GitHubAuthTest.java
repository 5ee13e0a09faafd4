package dev.guardrails.plugin.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GitHubAuthTest {

    private static KeyPair keys;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    @Test
    void readsPkcs8AndPkcs1KeysToTheSameKey() throws Exception {
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        PrivateKey fromPkcs8 = PemKeys.readRsa(pem("PRIVATE KEY", pkcs8));
        PrivateKey fromPkcs1 = PemKeys.readRsa(pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length)));

        assertThat(fromPkcs8.getEncoded()).isEqualTo(pkcs8);
        assertThat(fromPkcs1.getEncoded()).isEqualTo(pkcs8);
    }

    @Test
    void rejectsGarbageWithoutQuotingIt() {
        assertThatThrownBy(() -> PemKeys.readRsa("-----BEGIN PRIVATE KEY-----\nQUJDRA==\n-----END PRIVATE KEY-----"))
                .isInstanceOf(GeneralSecurityException.class).hasMessageNotContaining("QUJDRA");
        assertThatThrownBy(() -> PemKeys.readRsa("not a key")).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void jwtIsSignedWithTheAppKeyAndBackdatedForClockDrift() throws Exception {
        Instant now = Instant.parse("2030-05-01T12:00:00Z");
        GitHubAuth auth = GitHubAuth.app("4242", keys.getPrivate(), Clock.fixed(now, ZoneOffset.UTC));

        String[] parts = auth.jwt().split("\\.");

        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(claims.path("iss").asText()).isEqualTo("4242");
        assertThat(claims.path("iat").asLong()).isEqualTo(now.getEpochSecond() - 60);
        assertThat(claims.path("exp").asLong()).isEqualTo(now.getEpochSecond() + 540);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(keys.getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(auth.toString()).doesNotContain(parts[2]);
    }
}
