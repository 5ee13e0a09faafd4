package dev.guardrails.scanner.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Generated name parts give the same identity whichever random characters a render drew. */
class ObjectIdentityTest {

    @Test
    void theWholeGeneratedPartIsReplacedEvenWhenRandomCharactersCoincide() {
        assertThat(ObjectIdentity.common("web-migrate-5fzjc", "web-migrate-k2abc")).isEqualTo("web-migrate-*");
        assertThat(ObjectIdentity.common("web-migrate-5fzjc", "web-migrate-5abcd")).isEqualTo("web-migrate-*");
        assertThat(ObjectIdentity.common("web-migrate-x1", "web-migrate-y2")).isEqualTo("web-migrate-*");
        assertThat(ObjectIdentity.common("job-ab12-worker", "job-cd34-worker")).isEqualTo("job-*-worker");
        assertThat(ObjectIdentity.common("same", "same")).isEqualTo("same");
    }

    @Test
    void kustomizeHashesOfConfigMapsAndSecretsAreDropped() {
        ObjectRef cm = new ObjectRef("v1", "ConfigMap", "shop", "settings-7b8k2dm5gt");
        assertThat(ObjectIdentity.stable(cm).name()).isEqualTo("settings-*");
        ObjectRef deployment = new ObjectRef("apps/v1", "Deployment", "shop", "settings-7b8k2dm5gt");
        assertThat(ObjectIdentity.stable(deployment)).isEqualTo(deployment);
    }
}
