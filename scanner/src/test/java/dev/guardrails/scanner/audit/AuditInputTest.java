package dev.guardrails.scanner.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditInputTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "sample-repos/plain | sample-repos/plain | - | plain",
            "sample-repos/plain@main | sample-repos/plain | main | plain",
            "../repo@feature/x | ../repo | feature/x | repo",
            "https://git.example.com/org/shop.git | https://git.example.com/org/shop.git | - | shop",
            "https://git.example.com/org/shop.git@v1.2 | https://git.example.com/org/shop.git | v1.2 | shop",
            "https://user@git.example.com/org/shop | https://user@git.example.com/org/shop | - | shop",
            "git@github.com:org/infra.git | git@github.com:org/infra.git | - | infra",
            "git@github.com:org/infra.git@release/1 | git@github.com:org/infra.git | release/1 | infra"})
    void repoSpecsSplitTheRefAfterTheHost(String spec, String location, String ref, String name) {
        AuditRepo repo = AuditRepo.parse(spec);
        assertThat(repo.location()).isEqualTo(location);
        assertThat(repo.ref()).isEqualTo(ref);
        assertThat(repo.name()).isEqualTo(name);
    }

    @Test
    void reposFileResolvesPathsAgainstItsDirectory() throws Exception {
        Path file = tmp.resolve("conf/repos.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                repos:
                  - name: shop
                    url: https://git.example.com/org/shop.git
                    ref: main
                    team: payments
                  - path: ../local/gitops
                """);
        List<AuditRepo> repos = ReposFile.read(file);
        assertThat(repos).containsExactly(
                new AuditRepo("shop", "https://git.example.com/org/shop.git", "main", "payments"),
                new AuditRepo("gitops", tmp.resolve("local/gitops").toString(), null, ""));
    }

    @Test
    void reposFileErrorsNameTheEntry() throws Exception {
        Path file = tmp.resolve("repos.yaml");
        Files.writeString(file, "repos:\n  - name: a\n    url: x\n    path: y\n");
        assertThatThrownBy(() -> ReposFile.read(file)).hasMessageContaining("repos[0]").hasMessageContaining("exactly one");
        Files.writeString(file, "repos:\n  - name: a\n    uri: x\n");
        assertThatThrownBy(() -> ReposFile.read(file)).hasMessageContaining("unknown key 'uri'");
        Files.writeString(file, "repos:\n  - {name: a, url: x}\n  - {name: a, url: y}\n");
        assertThatThrownBy(() -> ReposFile.read(file)).hasMessageContaining("two repos are named 'a'");
    }

    @Test
    void shardsPartitionTheRepos() {
        List<Integer> all = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(Shard.parse("0/3").select(all)).containsExactly(0, 3, 6, 9);
        assertThat(Shard.parse("1/3").select(all)).containsExactly(1, 4, 7);
        assertThat(Shard.parse("2/3").select(all)).containsExactly(2, 5, 8);
        assertThatThrownBy(() -> Shard.parse("3/3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shard.parse("a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
