package dev.retinaj.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.DeviceBatch;
import dev.retinaj.data.HostBatch;
import dev.retinaj.data.ImageInfo;
import dev.retinaj.model.ModelWeights;
import dev.retinaj.model.RetinaNet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Detector built from a config is the torchvision RetinaNet of the model fixture: its anchors,
 * its training losses and its detections are torchvision's (the fixture of model/DetectionParityTest,
 * here through the one wiring that train, eval, predict and serving use).
 */
class DetectorTest {
    private static final Path DIR = Path.of(System.getProperty("retinaj.model.fixture", "src/test/resources/model"));

    private static Detector fixtureDetector(NDManager m, int k) {
        RetinaConfig cfg = ConfigLoader.load(Path.of("configs/retinanet_r50_fpn_tv_v1.yaml"),
                List.of("model.backbone.name=resnet18", "model.backbone.width=0.125", "model.fpn.channels=32",
                        "model.head.channels=32", "model.num_classes=" + k, "model.weights=null"));
        Detector d = Detector.create(cfg, k);
        d.net().initialize(m);
        ModelWeights.importModel(d.net(), DIR.resolve("tv_r18_fpn.safetensors"));
        return d;
    }

    private static NDList expected(NDManager m) throws IOException {
        try (InputStream is = Files.newInputStream(DIR.resolve("tv_r18_fpn_outputs.npz"))) {
            return NDList.decode(m, is);
        }
    }

    @Test
    void anchorsLossesAndDetectionsAreTorchvisions() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList expected = expected(m);
            NDArray x = expected.get("input");
            int h = (int) x.getShape().get(2);
            int w = (int) x.getShape().get(3);
            int k = (int) expected.get("cls_logits").getShape().get(2);
            Detector detector = fixtureDetector(m, k);
            RetinaNet net = detector.net();
            ParameterStore ps = new ParameterStore(m, false);

            NDArray anchors = detector.anchors(m, h, w);
            assertTrue(anchors.sub(expected.get("anchors")).abs().max().getFloat() < 1e-3);
            assertArrayEquals(anchors.toFloatArray(), detector.anchors(m, h, w).toFloatArray(), "cached anchors differ");

            NDArray gtLabels = expected.get("gt_labels").expandDims(0);
            DeviceBatch batch = new DeviceBatch(x, expected.get("gt_boxes").expandDims(0), gtLabels,
                    m.zeros(gtLabels.getShape(), DataType.BOOLEAN), List.of());
            Detector.Losses l = detector.losses(batch, in -> net.forward(ps, in, true), 1);
            float cls = expected.get("loss_cls").getFloat();
            float box = expected.get("loss_box").getFloat();
            assertEquals(cls, l.loss().cls().getFloat(), 1e-4 * cls);
            assertEquals(box, l.loss().box().getFloat(), 1e-4 * box);

            ImageInfo info = new ImageInfo(0, "fixture", null, w, h, w, h, 1.0, false);
            HostBatch host = new HostBatch(x.toFloatArray(), 1, h, w, new float[4], new int[] {-1}, new boolean[1], 1,
                    List.of(info));
            Detections d = detector.detect(host, in -> net.forward(ps, in, false), m).get(0);
            int[] labels = Arrays.stream(expected.get("det_labels").toLongArray()).mapToInt(v -> (int) v).sorted()
                    .toArray();
            assertTrue(labels.length >= 20, "the fixture should hold a few tens of detections");
            assertArrayEquals(labels, Arrays.stream(d.labels()).sorted().toArray());
            float[] scores = expected.get("det_scores").toFloatArray();
            float[] ours = d.scores().clone();
            Arrays.sort(scores);
            Arrays.sort(ours);
            for (int i = 0; i < scores.length; i++) {
                assertEquals(scores[i], ours[i], 1e-4, "score " + i);
            }
        }
    }
}
