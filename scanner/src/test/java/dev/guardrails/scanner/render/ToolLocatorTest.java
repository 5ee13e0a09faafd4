package dev.guardrails.scanner.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolLocatorTest {

    @TempDir
    Path tmp;

    private Path nowhere;

    @BeforeEach
    void setUp() throws Exception {
        nowhere = Files.createDirectories(tmp.resolve("work/nested"));
    }

    private Path executable(String path) throws Exception {
        Path file = tmp.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static Properties props(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    @Test
    void explicitPathWinsOverEverythingElse() throws Exception {
        Path explicit = executable("explicit/helm");
        executable("env/helm");
        ToolLocator locator = new ToolLocator(explicit, null, Map.of("GUARDRAILS_HELM", tmp.resolve("env/helm")
                .toString()), props("guardrails.helm", tmp.resolve("env/helm").toString()), nowhere);

        assertThat(locator.helm()).isEqualTo(explicit);
    }

    @Test
    void systemPropertyThenEnvironmentVariable() throws Exception {
        Path fromProperty = executable("prop/kubectl");
        Path fromEnv = executable("env/kubectl");

        assertThat(new ToolLocator(null, null, Map.of("GUARDRAILS_KUBECTL", fromEnv.toString()),
                props("guardrails.kubectl", fromProperty.toString()), nowhere).kubectl()).isEqualTo(fromProperty);
        assertThat(new ToolLocator(null, null, Map.of("GUARDRAILS_KUBECTL", fromEnv.toString()), props(), nowhere)
                .kubectl()).isEqualTo(fromEnv);
    }

    @Test
    void toolsDirThenToolsBinUpwardsThenProjectRootThenPath() throws Exception {
        Path inToolsDir = executable("custom/bin/helm");
        Path upwards = executable("work/tools/bin/helm");
        Path inProject = executable("project/tools/bin/helm");
        Path onPath = executable("path-bin/helm");
        Map<String, String> env = Map.of("GUARDRAILS_TOOLS_DIR", tmp.resolve("custom").toString(),
                "PATH", tmp.resolve("path-bin").toString());
        Properties project = props("guardrails.projectRoot", tmp.resolve("project").toString());

        assertThat(new ToolLocator(null, null, env, project, nowhere).helm()).isEqualTo(inToolsDir);
        assertThat(new ToolLocator(null, null, Map.of("PATH", env.get("PATH")), project, nowhere).helm())
                .isEqualTo(upwards);
        Files.delete(upwards);
        assertThat(new ToolLocator(null, null, Map.of("PATH", env.get("PATH")), project, nowhere).helm())
                .isEqualTo(inProject);
        assertThat(new ToolLocator(null, null, Map.of("PATH", env.get("PATH")), props(), nowhere).helm())
                .isEqualTo(onPath);
    }

    @Test
    void theDefaultInstallDirIsWhereTheCodeIsNotTheWorkingDirectory() {
        // As a CMP the working directory is inside the rendered (untrusted) repo.
        Path install = ToolLocator.installDir();
        Path code = Path.of("target").toAbsolutePath().normalize();
        assertThat(install).startsWith(code);
        assertThat(install).isNotEqualTo(Path.of("").toAbsolutePath().normalize());
    }

    @Test
    void missingToolNamesTheInstallScript() {
        ToolLocator locator = new ToolLocator(null, null, Map.of("PATH", tmp.resolve("empty").toString()), props(),
                nowhere);

        assertThatThrownBy(locator::kubectl)
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("kubectl not found")
                .hasMessageContaining("scripts/install-tools.sh")
                .hasMessageContaining("GUARDRAILS_KUBECTL");
    }

    @Test
    void configuredPathThatIsNotExecutableIsAnErrorNotAFallThrough() throws Exception {
        executable("path-bin/helm");
        Path notExecutable = Files.writeString(tmp.resolve("helm.txt"), "x");
        ToolLocator locator = new ToolLocator(null, null, Map.of("GUARDRAILS_HELM", notExecutable.toString(),
                "PATH", tmp.resolve("path-bin").toString()), props(), nowhere);

        assertThatThrownBy(locator::helm)
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("GUARDRAILS_HELM")
                .hasMessageContaining("not an executable file");
    }
}
