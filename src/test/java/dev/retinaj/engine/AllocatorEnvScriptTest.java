package dev.retinaj.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** scripts/allocator-env, sourced by the launchers (and by a service's POSIX sh start script). */
class AllocatorEnvScriptTest {
    private static final String PRINT = ". scripts/allocator-env; "
            + "echo \"$MALLOC_MMAP_MAX_|$MALLOC_TRIM_THRESHOLD_|$MALLOC_ARENA_MAX|$GLIBC_TUNABLES|$THP_MEM_ALLOC_ENABLE\"";

    /** The settings after sourcing the file in {@code sh} with only {@code env} (and PATH) set. */
    private static String settings(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "set -u; " + PRINT).redirectErrorStream(true);
        String path = pb.environment().get("PATH");
        pb.environment().clear();
        pb.environment().put("PATH", path);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void setsTheMeasuredDefaults() throws Exception {
        assertEquals("0|68719476736|1|glibc.malloc.hugetlb=1|1", settings(Map.of()));
    }

    @Test
    void theCallersValuesWinAndOtherTunablesAreKept() throws Exception {
        assertEquals("0|68719476736|4|glibc.malloc.tcache_count=0:glibc.malloc.hugetlb=1|0",
                settings(Map.of("MALLOC_ARENA_MAX", "4", "THP_MEM_ALLOC_ENABLE", "0",
                        "GLIBC_TUNABLES", "glibc.malloc.tcache_count=0")));
        assertEquals("0|68719476736|1|glibc.malloc.hugetlb=0|1", settings(Map.of("GLIBC_TUNABLES", "glibc.malloc.hugetlb=0")));
    }
}
