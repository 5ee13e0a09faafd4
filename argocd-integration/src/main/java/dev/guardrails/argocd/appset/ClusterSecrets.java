package dev.guardrails.argocd.appset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guardrails.scanner.config.ClusterConfig;
import dev.guardrails.scanner.model.ManifestObject;
import dev.guardrails.scanner.parse.ManifestParseException;
import dev.guardrails.scanner.parse.ManifestParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clusters an ApplicationSet's clusters generator sees: the policy's {@code clusters:} list,
 * then Argo CD cluster Secrets committed to the repo (label
 * {@code argocd.argoproj.io/secret-type: cluster}; {@code name}, {@code server}, {@code project}
 * from {@code stringData} or base64 {@code data}). Credentials in those Secrets are never read.
 * A cluster listed in the policy wins over a Secret of the same name.
 */
public final class ClusterSecrets {

    static final String SECRET_TYPE = "argocd.argoproj.io/secret-type";
    private static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private ClusterSecrets() {
    }

    /**
     * @param files repo-relative files that may hold them (those mentioning {@code argoproj.io})
     */
    public static List<Cluster> find(Path repoRoot, Collection<String> files, List<ClusterConfig> configured) {
        Map<String, Cluster> byName = new LinkedHashMap<>();
        for (ClusterConfig c : configured) {
            byName.put(c.name(), new Cluster(c.name(), c.server(), c.project(), c.labels(), c.annotations()));
        }
        ManifestParser parser = new ManifestParser();
        Path root = repoRoot.toAbsolutePath().normalize();
        for (String rel : files) {
            Path file = root.resolve(rel).normalize();
            String text;
            try {
                if (!file.startsWith(root) || !Files.isRegularFile(file) || Files.isSymbolicLink(file)
                        || Files.size(file) > MAX_FILE_BYTES) {
                    continue;
                }
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            if (!text.contains(SECRET_TYPE)) {
                continue;
            }
            try {
                for (ManifestObject o : parser.parse(text, rel)) {
                    if ("Secret".equals(o.kind()) && "cluster".equals(o.labels().get(SECRET_TYPE))) {
                        Cluster c = fromSecret(o);
                        if (c != null) {
                            byName.putIfAbsent(c.name(), c);
                        }
                    }
                }
            } catch (ManifestParseException e) {
                // not YAML we can read: a directory app reports it
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static Cluster fromSecret(ManifestObject secret) {
        String name = field(secret, "name");
        String server = field(secret, "server");
        if (server.isEmpty()) {
            return null;
        }
        return new Cluster(name.isEmpty() ? server : name, server, field(secret, "project"), secret.labels(),
                secret.annotations());
    }

    private static String field(ManifestObject secret, String key) {
        JsonNode plain = secret.raw().path("stringData").path(key);
        if (plain.isValueNode() && !plain.isNull()) {
            return plain.asText();
        }
        JsonNode encoded = secret.raw().path("data").path(key);
        if (encoded.isTextual()) {
            try {
                return new String(Base64.getMimeDecoder().decode(encoded.asText()), StandardCharsets.UTF_8).strip();
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        return "";
    }
}
