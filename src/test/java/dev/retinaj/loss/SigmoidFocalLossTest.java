package dev.retinaj.loss;

import static dev.retinaj.loss.LossAsserts.assertClose;
import static dev.retinaj.loss.LossAsserts.assertFinite;
import static dev.retinaj.loss.LossAsserts.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.retinaj.anchors.ReferenceVectors;
import org.junit.jupiter.api.Test;

class SigmoidFocalLossTest {

    @Test
    void matchesTorchvisionForEveryAlphaGamma() {
        JsonNode ref = ReferenceVectors.load("sigmoid_focal_loss");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = ReferenceVectors.floats(m, ref.get("logits"));
            NDArray targets = ReferenceVectors.floats(m, ref.get("targets"));
            assertEquals(5, ref.get("cases").size());
            for (JsonNode c : ref.get("cases")) {
                double alpha = c.get("alpha").asDouble();
                double gamma = c.get("gamma").asDouble();
                NDArray loss = SigmoidFocalLoss.elementwise(logits, targets, alpha, gamma);
                assertEquals(logits.getShape(), loss.getShape());
                assertClose(ReferenceVectors.doubleArray(c.get("loss")), loss.toFloatArray(), 1e-5);
                assertRelative(c.get("sum").asDouble(), loss.sum().getFloat(), 1e-5);
            }
        }
    }

    @Test
    void perClassAlphaEqualsScalarAlphaWhenAllEqual() {
        JsonNode ref = ReferenceVectors.load("sigmoid_focal_loss");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = ReferenceVectors.floats(m, ref.get("logits"));
            NDArray targets = ReferenceVectors.floats(m, ref.get("targets"));
            NDArray alpha = m.create(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f});
            assertClose(ReferenceVectors.doubleArray(ref.get("cases").get(0).get("loss")),
                    SigmoidFocalLoss.elementwise(logits, targets, alpha, 2.0).toFloatArray(), 1e-5);
            // a class-dependent α changes only that class's column
            NDArray alpha2 = m.create(new float[] {0.25f, 0.5f, 0.25f, 0.25f, 0.25f, 0.25f});
            float[] a = SigmoidFocalLoss.elementwise(logits, targets, alpha2, 2.0).toFloatArray();
            float[] b = SigmoidFocalLoss.elementwise(logits, targets, 0.5, 2.0).toFloatArray();
            for (int i = 1; i < a.length; i += 6) {
                assertEquals(b[i], a[i], 1e-6f);
            }
        }
    }

    @Test
    void focalNeverExceedsCrossEntropy() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            NDArray logits = m.randomNormal(0, 4, new Shape(500), ai.djl.ndarray.types.DataType.FLOAT32);
            NDArray targets = m.randomUniform(0, 1, new Shape(500)).lt(0.3f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            for (double gamma : new double[] {0.5, 1, 2, 5}) {
                float[] fl = SigmoidFocalLoss.elementwise(logits, targets, -1, gamma).toFloatArray();
                float[] ce = SigmoidFocalLoss.elementwise(logits, targets, -1, 0).toFloatArray();
                for (int i = 0; i < fl.length; i++) {
                    assertTrue(fl[i] <= ce[i] * (1 + 1e-6f), "gamma " + gamma + " at " + i);
                    assertTrue(fl[i] >= 0);
                }
            }
        }
    }

    @Test
    void wellClassifiedExamplesAreDownWeightedAsThePaperSays() {
        try (NDManager m = NDManager.newBaseManager()) {
            // p_t = 0.9 and 0.968 for a positive (t = 1) and a negative (t = 0) target
            for (double pt : new double[] {0.9, 0.968}) {
                double x = Math.log(pt / (1 - pt));
                NDArray logits = m.create(new float[] {(float) x, (float) -x});
                NDArray targets = m.create(new float[] {1, 0});
                float[] fl = SigmoidFocalLoss.elementwise(logits, targets, -1, 2).toFloatArray();
                float[] ce = SigmoidFocalLoss.elementwise(logits, targets, -1, 0).toFloatArray();
                double expected = 1 / ((1 - pt) * (1 - pt)); // 100 at 0.9, 977 (≈1000) at 0.968
                for (int i = 0; i < 2; i++) {
                    assertEquals(-Math.log(pt), ce[i], 1e-6);
                    assertEquals(expected, ce[i] / fl[i], expected * 1e-4);
                }
            }
        }
    }

    @Test
    void gradientsAreFiniteForExtremeLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = {100, -100, 100, -100, 0};
            float[] t = {1, 1, 0, 0, 1};
            for (double gamma : new double[] {0, 0.5, 2, 5}) {
                NDArray logits = m.create(x);
                NDArray targets = m.create(t);
                float[] g = LossAsserts.gradient(logits, l -> SigmoidFocalLoss.elementwise(l, targets, 0.25, gamma));
                assertFinite(g, "gradient at gamma " + gamma);
                assertFinite(SigmoidFocalLoss.elementwise(logits, targets, 0.25, gamma).toFloatArray(), "loss");
                // a confidently wrong logit still pulls: d/dx of −α log σ(x) at x = −100 is −α
                assertEquals(-0.25f, g[1], 1e-4f);
            }
        }
    }
}
