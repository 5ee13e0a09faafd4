package dev.guardrails.scanner.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.engine.AppTarget;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.render.HelmOptions;
import dev.guardrails.scanner.render.RenderRequest;
import dev.guardrails.scanner.render.SourceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing outside the checkout is read, whatever links or paths the repo contains. */
class RepoEscapeHardeningTest {

    @TempDir
    Path tmp;

    @Test
    void aSymlinkToEtcPasswdRefusesTheRepoNamingTheLink() throws Exception {
        HardeningRepo repo = new HardeningRepo(Files.createDirectories(tmp.resolve("repo")));
        repo.write("apps/evil/ok.yaml", HardeningRepo.GOOD_POD);
        Files.createSymbolicLink(repo.root.resolve("apps/evil/passwd.yaml"), Path.of("/etc/passwd"));
        repo.write("apps/good/pod.yaml", HardeningRepo.GOOD_POD);

        ScanReport report = repo.scan();

        Finding refused = HardeningRepo.only(report, "apps/evil", "render-failed");
        assertThat(refused.message()).contains("'apps/evil/passwd.yaml'").contains("resolves outside it");
        assertThat(report.findings()).noneMatch(f -> f.message().contains("root:x:0:0"));
        // Argo CD refuses the whole repository (out-of-bounds symlink), so no app of it is rendered
        assertThat(HardeningRepo.only(report, "apps/good", "render-failed").message()).contains("'apps/evil/passwd.yaml'");
    }

    @Test
    void aSymlinkedDirectoryEscapingTheRepoRefusesTheRepo() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("stolen.yaml"), HardeningRepo.GOOD_POD.replace("good", "stolen"));
        HardeningRepo repo = new HardeningRepo(Files.createDirectories(tmp.resolve("repo")));
        repo.write("apps/evil/ok.yaml", HardeningRepo.GOOD_POD);
        Files.createSymbolicLink(repo.root.resolve("apps/evil/nested"), outside);
        repo.write("apps/good/pod.yaml", HardeningRepo.GOOD_POD);

        ScanReport report = repo.scan();

        Finding refused = HardeningRepo.only(report, "apps/evil", "render-failed");
        assertThat(refused.message()).contains("'apps/evil/nested'").contains("resolves outside it");
        assertThat(report.findings()).noneMatch(f -> f.object().name().equals("stolen"));
        assertThat(HardeningRepo.only(report, "apps/good", "render-failed").message()).contains("'apps/evil/nested'");
    }

    @Test
    void aHelmValueFileOutsideTheRepoIsRefused() throws Exception {
        Path repoRoot = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(tmp.resolve("outside.yaml"), "image: evil\n");
        HardeningRepo repo = new HardeningRepo(repoRoot);
        repo.write("web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        repo.write("web/templates/cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                data:
                  image: {{ .Values.image | default "none" | quote }}
                """);
        assertThat(repoRoot.resolve("web/../../outside.yaml").normalize()).exists();
        HelmOptions helm = HelmOptions.defaults().withValueFiles(List.of("../../outside.yaml"));
        AppTarget app = new AppTarget("web", "web", new RenderRequest(repoRoot, "web", SourceType.HELM,
                "web", "team", helm, null, null));

        ScanReport report = repo.engine.scan(List.of(app), "hardening", "", repo.policy("mode: enforce"), repo.options);

        Finding refused = HardeningRepo.only(report, "web", "render-failed");
        assertThat(refused.message()).contains("../../outside.yaml").containsIgnoringCase("outside");
        assertThat(report.apps().get(0).objectCount()).isZero();
    }
}
