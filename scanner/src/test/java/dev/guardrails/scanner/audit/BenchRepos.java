package dev.guardrails.scanner.audit;

import dev.guardrails.scanner.bench.BenchRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Synthetic repos for the audit benchmark: the scan benchmark's generator plus a policy file. */
final class BenchRepos {

    private BenchRepos() {
    }

    static void generate(Path root, int apps, int seed) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve(".guardrails.yaml"), "mode: warn\n");
        BenchRepo.generate(root, apps, seed);
    }
}
