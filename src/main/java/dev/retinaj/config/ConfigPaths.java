package dev.retinaj.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The config keys that name files or folders, and the rule for their relative values: one written in
 * a config file is relative to that file's folder, one given with {@code --set} to the working
 * directory. Loading makes every such value absolute, so a resolved config (RUN_DIR/config.yaml)
 * works from any folder.
 */
final class ConfigPaths {
    /** Dotted keys of the path-valued settings (output folders are command options, not config keys). */
    static final List<String> KEYS = List.of("data.root", "model.weights", "model.backbone.weights");

    private ConfigPaths() {}

    /**
     * Rewrites each relative path value in {@code node} to an absolute one against {@code base}.
     *
     * @param node a config tree, or the part of one at the dotted {@code prefix} ("" = the whole tree)
     * @param source the file or --set named when a value is not a path
     */
    static void resolve(ObjectNode node, String prefix, Path base, String source) {
        for (String key : KEYS) {
            String rest = prefix.isEmpty() ? key : key.startsWith(prefix + ".") ? key.substring(prefix.length() + 1) : null;
            if (rest == null) {
                continue;
            }
            String[] parts = rest.split("\\.");
            JsonNode parent = node;
            for (int i = 0; i < parts.length - 1 && parent != null; i++) {
                parent = parent.get(parts[i]);
            }
            String last = parts[parts.length - 1];
            if (parent instanceof ObjectNode holder && isPathText(holder.get(last))) {
                holder.put(last, absolute(base, holder.get(last).asText(), key, source));
            }
        }
    }

    private static boolean isPathText(JsonNode v) {
        return v != null && v.isValueNode() && !v.isNull() && !v.isBinary() && !v.asText().isBlank();
    }

    private static String absolute(Path base, String value, String key, String source) {
        try {
            return base.resolve(value).toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            throw new ConfigException(key, source + ": " + key + ": is not a valid path (" + e.getReason() + ")");
        }
    }
}
