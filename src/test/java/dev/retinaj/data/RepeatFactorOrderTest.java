package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.config.DataConfig.OnBadSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepeatFactorOrderTest {
    @TempDir
    Path tmp;

    private static DetectionRecord rec(int i, int[] labels, boolean[] crowd) {
        float[] boxes = new float[4 * labels.length];
        for (int j = 0; j < labels.length; j++) {
            boxes[4 * j + 2] = 10;
            boxes[4 * j + 3] = 10;
        }
        return new DetectionRecord(i + 1, "r" + i, Path.of("r" + i + ".jpg"), 64, 64, boxes, labels, crowd);
    }

    /**
     * 12 images: class 0 in images 0..8 (f = 9/12), class 1 in 8 and 9 (f = 2/12), class 2 in 9
     * (f = 1/12) and as a crowd box in 11 (not counted); image 10 is empty.
     */
    static List<DetectionRecord> madeUp() {
        List<DetectionRecord> r = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            r.add(rec(i, new int[] {0, 0}, new boolean[2]));
        }
        r.add(rec(8, new int[] {0, 1}, new boolean[2]));
        r.add(rec(9, new int[] {1, 2}, new boolean[2]));
        r.add(rec(10, new int[0], new boolean[0]));
        r.add(rec(11, new int[] {2}, new boolean[] {true}));
        return r;
    }

    @Test
    void factorsAreTheLargestPerClassFactorOfEachImage() {
        // t = 0.25: r(0) = max(1, sqrt(0.25 / 0.75)) = 1, r(1) = sqrt(0.25 * 6) = sqrt(1.5), r(2) = sqrt(3).
        double[] f = RepeatFactorOrder.factors(madeUp(), 0.25);
        double[] expected = {1, 1, 1, 1, 1, 1, 1, 1, Math.sqrt(1.5), Math.sqrt(3), 1, 1};
        assertArrayEquals(expected, f, 1e-12);
        assertArrayEquals(new double[12], Arrays.stream(RepeatFactorOrder.factors(madeUp(), 0)).map(x -> x - 1).toArray(),
                1e-12);
    }

    @Test
    void classFactorsAndTheLogLineNameEachClass() {
        // t = 0.25 as above; class 2's crowd box in image 11 does not count: f(2) = 1/12.
        assertArrayEquals(new double[] {1, Math.sqrt(1.5), Math.sqrt(3)}, RepeatFactorOrder.classFactors(madeUp(), 0.25), 1e-12);
        // visits: 10 images x 1 + sqrt(1.5) + sqrt(3) = 12.96
        assertEquals("repeat-factor sampling (t 0.25): a x1.00, b x1.22, class 2 x1.73; an epoch visits 13 of 12 images on average",
                RepeatFactorOrder.summary(madeUp(), List.of("a", "b"), 0.25));
    }

    @Test
    void countsRoundStochasticallyToTheFactorOnAverage() {
        RepeatFactorOrder o = RepeatFactorOrder.of(madeUp(), 0.25, 5);
        int epochs = 4000;
        long[] total = new long[12];
        for (int e = 0; e < epochs; e++) {
            int[] c = o.counts(e);
            for (int i = 0; i < 12; i++) {
                total[i] += c[i];
            }
            assertTrue(c[8] == 1 || c[8] == 2);
            assertTrue(c[9] == 1 || c[9] == 2);
            assertEquals(1, c[0]);
            assertEquals(Arrays.stream(c).sum(), o.length(e));
        }
        assertEquals(epochs, total[0]);
        assertEquals(epochs, total[11]);
        assertEquals(Math.sqrt(1.5), total[8] / (double) epochs, 0.03);
        assertEquals(Math.sqrt(3), total[9] / (double) epochs, 0.03);
    }

    @Test
    void theOrderIsAShuffleOfTheCountsAndAPureFunctionOfSeedAndEpoch() {
        RepeatFactorOrder a = RepeatFactorOrder.of(madeUp(), 0.25, 5);
        RepeatFactorOrder b = RepeatFactorOrder.of(madeUp(), 0.25, 5);
        for (int e = 0; e < 5; e++) {
            int[] order = a.order(e);
            assertArrayEquals(order, b.order(e));
            int[] seen = new int[12];
            for (int i : order) {
                seen[i]++;
            }
            assertArrayEquals(a.counts(e), seen);
        }
        assertFalse(Arrays.equals(a.order(1), a.order(2)));
        assertFalse(Arrays.equals(a.order(1), RepeatFactorOrder.of(madeUp(), 0.25, 6).order(1)));
    }

    @Test
    void aRepeatedImageGetsItsOwnDrawsPerVisit() {
        RepeatFactorOrder o = new RepeatFactorOrder(new double[] {3, 1}, 1);
        EpochPlan.Plan plan = new EpochPlan(o, 2, 2, 9, true).plan(0);
        assertEquals(4, plan.order().length);
        long[] draws0 = new long[3];
        int k = 0;
        for (int p = 0; p < 4; p++) {
            if (plan.order()[p] == 0) {
                draws0[k++] = plan.draws()[p];
            } else {
                assertEquals(Seeds.mix(9, 0, 1), plan.draws()[p]);
            }
        }
        assertEquals(Seeds.mix(9, 0, 0), draws0[0]);
        assertNotEquals(draws0[0], draws0[1]);
        assertNotEquals(draws0[1], draws0[2]);
    }

    @Test
    void aResumedRepeatFactorStreamIsTheSameAcrossEpochsOfVaryingLength() {
        List<DetectionRecord> recs = TestShapes.trainRecords(tmp.resolve("s"), new ShapesParams(14, 1, 64, 3, 0.3));
        RepeatFactorOrder order = RepeatFactorOrder.of(recs, 0.5, 21);
        TransformSpec spec = new TransformSpec(List.of(48, 64), 64, 0.5, 32, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.25f, 0.25f, 0.25f});
        List<HostBatch> fresh = new ArrayList<>();
        try (BatchLoader a = new BatchLoader(recs, new SampleLoader(spec), order,
                new BatchLoader.Options(4, 21, true, 1, 2, new BadSamples(OnBadSample.FAIL)))) {
            assertTrue(a.batchesIn(0) >= 14 / 4);
            Iterator<HostBatch> it = a.iterate(0);
            for (int i = 0; i < 16; i++) {
                fresh.add(it.next());
            }
            int resumeAt = a.batchesIn(0) + a.batchesIn(1) + 1; // epoch 2, batch 1
            try (BatchLoader b = new BatchLoader(recs, new SampleLoader(spec), order,
                    new BatchLoader.Options(4, 21, true, 0, 2, new BadSamples(OnBadSample.FAIL)))) {
                Iterator<HostBatch> r = b.iterate(resumeAt);
                for (int i = resumeAt; i < 16; i++) {
                    HostBatch x = r.next();
                    assertEquals(fresh.get(i).infos(), x.infos());
                    assertArrayEquals(fresh.get(i).images(), x.images());
                    assertArrayEquals(fresh.get(i).boxes(), x.boxes());
                }
                int[] first = b.batchIndices(2, 1);
                assertEquals(fresh.get(resumeAt).infos().get(0).id(), recs.get(first[0]).id());
            }
        }
    }
}
