package dev.retinaj.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a resolved config as YAML that {@link ConfigLoader} reads back to the same values. */
public final class ConfigWriter {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private ConfigWriter() {}

    public static String toYaml(RetinaConfig config) {
        try {
            return YAML.writeValueAsString(ConfigBinder.toTree(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of the resolved YAML: equal configs, equal hashes. */
    public static String hash(RetinaConfig config) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(toYaml(config).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Dotted paths whose values differ between two configs, in schema order. */
    public static java.util.List<String> differences(RetinaConfig a, RetinaConfig b) {
        java.util.List<String> out = new java.util.ArrayList<>();
        diff(ConfigBinder.toTree(a), ConfigBinder.toTree(b), "", out);
        return out;
    }

    private static void diff(com.fasterxml.jackson.databind.JsonNode a, com.fasterxml.jackson.databind.JsonNode b,
                             String path, java.util.List<String> out) {
        if (a.isObject() && b.isObject()) {
            a.fieldNames().forEachRemaining(k -> diff(a.get(k), b.path(k), ConfigBinder.join(path, k), out));
        } else if (!a.equals(b)) {
            out.add(path);
        }
    }

    /** Writes atomically (temp file + rename). */
    public static void write(RetinaConfig config, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, toYaml(config));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
