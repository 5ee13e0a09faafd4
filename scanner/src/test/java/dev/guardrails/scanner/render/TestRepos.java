package dev.guardrails.scanner.render;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Copies a fixture repo from test resources into a temp dir, so a test can add symlinks or files
 * (none are committed) and so renders cannot touch the source tree.
 */
final class TestRepos {

    private TestRepos() {
    }

    static Path copy(String resource, Path target) throws IOException {
        URL url = TestRepos.class.getResource("/" + resource);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        Path source;
        try {
            source = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path repo = target.resolve("repo");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Path dest = repo.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(path, dest);
                }
            }
        }
        return repo;
    }

    /** Every document's text of a render, joined. */
    static String allContent(RenderOutput output) {
        StringBuilder text = new StringBuilder();
        output.files().forEach(f -> text.append(f.content()));
        return text.toString();
    }
}
