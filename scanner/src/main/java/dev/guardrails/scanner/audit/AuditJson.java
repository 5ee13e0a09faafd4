package dev.guardrails.scanner.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The audit's JSON: the {@link AuditReport} record as is, under a {@code $schema} id and a
 * {@code schemaVersion}. Read back for trends ({@code --previous}) and for merging shards.
 * Output is stable: two-space indent, {@code \n} line ends, fields in record order.
 */
public final class AuditJson {

    /** Identifies the document kind; the version is in {@code schemaVersion}. */
    public static final String SCHEMA_ID = "https://guardrails.dev/schemas/audit-report.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectWriter WRITER;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        MAPPER.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        WRITER = MAPPER.writer(new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter));
    }

    private AuditJson() {
    }

    /** Writes {@code report}; the writer stays open. */
    public static void write(AuditReport report, Writer out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", SCHEMA_ID);
        root.setAll((ObjectNode) MAPPER.valueToTree(report));
        WRITER.writeValue(out, root);
        out.write('\n');
        out.flush();
    }

    /** Writes {@code report} to {@code file}, creating parent directories. */
    public static void write(AuditReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(report, w);
        }
    }

    /**
     * Reads a report.
     *
     * @throws IllegalArgumentException when it is not an audit report or of a newer schema
     */
    public static AuditReport read(Reader in, String displayName) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(displayName + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !SCHEMA_ID.equals(root.path("$schema").asText())) {
            throw new IllegalArgumentException(displayName + ": not a guardrails audit report (no $schema " + SCHEMA_ID + ")");
        }
        int version = root.path("schemaVersion").asInt(-1);
        if (version < 1 || version > AuditReport.SCHEMA_VERSION) {
            throw new IllegalArgumentException(displayName + ": audit report schema version " + version
                    + " is not supported (this guardrails reads 1.." + AuditReport.SCHEMA_VERSION + ")");
        }
        ((ObjectNode) root).remove("$schema");
        try {
            return MAPPER.treeToValue(root, AuditReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(displayName + ": malformed audit report: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a report file. */
    public static AuditReport read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    /**
     * Joins shard reports into one: repos in shard order, every finding, the earliest start and the
     * longest shard's time. Repo names must not repeat (each shard audited different repos).
     */
    public static AuditReport merge(List<AuditReport> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        List<RepoResult> repos = new ArrayList<>();
        List<AuditFinding> findings = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String earliest = null;
        long elapsed = 0;
        for (AuditReport part : parts) {
            for (RepoResult r : part.repos()) {
                if (!names.add(r.name())) {
                    throw new IllegalArgumentException("repo '" + r.name() + "' appears in more than one report to merge");
                }
                repos.add(r);
            }
            findings.addAll(part.findings());
            if (earliest == null || Instant.parse(part.generatedAt()).isBefore(Instant.parse(earliest))) {
                earliest = part.generatedAt();
            }
            elapsed = Math.max(elapsed, part.elapsedMillis());
        }
        return new AuditReport(AuditReport.SCHEMA_VERSION, earliest, elapsed, null, repos, findings);
    }
}
