package dev.retinaj.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a config: the built-in defaults, then the file's {@code _base_} files (in order, each
 * resolved relative to the file that names it, recursively), then the file itself, then the
 * {@code --set} overrides; later wins in a deep merge, lists are replaced whole. Relative path values
 * ({@link ConfigPaths#KEYS}) become absolute: against the folder of the file that writes them, or
 * against the working directory for {@code --set}.
 */
public final class ConfigLoader {
    public static final String DEFAULTS = "retinaj/defaults.yaml";
    private static final String BASE_KEY = "_base_";

    private final ObjectMapper yaml;
    private final ObjectNode tree = JsonNodeFactory.instance.objectNode();
    /** Dotted path of each merged value to the file or override that gave it. */
    private final Map<String, String> sources = new HashMap<>();

    private ConfigLoader() {
        YAMLFactory factory = YAMLFactory.builder().build();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        yaml = new ObjectMapper(factory);
    }

    /** Loads {@code file} (null = defaults only) with {@code overrides} of the form a.b.c=value. */
    public static RetinaConfig load(Path file, List<String> overrides) {
        return loadLayers(file == null ? List.of() : List.of(file), overrides);
    }

    /** Loads {@code files} in order, each merged over the ones before (e.g. a run's config.yaml, then -c). */
    public static RetinaConfig loadLayers(List<Path> files, List<String> overrides) {
        ConfigLoader loader = new ConfigLoader();
        loader.mergeDefaults();
        for (Path file : files) {
            loader.mergeFile(file, new ArrayDeque<>());
        }
        for (String o : overrides) {
            loader.applyOverride(o);
        }
        return new ConfigBinder(loader::sourceOf).bind(loader.tree, RetinaConfig.class);
    }

    private void mergeDefaults() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            merge(tree, (ObjectNode) yaml.readTree(in), "", "defaults");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in " + DEFAULTS, e);
        }
    }

    private void mergeFile(Path file, Deque<Path> chain) {
        Path key = file.toAbsolutePath().normalize();
        if (chain.contains(key)) {
            List<String> cycle = new ArrayList<>();
            chain.descendingIterator().forEachRemaining(p -> cycle.add(p.getFileName().toString()));
            cycle.add(file.getFileName().toString());
            throw new ConfigException(file + ": _base_ cycle: " + String.join(" -> ", cycle));
        }
        ObjectNode own = readYaml(file);
        chain.push(key);
        JsonNode bases = own.remove(BASE_KEY);
        if (bases != null) {
            for (String b : baseList(bases, file)) {
                Path base = file.getParent() == null ? Path.of(b) : file.getParent().resolve(b).normalize();
                mergeFile(base, chain);
            }
        }
        chain.pop();
        ConfigPaths.resolve(own, "", key.getParent(), file.toString());
        merge(tree, own, "", file.toString());
    }

    private List<String> baseList(JsonNode bases, Path file) {
        List<String> out = new ArrayList<>();
        if (bases.isTextual()) {
            out.add(bases.asText());
        } else if (bases.isArray()) {
            for (JsonNode b : bases) {
                if (!b.isTextual()) {
                    throw new ConfigException(file + ": _base_ takes file paths, got " + b);
                }
                out.add(b.asText());
            }
        } else {
            throw new ConfigException(file + ": _base_ takes a file path or a list of them");
        }
        return out;
    }

    private ObjectNode readYaml(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String notUtf8 = YamlText.notUtf8(bytes);
            if (notUtf8 != null) {
                throw new ConfigException(file + ": " + notUtf8);
            }
            JsonNode node = yaml.readTree(bytes);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file + ": expected a YAML mapping at the top level");
            }
            return (ObjectNode) node;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such config file");
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException(file + ": invalid YAML" + where + ": " + firstLine(e.getOriginalMessage()));
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ConfigException(file + ": cannot read: permission denied");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + firstLine(e.getMessage()));
        }
    }

    private void applyOverride(String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set " + override + ": expected KEY=VALUE, e.g. train.lr=0.02");
        }
        String path = override.substring(0, eq).trim();
        String text = override.substring(eq + 1).trim();
        if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            throw new ConfigException(path, "--set " + override + ": key '" + path
                    + "' has an empty part; expected KEY=VALUE with a dotted key, e.g. train.lr=0.02");
        }
        JsonNode value;
        try {
            value = text.isEmpty() ? NullNode.getInstance() : yaml.readTree(text);
        } catch (JacksonException e) {
            throw new ConfigException("--set " + path + ": cannot read value '" + text + "': "
                    + firstLine(e.getOriginalMessage()));
        }
        if (value == null || value.isMissingNode()) {
            value = NullNode.getInstance();
        }
        String[] parts = path.split("\\.");
        ObjectNode parent = tree;
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            prefix.append(i == 0 ? "" : ".").append(parts[i]);
            JsonNode child = parent.get(parts[i]);
            if (child == null) {
                child = parent.putObject(parts[i]);
                sources.put(prefix.toString(), "--set " + path);
            } else if (!child.isObject()) {
                throw new ConfigException(path, "--set " + path + ": " + prefix + " is a value, not a section");
            }
            parent = (ObjectNode) child;
        }
        ObjectNode holder = JsonNodeFactory.instance.objectNode();
        holder.set(parts[parts.length - 1], value);
        String parentPath = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
        ConfigPaths.resolve(holder, parentPath, Path.of("").toAbsolutePath(), "--set " + path);
        merge(parent, holder, parentPath, "--set " + path);
    }

    /** Deep-merges {@code overlay} into {@code target}, recording {@code source} for what it sets. */
    private void merge(ObjectNode target, ObjectNode overlay, String prefix, String source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = ConfigBinder.join(prefix, e.getKey());
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode vo) {
                sources.put(path, source);
                merge(eo, vo, path, source);
            } else {
                sources.keySet().removeIf(k -> k.startsWith(path + ".") || k.startsWith(path + "["));
                target.set(e.getKey(), e.getValue().deepCopy());
                sources.put(path, source);
            }
        }
    }

    /** The file or override that set {@code path}, or that set the nearest enclosing section. */
    private String sourceOf(String path) {
        String p = path;
        while (true) {
            String s = sources.get(p);
            if (s != null) {
                return s;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut < 0) {
                return null;
            }
            p = p.substring(0, cut);
        }
    }

    private static String firstLine(String s) {
        return YamlText.firstLine(s);
    }
}
