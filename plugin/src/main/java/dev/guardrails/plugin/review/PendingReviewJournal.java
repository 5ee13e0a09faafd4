package dev.guardrails.plugin.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accepted but unfinished reviews, one JSON object per line, so they survive a restart. The file is
 * small (at most queue capacity + workers lines) and rewritten whole on every change through the
 * {@link JournalStore}, which returns only once the new version is durable: a change that could not
 * be written throws and is rolled back in memory, so a delivery is acknowledged only when it is on
 * disk. Each entry carries how many times its review was started (a review that crashes the process
 * must not replay forever) and the request id of the delivery that asked for it. A truncated or
 * garbled line (a crash mid-write on a file system without atomic rename) is skipped on load.
 * Requests carry no credentials, so the file holds none. Not thread-safe: the queue serialises calls.
 */
final class PendingReviewJournal {

    private static final Logger LOG = LoggerFactory.getLogger(PendingReviewJournal.class);
    static final String FILE_NAME = "pending-reviews.jsonl";

    /** One journaled review: how often it was started, and the request id it came with (or null). */
    record Entry(ReviewRequest request, int attempts, String requestId) {
    }

    private final Path file;
    private final JournalStore store;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    PendingReviewJournal(Path stateDir, JournalStore store) {
        this.file = stateDir.resolve(FILE_NAME);
        this.store = store;
    }

    Path file() {
        return file;
    }

    /** Reads what a previous run left; unreadable lines are logged and skipped. */
    List<Entry> load() {
        entries.clear();
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
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
                JsonNode n = json.readTree(line);
                ReviewRequest request = fromJson(n);
                int attempts = n.path("attempts").canConvertToInt() ? Math.max(0, n.path("attempts").asInt()) : 0;
                entries.put(request.key(), new Entry(request, attempts, optional(n, "requestId")));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                LOG.warn("Skipping unreadable line {} of {}", i + 1, file);
            }
        }
        return new ArrayList<>(entries.values());
    }

    /** Journals a new review durably, or throws and journals nothing. */
    void add(ReviewRequest request, String requestId) throws IOException {
        Entry previous = entries.put(request.key(), new Entry(request, 0, requestId));
        try {
            write();
        } catch (IOException e) {
            restore(request.key(), previous);
            throw e;
        }
    }

    /** Records that the review is being started once more, durably, or throws and records nothing. */
    void attempt(ReviewRequest request, int attempts) throws IOException {
        Entry current = entries.get(request.key());
        if (current == null) {
            return;
        }
        entries.put(request.key(), new Entry(request, attempts, current.requestId()));
        try {
            write();
        } catch (IOException e) {
            entries.put(request.key(), current);
            throw e;
        }
    }

    /**
     * Forgets a finished or dropped review. A failed write only logs: the entry is gone from memory,
     * and should it come back after a restart the review runs once more (reviews are idempotent).
     */
    void remove(ReviewRequest request) {
        if (entries.remove(request.key()) != null) {
            try {
                write();
            } catch (IOException e) {
                LOG.error("Cannot write the pending-review journal {}: {}; {} may be reviewed again after a restart",
                        file, e.getMessage(), request.key());
            }
        }
    }

    /** Swaps a queued review for a newer head of the same PR durably, or throws and changes nothing. */
    void replace(ReviewRequest old, ReviewRequest replacement, String requestId) throws IOException {
        Entry previousOld = entries.remove(old.key());
        Entry previousNew = entries.put(replacement.key(), new Entry(replacement, 0, requestId));
        try {
            write();
        } catch (IOException e) {
            restore(replacement.key(), previousNew);
            restore(old.key(), previousOld);
            throw e;
        }
    }

    int size() {
        return entries.size();
    }

    private void restore(String key, Entry previous) {
        if (previous == null) {
            entries.remove(key);
        } else {
            entries.put(key, previous);
        }
    }

    private void write() throws IOException {
        StringBuilder out = new StringBuilder();
        for (Entry e : entries.values()) {
            ObjectNode n = toJson(e.request());
            n.put("attempts", e.attempts());
            n.put("requestId", e.requestId());
            out.append(json.writeValueAsString(n)).append('\n');
        }
        store.replace(file, out.toString().getBytes(StandardCharsets.UTF_8));
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
