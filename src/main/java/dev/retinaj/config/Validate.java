package dev.retinaj.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Range checks used by the config records' compact constructors. */
final class Validate {
    private Validate() {}

    static double range(String key, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw ConfigException.field(key, "must be in [" + fmt(lo) + ", " + fmt(hi) + "], got " + fmt(v));
        }
        return v;
    }

    static double openRange(String key, double v, double lo, double hi) {
        if (!(v > lo && v < hi)) {
            throw ConfigException.field(key, "must be in (" + fmt(lo) + ", " + fmt(hi) + "), got " + fmt(v));
        }
        return v;
    }

    static int atLeast(String key, int v, int min) {
        if (v < min) {
            throw ConfigException.field(key, "must be >= " + min + ", got " + v);
        }
        return v;
    }

    static double atLeast(String key, double v, double min) {
        if (!(v >= min)) {
            throw ConfigException.field(key, "must be >= " + fmt(min) + ", got " + fmt(v));
        }
        return v;
    }

    static double above(String key, double v, double min, String why) {
        if (!(v > min) || Double.isInfinite(v)) {
            throw ConfigException.field(key, "must be > " + fmt(min) + " (" + why + "), got " + fmt(v));
        }
        return v;
    }

    static <T> List<T> nonEmpty(String key, List<T> v) {
        if (v == null || v.isEmpty()) {
            throw ConfigException.field(key, "must be a non-empty list");
        }
        return List.copyOf(v);
    }

    /** Class names: each non-blank and unique (one name is one class; a repeat would make two). */
    static List<String> classNames(String key, List<String> v) {
        if (v == null) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < v.size(); i++) {
            String name = v.get(i);
            if (name == null || name.isBlank()) {
                throw ConfigException.field(key, "name " + i + " is empty");
            }
            if (!seen.add(name)) {
                throw ConfigException.field(key, "'" + name + "' is named twice; each class needs its own name");
            }
        }
        return List.copyOf(v);
    }

    static <T> List<T> copy(List<T> v) {
        return v == null ? null : List.copyOf(v);
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
