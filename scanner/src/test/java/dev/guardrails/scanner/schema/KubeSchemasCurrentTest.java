package dev.guardrails.scanner.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vendored API tables equal what the pinned cdk8s-plus packages generate. The packages come
 * from scripts/install-k8s-schemas.sh (run by scripts/test.sh); on a developer machine without
 * them the comparison is skipped, on CI it fails.
 */
class KubeSchemasCurrentTest {

    private static final Path ROOT = Path.of(System.getProperty("guardrails.projectRoot", "..")).toAbsolutePath().normalize();
    private static final Path RESOURCES = ROOT.resolve("scanner/src/main/resources/dev/guardrails/scanner/schema");

    static Iterable<String> versions() {
        return KubeSchema.SHIPPED;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void vendoredTableIsGeneratedFromThePinnedPackage(String version) throws IOException {
        String tools = System.getenv().getOrDefault("GUARDRAILS_TOOLS_DIR", ROOT.resolve("tools").toString());
        Path jsii = Path.of(tools, "k8s-schemas", version, ".jsii");
        if (!Files.isRegularFile(jsii)) {
            assertThat("true".equals(System.getenv("CI")))
                    .as("%s missing: run scripts/install-k8s-schemas.sh", jsii).isFalse();
            assumeTrue(false, jsii + " missing: run scripts/install-k8s-schemas.sh to check the vendored tables");
        }
        String generated = new KubeSchemaGenerator().generate(jsii, version);
        Path vendored = RESOURCES.resolve("k8s-" + version + ".json.gz");
        if (Boolean.getBoolean("guardrails.updateSchemas")) {
            Files.write(vendored, KubeSchemaGenerator.gzip(generated));
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(vendored))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .as("%s is stale: run scripts/generate-k8s-schemas.sh", vendored)
                    .isEqualTo(generated);
        }
    }
}
