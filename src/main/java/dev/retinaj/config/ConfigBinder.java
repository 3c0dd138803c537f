package dev.retinaj.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Binds a YAML tree to the config records strictly (every key known, every value of the right type
 * and range) and writes records back to a tree. Keys are the components' snake_case names.
 */
public final class ConfigBinder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Function<String, String> sourceOf;

    /** @param sourceOf maps a dotted path to the file (or --set) that gave its value, for messages */
    public ConfigBinder(Function<String, String> sourceOf) {
        this.sourceOf = sourceOf;
    }

    public <R extends Record> R bind(JsonNode tree, Class<R> type) {
        return type.cast(bindRecord(tree, type, ""));
    }

    private Object bindRecord(JsonNode node, Class<?> type, String path) {
        if (node == null || !node.isObject()) {
            throw error(path, "expected a mapping of " + keysOf(type) + ", got " + describe(node));
        }
        RecordComponent[] comps = type.getRecordComponents();
        List<String> keys = Arrays.stream(comps).map(c -> Names.snake(c.getName())).toList();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                String full = join(path, key);
                String near = Names.nearest(key, keys);
                String hint = near == null ? "valid keys here: " + String.join(", ", keys)
                        : "did you mean " + join(path, near) + "?";
                throw located(full, "unknown key " + full + " (" + hint + ")");
            }
        }
        Object[] args = new Object[comps.length];
        Class<?>[] argTypes = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            String key = keys.get(i);
            String full = join(path, key);
            if (!node.has(key)) {
                throw located(full, "missing key " + full);
            }
            args[i] = bindValue(node.get(key), comps[i].getGenericType(), full);
            argTypes[i] = comps[i].getType();
        }
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(argTypes);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ConfigException ce) {
                String full = ce.path() == null ? path : join(path, ce.path());
                throw error(full, ce.getMessage());
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private Object bindValue(JsonNode node, Type type, String path) {
        if (type instanceof ParameterizedType pt && pt.getRawType() == List.class) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isArray()) {
                throw error(path, "expected a list, got " + describe(node));
            }
            Type elem = pt.getActualTypeArguments()[0];
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                out.add(bindValue(node.get(i), elem, path + "[" + i + "]"));
            }
            return out;
        }
        Class<?> cls = (Class<?>) type;
        if (cls == int.class || cls == Integer.class) {
            return (int) integer(node, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (cls == long.class || cls == Long.class) {
            return integer(node, path, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (cls == double.class || cls == Double.class) {
            if (node == null || !node.isNumber()) {
                throw error(path, "expected a number, got " + describe(node));
            }
            if (!Double.isFinite(node.asDouble())) {
                throw error(path, "expected a finite number, got " + node.asText());
            }
            return node.asDouble();
        }
        if (cls == boolean.class || cls == Boolean.class) {
            if (node == null || !node.isBoolean()) {
                throw error(path, "expected true or false, got " + describe(node));
            }
            return node.asBoolean();
        }
        if (cls == String.class) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isValueNode() || node.isBinary()) {
                throw error(path, "expected a text value, got " + describe(node));
            }
            return node.asText();
        }
        if (cls.isEnum()) {
            return enumValue(node, cls, path);
        }
        if (cls.isRecord() && ConfigValue.class.isAssignableFrom(cls)) {
            return customValue(node, cls, path);
        }
        if (cls.isRecord()) {
            return bindRecord(node, cls, path);
        }
        throw new IllegalStateException("unsupported config type " + type + " at " + path);
    }

    private long integer(JsonNode node, String path, long min, long max) {
        if (node != null && node.isNumber()) {
            double d = node.asDouble();
            if (node.isIntegralNumber() || d == Math.rint(d)) {
                if (d >= min && d <= max) {
                    return node.isIntegralNumber() ? node.asLong() : (long) d;
                }
            }
        }
        throw error(path, "expected a whole number, got " + describe(node));
    }

    private Object enumValue(JsonNode node, Class<?> cls, String path) {
        List<String> allowed = Arrays.stream(cls.getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList();
        if (node != null && node.isTextual()) {
            String v = node.asText().toLowerCase(Locale.ROOT);
            int i = allowed.indexOf(v);
            if (i >= 0) {
                return cls.getEnumConstants()[i];
            }
        }
        throw error(path, "must be one of " + String.join(" | ", allowed) + ", got " + describe(node));
    }

    private Object customValue(JsonNode node, Class<?> cls, String path) {
        try {
            Method m = cls.getMethod("fromNode", JsonNode.class);
            return m.invoke(null, node == null ? NullNode.getInstance() : node);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ConfigException ce) {
                throw error(path, ce.getMessage());
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(cls + " needs a public static fromNode(JsonNode)", e);
        }
    }

    private ConfigException error(String path, String problem) {
        return located(path, path + ": " + problem);
    }

    /** A message prefixed with the file (or --set) that gave {@code path} its value. */
    private ConfigException located(String path, String message) {
        String src = sourceOf.apply(path);
        return new ConfigException(path, (src == null ? "" : src + ": ") + message);
    }

    private static String keysOf(Class<?> type) {
        return String.join(", ", Arrays.stream(type.getRecordComponents()).map(c -> Names.snake(c.getName())).toList());
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return "'" + node.asText() + "'";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.toString();
    }

    static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /** The YAML tree of a config record: snake_case keys, lower-case enums, every key written. */
    public static JsonNode toTree(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof ConfigValue cv) {
            return cv.toNode();
        }
        if (value instanceof Record r) {
            ObjectNode obj = NODES.objectNode();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    Method acc = c.getAccessor();
                    acc.setAccessible(true);
                    obj.set(Names.snake(c.getName()), toTree(acc.invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return obj;
        }
        if (value instanceof List<?> list) {
            ArrayNode arr = NODES.arrayNode();
            list.forEach(e -> arr.add(toTree(e)));
            return arr;
        }
        if (value instanceof Map<?, ?>) {
            throw new IllegalStateException("maps are not config values");
        }
        if (value instanceof Enum<?> e) {
            return NODES.textNode(e.name().toLowerCase(Locale.ROOT));
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        return NODES.textNode(value.toString());
    }
}
