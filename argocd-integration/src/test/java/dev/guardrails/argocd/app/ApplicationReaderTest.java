package dev.guardrails.argocd.app;

import static dev.guardrails.argocd.app.AppFixtures.app;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApplicationReaderTest {

    @Test
    void sourcesOverrideSource() throws Exception {
        Application a = app("x", """
                project: team
                source: {repoURL: https://a, path: one}
                sources:
                  - {repoURL: https://b, path: two}
                  - {repoURL: https://c, ref: values}
                destination: {server: https://kubernetes.default.svc, namespace: ns}
                """);
        assertThat(a.sources()).extracting(ApplicationSource::repoURL).containsExactly("https://b", "https://c");
        assertThat(a.sources().get(1).refOnly()).isTrue();
        assertThat(a.project()).isEqualTo("team");
        assertThat(a.destination().namespace()).isEqualTo("ns");
        assertThat(a.origin().file()).isEqualTo("apps/x.yaml");
    }

    @Test
    void typeErrorsNameTheApplicationAndField() {
        assertThatThrownBy(() -> app("x", """
                sources:
                  - {repoURL: https://a, path: one}
                  - {repoURL: https://a, path: two, helm: {valueFiles: values.yaml}}
                """)).isInstanceOf(InvalidApplicationException.class)
                .hasMessage("Application 'x': spec.sources[1].helm.valueFiles must be a list of strings");
        assertThatThrownBy(() -> app("y", "source: {path: one}\n"))
                .hasMessage("Application 'y': spec.source.repoURL is required");
        assertThatThrownBy(() -> app("z", "destination: {}\n"))
                .hasMessage("Application 'z': spec.source is required (or spec.sources)");
    }

    @Test
    void emptyToolBlockStillSetsTheType() throws Exception {
        Application a = app("x", "source: {repoURL: https://a, path: p, kustomize: {}}\n");
        assertThat(a.sources().get(0).explicitType()).contains(ApplicationSource.Kind.KUSTOMIZE);
    }

    @Test
    void repoUrlsCompareInNormalForm() {
        RepoIdentity id = new RepoIdentity(java.util.List.of("git@GitHub.com:Org/Repo.git"));
        assertThat(id.test("https://github.com/Org/Repo")).isTrue();
        assertThat(id.test("https://github.com/Org/Repo.git/")).isTrue();
        assertThat(id.test("ssh://git@github.com/Org/Repo.git")).isTrue();
        assertThat(id.test("https://user:token@GITHUB.com/Org/Repo")).isTrue();
        assertThat(id.test("https://github.com/Org/Other")).isFalse();
        assertThat(id.test("https://gitlab.com/Org/Repo")).isFalse();
    }

    @Test
    void buildEnvSubstitutesLikeGo() {
        BuildEnv env = new BuildEnv(java.util.Map.of("ARGOCD_APP_NAME", "web"));
        assertThat(env.substitute("$ARGOCD_APP_NAME-${ARGOCD_APP_NAME}")).isEqualTo("web-web");
        assertThat(env.substitute("$$literal $UNKNOWN.")).isEqualTo("$literal .");
        assertThat(env.substitute("cost: 5$")).isEqualTo("cost: 5$");
    }
}
