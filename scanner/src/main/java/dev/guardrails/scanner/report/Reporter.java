package dev.guardrails.scanner.report;

import dev.guardrails.scanner.model.ScanReport;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes a {@link ScanReport} in one output format. Reporters are stateless and deterministic:
 * the same report always produces the same bytes, so outputs can be diffed, cached and checked
 * in as golden files. A reporter never closes the writer it is given; the caller owns it.
 */
public interface Reporter {

    /** The format's name as given on the command line, e.g. {@code sarif}. */
    String format();

    /** Writes the whole report to {@code out}. */
    void write(ScanReport report, Writer out) throws IOException;
}
