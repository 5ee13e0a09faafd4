package dev.guardrails.scanner.rules.jobs;

import dev.guardrails.scanner.model.ManifestObject;
import java.util.Optional;

/** Where the Job spec is: {@code spec} of a Job, {@code spec.jobTemplate.spec} of a CronJob. */
final class JobSpecs {

    private JobSpecs() {
    }

    static Optional<String> jobSpecPath(ManifestObject object) {
        return switch (object.kind()) {
            case "Job" -> Optional.of("spec");
            case "CronJob" -> Optional.of("spec.jobTemplate.spec");
            default -> Optional.empty();
        };
    }

    /** {@code Job "x"} or {@code CronJob "x"}, for messages. */
    static String describe(ManifestObject object) {
        return object.kind() + " \"" + object.name() + "\"";
    }
}
