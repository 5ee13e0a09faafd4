package dev.guardrails.scanner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ObjectRef;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader(Set.of("latest-tag", "run-as-non-root", "render-failed"));

    @Test
    void readsEveryKey() throws Exception {
        GuardrailsConfig c = loader.parse("""
                mode: audit
                kubeVersion: v1.31.4
                namespace: shop
                allowedRegistries: [registry.example.com/]
                requiredLabels: [team]
                maxHpaReplicas: 20
                exclude: [docs/**]
                categories: {pod-security: enforce}
                rules: {latest-tag: off}
                profiles:
                  - name: prod
                    match: {paths: ["envs/prod/**"], apps: ["*-prod"]}
                    mode: enforce
                    rules: {run-as-non-root: warn}
                exemptions:
                  - rule: latest-tag
                    match: {app: "legacy/*", kind: Deployment, name: "web-*"}
                    owner: team-web
                    reason: vendor chart
                    expires: 2030-01-31
                """, ".guardrails.yaml");
        assertThat(c.mode()).isEqualTo(Mode.AUDIT);
        assertThat(c.settings().kubeVersion().toString()).isEqualTo("1.31");
        assertThat(c.settings().allowedRegistries()).containsExactly("registry.example.com/");
        assertThat(c.settings().requiredLabels()).containsExactly("team");
        assertThat(c.settings().maxHpaReplicas()).isEqualTo(20);
        assertThat(c.namespace()).isEqualTo("shop");
        assertThat(c.categories()).containsEntry("pod-security", Mode.ENFORCE);
        assertThat(c.rules()).containsEntry("latest-tag", Mode.OFF); // YAML 1.1 reads bare off as false
        assertThat(c.profiles()).singleElement().satisfies(p -> {
            assertThat(p.paths()).containsExactly("envs/prod/**");
            assertThat(p.mode()).isEqualTo(Mode.ENFORCE);
        });
        assertThat(c.exemptions()).singleElement().satisfies(e -> {
            assertThat(e.expires()).isEqualTo(LocalDate.of(2030, 1, 31));
            assertThat(e.covers("latest-tag", "legacy/web", new ObjectRef("apps/v1", "Deployment", "x", "web-1"))).isTrue();
            assertThat(e.covers("latest-tag", "legacy/web", new ObjectRef("apps/v1", "Deployment", "x", "api"))).isFalse();
            assertThat(e.covers("run-as-non-root", "legacy/web", new ObjectRef("apps/v1", "Deployment", "x", "web-1"))).isFalse();
        });
    }

    @Test
    void inlineExemptionsAreOnUnlessThePolicyRefusesThem() throws Exception {
        assertThat(loader.parse("mode: warn\n", "x").inlineExemptions()).isTrue();
        assertThat(loader.parse("inlineExemptions: false\n", "x").inlineExemptions()).isFalse();
        assertThat(loader.parse("inlineExemptions: false\n", "x").withMode(Mode.AUDIT).inlineExemptions()).isFalse();
    }

    @Test
    void platformObjectsAreReadAndSurviveKubeVersionOverrides() throws Exception {
        GuardrailsConfig c = loader.parse("""
                platformObjects:
                  serviceAccounts: [external-dns]
                  secrets: ["vault/*", regcred]
                  configMaps: []
                """, "x").withKubeVersion(dev.guardrails.scanner.rule.KubeVersion.parse("1.30"));
        var platform = c.settings().platformObjects();
        assertThat(platform.provides("ServiceAccount", "dns", "external-dns")).isTrue();
        assertThat(platform.provides("Secret", "vault", "db")).isTrue();
        assertThat(platform.provides("Secret", "shop", "db")).isFalse();
        assertThat(platform.provides("Secret", "shop", "regcred")).isTrue();
        assertThat(platform.provides("ConfigMap", "shop", "kube-root-ca.crt")).isTrue();
        assertThat(platform.provides("PersistentVolumeClaim", "shop", "regcred")).isFalse();
        assertThat(c.settings().kubeVersion().toString()).isEqualTo("1.30");
    }

    @Test
    void emptyFileMeansDefaults() throws Exception {
        assertThat(loader.parse("", "x").mode()).isEqualTo(Mode.WARN);
        assertThat(loader.parse("# only a comment\n", "x").exemptions()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "modes: warn | modes: unknown key",
            "mode: loud | mode: 'loud' is not a mode",
            "rules: {latest-tagg: warn} | rules.latest-tagg: unknown rule id 'latest-tagg'",
            "categories: {security: warn} | categories.security: unknown category",
            "kubeVersion: banana | kubeVersion: not a Kubernetes version",
            "maxHpaReplicas: -1 | maxHpaReplicas: must be a positive integer",
            "profiles: [{mode: enforce}] | profiles[0].name: required",
            "profiles: [{name: p, match: {path: x}}] | profiles[0].match.path: unknown key",
            "exemptions: [{rule: latest-tag, owner: o, reason: r}] | exemptions[0].expires: required",
            "exemptions: [{rule: latest-tag, owner: o, reason: r, expires: soon}] | exemptions[0].expires: 'soon' is not a date",
            "exemptions: [{rule: nope, owner: o, reason: r, expires: 2030-01-01}] | exemptions[0].rule: unknown rule id",
            "exemptions: [{rule: latest-tag, owner: o, reason: '', expires: 2030-01-01}] | exemptions[0].reason: required",
            "'mode: [unclosed' | malformed YAML",
            "- a list | (top level): must be a mapping",
            "inlineExemptions: maybe | inlineExemptions: must be true or false",
            "platformObjects: {secret: [x]} | platformObjects.secret: unknown key",
            "platformObjects: {secrets: x} | platformObjects.secrets: must be a list of strings",
            "platformObjects: [x] | platformObjects: must be a mapping"
    })
    void rejectsBadPolicyNamingTheField(String yaml, String message) {
        assertThatThrownBy(() -> loader.parse(yaml, "repo/.guardrails.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("repo/.guardrails.yaml")
                .hasMessageContaining(message);
    }

    @Test
    void refusesAliasBombs() {
        StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x]\n");
        String prev = "a";
        for (char c = 'b'; c <= 'h'; c++) {
            bomb.append(c).append(": &").append(c).append(" [*").append(prev).append(",*").append(prev)
                    .append(",*").append(prev).append(",*").append(prev).append("]\n");
            prev = String.valueOf(c);
        }
        assertThatThrownBy(() -> loader.parse(bomb.toString(), "x")).isInstanceOf(ConfigException.class);
    }
}
