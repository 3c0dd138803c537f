package dev.retinaj.data;

import dev.retinaj.util.BadFileException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.config.DataConfig.OnBadSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchLoaderTest {
    @TempDir
    static Path tmp;
    static List<DetectionRecord> records;

    @BeforeAll
    static void data() {
        records = TestShapes.trainRecords(tmp.resolve("shapes"), new ShapesParams(22, 2, 64, 5, 1.0));
    }

    private static TransformSpec spec(double flip) {
        return new TransformSpec(List.of(48, 64, 80), 100, flip, 32, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.25f, 0.25f, 0.25f});
    }

    private static BatchLoader loader(List<DetectionRecord> recs, boolean train, int workers, OnBadSample policy) {
        return new BatchLoader(recs, new SampleLoader(spec(0.5)),
                new BatchLoader.Options(4, 99, train, workers, 3, new BadSamples(policy)));
    }

    @Test
    void theOrderIsAPermutationThatDependsOnlyOnSeedAndEpoch() {
        try (BatchLoader a = loader(records, true, 0, OnBadSample.FAIL);
             BatchLoader b = loader(records, true, 0, OnBadSample.FAIL)) {
            int[] o = a.order(3);
            assertArrayEquals(o, b.order(3));
            assertFalse(java.util.Arrays.equals(o, a.order(4)));
            int[] sorted = o.clone();
            java.util.Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) {
                assertEquals(i, sorted[i]);
            }
            assertEquals(5, a.batchesPerEpoch()); // 22 / 4, last partial batch dropped
        }
        try (BatchLoader e = loader(records, false, 0, OnBadSample.FAIL)) {
            assertEquals(6, e.batchesPerEpoch());
            assertArrayEquals(java.util.stream.IntStream.range(0, 22).toArray(), e.order(7));
        }
    }

    @Test
    void aResumedIteratorYieldsExactlyTheSameBatches() {
        List<HostBatch> fresh = new ArrayList<>();
        try (BatchLoader a = loader(records, true, 2, OnBadSample.FAIL)) {
            Iterator<HostBatch> it = a.iterate(0);
            for (int i = 0; i < 12; i++) {
                fresh.add(it.next());
            }
        }
        try (BatchLoader b = loader(records, true, 1, OnBadSample.FAIL)) {
            Iterator<HostBatch> it = b.iterate(7); // epoch 1, batch 2
            for (int i = 7; i < 12; i++) {
                HostBatch x = it.next();
                HostBatch y = fresh.get(i);
                assertEquals(y.infos(), x.infos());
                assertArrayEquals(y.images(), x.images());
                assertArrayEquals(y.boxes(), x.boxes());
                assertArrayEquals(y.labels(), x.labels());
            }
            HostBatch viaStartAt = b.startAt(1, 2).next();
            assertEquals(fresh.get(7).infos(), viaStartAt.infos());
        }
        // multi-scale and flips happen, and sizes stay padded to 32
        assertTrue(fresh.stream().flatMap(h -> h.infos().stream()).anyMatch(ImageInfo::flipped));
        assertTrue(fresh.stream().flatMap(h -> h.infos().stream()).anyMatch(i -> !i.flipped()));
        assertTrue(fresh.stream().flatMap(h -> h.infos().stream()).map(ImageInfo::width).distinct().count() >= 2);
        assertTrue(fresh.stream().allMatch(h -> h.height() % 32 == 0 && h.width() % 32 == 0));
        assertNotEquals(fresh.get(0).infos(), fresh.get(5).infos());
    }

    @Test
    void boxesFollowTheImageThroughScaleAndFlip() throws Exception {
        DetectionRecord r = records.stream().filter(x -> x.numBoxes() > 0).findFirst().orElseThrow();
        SampleLoader sl = new SampleLoader(spec(0));
        Sample s = sl.load(r, 80, true);
        assertEquals(80, s.width());
        assertEquals(1.25, s.info().scale(), 1e-9);
        float[] expected = BoxMath.flip(BoxMath.resize(r.boxes(), 64, 64, 80, 80), 80);
        assertArrayEquals(expected, s.boxes(), 1e-4f);
        assertEquals(80 - r.boxes()[2] * 1.25f, s.boxes()[0], 1e-3f);
    }

    @Test
    void evaluationVisitsEveryImageOnceInOrderUnflipped() {
        try (BatchLoader e = loader(records, false, 2, OnBadSample.FAIL)) {
            List<Long> ids = new ArrayList<>();
            Iterator<HostBatch> it = e.epoch(0);
            while (it.hasNext()) {
                HostBatch b = it.next();
                b.infos().forEach(i -> {
                    ids.add(i.id());
                    assertFalse(i.flipped());
                    assertEquals(48, Math.min(i.width(), i.height()));
                });
            }
            assertEquals(records.stream().map(DetectionRecord::id).toList(), ids);
        }
    }

    @Test
    void anUndecodableImageIsSkippedAndCountedOrFailsWithOneLine() throws Exception {
        Path broken = tmp.resolve("broken.jpg");
        Files.writeString(broken, "this is not a jpeg");
        List<DetectionRecord> recs = new ArrayList<>(records.subList(0, 8));
        DetectionRecord b = new DetectionRecord(999, "broken", broken, 64, 64, new float[0], new int[0], new boolean[0]);
        recs.set(1, b);
        try (BatchLoader skip = loader(recs, false, 1, OnBadSample.SKIP)) {
            Iterator<HostBatch> it = skip.epoch(0);
            assertEquals(3, it.next().batchSize());
            assertEquals(4, it.next().batchSize());
            assertFalse(it.hasNext());
            assertEquals(1, skip.skippedSamples());
            assertEquals(1, skip.badSamples().problems().size());
            assertTrue(skip.badSamples().problems().get(0).file().endsWith("broken.jpg"));
        }
        try (BatchLoader fail = loader(recs, false, 1, OnBadSample.FAIL)) {
            BadFileException e = assertThrows(BadFileException.class, () -> fail.epoch(0).next());
            assertTrue(e.getMessage().contains("broken.jpg") && e.getMessage().contains("undecodable"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }
}
