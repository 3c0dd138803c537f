package dev.retinaj.util;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * Counts the native resources (arrays and sub-managers) a DJL manager tree holds: logged with the
 * training metrics, a count that keeps rising is a leak long before memory runs out.
 */
public final class NativeResources {
    private static final Field RESOURCES;

    static {
        Field f;
        try {
            f = BaseNDManager.class.getDeclaredField("resources");
            f.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            f = null;
        }
        RESOURCES = f;
    }

    private NativeResources() {}

    /** Arrays held by {@code manager} and every manager below it; -1 if DJL hides them. */
    public static long count(NDManager manager) {
        if (RESOURCES == null || !(manager instanceof BaseNDManager)) {
            return -1;
        }
        try {
            Map<?, ?> res = (Map<?, ?>) RESOURCES.get(manager);
            long n = 0;
            for (Object r : res.values()) {
                n += r instanceof NDManager child ? count(child) : 1;
            }
            return n;
        } catch (IllegalAccessException e) {
            return -1;
        }
    }
}
