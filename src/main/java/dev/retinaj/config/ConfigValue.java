package dev.retinaj.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A config value with its own YAML form. Implementations also declare
 * {@code public static T fromNode(JsonNode)}, which the binder calls.
 */
public interface ConfigValue {
    JsonNode toNode();
}
