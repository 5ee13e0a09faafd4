package dev.guardrails.scanner.rules.pods;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.rule.RuleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvCredentialLiteralRuleTest {

    @Test
    void fixtures() {
        RuleFixtures.verify(new EnvCredentialLiteralRule());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "DB_PASSWORD, true",
            "dbPassword, true",
            "REDIS_PASS, false",
            "PGPASSWORD, false",
            "POSTGRES_PASSWORD, true",
            "api-key, true",
            "OAUTH_CLIENT_SECRET, true",
            "SLACK_BOT_TOKEN, true",
            "JWT_SIGNING_KEY, true",
            "GOOGLE_APPLICATION_CREDENTIALS, true",
            "DB_PASSWORD_FILE, false",
            "TOKEN_URL, false",
            "AWS_ACCESS_KEY_ID, false",
            "SECRET_NAME, false",
            "SECRETARY, false",
            "TOKENIZER_MODEL, false",
            "LOG_LEVEL, false",
    })
    void credentialNames(String name, boolean credential) {
        assertThat(EnvCredentialLiteralRule.looksLikeCredential(name)).isEqualTo(credential);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "hunter2hunter2, true",
            "'sk_live_51H8x', true",
            "true, false",
            "3600, false",
            "/var/run/secrets/token, false",
            "$(FROM_SECRET), false",
            "'${VAULT_TOKEN}', false",
            "abc, false",
            "'', false",
    })
    void secretLookingValues(String value, boolean secret) {
        assertThat(EnvCredentialLiteralRule.isSecretLooking(value)).isEqualTo(secret);
    }
}
