package dev.retinaj.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessStatsTest {
    @Test
    void touchingNewMemoryRaisesRssPeakAndFaults() {
        ProcessStats.resetPeak();
        ProcessStats before = ProcessStats.read();
        assertTrue(before.rssBytes() > 0 && before.peakRssBytes() >= before.rssBytes(), before.toString());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray big = m.ones(new Shape(64, 1024, 1024)); // 256 MiB, written page by page
            assertEquals(64f * 1024 * 1024, big.sum().getFloat());
            ProcessStats during = ProcessStats.read().since(before);
            assertTrue(during.peakRssBytes() >= before.rssBytes() + (200L << 20), during.toString());
            assertTrue(during.faults() >= 200L * 256, "at least one fault per 4 KiB page touched: " + during);
        }
    }

    @Test
    void allocatorSettingsAreReportedAsSet() {
        assertEquals("glibc defaults", Allocator.describe(Map.of("PATH", "/bin")));
        assertEquals("glibc MALLOC_MMAP_MAX_=0 MALLOC_ARENA_MAX=2",
                Allocator.describe(Map.of("MALLOC_ARENA_MAX", "2", "MALLOC_MMAP_MAX_", "0")));
        assertEquals("glibc MALLOC_MMAP_MAX_=0; libtorch THP_MEM_ALLOC_ENABLE=1",
                Allocator.describe(Map.of("THP_MEM_ALLOC_ENABLE", "1", "MALLOC_MMAP_MAX_", "0")));
        assertEquals("glibc defaults", Allocator.describe(Map.of("THP_MEM_ALLOC_ENABLE", "")));
    }
}
