package dev.retinaj.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class FocalCurvesTest {
    @Test
    void curvesPassThroughTheLossValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] pt = {0.1, 0.5, 0.9, 0.968};
            for (double gamma : new double[] {0, 0.5, 1, 2, 5}) {
                double[] got = FocalCurves.loss(m, pt, gamma);
                for (int i = 0; i < pt.length; i++) {
                    double want = -Math.pow(1 - pt[i], gamma) * Math.log(pt[i]);
                    assertEquals(want, got[i], 1e-5 * Math.max(1, want), "γ=" + gamma + " p=" + pt[i]);
                }
            }
            LinePlot plot = FocalCurves.plot(m, List.of(0.0, 2.0));
            assertEquals(2, plot.series().size());
            LinePlot.Series ce = plot.series().get(0);
            int half = java.util.Arrays.binarySearch(ce.x(), 0.5);
            int i = half >= 0 ? half : -half - 2;
            assertEquals(-Math.log(ce.x()[i]), ce.y()[i], 1e-5);
            // γ = 2 is 100× below CE at p_t = 0.9 (the paper's figure)
            double[] at = FocalCurves.loss(m, new double[] {0.9}, 2);
            double[] ceAt = FocalCurves.loss(m, new double[] {0.9}, 0);
            assertEquals(100, ceAt[0] / at[0], 1e-3);
            assertTrue(plot.series().get(1).y()[i] < ce.y()[i]);
        }
    }
}
