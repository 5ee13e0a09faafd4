package dev.guardrails.plugin.cli;

import dev.guardrails.argocd.app.RepoCopies;
import dev.guardrails.argocd.app.RepoIdentity;
import dev.guardrails.argocd.app.RepoRenderings;
import dev.guardrails.argocd.app.RepoScan;
import dev.guardrails.plugin.engine.Engines;
import dev.guardrails.scanner.config.ConfigException;
import dev.guardrails.scanner.config.ConfigLoader;
import dev.guardrails.scanner.config.GuardrailsConfig;
import dev.guardrails.scanner.engine.GuardrailsEngine;
import dev.guardrails.scanner.engine.ScanOptions;
import dev.guardrails.scanner.fix.BuiltinFixes;
import dev.guardrails.scanner.fix.FixDefaults;
import dev.guardrails.scanner.fix.FixOutcome;
import dev.guardrails.scanner.fix.FixReport;
import dev.guardrails.scanner.fix.FixRunner;
import dev.guardrails.scanner.fix.Fixer;
import dev.guardrails.scanner.fix.SourceFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code guardrails fix}: writes the mechanical fixes into the files the author owns, then proves
 * each one by rendering and checking again. Exit codes: 0 nothing left to fix by machine, 1 some
 * findings of fixable rules were refused or are not auto-fixable, 2 usage or internal error.
 */
@Command(name = "fix", description = {
        "Fix guardrail findings in the source: plain manifests in place, Kustomize in the overlay's own files or an",
        "overlay patch (never a shared base), Helm in the values key that feeds the field. Every fix is re-rendered",
        "and re-checked; one that does not clear its finding, or adds another, is rolled back and reported.",
        "Exit codes: 0 every finding of a fixable rule was fixed, 1 some were refused or need a person, 2 error."},
        mixinStandardHelpOptions = true)
public final class FixCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "The repository. Default: the current directory.")
    Path target = Path.of(".");

    @Option(names = "--rule", paramLabel = "ID", description = "Only fix this rule (repeatable). Default: every auto-fixable rule.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--dry-run", description = "Fix a copy of the repository and print the diff; the checkout is not touched.")
    boolean dryRun;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Policy file. Default: .guardrails.yaml at the repo root, if present.")
    Path config;

    @Option(names = "--profile", paramLabel = "NAME", description = "Apply this environment profile to every app.")
    String profile;

    @Option(names = "--apps", paramLabel = "MODE", description = "Which apps: auto, argocd or directories (as for scan). Default: ${DEFAULT-VALUE}.")
    String apps = "auto";

    @Option(names = "--repo-url", paramLabel = "URL", description = "A repoURL that means this checkout (repeatable).")
    List<String> repoUrls = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path root = target.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            err.println("guardrails: " + target + " is not a directory");
            return ExitCode.ERROR.code();
        }
        Set<String> fixable = BuiltinFixes.all().stream().map(Fixer::ruleId).collect(Collectors.toSet());
        for (String rule : rules) {
            if (!fixable.contains(rule)) {
                err.println("guardrails: --rule " + rule + " is not auto-fixable (see `guardrails rules`: the FIX column)");
                return ExitCode.ERROR.code();
            }
        }
        try (RepoCopies copies = new RepoCopies(root)) {
            Path work = dryRun ? copies.newCopy() : root;
            GuardrailsEngine engine = Engines.create();
            ConfigLoader loader = new ConfigLoader(Engines.ruleIds(engine));
            Path policyFile = config != null ? config : root.resolve(ConfigLoader.FILE_NAME);
            String shown = config != null ? config.toString() : ConfigLoader.FILE_NAME;
            GuardrailsConfig policy = config != null ? loader.load(config, shown) : loader.loadFromRepo(root);
            FixDefaults defaults = loader.loadFixes(policyFile, shown);
            List<String> urls = new ArrayList<>(repoUrls);
            RepoIdentity.originUrl(root).ifPresent(urls::add);
            ScanOptions options = new ScanOptions(profile, 1, Clock.systemUTC());
            FixRunner.Renderings renderings = new RepoRenderings(engine, work, policy, options, RepoScan.Apps.parse(apps),
                    urls, err::println);
            FixRunner runner = new FixRunner(new SourceFiles(work), defaults, policy.settings(),
                    finding -> rules.isEmpty() || rules.contains(finding.ruleId()));
            FixReport report = runner.run(renderings);
            print(report, out);
            long open = report.count(FixOutcome.Status.REFUSED) + report.count(FixOutcome.Status.NOT_FIXABLE);
            return open == 0 ? ExitCode.CLEAN.code() : ExitCode.BLOCKED.code();
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("guardrails: " + e.getMessage());
            return ExitCode.ERROR.code();
        } catch (IOException | RuntimeException e) {
            err.println("guardrails: internal error: " + e);
            return ExitCode.ERROR.code();
        }
    }

    private static String objectKey(FixOutcome o) {
        return o.finding().ruleId() + " " + o.finding().app() + " " + o.finding().object();
    }

    private void print(FixReport report, PrintWriter out) {
        if (report.outcomes().isEmpty()) {
            out.println("Nothing to fix: no finding of an auto-fixable rule.");
            out.flush();
            return;
        }
        // Several findings of one rule on one object (one per container) are told apart by their field.
        java.util.Map<String, Long> perObject = report.outcomes().stream().collect(Collectors.groupingBy(
                FixCommand::objectKey, Collectors.counting()));
        for (FixOutcome o : report.outcomes()) {
            String object = o.finding().object().kind() + "/" + o.finding().object().name();
            if (perObject.get(objectKey(o)) > 1 && !o.finding().path().isEmpty()) {
                object += " " + o.finding().path();
            }
            out.printf("%-11s %s %s %s: %s%n", o.status().id(), o.finding().ruleId(), o.finding().app(), object, o.detail());
        }
        out.printf("%n%d fixed, %d refused, %d not auto-fixable%s.%n", report.count(FixOutcome.Status.FIXED),
                report.count(FixOutcome.Status.REFUSED), report.count(FixOutcome.Status.NOT_FIXABLE),
                dryRun ? " (dry run: nothing was written)" : "");
        if (!report.diffs().isEmpty()) {
            out.println();
            report.diffs().values().forEach(out::print);
        }
        out.flush();
    }
}
