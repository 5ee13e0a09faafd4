package dev.guardrails.plugin.cli;

import dev.guardrails.argocd.app.AppSetExpander;
import dev.guardrails.argocd.app.ApplicationPlan;
import dev.guardrails.argocd.app.ApplicationPlanner;
import dev.guardrails.argocd.app.PlanNote;
import dev.guardrails.argocd.app.RepoIdentity;
import dev.guardrails.argocd.appset.ApplicationSetExpander;
import dev.guardrails.plugin.engine.Engines;
import dev.guardrails.scanner.config.ConfigException;
import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.config.PolicyResolver;
import dev.guardrails.scanner.engine.Checker;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.PlatformRules;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.Mode;
import dev.guardrails.scanner.model.ObjectRef;
import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.model.SourceSpan;
import dev.guardrails.scanner.rule.RuleInfo;
import dev.guardrails.scanner.rule.KubeVersion;
import dev.guardrails.scanner.source.GitCheckout;
import dev.guardrails.scanner.source.SourceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code guardrails scan}: render every app of a repo and report guardrail findings. */
@Command(name = "scan", description = {
        "Render every app of a GitOps repo (plain YAML, Kustomize, Helm) and check it against the guardrails.",
        "Exit codes: 0 no blocking finding, 1 enforce-mode findings, 2 usage or internal error."},
        mixinStandardHelpOptions = true)
public final class ScanCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET",
            description = "A directory, or a Git URL (https://, file://, ssh). Default: the current directory.")
    String target = ".";

    @Option(names = "--ref", paramLabel = "REV",
            description = "Git revision to scan (branch, tag or SHA). Clones TARGET into a temporary directory.")
    String ref;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Policy file. Default: .guardrails.yaml at the repo root, if present.")
    Path config;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT[=FILE]",
            description = "Report format: text, json, sarif, junit, markdown; repeatable; '=FILE' writes to a file. Default: text.")
    List<String> formats = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "NAME", description = "Apply this environment profile to every app.")
    String profile;

    @Option(names = "--mode", paramLabel = "MODE", description = "Override the default mode (off, audit, warn, enforce).")
    String mode;

    @Option(names = "--kube-version", paramLabel = "VERSION", description = "Target Kubernetes version for API deprecations.")
    String kubeVersion;

    @Option(names = {"-j", "--parallelism"}, paramLabel = "N", description = "Apps rendered at once. Default: CPU count.")
    int parallelism = Runtime.getRuntime().availableProcessors();

    @Option(names = "--token-env", paramLabel = "VAR", description = "Environment variable holding an HTTPS Git token. Default: ${DEFAULT-VALUE}.")
    String tokenEnv = "GUARDRAILS_GIT_TOKEN";

    @Option(names = "--no-color", description = "Never colour text output (also honoured: NO_COLOR).")
    boolean noColor;

    @Option(names = "--apps", paramLabel = "MODE", description = {
            "Which apps to scan: argocd (render every Argo CD Application and ApplicationSet the way Argo CD",
            "would, following app-of-apps), directories (discover apps from the directory layout), or auto:",
            "argocd when some Application points at this repo, else directories. Default: ${DEFAULT-VALUE}."})
    String apps = "auto";

    @Option(names = "--repo-url", paramLabel = "URL", description = {
            "A repoURL that means this checkout (repeatable). The origin remote (and a Git TARGET) count already;",
            "sources from other repositories are skipped with a note."})
    List<String> repoUrls = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            GuardrailsEngine engine = Engines.create();
            ConfigLoader loader = new ConfigLoader(Engines.ruleIds(engine));
            List<ReportTarget> outputs = ReportTarget.parseAll(formats, colour());
            ScanReport report;
            if (ref != null || GitCheckout.isRemote(target)) {
                try (GitCheckout checkout = GitCheckout.clone(target, ref, Optional.ofNullable(System.getenv(tokenEnv)))) {
                    List<String> urls = new ArrayList<>(repoUrls);
                    urls.add(target);
                    report = scan(engine, loader, checkout.root(), GitCheckout.redact(target), checkout.commit(), urls);
                }
            } else {
                Path root = Path.of(target).toAbsolutePath().normalize();
                if (!Files.isDirectory(root)) {
                    err.println("guardrails: " + target + " is not a directory or a Git URL");
                    return ExitCode.ERROR.code();
                }
                report = scan(engine, loader, root, target, GitCheckout.headOf(root).orElse(""), repoUrls);
            }
            for (ReportTarget out : outputs) {
                out.write(report, spec.commandLine().getOut());
            }
            return report.blocking().isEmpty() ? ExitCode.CLEAN.code() : ExitCode.BLOCKED.code();
        } catch (ConfigException | SourceException | IllegalArgumentException e) {
            err.println("guardrails: " + e.getMessage());
            return ExitCode.ERROR.code();
        } catch (IOException | RuntimeException e) {
            err.println("guardrails: internal error: " + e);
            return ExitCode.ERROR.code();
        }
    }

    private ScanReport scan(GuardrailsEngine engine, ConfigLoader loader, Path root, String shownTarget, String revision,
                            List<String> urls) throws ConfigException, IOException {
        GuardrailsConfig policy = config != null ? loader.load(config, config.toString()) : loader.loadFromRepo(root);
        if (mode != null) {
            policy = policy.withMode(Mode.parse(mode));
        }
        if (kubeVersion != null) {
            policy = policy.withKubeVersion(KubeVersion.parse(kubeVersion));
        }
        ScanOptions options = new ScanOptions(profile, parallelism, Clock.systemUTC());
        String appsMode = apps == null ? "auto" : apps.strip().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("auto", "argocd", "directories").contains(appsMode)) {
            throw new IllegalArgumentException("--apps must be auto, argocd or directories, not '" + apps + "'");
        }
        if (!appsMode.equals("directories")) {
            PrintWriter err = spec.commandLine().getErr();
            RepoIdentity identity = RepoIdentity.of(root, urls);
            AppSetExpander appSets = appSet -> {
                var expansion = new ApplicationSetExpander(root, identity).expand(appSet);
                return new AppSetExpander.Expansion(expansion.applications(), expansion.problems());
            };
            try (ApplicationPlan plan = new ApplicationPlanner(engine, appSets, identity)
                    .plan(root, policy, options, revision)) {
                if (appsMode.equals("argocd") || plan.pointsAtThisRepo()) {
                    plan.notes().forEach(n -> err.println(n.line()));
                    ScanReport report = engine.scan(plan.targets(), shownTarget, revision, policy, options);
                    return withInvalidApps(report, plan, policy, options);
                }
                if (!plan.applications().isEmpty()) {
                    err.println("guardrails: " + plan.applications().size() + " Argo CD Application(s) found, none"
                            + " with a source in this repository (" + identity + "); scanning directories instead."
                            + " Pass --repo-url to name this repository.");
                }
            }
        }
        return engine.scan(root, shownTarget, revision, policy, options);
    }

    /**
     * Applications Argo CD itself would refuse (several source types, bad override files, broken
     * kustomize edits) render nothing there either: they are reported as render failures, like an
     * app whose helm template fails.
     */
    private static ScanReport withInvalidApps(ScanReport report, ApplicationPlan plan, GuardrailsConfig policy,
                                              ScanOptions options) {
        if (plan.invalid().isEmpty()) {
            return report;
        }
        PolicyResolver resolver = new PolicyResolver(policy);
        RuleInfo info = PlatformRules.RENDER_FAILED;
        LocalDate today = LocalDate.now(options.clock());
        List<Finding> findings = new ArrayList<>(report.findings());
        for (PlanNote note : plan.invalid()) {
            String file = note.location() == null ? "" : note.location().replaceFirst(":\\d+$", "");
            Mode mode = resolver.modeFor(info, resolver.profileFor(note.app(), file, options.profile()));
            if (mode == Mode.OFF) {
                mode = Mode.AUDIT; // as the engine: a render failure is never silent
            }
            Finding f = new Finding(info.id(), info.title(), info.category(), info.severity(), mode, note.app(),
                    new ObjectRef("argoproj.io/v1alpha1", "Application", "", note.app()),
                    new SourceSpan(file, 0, 0), "", note.message(), info.remediation(), null);
            findings.add(Checker.exempt(f, policy.exemptions(), today));
        }
        return new ScanReport(report.target(), report.revision(), report.startedAt(), report.elapsedMillis(),
                report.apps(), findings, report.rules());
    }

    private boolean colour() {
        return !noColor && System.getenv("NO_COLOR") == null && System.console() != null;
    }
}
