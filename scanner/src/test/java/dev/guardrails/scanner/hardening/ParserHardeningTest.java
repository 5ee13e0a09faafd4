package dev.guardrails.scanner.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ScanReport;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile YAML costs a finding, never the process: no OOM, no stack overflow, other apps scanned. */
class ParserHardeningTest {

    @TempDir
    Path repoRoot;

    @Test
    void aYamlAliasBombIsAnInvalidManifest() throws Exception {
        HardeningRepo repo = new HardeningRepo(repoRoot);
        StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n");
        bomb.append("  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append("  ").append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = c;
        }
        repo.write("apps/bomb/cm.yaml", bomb.toString());
        repo.write("apps/good/pod.yaml", HardeningRepo.GOOD_POD);

        ScanReport report = repo.scan();

        Finding invalid = HardeningRepo.only(report, "apps/bomb", "manifest-invalid");
        assertThat(invalid.location().file()).isEqualTo("apps/bomb/cm.yaml");
        assertThat(invalid.message()).containsIgnoringCase("alias");
        assertThat(HardeningRepo.findings(report, "apps/good", "latest-tag")).hasSize(1);
    }

    @Test
    void tenThousandLevelsOfNestingAreAnInvalidManifest() throws Exception {
        HardeningRepo repo = new HardeningRepo(repoRoot);
        StringBuilder deep = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\nextra: ");
        deep.append("[".repeat(10_000)).append("]".repeat(10_000)).append('\n');
        repo.write("apps/deep/cm.yaml", deep.toString());
        repo.write("apps/good/pod.yaml", HardeningRepo.GOOD_POD);

        ScanReport report = repo.scan();

        Finding invalid = HardeningRepo.only(report, "apps/deep", "manifest-invalid");
        assertThat(invalid.message()).containsIgnoringCase("nest");
        assertThat(HardeningRepo.findings(report, "apps/good", "latest-tag")).hasSize(1);
    }

    @Test
    void aFiftyMegabyteManifestIsRefusedByTheSizeLimitAndOtherAppsAreScanned() throws Exception {
        HardeningRepo repo = new HardeningRepo(repoRoot);
        Path huge = Files.createDirectories(repoRoot.resolve("apps/huge")).resolve("cm.yaml");
        try (BufferedWriter out = Files.newBufferedWriter(huge, StandardCharsets.UTF_8)) {
            out.write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n");
            String line = "  k%07d: \"" + "x".repeat(100) + "\"\n";
            long written = 0;
            for (int i = 0; written < 50L * 1024 * 1024; i++) {
                String l = line.formatted(i);
                out.write(l);
                written += l.length();
            }
        }
        assertThat(Files.size(huge)).isGreaterThanOrEqualTo(50L * 1024 * 1024);
        repo.write("apps/good/pod.yaml", HardeningRepo.GOOD_POD);

        ScanReport report = repo.scan();

        Finding refused = HardeningRepo.only(report, "apps/huge", "render-failed");
        assertThat(refused.message()).contains("apps/huge/cm.yaml").contains("limit");
        assertThat(HardeningRepo.findings(report, "apps/good", "latest-tag")).hasSize(1);
    }
}
