package dev.retinaj.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ticksAreShortRoundNumbers() {
        assertEquals("0.5", Charts.tick(0.5));
        assertEquals("0.25", Charts.tick(0.25));
        assertEquals("0.0008", Charts.tick(0.0008));
        assertEquals("2e-5", Charts.tick(0.00002));
        assertEquals("1,500", Charts.tick(1500));
        assertEquals("0", Charts.tick(0));
        assertEquals("-3", Charts.tick(-3));
        // the lr axis of a 60-iteration run ticks every 2.5e-5: each label its own value
        assertEquals("2.5e-5", Charts.tick(2.5e-5));
        assertEquals("0.000125", Charts.tick(1.25e-4));
        assertEquals("0.00015", Charts.tick(1.5e-4));
        assertEquals("0.000175", Charts.tick(1.75e-4));
        // floating-point noise of a tick step is dropped
        assertEquals("0.000125", Charts.tick(1.2500000000000002e-4));
        assertEquals("0.3", Charts.tick(0.1 + 0.2));
        assertEquals("1,234.5", Charts.tick(1234.5));
        assertEquals("1.5e6", Charts.tick(1.5e6));
        // iteration axes: no label at fractional positions
        assertEquals("", Charts.integerTicks().apply(8.8));
        assertEquals("16", Charts.integerTicks().apply(16.0));
        assertEquals("1,200", Charts.integerTicks().apply(1200.0));
    }

    @Test
    void theLossAxisIsLogOnlyWhenTwoPowersOfTenAreInRange() {
        // 1.7 down to 0.28 holds one power of ten (1): a log axis would label only "1"
        assertFalse(TrainingCurves.logReadable(List.<double[][]>of(xy(1.7, 0.9, 0.28))));
        // 2 down to 0.05 holds 1 and 0.1
        assertTrue(TrainingCurves.logReadable(List.<double[][]>of(xy(2.0, 0.5), xy(0.3, 0.05))));
        assertTrue(TrainingCurves.logReadable(List.<double[][]>of(xy(1.0, 0.1))));
        assertFalse(TrainingCurves.logReadable(List.<double[][]>of(xy(0.99, 0.1))));
        assertFalse(TrainingCurves.logReadable(List.of()));
    }

    @Test
    void theLrPanelIsDrawnInItsPowerOfTen() {
        assertEquals(-4, TrainingCurves.lrExponent(new double[] {0, 1.99e-5, 1.56e-4, 1.0e-4}));
        assertEquals(-4, TrainingCurves.lrExponent(new double[] {9.3e-4}));
        assertEquals(-3, TrainingCurves.lrExponent(new double[] {1e-3, 5e-4}));
        assertEquals(-2, TrainingCurves.lrExponent(new double[] {0.02}));
        assertEquals(0, TrainingCurves.lrExponent(new double[] {0, 0}));
        assertEquals(0, TrainingCurves.lrExponent(new double[] {}));
    }

    private static double[][] xy(double... y) {
        return new double[][] {new double[y.length], y};
    }

    static List<JsonNode> rows() throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            rows.add(JSON.readTree("{\"iter\":" + i + ",\"loss\":" + (2.0 / i) + ",\"loss_cls\":" + (1.5 / i)
                    + ",\"loss_box\":" + (0.5 / i) + ",\"lr\":" + (0.01 * i / 20) + "}"));
        }
        rows.add(JSON.readTree("{\"iter\":10,\"eval\":true,\"AP\":0.3,\"AP50\":0.5,\"APl\":-1.0,\"mAP\":0.51,\"mAP_voc10\":0.51}"));
        rows.add(JSON.readTree("{\"iter\":20,\"eval\":true,\"AP\":0.4,\"AP50\":0.6,\"APl\":-1.0,\"mAP\":0.61,\"mAP_voc10\":0.61}"));
        // the final evaluation written twice: drawn once, the later row wins
        rows.add(JSON.readTree("{\"iter\":20,\"eval\":true,\"AP\":0.45,\"AP50\":0.6,\"APl\":-1.0,\"mAP\":0.61,\"mAP_voc10\":0.61}"));
        return rows;
    }

    @Test
    void seriesHasOnePointPerIterationAndDropsUndefined() throws Exception {
        double[][] ap = TrainingCurves.series(rows(), "AP", 0);
        assertEquals(2, ap[0].length);
        assertEquals(20, ap[0][1]);
        assertEquals(0.45, ap[1][1], 1e-12);
        assertEquals(0, TrainingCurves.series(rows(), "APl", 0)[0].length);
        assertEquals(20, TrainingCurves.series(rows(), "loss", Double.MIN_VALUE)[0].length);
    }

    @Test
    void curvesHaveLossLearningRateAndValidationPanels() throws Exception {
        BufferedImage all = TrainingCurves.render(rows());
        List<JsonNode> trainOnly = rows().subList(0, 20);
        BufferedImage noEval = TrainingCurves.render(trainOnly);
        assertEquals(960, all.getWidth());
        assertEquals(3 * 320, all.getHeight());
        assertEquals(2 * 320, noEval.getHeight());
        assertEquals(80, TrainingCurves.render(List.of()).getHeight());
    }

    @Test
    void linePlotKeepsItsSeriesAndRenders() {
        LinePlot p = new LinePlot("t", "iteration", "loss").logY()
                .add("a", new double[] {1, 2, 3}, new double[] {1, 0.5, 0})
                .add("b", new double[] {1, 2}, new double[] {Double.NaN, 2});
        assertEquals(2, p.series().size());
        BufferedImage img = p.render(600, 400);
        assertEquals(600, img.getWidth());
        // the log axis drops the 0 and the NaN: 2 points of a, 1 of b
        assertEquals(2, p.chart(600, 400).getSeriesMap().get("a").getXData().length);
        assertEquals(1, p.chart(600, 400).getSeriesMap().get("b").getXData().length);
        assertTrue(p.chart(600, 400).getStyler().isYAxisLogarithmic());
    }
}
