package dev.guardrails.plugin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands other than {@code serve} run without a Micronaut application context: Argo CD starts
 * {@code guardrails cmp generate} once per render, and the context was most of its start-up. Each
 * command runs in its own JVM, whose class-loading log would show the context's class had one started
 * ({@code ServeCommandTest} checks the same log does show it for {@code serve}).
 */
class CliWithoutContextTest {

    @TempDir
    Path tmp;

    @Test
    void rulesRunsWithoutAnApplicationContext() throws Exception {
        ChildCli cli = finished(ChildCli.start(tmp, tmp, Map.of(), List.of(), "rules"));

        assertThat(cli.process().exitValue()).as(cli.stderr()).isZero();
        assertThat(cli.stdout()).contains("latest-tag");
        assertThat(cli.loaded("picocli.CommandLine")).isTrue(); // the log is there and complete
        assertThat(cli.loaded(ChildCli.CONTEXT_CLASS)).isFalse();
    }

    @Test
    void cmpGenerateRunsWithoutAnApplicationContextAndPrintsOnlyManifests() throws Exception {
        Path root = SampleReposTest.ROOT;
        Path app = root.resolve("sample-repos/kustomize-overlays/overlays/dev");
        Map<String, String> argo = Map.of(
                "ARGOCD_APP_NAME", "shop-dev", "ARGOCD_APP_NAMESPACE", "storefront-dev",
                "ARGOCD_APP_SOURCE_PATH", "overlays/dev", "KUBE_VERSION", "1.34.0",
                "KUBE_API_VERSIONS", "apps/v1,apps/v1/Deployment,v1,v1/ConfigMap,v1/Service",
                "ARGOCD_APP_PARAMETERS", "[{\"name\":\"mode\",\"string\":\"warn\"}]",
                "GUARDRAILS_TOOLS_DIR", root.resolve("tools").toString(), "HOME", tmp.toString(),
                // Before, the CLI context created the CMP token (an eager bean) when this was on.
                "GUARDRAILS_CMP_ENABLED", "true");
        ChildCli cli = finished(ChildCli.start(tmp, app, argo, List.of(), "cmp", "generate"));

        assertThat(cli.process().exitValue()).as(cli.stderr()).isZero();
        assertThat(cli.stdout()).containsPattern("(?m)^kind: \"?Deployment").doesNotContain(" WARN ", " INFO ");
        assertThat(cli.loaded(ChildCli.CONTEXT_CLASS)).isFalse();
    }

    private static ChildCli finished(ChildCli cli) throws InterruptedException {
        if (!cli.process().waitFor(120, TimeUnit.SECONDS)) {
            cli.process().destroyForcibly();
            throw new AssertionError("guardrails did not finish: " + cli.stderr());
        }
        return cli;
    }
}
