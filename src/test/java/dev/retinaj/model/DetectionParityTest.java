package dev.retinaj.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.ndarray.types.DataType;
import dev.retinaj.anchors.AnchorGenerator;
import dev.retinaj.anchors.Assigner;
import dev.retinaj.anchors.BoxCoder;
import dev.retinaj.anchors.Targets;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.ImageInfo;
import dev.retinaj.infer.Detections;
import dev.retinaj.infer.PostProcessor;
import dev.retinaj.loss.DetectionLoss;
import dev.retinaj.loss.LossOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End-to-end parity with torchvision on the model fixture (configs/retinanet_r50_fpn_tv_v1.yaml made
 * small): our model, anchors and post-processor give torchvision's detections (same count and labels,
 * boxes within 1e-2 px, scores within 1e-4); with the assigner and loss, its first-iteration losses.
 */
class DetectionParityTest {
    @Test
    void anchorsAndDetectionsMatchTorchvision() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList expected = ModelParityTest.readOutputs(m);
            NDArray x = expected.get("input");
            int h = (int) x.getShape().get(2);
            int w = (int) x.getShape().get(3);
            int k = (int) expected.get("cls_logits").getShape().get(2);
            RetinaConfig cfg = ConfigLoader.load(Path.of("configs/retinanet_r50_fpn_tv_v1.yaml"),
                    ModelParityTest.fixtureOverrides(k));
            RetinaNet net = RetinaNetFactory.build(cfg.model(), k);
            net.initialize(m);
            ModelWeights.importModel(net, ModelParityTest.DIR.resolve("tv_r18_fpn.safetensors"));
            HeadOutputs out = net.outputs(net.forward(new ParameterStore(m, false), new NDList(x), false), h, w);

            NDArray anchors = new AnchorGenerator(cfg.model().anchors()).anchors(m, out.levels());
            assertTrue(anchors.sub(expected.get("anchors")).abs().max().getFloat() < 1e-3);

            ImageInfo info = new ImageInfo(0, "fixture", null, w, h, w, h, 1.0, false);
            Detections d = new PostProcessor(cfg.test(), new BoxCoder()).process(out, anchors, List.of(info)).get(0);
            float[] scores = expected.get("det_scores").toFloatArray();
            float[] boxes = expected.get("det_boxes").toFloatArray();
            long[] labels = expected.get("det_labels").toLongArray();
            assertTrue(scores.length >= 20, "the fixture should hold a few tens of detections");
            assertEquals(scores.length, d.scores().length);
            // each torchvision detection has its own match (scores within 1e-4 may come in either order)
            boolean[] used = new boolean[scores.length];
            double maxBox = 0;
            double maxScore = 0;
            for (int i = 0; i < scores.length; i++) {
                int match = -1;
                for (int j = 0; j < scores.length && match < 0; j++) {
                    if (!used[j] && d.labels()[j] == labels[i] && Math.abs(d.scores()[j] - scores[i]) <= 1e-4
                            && boxDiff(boxes, i, d.boxes(), j) <= 1e-2) {
                        match = j;
                    }
                }
                assertTrue(match >= 0, "no match for torchvision detection " + i + " (label " + labels[i]
                        + ", score " + scores[i] + ")");
                used[match] = true;
                maxBox = Math.max(maxBox, boxDiff(boxes, i, d.boxes(), match));
                maxScore = Math.max(maxScore, Math.abs(d.scores()[match] - scores[i]));
            }
            System.out.println("detection parity: " + scores.length + " detections, max |box diff| " + maxBox
                    + " px, max |score diff| " + maxScore);
        }
    }

    @Test
    void firstIterationLossesMatchTorchvision() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList expected = ModelParityTest.readOutputs(m);
            NDArray x = expected.get("input");
            int h = (int) x.getShape().get(2);
            int w = (int) x.getShape().get(3);
            int k = (int) expected.get("cls_logits").getShape().get(2);
            RetinaConfig cfg = ConfigLoader.load(Path.of("configs/retinanet_r50_fpn_tv_v1.yaml"),
                    ModelParityTest.fixtureOverrides(k));
            RetinaNet net = RetinaNetFactory.build(cfg.model(), k);
            net.initialize(m);
            ModelWeights.importModel(net, ModelParityTest.DIR.resolve("tv_r18_fpn.safetensors"));
            HeadOutputs out = net.outputs(net.forward(new ParameterStore(m, false), new NDList(x), true), h, w);
            NDArray anchors = new AnchorGenerator(cfg.model().anchors()).anchors(m, out.levels());
            NDArray gtBoxes = expected.get("gt_boxes").expandDims(0);
            NDArray gtLabels = expected.get("gt_labels").expandDims(0);
            NDArray gtIgnore = m.zeros(gtLabels.getShape(), DataType.BOOLEAN);
            Targets t = new Assigner(cfg.assigner(), new BoxCoder()).assign(anchors, gtBoxes, gtLabels, gtIgnore, k);
            LossOutput loss = new DetectionLoss(cfg.loss(), k, new BoxCoder()).compute(out, t, 1);
            float cls = expected.get("loss_cls").getFloat();
            float box = expected.get("loss_box").getFloat();
            System.out.println("loss parity: cls " + loss.cls().getFloat() + " vs " + cls + ", box "
                    + loss.box().getFloat() + " vs " + box);
            assertEquals(cls, loss.cls().getFloat(), 1e-4 * cls);
            assertEquals(box, loss.box().getFloat(), 1e-4 * box);
            if (expected.contains("loss_cls_f64")) { // fixtures written since the float64 reference was added
                double cls64 = expected.get("loss_cls_f64").getDouble();
                double box64 = expected.get("loss_box_f64").getDouble();
                System.out.println("loss vs float64: cls " + (loss.cls().getFloat() / cls64 - 1) + ", box "
                        + (loss.box().getFloat() / box64 - 1) + " relative");
                assertEquals(cls64, loss.cls().getFloat(), 1e-5 * cls64);
                assertEquals(box64, loss.box().getFloat(), 1e-5 * box64);
            }
        }
    }

    private static double boxDiff(float[] a, int i, float[] b, int j) {
        double m = 0;
        for (int c = 0; c < 4; c++) {
            m = Math.max(m, Math.abs(a[4 * i + c] - b[4 * j + c]));
        }
        return m;
    }
}
