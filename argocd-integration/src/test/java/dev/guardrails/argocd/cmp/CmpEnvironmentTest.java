package dev.guardrails.argocd.cmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails.scanner.model.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CmpEnvironmentTest {

    @Test
    void readsTheArgoCdVariables() throws Exception {
        CmpEnvironment env = CmpEnvironment.parse(Map.of(
                "ARGOCD_APP_NAME", "team-a_shop",
                "ARGOCD_APP_NAMESPACE", "shop",
                "ARGOCD_APP_REVISION", "0123456789abcdef",
                "ARGOCD_APP_REVISION_SHORT", "0123456",
                "ARGOCD_APP_SOURCE_PATH", "./apps/shop/",
                "KUBE_VERSION", "1.29.3",
                "KUBE_API_VERSIONS", "apps/v1,apps/v1/Deployment, v1 ,v1/ConfigMap",
                "ARGOCD_ENV_GUARDRAILS_MODE", "enforce",
                "ARGOCD_ENV_myVar", "x=y",
                "PATH", "/bin"));

        assertThat(env.shortAppName()).isEqualTo("shop");
        assertThat(env.normalizedSourcePath()).isEqualTo("apps/shop");
        assertThat(env.kubeApiVersions()).containsExactly("apps/v1", "apps/v1/Deployment", "v1", "v1/ConfigMap");
        assertThat(env.pluginEnv()).containsOnlyKeys("GUARDRAILS_MODE", "myVar").containsEntry("myVar", "x=y");
        assertThat(env.revisionShort()).isEqualTo("0123456");
    }

    @Test
    void parametersWinOverEnvAndEmptyCollectionsStayEmpty() throws Exception {
        CmpEnvironment env = CmpEnvironment.parse(Map.of(
                "ARGOCD_ENV_GUARDRAILS_MODE", "enforce",
                "ARGOCD_ENV_GUARDRAILS_PROFILE", "staging",
                "ARGOCD_APP_PARAMETERS", """
                        [{"name":"mode","string":"warn"},{"name":"values-files","array":[]},
                         {"name":"helm-parameters","map":{"image.tag":"v1=2","a.b":""}},
                         {"name":"allow-empty","string":"true"}]"""));
        PluginSettings settings = PluginSettings.from(env);

        assertThat(settings.mode()).isEqualTo(Mode.WARN);
        assertThat(settings.profile()).isEqualTo("staging");
        assertThat(settings.valuesFiles()).isEmpty();
        assertThat(settings.helmParameters()).containsExactly(Map.entry("image.tag", "v1=2"), Map.entry("a.b", ""));
        assertThat(settings.allowEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "", "[]"})
    void absentParametersAreNoParameters(String value) throws Exception {
        assertThat(CmpEnvironment.parse(Map.of("ARGOCD_APP_PARAMETERS", value)).parameters()).isEmpty();
    }

    @Test
    void malformedParametersAreAClearError() {
        assertThatThrownBy(() -> CmpEnvironment.parse(Map.of("ARGOCD_APP_PARAMETERS", "[{\"name\":\"mode\"")))
                .isInstanceOf(CmpContractException.class).hasMessageContaining("ARGOCD_APP_PARAMETERS is not valid JSON");
        assertThatThrownBy(() -> CmpEnvironment.parse(Map.of("ARGOCD_APP_PARAMETERS", "{\"name\":\"mode\"}")))
                .hasMessageContaining("must be a JSON array");
        assertThatThrownBy(() -> CmpEnvironment.parse(Map.of("ARGOCD_APP_PARAMETERS", "[{\"string\":\"x\"}]")))
                .hasMessageContaining("has no \"name\"");
    }

    @Test
    void unknownParametersAndModesAreRefused() throws Exception {
        assertThatThrownBy(() -> PluginSettings.from(CmpEnvironment.parse(
                Map.of("ARGOCD_APP_PARAMETERS", "[{\"name\":\"mdoe\",\"string\":\"off\"}]"))))
                .hasMessageContaining("unknown parameter 'mdoe'");
        assertThatThrownBy(() -> PluginSettings.from(CmpEnvironment.parse(
                Map.of("ARGOCD_ENV_GUARDRAILS_MODE", "block"))))
                .hasMessageContaining("ARGOCD_ENV_GUARDRAILS_MODE: unknown mode 'block'");
    }

    @Test
    void repoRootIsTheAppDirMinusTheSourcePath(@TempDir Path tmp) throws Exception {
        Path app = Files.createDirectories(tmp.resolve("work/apps/shop"));
        CmpWorkspace ws = CmpWorkspace.locate(app, CmpEnvironment.parse(Map.of("ARGOCD_APP_SOURCE_PATH", "apps/shop")));
        assertThat(ws.repoRoot()).isEqualTo(tmp.resolve("work").toRealPath());
        assertThat(ws.appPath()).isEqualTo("apps/shop");

        for (String bad : List.of("../shop", "apps/../../x", "other/shop")) {
            assertThatThrownBy(() -> CmpWorkspace.locate(app,
                    CmpEnvironment.parse(Map.of("ARGOCD_APP_SOURCE_PATH", bad))))
                    .as(bad).isInstanceOf(CmpContractException.class);
        }
    }
}
