package dev.retinaj.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.retinaj.anchors.BoxCoder;
import dev.retinaj.anchors.Targets;
import dev.retinaj.config.LossConfig.BoxType;
import dev.retinaj.config.LossConfig.ClsType;
import dev.retinaj.config.LossConfig.Normalizer;
import dev.retinaj.model.HeadOutputs;
import dev.retinaj.model.LevelShape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float32 losses of a COCO-sized batch (1333 x 800, 80 classes, 9 anchors per location: 2 x 18.6 M
 * classification terms) against the same sums taken in double precision, term by term, in Java.
 */
class LossSumAccuracyTest {
    private static final int B = 2;
    private static final int K = 80;
    private static final double ALPHA = 0.25;
    private static final double GAMMA = 2.0;

    @Test
    void focalAndBoxLossesOfACocoSizedBatchAgreeWithFloat64() {
        List<LevelShape> levels = LevelShape.forInput(800, 1333, List.of(8, 16, 32, 64, 128));
        int a = (int) levels.stream().mapToLong(l -> 9L * l.locations()).sum();
        Random rnd = new Random(11);
        float[] logits = new float[B * a * K];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (-4.6 + 1.5 * rnd.nextGaussian()); // a head near its prior, as in early training
        }
        float[] deltas = new float[B * a * 4];
        float[] boxTargets = new float[B * a * 4];
        boolean[] fg = new boolean[B * a];
        boolean[] valid = new boolean[B * a];
        int[] labels = new int[B * a];
        float[] numPos = new float[B];
        for (int i = 0; i < B * a; i++) {
            double u = rnd.nextDouble();
            fg[i] = u < 0.01;
            valid[i] = u < 0.95; // the rest ignored
            labels[i] = fg[i] ? rnd.nextInt(K) : valid[i] ? Targets.BACKGROUND : Targets.IGNORED;
            numPos[i / a] += fg[i] ? 1 : 0;
            for (int j = 0; j < 4; j++) {
                deltas[4 * i + j] = (float) rnd.nextGaussian();
                boxTargets[4 * i + j] = fg[i] ? (float) rnd.nextGaussian() : 0f;
            }
        }
        double[] expected = reference(logits, deltas, boxTargets, fg, valid, labels, a);
        double pos = numPos[0] + numPos[1];
        try (NDManager m = NDManager.newBaseManager()) {
            Targets t = Targets.withLazyClassTargets(K, m.create(valid, new Shape(B, a)),
                    m.create(boxTargets, new Shape(B, a, 4)), m.create(fg, new Shape(B, a)),
                    m.create(labels, new Shape(B, a)), m.create(numPos), m.zeros(new Shape(B, a, 4)));
            HeadOutputs out = new HeadOutputs(m.create(logits, new Shape(B, a, K)), m.create(deltas, new Shape(B, a, 4)),
                    levels, 9);
            var cfg = DetectionLossTest.config(ClsType.SIGMOID_FOCAL, dev.retinaj.config.Alpha.of(ALPHA), GAMMA,
                    List.of(), BoxType.L1, Normalizer.BATCH_POS);
            LossOutput l = new DetectionLoss(cfg, K, new BoxCoder()).compute(out, t, 1);
            assertEquals(expected[0] / pos, l.cls().getFloat(), 1e-5 * expected[0] / pos, "cls");
            assertEquals(expected[1] / pos, l.box().getFloat(), 1e-5 * expected[1] / pos, "box");
        }
    }

    /** {Σ focal over valid anchors and classes, Σ L1 over foreground anchors}, in double precision. */
    private static double[] reference(float[] logits, float[] deltas, float[] boxTargets, boolean[] fg,
                                      boolean[] valid, int[] labels, int a) {
        double cls = 0;
        double box = 0;
        for (int i = 0; i < B * a; i++) {
            if (!valid[i]) {
                continue;
            }
            for (int k = 0; k < K; k++) {
                double x = logits[i * K + k];
                boolean positive = fg[i] && labels[i] == k;
                double p = 1 / (1 + Math.exp(-x));
                double pt = positive ? p : 1 - p;
                double logPt = positive ? -softplus(-x) : -softplus(x);
                cls += -(positive ? ALPHA : 1 - ALPHA) * Math.pow(1 - pt, GAMMA) * logPt;
            }
            if (fg[i]) {
                for (int j = 0; j < 4; j++) {
                    box += Math.abs(deltas[4 * i + j] - (double) boxTargets[4 * i + j]);
                }
            }
        }
        return new double[] {cls, box};
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
