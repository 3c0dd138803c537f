package dev.retinaj.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.retinaj.anchors.BoxCoder;
import dev.retinaj.anchors.Targets;
import dev.retinaj.config.Alpha;
import dev.retinaj.config.LossConfig;
import dev.retinaj.config.LossConfig.BoxType;
import dev.retinaj.config.LossConfig.ClsType;
import dev.retinaj.config.LossConfig.Normalizer;
import dev.retinaj.model.HeadOutputs;
import dev.retinaj.model.LevelShape;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionLossTest {
    private static final BoxCoder CODER = new BoxCoder();
    private static final float[] LOGITS = {2f, -1f, 0.5f, 0.3f, -3f, 1.5f, -0.2f, 0.7f, 4f, -2f, 0.1f, -0.6f};
    private static final float[] DELTAS = {0.1f, -0.2f, 0.3f, 0.05f, 1f, 1f, 1f, 1f, -1f, 0f, 0f, 2f,
                                           0.5f, 0.5f, 0.5f, 0.5f, 0f, 0f, 0f, 0f, 1f, 2f, 3f, 4f};
    private static final float[] BOX_TARGET = {0.2f, -0.1f, 0.25f, -0.3f};

    static LossConfig config(ClsType type, Alpha alpha, double gamma, List<LossConfig.GammaStep> schedule,
                             BoxType box, Normalizer norm) {
        return new LossConfig(new LossConfig.ClsLossConfig(type, alpha, gamma, schedule, 1.0),
                new LossConfig.BoxLossConfig(box, 0.1, 1.0), norm, 0.9);
    }

    static LossConfig config(ClsType type, Normalizer norm) {
        return config(type, Alpha.of(0.25), 2.0, List.of(), BoxType.SMOOTH_L1, norm);
    }

    /** B = 2, A = 3, K = 2. Image 0: anchor 0 foreground of class 1, anchor 1 background, anchor 2 ignored. Image 1: no GT. */
    static Targets targets(NDManager m, boolean empty) {
        boolean[] fg = {!empty, false, false, false, false, false};
        boolean[] valid = {true, true, empty, true, true, true};
        int[] labels = {empty ? -1 : 1, -1, empty ? -1 : -2, -1, -1, -1};
        float[] cls = new float[12];
        float[] box = new float[24];
        if (!empty) {
            cls[1] = 1;
            System.arraycopy(BOX_TARGET, 0, box, 0, 4);
        }
        return new Targets(m.create(cls, new Shape(2, 3, 2)), m.create(valid, new Shape(2, 3)),
                m.create(box, new Shape(2, 3, 4)), m.create(fg, new Shape(2, 3)), m.create(labels, new Shape(2, 3)),
                m.create(new float[] {empty ? 0 : 1, 0}), m.zeros(new Shape(2, 3, 4)));
    }

    static HeadOutputs outputs(NDManager m) {
        return new HeadOutputs(m.create(LOGITS, new Shape(2, 3, 2)), m.create(DELTAS, new Shape(2, 3, 4)),
                List.of(new LevelShape(1, 1, 8)), 3);
    }

    /** Per-image focal sums over valid anchors with α 0.25, γ 2, from the (reference-tested) element-wise loss. */
    static double[] focalPerImage(NDManager m, Targets t, double gamma) {
        float[] el = SigmoidFocalLoss.elementwise(m.create(LOGITS, new Shape(2, 3, 2)), t.clsTargets(), 0.25, gamma).toFloatArray();
        boolean[] valid = t.valid().toBooleanArray();
        double[] out = new double[2];
        for (int i = 0; i < 12; i++) {
            if (valid[i / 2]) {
                out[i / 6] += el[i];
            }
        }
        return out;
    }

    static double smoothL1OfAnchor0() {
        double s = 0;
        for (int j = 0; j < 4; j++) {
            double d = Math.abs(DELTAS[j] - BOX_TARGET[j]);
            s += d < 0.1 ? 0.5 * d * d / 0.1 : d - 0.05;
        }
        return s;
    }

    @Test
    void batchPositiveNormaliser() {
        try (NDManager m = NDManager.newBaseManager()) {
            Targets t = targets(m, false);
            LossOutput o = new DetectionLoss(config(ClsType.SIGMOID_FOCAL, Normalizer.BATCH_POS), 2, CODER)
                    .compute(outputs(m), t, 1);
            double[] cls = focalPerImage(m, t, 2);
            assertEquals(cls[0] + cls[1], o.cls().getFloat(), 1e-5);
            assertEquals(smoothL1OfAnchor0(), o.box().getFloat(), 1e-5);
            assertEquals(o.cls().getFloat() + o.box().getFloat(), o.total().getFloat(), 1e-6);
            assertEquals(1f, o.numPos().getFloat());
            assertTrue(o.total().getShape().isScalar());
        }
    }

    @Test
    void imagePositiveNormaliserAveragesImages() {
        try (NDManager m = NDManager.newBaseManager()) {
            Targets t = targets(m, false);
            LossOutput o = new DetectionLoss(config(ClsType.SIGMOID_FOCAL, Normalizer.IMAGE_POS), 2, CODER)
                    .compute(outputs(m), t, 1);
            double[] cls = focalPerImage(m, t, 2);
            assertEquals((cls[0] / 1 + cls[1] / 1) / 2, o.cls().getFloat(), 1e-5);
            assertEquals(smoothL1OfAnchor0() / 2, o.box().getFloat(), 1e-5);
        }
    }

    @Test
    void emaNormaliserKeepsAndRestoresState() {
        try (NDManager m = NDManager.newBaseManager()) {
            Targets t = targets(m, false);
            DetectionLoss loss = new DetectionLoss(config(ClsType.SIGMOID_FOCAL, Normalizer.EMA_POS), 2, CODER);
            double[] cls = focalPerImage(m, t, 2);
            LossOutput o = loss.compute(outputs(m), t, 1);
            assertEquals(90.1, loss.emaState(), 1e-9); // 0.9 · 100 + 0.1 · 1
            assertEquals((cls[0] + cls[1]) / 90.1, o.cls().getFloat(), 1e-6);
            loss.compute(outputs(m), t, 2);
            assertEquals(0.9 * 90.1 + 0.1, loss.emaState(), 1e-9);
            loss.restoreEma(10);
            LossOutput o3 = loss.compute(outputs(m), t, 3);
            assertEquals(9.1, loss.emaState(), 1e-9);
            assertEquals(smoothL1OfAnchor0() / 9.1, o3.box().getFloat(), 1e-5);
        }
    }

    @Test
    void emptyBatchHasZeroBoxLossAndFiniteClsLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            Targets t = targets(m, true);
            for (BoxType bt : BoxType.values()) {
                for (Normalizer n : Normalizer.values()) {
                    LossOutput o = new DetectionLoss(config(ClsType.SIGMOID_FOCAL, Alpha.of(0.25), 2, List.of(), bt, n), 2, CODER)
                            .compute(outputs(m), t, 1);
                    assertEquals(0f, o.box().getFloat(), bt + " " + n);
                    assertTrue(Float.isFinite(o.cls().getFloat()) && o.cls().getFloat() > 0);
                    assertEquals(0f, o.numPos().getFloat());
                }
            }
        }
    }

    @Test
    void gammaScheduleSwitchesGamma() {
        try (NDManager m = NDManager.newBaseManager()) {
            Targets t = targets(m, false);
            var cfg = config(ClsType.SIGMOID_FOCAL, Alpha.of(0.25), 2.0, List.of(new LossConfig.GammaStep(10, 0.0)),
                    BoxType.SMOOTH_L1, Normalizer.BATCH_POS);
            DetectionLoss loss = new DetectionLoss(cfg, 2, CODER);
            double[] g2 = focalPerImage(m, t, 2);
            double[] g0 = focalPerImage(m, t, 0);
            assertEquals(g2[0] + g2[1], loss.compute(outputs(m), t, 9).cls().getFloat(), 1e-5);
            assertEquals(g0[0] + g0[1], loss.compute(outputs(m), t, 10).cls().getFloat(), 1e-5);
            // bce is the γ = 0 form whatever gamma says
            var bce = config(ClsType.BCE, Normalizer.BATCH_POS);
            assertEquals(g0[0] + g0[1], new DetectionLoss(bce, 2, CODER).compute(outputs(m), t, 1).cls().getFloat(), 1e-5);
        }
    }

    @Test
    void softmaxFocalUsesAZeroBackgroundLogit() {
        try (NDManager m = NDManager.newBaseManager()) {
            Targets t = targets(m, false);
            var cfg = config(ClsType.SOFTMAX_FOCAL, Alpha.of(0.25), 2, List.of(), BoxType.L1, Normalizer.BATCH_POS);
            LossOutput o = new DetectionLoss(cfg, 2, CODER).compute(outputs(m), t, 1);
            // rows (anchor) with classes (bg = 0, c0, c1); labels: image 0 anchor 0 → 2, anchor 1 → 0; image 1 → 0
            double expected = 0;
            int[][] rows = {{0, 2}, {1, 0}, {3, 0}, {4, 0}, {5, 0}};
            for (int[] r : rows) {
                double[] z = {0, LOGITS[2 * r[0]], LOGITS[2 * r[0] + 1]};
                double lse = Math.log(Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]));
                double p = Math.exp(z[r[1]] - lse);
                double alpha = r[1] == 0 ? 0.75 : 0.25;
                expected += -alpha * (1 - p) * (1 - p) * Math.log(p);
            }
            assertEquals(expected, o.cls().getFloat(), 1e-5);
            double l1 = 0;
            for (int j = 0; j < 4; j++) {
                l1 += Math.abs(DELTAS[j] - BOX_TARGET[j]);
            }
            assertEquals(l1, o.box().getFloat(), 1e-5);
        }
    }

    @Test
    void giouLossEqualsGiouOfBoxesDecodedOnTheRealAnchor() {
        try (NDManager m = NDManager.newBaseManager()) {
            Targets t = targets(m, false);
            var cfg = config(ClsType.SIGMOID_FOCAL, Alpha.of(0.25), 2, List.of(), BoxType.GIOU, Normalizer.BATCH_POS);
            LossOutput o = new DetectionLoss(cfg, 2, CODER).compute(outputs(m), t, 1);
            NDArray anchor = m.create(new float[] {13, 40, 77, 72});
            NDArray p = CODER.decode(anchor, m.create(java.util.Arrays.copyOf(DELTAS, 4)));
            NDArray g = CODER.decode(anchor, m.create(BOX_TARGET));
            assertEquals(BoxLosses.giou(p, g).getFloat(), o.box().getFloat(), 1e-5);
        }
    }

    @Test
    void autoAlphaNeedsFrequenciesAndReducesToThePaperForEqualCounts() {
        try (NDManager m = NDManager.newBaseManager()) {
            Targets t = targets(m, false);
            var auto = config(ClsType.SIGMOID_FOCAL, new Alpha(Alpha.Kind.AUTO, 0, List.of()), 2, List.of(),
                    BoxType.SMOOTH_L1, Normalizer.BATCH_POS);
            DetectionLoss loss = new DetectionLoss(auto, 2, CODER);
            assertThrows(IllegalStateException.class, () -> loss.compute(outputs(m), t, 1));
            double[] cls = focalPerImage(m, t, 2);
            float v = loss.withClassFrequencies(new double[] {50, 50}).compute(outputs(m), t, 1).cls().getFloat();
            assertEquals(cls[0] + cls[1], v, 1e-5);
            double[] a = AutoAlpha.perClass(new double[] {100, 1});
            assertEquals(0.25 * 0.1 / 0.55, a[0], 1e-12); // w = f^-1/2 / mean: 0.1 / 0.55 and 1 / 0.55
            assertEquals(0.25 / 0.55, a[1], 1e-12);
        }
    }

    @Test
    void gradientsThroughTheWholeLossAreFiniteAtExtremeLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            Targets t = targets(m, false);
            for (ClsType type : ClsType.values()) {
                for (BoxType bt : BoxType.values()) {
                    NDArray logits = m.create(new float[] {100, -100, -100, 100, 100, 100, -100, -100, 100, -100, 0, 100},
                            new Shape(2, 3, 2));
                    NDArray deltas = m.create(DELTAS, new Shape(2, 3, 4)).mul(30);
                    logits.setRequiresGradient(true);
                    deltas.setRequiresGradient(true);
                    var cfg = config(type, Alpha.of(0.25), 0.5, List.of(), bt, Normalizer.BATCH_POS);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        LossOutput o = new DetectionLoss(cfg, 2, CODER).compute(
                                new HeadOutputs(logits, deltas, List.of(new LevelShape(1, 1, 8)), 3), t, 1);
                        assertTrue(Float.isFinite(o.total().getFloat()), type + " " + bt);
                        gc.backward(o.total());
                    }
                    LossAsserts.assertFinite(logits.getGradient().toFloatArray(), type + " " + bt + " logits grad");
                    LossAsserts.assertFinite(deltas.getGradient().toFloatArray(), type + " " + bt + " deltas grad");
                }
            }
        }
    }

    @Test
    void perClassAlphaListMustFitTheClasses() {
        var bad = config(ClsType.SOFTMAX_FOCAL, new Alpha(Alpha.Kind.PER_CLASS, 0, List.of(0.5, 0.5)), 2, List.of(),
                BoxType.L1, Normalizer.BATCH_POS);
        assertThrows(dev.retinaj.config.ConfigException.class, () -> new DetectionLoss(bad, 2, CODER));
    }

    @Test
    void fastSigmoidPathEqualsElementwiseSumForEveryAlphaKind() {
        try (NDManager m = NDManager.newBaseManager()) {
            Targets t = targets(m, false);
            NDArray logits = m.create(LOGITS, new Shape(2, 3, 2));
            NDArray valid = t.valid().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).expandDims(-1);
            Alpha[] alphas = {Alpha.of(-1), Alpha.of(0.4), new Alpha(Alpha.Kind.PER_CLASS, 0, List.of(0.3, 0.6)),
                new Alpha(Alpha.Kind.PER_CLASS, 0, List.of(0.9, 0.3, 0.6))};
            for (Alpha a : alphas) {
                NDArray el = switch (a.kind()) {
                    case PER_CLASS -> SigmoidFocalLoss.elementwise(logits, t.clsTargets(), m.create(new float[] {0.3f, 0.6f}), 1.5);
                    default -> SigmoidFocalLoss.elementwise(logits, t.clsTargets(), a.value(), 1.5);
                };
                var cfg = config(ClsType.SIGMOID_FOCAL, a, 1.5, List.of(), BoxType.L1, Normalizer.BATCH_POS);
                float v = new DetectionLoss(cfg, 2, CODER).compute(outputs(m), t, 1).cls().getFloat();
                assertEquals(el.mul(valid).sum().getFloat(), v, 1e-5, a.toString());
            }
        }
    }

    @Test
    void fastSigmoidPathHasTheElementwiseGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            Targets t = targets(m, false);
            NDArray valid = t.valid().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).expandDims(-1);
            float[] extreme = LOGITS.clone();
            extreme[3] = 100;
            extreme[4] = -100;
            for (double gamma : new double[] {0, 0.5, 2}) {
                for (Alpha a : new Alpha[] {Alpha.of(-1), Alpha.of(0.25), new Alpha(Alpha.Kind.PER_CLASS, 0, List.of(0.3, 0.6))}) {
                    float[] expected = LossAsserts.gradient(m.create(extreme, new Shape(2, 3, 2)), x -> {
                        NDArray el = a.kind() == Alpha.Kind.PER_CLASS
                                ? SigmoidFocalLoss.elementwise(x, t.clsTargets(), m.create(new float[] {0.3f, 0.6f}), gamma)
                                : SigmoidFocalLoss.elementwise(x, t.clsTargets(), a.value(), gamma);
                        return el.mul(valid);
                    });
                    var cfg = config(ClsType.SIGMOID_FOCAL, a, gamma, List.of(), BoxType.L1, Normalizer.BATCH_POS);
                    DetectionLoss loss = new DetectionLoss(cfg, 2, CODER);
                    float[] actual = LossAsserts.gradient(m.create(extreme, new Shape(2, 3, 2)), x -> loss.compute(
                            new HeadOutputs(x, m.zeros(new Shape(2, 3, 4)), List.of(new LevelShape(1, 1, 8)), 3), t, 1).cls());
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(expected[i], actual[i], 1e-5, "gamma " + gamma + " " + a + " at " + i);
                    }
                }
            }
        }
    }
}
