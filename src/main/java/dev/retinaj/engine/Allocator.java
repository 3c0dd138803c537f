package dev.retinaj.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The native allocator settings this process runs with. glibc reads its MALLOC_* tunables from the
 * environment when the process starts, so scripts/retinaj sets them before the JVM (see the README's
 * Performance section); this only reports them, and libtorch's huge-page switch, read the same way.
 */
public final class Allocator {
    static final List<String> VARIABLES = List.of("MALLOC_MMAP_MAX_", "MALLOC_TRIM_THRESHOLD_",
            "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_ARENA_MAX", "GLIBC_TUNABLES", "LD_PRELOAD");
    /** libtorch's own switch: 2 MB-aligned CPU tensors of 2 MB and more, advised as transparent huge pages. */
    static final String THP = "THP_MEM_ALLOC_ENABLE";

    private Allocator() {}

    /** e.g. "glibc MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=68719476736", or "glibc defaults". */
    public static String describe() {
        return describe(System.getenv());
    }

    static String describe(Map<String, String> env) {
        List<String> set = new ArrayList<>();
        for (String v : VARIABLES) {
            String value = env.get(v);
            if (value != null && !value.isEmpty()) {
                set.add(v + "=" + value);
            }
        }
        String glibc = set.isEmpty() ? "glibc defaults" : "glibc " + String.join(" ", set);
        String thp = env.get(THP);
        return thp == null || thp.isEmpty() ? glibc : glibc + "; libtorch " + THP + "=" + thp;
    }
}
