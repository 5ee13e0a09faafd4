package dev.guardrails.scanner.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.render.RenderLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** helm and kustomize run with a deadline, offline and without plugins, whatever the repo asks for. */
class ToolHardeningTest {

    private static final String CHART = "apiVersion: v2\nname: %s\nversion: 0.1.0\n";

    @TempDir
    Path repoRoot;

    @Test
    void aRecursiveTemplateIsARenderFailureWithHelmsMessage() throws Exception {
        HardeningRepo repo = new HardeningRepo(repoRoot);
        repo.write("charts/loop/Chart.yaml", CHART.formatted("loop"));
        repo.write("charts/loop/templates/_x.tpl", "{{- define \"x\" -}}{{ template \"x\" . }}{{- end -}}\n");
        repo.write("charts/loop/templates/cm.yaml", "{{ template \"x\" . }}\n");
        repo.write("apps/good/pod.yaml", HardeningRepo.GOOD_POD);

        ScanReport report = repo.scan();

        Finding failed = HardeningRepo.only(report, "charts/loop", "render-failed");
        assertThat(failed.message()).contains("exceeded maximum template depth");
        assertThat(HardeningRepo.findings(report, "apps/good", "latest-tag")).hasSize(1);
    }

    @Test
    void aLongRunningChartTimesOutAndItsProcessIsGone() throws Exception {
        HardeningRepo repo = new HardeningRepo(repoRoot, new RenderLimits(Duration.ofSeconds(2), 64L * 1024 * 1024));
        repo.write("charts/slow/Chart.yaml", CHART.formatted("slow"));
        // 10^10 iterations in constant memory: far beyond any sane render, however fast the machine.
        repo.write("charts/slow/templates/cm.yaml", """
                {{- range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: slow
                """);

        ScanReport report = repo.scan();

        Finding failed = HardeningRepo.only(report, "charts/slow", "render-failed");
        assertThat(failed.message()).containsIgnoringCase("timed out");
        List<ProcessHandle> helms = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("helm")).orElse(false))
                .filter(ProcessHandle::isAlive)
                .toList();
        assertThat(helms).as("helm processes left running").isEmpty();
    }

    @Test
    void aRemoteKustomizeBaseIsRefusedByDefault() throws Exception {
        HardeningRepo repo = new HardeningRepo(repoRoot);
        repo.write("apps/remote/kustomization.yaml", """
                resources:
                  - github.com/kubernetes-sigs/kustomize//examples/multibases?ref=v1.0.6
                """);
        repo.write("apps/good/pod.yaml", HardeningRepo.GOOD_POD);

        ScanReport report = repo.scan();

        Finding refused = HardeningRepo.only(report, "apps/remote", "render-failed");
        assertThat(refused.message()).contains("github.com/kubernetes-sigs/kustomize").contains("remote");
        assertThat(HardeningRepo.findings(report, "apps/good", "latest-tag")).hasSize(1);
    }

    @Test
    void anExecPluginIsNeverRun() throws Exception {
        HardeningRepo repo = new HardeningRepo(repoRoot);
        Path marker = repoRoot.resolveSibling(repoRoot.getFileName() + "-plugin-ran");
        Path script = repo.write("apps/exec/plugin.sh", "#!/bin/sh\ntouch '" + marker + "'\ncat\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        repo.write("apps/exec/kustomization.yaml", """
                resources:
                  - cm.yaml
                transformers:
                  - transformer.yaml
                """);
        repo.write("apps/exec/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
        repo.write("apps/exec/transformer.yaml", """
                apiVersion: example.com/v1
                kind: Evil
                metadata:
                  name: evil
                  annotations:
                    config.kubernetes.io/function: |
                      exec:
                        path: ./plugin.sh
                """);

        ScanReport report = repo.scan();

        Finding refused = HardeningRepo.only(report, "apps/exec", "render-failed");
        assertThat(refused.message()).containsIgnoringCase("plugin");
        assertThat(marker).doesNotExist();
    }
}
