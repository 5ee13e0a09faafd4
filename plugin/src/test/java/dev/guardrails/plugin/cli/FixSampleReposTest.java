package dev.guardrails.plugin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guardrails.scanner.fix.BuiltinFixes;
import dev.guardrails.scanner.fix.Fixer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code guardrails fix} on every sample repo, judged by a scan afterwards rather than by its own
 * report: what it calls fixed is gone, nothing new appears, and every finding of an auto-fixable rule
 * is accounted for (fixed, refused or not auto-fixable, never silently skipped).
 */
class FixSampleReposTest {

    private static final Pattern OUTCOME = Pattern.compile("^(fixed|refused|not-fixable)\\s+(\\S+) (\\S+) (\\S+)(?: \\S+)?: .*$");
    private static final Set<String> FIXABLE = BuiltinFixes.all().stream().map(Fixer::ruleId).collect(Collectors.toSet());

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"plain", "kustomize-overlays", "helm-chart", "app-of-apps"})
    void whatFixCallsFixedIsGoneOnARescanAndNothingIsAdded(String name) throws IOException {
        Path repo = FixCommandTest.copyTree(SampleReposTest.ROOT.resolve("sample-repos").resolve(name), tmp.resolve(name));
        List<JsonNode> before = findings(repo, "before");

        CliRun fix = CliRun.of("fix", repo.toString());

        assertThat(fix.err()).as("stderr").doesNotContain("internal error");
        assertThat(fix.exitCode()).as(fix.out() + fix.err()).isIn(0, 1);
        List<String[]> outcomes = new ArrayList<>();
        for (String line : fix.out().lines().toList()) {
            Matcher m = OUTCOME.matcher(line);
            if (m.matches()) {
                outcomes.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
            }
        }
        long fixable = before.stream().filter(f -> FIXABLE.contains(f.path("ruleId").asText())
                && f.path("exemption").isNull()).count();
        assertThat(outcomes).as(fix.out()).hasSize((int) fixable);
        assertThat(outcomes).as("the samples have fixable findings").isNotEmpty();

        // Per rule, app and object (the report names no field): what it calls fixed is gone.
        List<JsonNode> after = findings(repo, "after");
        Map<String, Long> was = before.stream().collect(Collectors.groupingBy(FixSampleReposTest::key, Collectors.counting()));
        Map<String, Long> is = after.stream().collect(Collectors.groupingBy(FixSampleReposTest::key, Collectors.counting()));
        Map<String, Long> fixed = outcomes.stream().filter(o -> o[0].equals("fixed"))
                .collect(Collectors.groupingBy(o -> o[1] + " " + o[2] + " " + o[3], Collectors.counting()));
        fixed.forEach((k, n) -> assertThat(is.getOrDefault(k, 0L)).as("%s: %d fixed of %d", k, n, was.getOrDefault(k, 0L))
                .isLessThanOrEqualTo(was.getOrDefault(k, 0L) - n));
        Set<String> old = new HashSet<>();
        before.forEach(f -> old.add(f.path("fingerprint").asText()));
        assertThat(after).as("findings the fixes added").allSatisfy(f ->
                assertThat(old).contains(f.path("fingerprint").asText()));
    }

    private static String key(JsonNode f) {
        return f.path("ruleId").asText() + " " + f.path("app").asText() + " " + f.path("object").path("kind").asText()
                + "/" + f.path("object").path("name").asText();
    }

    private List<JsonNode> findings(Path repo, String label) throws IOException {
        Path json = tmp.resolve(repo.getFileName() + "-" + label + ".json");
        CliRun scan = CliRun.of("scan", repo.toString(), "-f", "json=" + json);
        assertThat(scan.err()).doesNotContain("internal error");
        List<JsonNode> out = new ArrayList<>();
        new ObjectMapper().readTree(json.toFile()).path("findings").forEach(out::add);
        return out;
    }
}
