package dev.guardrails.plugin.webhook;

import dev.guardrails.plugin.review.FsyncJournalStore;
import dev.guardrails.plugin.review.JournalStore;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Path;

/** The real fsync store, which can be switched to fail as a full disk does. */
@Singleton
@Replaces(FsyncJournalStore.class)
@Requires(env = WebhookServer.ENV)
public final class FlakyJournalStore implements JournalStore {

    private final FsyncJournalStore real = new FsyncJournalStore();
    private volatile boolean full;

    public void diskFull(boolean full) {
        this.full = full;
    }

    @Override
    public void replace(Path file, byte[] content) throws IOException {
        if (full) {
            throw new IOException("No space left on device");
        }
        real.replace(file, content);
    }
}
