package dev.guardrails.scanner.engine;

import dev.guardrails.scanner.model.AppReport;
import dev.guardrails.scanner.model.Finding;
import dev.guardrails.scanner.model.ManifestObject;
import java.util.List;

/**
 * A rendered and checked app: its objects (for the CMP to print), its findings and a summary.
 */
public record AppResult(AppReport report, List<ManifestObject> objects, List<Finding> findings) {
}
