package dev.retinaj.loss;

import static dev.retinaj.loss.LossAsserts.assertClose;
import static dev.retinaj.loss.LossAsserts.assertFinite;
import static dev.retinaj.loss.LossAsserts.assertRelative;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.retinaj.anchors.ReferenceVectors;
import org.junit.jupiter.api.Test;

class SoftmaxFocalLossTest {

    @Test
    void matchesTheSeedFormula() {
        JsonNode ref = ReferenceVectors.load("softmax_focal_loss");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = ReferenceVectors.floats(m, ref.get("logits"));
            NDArray labels = ReferenceVectors.ints(m, ref.get("labels"));
            NDArray alpha = ReferenceVectors.floats(m, ref.get("alpha"));
            for (JsonNode c : ref.get("cases")) {
                NDArray loss = SoftmaxFocalLoss.elementwise(logits, labels, alpha, c.get("gamma").asDouble());
                assertClose(ReferenceVectors.doubleArray(c.get("loss")), loss.toFloatArray(), 1e-5);
                assertRelative(c.get("mean").asDouble(), loss.mean().getFloat(), 1e-5);
            }
        }
    }

    @Test
    void batchedShapesAndFiniteGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray labels = m.create(new int[] {0, 1, 2, 1}, new Shape(2, 2));
            for (double gamma : new double[] {0, 0.5, 2}) {
                NDArray logits = m.create(new float[] {100, -100, 0, -100, 100, 0, 0, 0, 100, 100, -100, 100}, new Shape(2, 2, 3));
                float[] g = LossAsserts.gradient(logits, l -> SoftmaxFocalLoss.elementwise(l, labels, null, gamma));
                assertFinite(g, "gradient at gamma " + gamma);
                assertFinite(SoftmaxFocalLoss.elementwise(logits, labels, null, gamma).toFloatArray(), "loss");
            }
        }
    }
}
