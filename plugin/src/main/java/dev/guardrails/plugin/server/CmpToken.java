package dev.guardrails.plugin.server;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.context.annotation.Context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The shared secret of the CMP endpoint, read from {@code guardrails.cmp.token-file} or created there
 * (32 random bytes, hex, mode 0600) when the file does not exist yet. Created eagerly, so a server
 * that cannot read or create it does not start, and the sidecar can read it once the server is up.
 * Never logged.
 */
@Context
@Requires(property = "guardrails.cmp.enabled", value = "true")
public final class CmpToken {

    /** Header generate.sh sends the token in. */
    public static final String HEADER = "X-Guardrails-Cmp-Token";

    private final byte[] token;

    public CmpToken(CmpSettings settings) {
        if (settings.tokenFile() == null || settings.tokenFile().isBlank()) {
            throw new ConfigurationException("guardrails.cmp.token-file (GUARDRAILS_CMP_TOKEN_FILE) must be set when "
                    + "guardrails.cmp.enabled is true: the CMP endpoint only answers callers presenting its token");
        }
        Path file = Path.of(settings.tokenFile());
        try {
            this.token = readOrCreate(file);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read or create the CMP token file " + file
                    + " (guardrails.cmp.token-file): " + e.getMessage());
        }
    }

    /** Whether {@code presented} is the token, compared in constant time. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(presented.strip().getBytes(StandardCharsets.UTF_8), token);
    }

    private static byte[] readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String fresh = HexFormat.of().formatHex(random);
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, fresh + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                // Created concurrently (a second replica on the same volume): use theirs.
            } catch (UnsupportedOperationException e) {
                Files.writeString(file, fresh + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            }
        }
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.length() < 16 || !value.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IOException("the token must be at least 16 printable characters without spaces");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

}
