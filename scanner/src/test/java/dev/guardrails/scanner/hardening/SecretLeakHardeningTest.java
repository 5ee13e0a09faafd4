package dev.guardrails.scanner.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.report.ReportFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret committed to the repo is reported as such, but its value never leaves the scan. */
class SecretLeakHardeningTest {

    private static final String VALUE = "Sup3r-S3cret-Passw0rd-7731";
    private static final String TOKEN = "ghp_Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LmNbVc";

    @TempDir
    Path repoRoot;

    @Test
    void secretValuesAppearInNoReportFormatAndNoOutput() throws Exception {
        HardeningRepo repo = new HardeningRepo(repoRoot);
        repo.write("apps/leaky/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                  namespace: team
                type: Opaque
                stringData:
                  password: %s
                data:
                  token: %s
                """.formatted(VALUE, Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8))));
        repo.write("apps/leaky/deploy.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: team
                spec:
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                        - name: web
                          image: nginx:latest
                          env:
                            - name: GITHUB_TOKEN
                              value: %s
                            - name: DB_PASSWORD
                              value: %s
                """.formatted(TOKEN, VALUE));

        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        ScanReport report;
        StringBuilder reports = new StringBuilder();
        try {
            System.setOut(capture);
            System.setErr(capture);
            report = repo.scan();
            for (ReportFormat format : ReportFormat.values()) {
                StringWriter text = new StringWriter();
                format.reporter(false).write(report, text);
                reports.append("---- ").append(format.id()).append('\n').append(text);
                assertThat(text.toString()).as(format.id()).doesNotContain(VALUE).doesNotContain(TOKEN)
                        .doesNotContain(Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)));
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        // The secrets were seen (otherwise the test proves nothing) ...
        assertThat(report.findings()).anyMatch(f -> f.ruleId().equals("plaintext-secret") && f.object().name().equals("db"));
        assertThat(report.findings()).anyMatch(f -> f.object().name().equals("web"));
        // ... and nothing printed while scanning and reporting carries them.
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(VALUE).doesNotContain(TOKEN);
        assertThat(reports).contains("apps/leaky");
    }
}
