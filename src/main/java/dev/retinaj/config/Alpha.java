package dev.retinaj.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code loss.cls.alpha}: a number in [0, 1], a negative number (no α weighting), {@code auto}
 * (from the training set's class frequencies) or, for softmax focal loss, one value per class
 * with background first.
 */
public record Alpha(Kind kind, double value, List<Double> perClass) implements ConfigValue {

    public enum Kind { FIXED, NONE, AUTO, PER_CLASS }

    public Alpha {
        perClass = perClass == null ? List.of() : List.copyOf(perClass);
    }

    public static Alpha of(double v) {
        return v < 0 ? new Alpha(Kind.NONE, -1, List.of()) : new Alpha(Kind.FIXED, v, List.of());
    }

    public static Alpha fromNode(JsonNode node) {
        if (node.isNumber()) {
            double v = node.asDouble();
            if (v > 1) {
                throw new ConfigException("must be in [0, 1], negative (off) or auto, got " + v);
            }
            return of(v);
        }
        if (node.isTextual() && node.asText().equals("auto")) {
            return new Alpha(Kind.AUTO, 0, List.of());
        }
        if (node.isArray()) {
            List<Double> values = new ArrayList<>();
            for (JsonNode e : node) {
                if (!e.isNumber() || e.asDouble() < 0) {
                    throw new ConfigException("a per-class alpha list takes numbers >= 0, got " + e);
                }
                values.add(e.asDouble());
            }
            if (values.isEmpty()) {
                throw new ConfigException("a per-class alpha list must not be empty");
            }
            return new Alpha(Kind.PER_CLASS, 0, values);
        }
        throw new ConfigException("expected a number, -1, auto, or a list of numbers, got " + node);
    }

    @Override
    public JsonNode toNode() {
        return switch (kind) {
            case FIXED -> DoubleNode.valueOf(value);
            case NONE -> DoubleNode.valueOf(-1);
            case AUTO -> TextNode.valueOf("auto");
            case PER_CLASS -> {
                ArrayNode a = JsonNodeFactory.instance.arrayNode();
                perClass.forEach(a::add);
                yield a;
            }
        };
    }
}
