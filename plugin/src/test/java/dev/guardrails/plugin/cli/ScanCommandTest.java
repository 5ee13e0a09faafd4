package dev.guardrails.plugin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScanCommandTest {

    private static final Path PLAIN = SampleReposTest.ROOT.resolve("sample-repos/plain");

    @TempDir
    Path tmp;

    @Test
    void cleanRepoPrintsOneLineAndExitsZero() throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("app"));
        Files.copy(PLAIN.resolve("apps/checkout/service.yaml"), repo.resolve("app/service.yaml"));
        Files.writeString(repo.resolve(".guardrails.yaml"), "requiredLabels: [app.kubernetes.io/name, team]\nnamespace: shop\n"
                + "rules: {network-policy-missing: \"off\", limit-range-missing: \"off\", resource-quota-missing: \"off\"}\n");
        CliRun run = CliRun.of("scan", repo.toString(), "--no-color");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out().strip())
                .isEqualTo("No guardrail findings in 1 app (4 objects). Coverage: 1 rendered, 0 skipped, 0 failed.");
    }

    @Test
    void enforcedFindingsExitOne() {
        CliRun run = CliRun.of("scan", PLAIN.toString(), "--no-color");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("ENFORCE").contains("privileged-container").contains("apps/legacy-report/cronjob.yaml");
    }

    @Test
    void modeOverrideDowngradesToWarn() {
        CliRun run = CliRun.of("scan", PLAIN.toString(), "--mode", "warn", "-f", "json=" + tmp.resolve("r.json"));
        // categories in the repo's policy still enforce pod-security: an override of the default mode leaves them
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "sarif", "junit", "markdown"})
    void secretValuesNeverAppearInReports(String format) throws IOException {
        Path out = tmp.resolve("report." + format);
        CliRun run = CliRun.of("scan", PLAIN.toString(), "-f", format + "=" + out);
        assertThat(run.exitCode()).isEqualTo(1);
        String report = Files.readString(out);
        assertThat(report).contains("plaintext-secret").doesNotContain("hunter2-do-not-print");
        assertThat(run.out() + run.err()).doesNotContain("hunter2-do-not-print");
    }

    @Test
    void writesSeveralFormatsAtOnce() {
        Path sarif = tmp.resolve("out/scan.sarif");
        Path junit = tmp.resolve("out/junit.xml");
        CliRun run = CliRun.of("scan", PLAIN.toString(), "-f", "sarif=" + sarif, "-f", "junit=" + junit, "-f", "text");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(sarif).exists().content().contains("\"version\" : \"2.1.0\"");
        assertThat(junit).exists().content().contains("<testsuites");
        assertThat(run.out()).contains("privileged-container");
    }

    @Test
    void unknownFormatIsUsageError() {
        CliRun run = CliRun.of("scan", PLAIN.toString(), "-f", "pdf");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown report format 'pdf'").contains("sarif");
    }

    @Test
    void missingDirectoryIsUsageError() {
        CliRun run = CliRun.of("scan", tmp.resolve("nope").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not a directory or a Git URL");
    }

    @Test
    void badPolicyFileIsAnErrorNamingTheField() throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve(".guardrails.yaml"), "rules:\n  latest-tagg: enforce\n");
        CliRun run = CliRun.of("scan", repo.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(".guardrails.yaml: rules.latest-tagg: unknown rule id 'latest-tagg'");
    }

    @Test
    void exemptionWithoutOwnerIsRefused() throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve(".guardrails.yaml"),
                "exemptions:\n  - rule: latest-tag\n    reason: because\n    expires: 2030-01-01\n");
        CliRun run = CliRun.of("scan", repo.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("exemptions[0].owner: required");
    }

    @Test
    void scansAGitRepoAtARevisionWithoutTouchingTheWorkTree() throws Exception {
        Path repo = tmp.resolve("git-repo");
        Files.createDirectories(repo.resolve("app"));
        Path manifest = repo.resolve("app/pod.yaml");
        Files.writeString(manifest, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
                + "    - name: c\n      image: nginx:latest\n");
        String first;
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            first = git.commit().setMessage("latest").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call().getName();
            Files.writeString(manifest, Files.readString(manifest).replace("nginx:latest", "nginx:1.27"));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("pin").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
        }
        Path atFirst = tmp.resolve("first.json");
        CliRun old = CliRun.of("scan", repo.toString(), "--ref", first, "-f", "json=" + atFirst);
        assertThat(old.exitCode()).as(old.err()).isZero();
        assertThat(Files.readString(atFirst)).contains("\"ruleId\" : \"latest-tag\"").contains(first);

        Path atHead = tmp.resolve("head.json");
        CliRun head = CliRun.of("scan", "file://" + repo, "--ref", "main", "-f", "json=" + atHead);
        assertThat(head.exitCode()).as(head.err()).isZero();
        assertThat(Files.readString(atHead)).doesNotContain("\"ruleId\" : \"latest-tag\"");
        assertThat(Files.readString(manifest)).contains("nginx:1.27");
    }

    @Test
    void aRelativePathAtHeadTildeOneScansThePreviousCommit() throws Exception {
        Path repo = tmp.resolve("rel-repo");
        Files.createDirectories(repo.resolve("app"));
        Path manifest = repo.resolve("app/pod.yaml");
        Files.writeString(manifest, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
                + "    - name: c\n      image: nginx:latest\n");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("latest").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
            Files.writeString(manifest, Files.readString(manifest).replace("nginx:latest", "nginx:1.27"));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("pin").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
        }
        // `guardrails scan . --ref HEAD~1` run from inside the repo: the path is relative to the cwd.
        String relative = Path.of("").toAbsolutePath().relativize(repo).toString();
        Path out = tmp.resolve("prev.json");
        CliRun run = CliRun.of("scan", relative, "--ref", "HEAD~1", "-f", "json=" + out);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(out)).contains("\"ruleId\" : \"latest-tag\"");
    }

    @Test
    void unknownRevisionIsAClearError() throws Exception {
        Path repo = tmp.resolve("git-repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("x.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("x").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").setSign(false).call();
        }
        CliRun run = CliRun.of("scan", repo.toString(), "--ref", "no-such-branch");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("revision 'no-such-branch' not found");
    }

    @Test
    void tokensInUrlsAreRedacted() {
        CliRun run = CliRun.of("scan", "https://user:s3cr3t-token@127.0.0.1:1/org/repo.git", "--ref", "main");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("s3cr3t-token").contains("***@");
    }

    @Test
    void rulesListsTheCatalogAndExplainShowsHowToExempt() {
        CliRun rules = CliRun.of("rules");
        assertThat(rules.exitCode()).isZero();
        assertThat(rules.out().lines().filter(l -> !l.startsWith("ID")).count()).isGreaterThanOrEqualTo(40);
        CliRun explain = CliRun.of("explain", "run-as-non-root");
        assertThat(explain.exitCode()).isZero();
        assertThat(explain.out()).contains("Why:").contains("Fix:").contains("owner:").contains("expires:");
        assertThat(CliRun.of("explain", "nope").exitCode()).isEqualTo(2);
    }

    @Test
    void rulesMarkdownIsTheCommittedDoc() throws IOException {
        CliRun run = CliRun.of("rules", "--markdown");
        assertThat(run.out()).isEqualTo(Files.readString(SampleReposTest.ROOT.resolve("docs/rules.md")));
    }

}
