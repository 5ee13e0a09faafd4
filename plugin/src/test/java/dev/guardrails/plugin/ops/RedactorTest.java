package dev.guardrails.plugin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "clone with ghp_abcdefghijklmnopqrstuvwxyz0123456789 failed | ghp_abcdefghijklmnopqrstuvwxyz0123456789 | ghp_****",
        "token github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz | github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz | github_pat_****",
        "gitlab said 401 for glpat-AbCdEfGhIjKlMnOpQrSt | glpat-AbCdEfGhIjKlMnOpQrSt | glpat-****",
        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc | eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc | Bearer ****",
        "Authorization: token 0123456789abcdef0123456789abcdef01234567 | 0123456789abcdef0123456789abcdef01234567 | token ****",
        "body {\"token\": \"s3cr3t-value\", \"x\": 1} | s3cr3t-value | \"token\": \"****\"",
        "body {\"private_token\":\"p4ss\\\"word\"} | p4ss | \"private_token\":\"****\"",
        "GET /api?access_token=abc123def456&x=1 | abc123def456 | access_token=****&x=1",
        "fetch https://x-access-token:hunter2hunter2@github.com/o/r.git | hunter2hunter2 | https://****@github.com/o/r.git",
        "webhook_secret=topsecretvalue | topsecretvalue | webhook_secret=****",
    })
    void masksTokenLikeValues(String line, String secret, String expected) {
        String redacted = Redactor.redact(line);
        assertThat(redacted).doesNotContain(secret).contains(expected);
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "scan of apps/web finished: 3 findings, token verification is done in the webhook filter";
        assertThat(Redactor.redact(text)).isEqualTo(text);
        assertThat(Redactor.redact(null)).isNull();
    }
}
