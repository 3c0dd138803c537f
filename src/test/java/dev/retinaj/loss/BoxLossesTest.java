package dev.retinaj.loss;

import static dev.retinaj.loss.LossAsserts.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.retinaj.anchors.BoxCoder;
import dev.retinaj.anchors.ReferenceVectors;
import org.junit.jupiter.api.Test;

class BoxLossesTest {

    @Test
    void smoothL1MatchesTorchForEveryBeta() {
        JsonNode ref = ReferenceVectors.load("box_losses");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray pred = ReferenceVectors.floats(m, ref.get("pred_deltas"));
            NDArray target = ReferenceVectors.floats(m, ref.get("target_deltas"));
            var it = ref.get("smooth_l1_sum_by_beta").fields();
            int n = 0;
            while (it.hasNext()) {
                var e = it.next();
                double beta = Double.parseDouble(e.getKey());
                assertRelative(e.getValue().asDouble(), BoxLosses.smoothL1(pred, target, beta).sum().getFloat(), 1e-5);
                n++;
            }
            assertEquals(3, n);
            assertRelative(ref.get("smooth_l1_sum_by_beta").get("0.0").asDouble(),
                    BoxLosses.l1(pred, target).sum().getFloat(), 1e-5);
        }
    }

    @Test
    void giouMatchesTorchvisionOnBoxesAndOnUnitAnchorDeltas() {
        JsonNode ref = ReferenceVectors.load("box_losses");
        try (NDManager m = NDManager.newBaseManager()) {
            double expected = ref.get("giou_loss_sum").asDouble();
            NDArray pb = ReferenceVectors.floats(m, ref.get("pred_boxes"));
            NDArray gt = ReferenceVectors.floats(m, ref.get("gt_boxes"));
            assertRelative(expected, BoxLosses.giou(pb, gt).sum().getFloat(), 1e-5);
            // GIoU is invariant to the anchor's translation and per-axis scale: decode on a unit anchor
            BoxCoder coder = new BoxCoder();
            NDArray unit = m.create(new float[] {-0.5f, -0.5f, 0.5f, 0.5f});
            NDArray p = coder.decode(unit, ReferenceVectors.floats(m, ref.get("pred_deltas")));
            NDArray t = coder.decode(unit, ReferenceVectors.floats(m, ref.get("target_deltas")));
            assertRelative(expected, BoxLosses.giou(p, t).sum().getFloat(), 1e-4);
        }
    }

    @Test
    void handCases() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray d = m.create(new float[] {0.05f, 0.5f, -2f});
            NDArray z = d.zerosLike();
            // β = 0.1: 0.5 · 0.05² / 0.1, 0.5 − 0.05, 2 − 0.05
            assertArrayEquals(new float[] {0.0125f, 0.45f, 1.95f}, BoxLosses.smoothL1(d, z, 0.1).toFloatArray(), 1e-6f);
            NDArray a = m.create(new float[] {0, 0, 10, 10});
            NDArray b = m.create(new float[] {20, 0, 30, 10});
            // disjoint: IoU 0, enclosing 300, union 200 → 1 + 100 / 300
            assertEquals(1 + 1 / 3.0, BoxLosses.giou(a, b).getFloat(), 1e-6);
            assertEquals(0.0, BoxLosses.giou(a, a).getFloat(), 1e-6);
        }
    }
}
