package dev.retinaj.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.retinaj.config.YamlText;
import dev.retinaj.util.BadFileException;
import dev.retinaj.util.OutputFolder;
import dev.retinaj.util.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A parsed YOLO data.yaml: its dataset root ({@code path}; null if that leads outside the yaml's
 * folder, and then {@code rootEscape} says why), split entries, class names (null if it has none,
 * else from {@code names} or a {@code classes.txt} beside it), and the containment every path it
 * names is checked with: the yaml's folder is the data root.
 */
public record YoloDataYaml(Path file, Path root, String rootEscape, Map<String, List<String>> splits,
                           List<String> names, DataPaths paths) {
    private static final ObjectMapper YAML = new ObjectMapper(
            new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
    /** Keys that are not splits (ultralytics uses train/val/test; any other list-valued key counts too). */
    private static final Set<String> NOT_SPLITS = Set.of("path", "names", "nc", "download", "yaml_file");

    /** @param allowOutside {@code data.allow_outside_root}: paths may leave the yaml's folder */
    public static YoloDataYaml parse(Path yaml, boolean allowOutside) {
        if (!Files.isRegularFile(yaml)) {
            throw new UsageException(yaml + ": data.yaml not found");
        }
        JsonNode n;
        try {
            byte[] bytes = Files.readAllBytes(yaml);
            String notUtf8 = YamlText.notUtf8(bytes);
            if (notUtf8 != null) {
                throw new BadFileException(yaml + ": " + notUtf8);
            }
            n = YAML.readTree(bytes);
        } catch (JacksonException e) {
            throw new BadFileException(yaml + ": malformed YAML: " + YamlText.firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new BadFileException(yaml + ": cannot read: " + OutputFolder.reason(e));
        }
        if (n == null || !n.isObject()) {
            throw new BadFileException(yaml + ": not a YAML mapping");
        }
        Path dir = yaml.toAbsolutePath().getParent();
        DataPaths paths = DataPaths.within(dir, allowOutside);
        Path root = dir;
        String rootEscape = null;
        if (n.hasNonNull("path")) {
            String p = n.get("path").asText();
            String why = paths.entryEscape(dir, p);
            root = why == null ? dir.resolve(p).normalize() : null;
            rootEscape = why == null ? null : "path '" + p + "' " + why + DataPaths.HINT;
        }
        return new YoloDataYaml(yaml, root, rootEscape, splits(n), names(yaml, n, paths), paths);
    }

    private static Map<String, List<String>> splits(JsonNode n) {
        Map<String, List<String>> splits = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            var field = it.next();
            JsonNode v = field.getValue();
            if (NOT_SPLITS.contains(field.getKey()) || v == null || !(v.isTextual() || v.isArray())) {
                continue;
            }
            List<String> entries = new ArrayList<>();
            if (v.isArray()) {
                v.forEach(e -> entries.add(e.asText()));
            } else {
                entries.add(v.asText());
            }
            splits.put(field.getKey(), entries);
        }
        return splits;
    }

    private static List<String> names(Path yaml, JsonNode n, DataPaths paths) {
        JsonNode nm = n.get("names");
        if (nm != null && nm.isArray()) {
            List<String> names = new ArrayList<>();
            nm.forEach(e -> names.add(e.asText()));
            return names;
        }
        if (nm != null && nm.isObject()) {
            TreeMap<Integer, String> byIndex = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = nm.fields(); it.hasNext(); ) {
                var e = it.next();
                try {
                    byIndex.put(Integer.parseInt(e.getKey().trim()), e.getValue().asText());
                } catch (NumberFormatException ex) {
                    throw new BadFileException(yaml + ": names key '" + e.getKey() + "' is not a class index 0..K-1");
                }
            }
            List<String> names = new ArrayList<>();
            for (var e : byIndex.entrySet()) {
                if (e.getKey() != names.size()) {
                    throw new BadFileException(yaml + ": names must be numbered 0..K-1 without gaps");
                }
                names.add(e.getValue());
            }
            return names;
        }
        Path classesTxt = yaml.toAbsolutePath().getParent().resolve("classes.txt");
        String why = paths.fileEscape(classesTxt);
        if (why != null) {
            throw new BadFileException(classesTxt + ": " + why + DataPaths.HINT);
        }
        if (!Files.isRegularFile(classesTxt)) {
            return null;
        }
        try {
            return Files.readAllLines(classesTxt).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new BadFileException(classesTxt + ": cannot read: " + e.getMessage());
        }
    }
}
