package dev.guardrails.plugin.review;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.guardrails.plugin.config.GitHubSettings;
import dev.guardrails.plugin.config.GitLabSettings;
import dev.guardrails.plugin.engine.Engines;
import dev.guardrails.plugin.forge.ForgeClients;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What suggested changes cost a review (not a unit test; run by {@code bench/review-suggestions/run.sh}).
 * A PR adds unhardened workloads to plain apps, a Helm chart with two value variants and a Kustomize
 * overlay; the same review runs with suggestions off and on, alternately, and the median wall times
 * are printed as a ratio, with the number of suggestions posted.
 *
 * <p>Arguments: [rounds=5] [plainApps=3].
 */
public final class ReviewSuggestionsBench {

    private static final String POLICY = """
            mode: off
            requiredLabels: [team]
            rules:
              read-only-root-filesystem: enforce
              run-as-non-root: enforce
              privilege-escalation: enforce
              seccomp-profile-missing: warn
              capabilities-not-dropped: warn
              cpu-request-missing: warn
              required-labels: warn
            fixes:
              resources:
                requests: {cpu: 100m}
              labels:
                team: payments
            """;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int plain = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path tmp = Files.createTempDirectory("guardrails-suggestions-bench");
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
            repo.write(".guardrails.yaml", POLICY);
            repo.write("charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n")
                    .write("charts/web/values.yaml", "securityContext:\n  runAsNonRoot: true\n")
                    .write("charts/web/values-prod.yaml", "replicas: 3\n")
                    .write("charts/web/templates/deployment.yaml", deployment("web",
                            "          securityContext:\n            {{- toYaml .Values.securityContext | nindent 12 }}\n"));
            repo.write("kustomize/base/kustomization.yaml", "resources:\n  - deployment.yaml\n")
                    .write("kustomize/base/deployment.yaml", deployment("shop", hardened()))
                    .write("kustomize/overlays/prod/kustomization.yaml", "resources:\n  - ../../base\n");
            String baseSha = repo.commit("base");
            repo.checkout("feature", true);
            List<String> changed = new ArrayList<>();
            for (int i = 0; i < plain; i++) {
                String path = "apps/pay" + i + "/deployment.yaml";
                repo.write(path, deployment("pay" + i, ""));
                changed.add(path);
            }
            repo.write("charts/web/values.yaml", "securityContext:\n  runAsNonRoot: true\n  readOnlyRootFilesystem: false\n");
            changed.add("charts/web/values.yaml");
            repo.write("kustomize/overlays/prod/kustomization.yaml",
                    "resources:\n  - ../../base\npatches:\n  - path: sidecar.yaml\n");
            repo.write("kustomize/overlays/prod/sidecar.yaml", """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: shop
                    spec:
                      template:
                        spec:
                          containers:
                            - name: shipper
                              image: registry.example.com/shipper:2.1.0
                    """);
            changed.add("kustomize/overlays/prod/kustomization.yaml");
            changed.add("kustomize/overlays/prod/sidecar.yaml");
            String headSha = repo.commit("head");
            repo.checkout("main", false);

            server.stubFor(any(urlPathMatching(".*")).willReturn(okJson("{\"id\":1}").withStatus(201)));
            server.stubFor(get(urlPathEqualTo("/user")).willReturn(okJson("{\"login\":\"guardrails-bot\",\"id\":7}")));
            server.stubFor(get(urlPathMatching("/repos/acme/gitops/issues/7/comments")).willReturn(okJson("[]")));
            server.stubFor(get(urlPathMatching("/repos/acme/gitops/pulls/7/comments")).willReturn(okJson("[]")));
            server.stubFor(get(urlPathEqualTo("/repos/acme/gitops/pulls/7"))
                    .willReturn(okJson("{\"head\":{\"sha\":\"" + headSha + "\"}}")));
            ArrayNode files = new ObjectMapper().createArrayNode();
            for (String f : changed) {
                files.addObject().put("filename", f).put("patch", repo.patch(baseSha, headSha, f));
            }
            server.stubFor(get(urlPathEqualTo("/repos/acme/gitops/pulls/7/files")).willReturn(okJson(files.toString())));
            ForgeClients clients = new ForgeClients(new GitHubSettings(server.baseUrl(), null, "ghp_bench", null, null,
                    false), new GitLabSettings(null, null, null), new ReviewSettings(null, null, null), ReviewFixtures.FAST,
                    Clock.systemUTC());
            GuardrailsEngine engine = Engines.create();
            ScanOptions scan = new ScanOptions(null, 2, Clock.systemUTC());
            ReviewRequest request = new ReviewRequest(Forge.GITHUB, server.baseUrl(), "acme/gitops", null, 7, "main",
                    baseSha, repo.url(), headSha, repo.url(), null, "bench");
            List<Long> off = new ArrayList<>();
            List<Long> on = new ArrayList<>();
            int suggestions = 0;
            for (int r = 0; r <= rounds; r++) {
                for (boolean suggest : new boolean[] {false, true}) {
                    server.resetRequests();
                    ReviewService service = new ReviewService(clients, engine, scan,
                            new CommentSettings(null, null, null, null, suggest), Runnable::run);
                    long t0 = System.nanoTime();
                    service.review(request);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    if (r == 0) {
                        continue; // warm-up round: JIT, helm and kubectl page cache
                    }
                    (suggest ? on : off).add(ms);
                    if (suggest) {
                        suggestions = (int) server.findAll(postRequestedFor(urlPathEqualTo("/repos/acme/gitops/pulls/7/comments")))
                                .stream().filter(q -> q.getBodyAsString().contains("```suggestion")).count();
                    }
                }
            }
            long offMedian = median(off);
            long onMedian = median(on);
            System.out.printf("review, suggestions off: median %d ms %s%n", offMedian, off);
            System.out.printf("review, suggestions on:  median %d ms %s, %d suggested changes posted%n", onMedian, on,
                    suggestions);
            System.out.printf("ratio on/off: %.2f%n", (double) onMedian / offMedian);
        } finally {
            server.stop();
        }
    }

    private static String hardened() {
        return "          securityContext: {readOnlyRootFilesystem: true, runAsNonRoot: true, allowPrivilegeEscalation: false,"
                + " capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}\n"
                + "          resources: {requests: {cpu: 50m}}\n";
    }

    private static String deployment(String name, String containerExtra) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  labels: {team: payments}
                spec:
                  selector:
                    matchLabels: {app: %s}
                  template:
                    metadata:
                      labels: {app: %s, team: payments}
                    spec:
                      containers:
                        - name: %s
                          image: registry.example.com/%s:1.0.0
                """.formatted(name, name, name, name, name) + containerExtra;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
