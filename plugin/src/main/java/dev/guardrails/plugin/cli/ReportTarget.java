package dev.guardrails.plugin.cli;

import dev.guardrails.scanner.model.ScanReport;
import dev.guardrails.scanner.report.ReportFormat;
import dev.guardrails.scanner.report.Reporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One {@code --format FORMAT[=FILE]} option: a report format and where to write it. */
record ReportTarget(Reporter reporter, Path file) {

    /** Parses every {@code --format} value; text to stdout when there is none. */
    static List<ReportTarget> parseAll(List<String> specs, boolean colour) {
        List<ReportTarget> out = new ArrayList<>();
        if (specs.isEmpty()) {
            out.add(new ReportTarget(ReportFormat.TEXT.reporter(colour), null));
            return out;
        }
        int toStdout = 0;
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            ReportFormat format = ReportFormat.parse(eq < 0 ? spec : spec.substring(0, eq));
            Path file = eq < 0 ? null : Path.of(spec.substring(eq + 1));
            if (file == null && ++toStdout > 1) {
                throw new IllegalArgumentException("only one --format may write to stdout; give the others a file: --format "
                        + format.id() + "=report." + format.id());
            }
            out.add(new ReportTarget(format.reporter(colour && file == null), file));
        }
        return out;
    }

    void write(ScanReport report, PrintWriter stdout) throws IOException {
        if (file == null) {
            reporter.write(report, stdout);
            stdout.flush();
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            reporter.write(report, w);
        }
    }
}
