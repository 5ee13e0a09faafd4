package dev.guardrails.plugin.review;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the pending-review journal. The production store ({@link FsyncJournalStore}) returns only
 * once the bytes are on disk; tests replace it to simulate a full or failing disk.
 */
public interface JournalStore {

    /** Replaces {@code file}'s content with {@code content} atomically and durably, or throws. */
    void replace(Path file, byte[] content) throws IOException;
}
