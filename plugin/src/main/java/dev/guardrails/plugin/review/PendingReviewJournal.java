package dev.guardrails.plugin.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accepted but unfinished reviews, one JSON object per line, so they survive a restart. The file is
 * small (at most queue capacity + workers lines) and rewritten whole on every change through a
 * temporary file and an atomic rename: a crash leaves the previous or the next version, never half.
 * Requests carry no credentials, so the file holds none. Not thread-safe: the queue serialises calls.
 */
final class PendingReviewJournal {

    private static final Logger LOG = LoggerFactory.getLogger(PendingReviewJournal.class);
    static final String FILE_NAME = "pending-reviews.jsonl";

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ReviewRequest> entries = new LinkedHashMap<>();

    PendingReviewJournal(Path stateDir) {
        this.file = stateDir.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    /** Reads what a previous run left; unreadable lines are logged and skipped. */
    List<ReviewRequest> load() {
        entries.clear();
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.error("Cannot read the pending-review journal {}: {}", file, e.getMessage());
            return List.of();
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                ReviewRequest request = fromJson(json.readTree(line));
                entries.put(request.key(), request);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                LOG.warn("Skipping unreadable line {} of {}", i + 1, file);
            }
        }
        return new ArrayList<>(entries.values());
    }

    void add(ReviewRequest request) {
        entries.put(request.key(), request);
        write();
    }

    void remove(ReviewRequest request) {
        if (entries.remove(request.key()) != null) {
            write();
        }
    }

    void replace(ReviewRequest old, ReviewRequest replacement) {
        entries.remove(old.key());
        entries.put(replacement.key(), replacement);
        write();
    }

    int size() {
        return entries.size();
    }

    private void write() {
        try {
            Files.createDirectories(file.getParent());
            StringBuilder out = new StringBuilder();
            for (ReviewRequest r : entries.values()) {
                out.append(json.writeValueAsString(toJson(r))).append('\n');
            }
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(tmp, out, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // The review still runs; only its survival across a restart is lost.
            LOG.error("Cannot write the pending-review journal {}: {}", file, e.getMessage());
        }
    }

    private ObjectNode toJson(ReviewRequest r) {
        ObjectNode n = json.createObjectNode();
        n.put("forge", r.forge().name());
        n.put("apiBaseUrl", r.apiBaseUrl());
        n.put("repository", r.repository());
        n.put("projectId", r.projectId());
        n.put("number", r.number());
        n.put("baseRef", r.baseRef());
        n.put("baseSha", r.baseSha());
        n.put("baseCloneUrl", r.baseCloneUrl());
        n.put("headSha", r.headSha());
        n.put("headCloneUrl", r.headCloneUrl());
        n.put("installationId", r.installationId());
        n.put("trigger", r.trigger());
        return n;
    }

    private static ReviewRequest fromJson(JsonNode n) {
        if (n == null || !n.isObject() || !n.path("number").canConvertToInt()) {
            throw new IllegalArgumentException("not a review request");
        }
        return new ReviewRequest(
                Forge.valueOf(required(n, "forge")),
                required(n, "apiBaseUrl"),
                required(n, "repository"),
                optional(n, "projectId"),
                n.get("number").asInt(),
                optional(n, "baseRef"),
                optional(n, "baseSha"),
                optional(n, "baseCloneUrl"),
                required(n, "headSha"),
                optional(n, "headCloneUrl"),
                n.hasNonNull("installationId") ? n.get("installationId").asLong() : null,
                optional(n, "trigger"));
    }

    private static String required(JsonNode n, String field) {
        String value = optional(n, field);
        if (value == null) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value;
    }

    private static String optional(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
