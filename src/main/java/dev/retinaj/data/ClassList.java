package dev.retinaj.data;

import dev.retinaj.util.UsageException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Class names and the name → index lookup readers share. */
final class ClassList {
    /** The 20 Pascal VOC classes in their usual order. */
    static final List<String> VOC = List.of("aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car",
            "cat", "chair", "cow", "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep",
            "sofa", "train", "tvmonitor");

    private ClassList() {}

    /**
     * The class list for names found in annotations when none is configured: the VOC order if every
     * name is a VOC class, else the names sorted.
     */
    static List<String> discovered(Set<String> names) {
        if (!names.isEmpty() && VOC.containsAll(names)) {
            return VOC;
        }
        return List.copyOf(new TreeSet<>(names));
    }

    static Map<String, Integer> index(List<String> names) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (m.put(names.get(i), i) != null) {
                throw new UsageException("class '" + names.get(i) + "' is listed twice");
            }
        }
        return m;
    }

    static Set<String> ordered() {
        return new LinkedHashSet<>();
    }
}
