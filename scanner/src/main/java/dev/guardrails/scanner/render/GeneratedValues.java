package dev.guardrails.scanner.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Whether a chart may generate values at render time: its templates (or its subcharts') call a
 * Sprig function whose result changes on every render (random strings, keys, certificates,
 * UUIDs), or it vendors packaged subcharts whose templates cannot be read cheaply. Such a chart is
 * rendered twice, and whatever differs is not material committed to Git.
 */
final class GeneratedValues {

    private static final Pattern GENERATORS = Pattern.compile(
            "\\b(?:rand(?:Alpha|AlphaNum|Numeric|Ascii|Bytes|Int)|genCA|genCAWithKey|genPrivateKey"
                    + "|genSelfSignedCert|genSelfSignedCertWithKey|genSignedCert|genSignedCertWithKey|uuidv4"
                    + "|htpasswd|bcrypt)\\b");
    private static final long MAX_BYTES = 16L * 1024 * 1024;
    private static final int MAX_FILE_BYTES = 1024 * 1024;

    private GeneratedValues() {
    }

    static boolean mayGenerate(Path chartDir) {
        AtomicBoolean found = new AtomicBoolean();
        long[] budget = {MAX_BYTES};
        try {
            Files.walkFileTree(chartDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (!attrs.isRegularFile()) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (name.endsWith(".tgz")) {
                        found.set(true); // a packaged subchart: assume it may
                        return FileVisitResult.TERMINATE;
                    }
                    if (!(name.endsWith(".tpl") || name.endsWith(".yaml") || name.endsWith(".yml")
                            || name.endsWith(".txt"))) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (budget[0] <= 0) {
                        found.set(true); // too large to read: render twice rather than guess
                        return FileVisitResult.TERMINATE;
                    }
                    try (InputStream in = Files.newInputStream(file)) {
                        byte[] bytes = in.readNBytes(MAX_FILE_BYTES);
                        budget[0] -= bytes.length;
                        if (GENERATORS.matcher(new String(bytes, StandardCharsets.UTF_8)).find()) {
                            found.set(true);
                            return FileVisitResult.TERMINATE;
                        }
                    } catch (IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return true;
        }
        return found.get();
    }
}
