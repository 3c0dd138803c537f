package dev.retinaj.config;

import dev.retinaj.util.AtomicFile;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a resolved config as YAML that {@link ConfigLoader} reads back to the same values. */
public final class ConfigWriter {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .stringQuotingChecker(new QuoteUnlessText())
            .build());
    private static final ObjectMapper READ_BACK = new ObjectMapper(new YAMLFactory());

    /**
     * Quotes every string that, written plain, would read back as something else: the generator's
     * own rules miss some ("1e3" would reload as the number 1000.0), so each plain form is re-read.
     */
    private static final class QuoteUnlessText extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || !readsBackAsItself(value);
        }

        private static boolean readsBackAsItself(String value) {
            try {
                JsonNode n = READ_BACK.readTree("k: " + value + "\n").get("k");
                return n != null && n.isTextual() && n.asText().equals(value);
            } catch (IOException e) {
                return false;
            }
        }
    }

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
        String yaml = toYaml(config);
        AtomicFile.write(file, tmp -> Files.writeString(tmp, yaml));
    }
}
