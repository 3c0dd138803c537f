package dev.retinaj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The image of {@link ConfusionMatrixTest}, worked by hand per class at IoU 0.5. */
class ScoreCurvesTest {
    private static final ScoreCurves C = ScoreCurves.compute(ConfusionMatrixTest.truth(),
            ConfusionMatrixTest.detections(), 0.5);

    @Test
    void classA() {
        ScoreCurves.Curve a = C.curves().get("a");
        assertEquals(2, a.truth());
        // t <= 0.7: d1 true, d3 false (d5 on the crowd box counts as neither)
        assertEquals(0.5, a.precision()[50], 1e-12);
        assertEquals(0.5, a.recall()[50], 1e-12);
        assertEquals(0.5, a.f1()[70], 1e-12);
        // 0.7 < t <= 0.9: d1 alone
        assertEquals(1.0, a.precision()[71], 1e-12);
        assertEquals(2.0 / 3, a.f1()[90], 1e-12);
        assertEquals(71, a.bestF1());
        // nothing kept above 0.9
        assertEquals(Double.NaN, a.precision()[91]);
        assertEquals(0.0, a.recall()[91], 1e-12);
        assertEquals(0.0, a.f1()[91], 1e-12);
    }

    @Test
    void classBAndAll() {
        ScoreCurves.Curve b = C.curves().get("b");
        assertEquals(1, b.truth());
        assertEquals(0.0, b.precision()[50], 1e-12); // d2 and d6 false
        assertEquals(1.0 / 3, b.precision()[30], 1e-12); // and d4 true
        assertEquals(1.0, b.recall()[30], 1e-12);
        assertEquals(0.5, b.f1()[30], 1e-12);
        ScoreCurves.Curve all = C.curves().get(ScoreCurves.ALL);
        assertEquals(3, all.truth());
        assertEquals(0.4, all.precision()[30], 1e-12);
        assertEquals(2.0 / 3, all.recall()[30], 1e-12);
        assertEquals(0.4, all.f1()[80], 1e-12); // d1 true, d2 false: P 1/2, R 1/3
        assertEquals(0.5, all.f1()[81], 1e-12);
        assertEquals(101, C.thresholds().length);
        assertEquals(0.3, C.thresholds()[30], 1e-12);
    }
}
