package dev.retinaj.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.retinaj.anchors.AnchorGenerator;
import dev.retinaj.anchors.Assigner;
import dev.retinaj.anchors.BoxCoder;
import dev.retinaj.anchors.Targets;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.loss.DetectionLoss;
import dev.retinaj.loss.LossOutput;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A measurement on a fixture too large to commit (src/test/python/make_r50_loss_fixture.py writes it):
 * a random torchvision R50-FPN at 512 px, 91 classes, imported; its first-iteration losses in float32
 * against torchvision's with the whole model in float64. Runs only with -Dretinaj.loss.fixture=DIR.
 */
class LossFloat64Test {
    @Test
    void importedR50LossesAgreeWithTorchvisionInFloat64() throws Exception {
        String dir = System.getProperty("retinaj.loss.fixture");
        assumeTrue(dir != null, "needs -Dretinaj.loss.fixture=DIR (make_r50_loss_fixture.py)");
        Path fixture = Path.of(dir);
        try (NDManager m = NDManager.newBaseManager(); InputStream in = Files.newInputStream(fixture.resolve("losses.npz"))) {
            NDList e = NDList.decode(m, in);
            NDArray x = e.get("input");
            int size = (int) x.getShape().get(2);
            RetinaConfig cfg = ConfigLoader.load(Path.of("configs/bench/r50_fpn_512_tv.yaml"), List.of());
            RetinaNet net = RetinaNetFactory.build(cfg.model(), 91);
            net.initialize(m);
            ModelWeights.importModel(net, fixture.resolve("model.safetensors"));
            // torchvision's reference ran in eval mode: BN on its running statistics
            HeadOutputs out = net.outputs(net.forward(new ParameterStore(m, false), new NDList(x), false), size, size);
            NDArray anchors = new AnchorGenerator(cfg.model().anchors()).anchors(m, out.levels());
            NDArray labels = e.get("gt_labels").expandDims(0);
            Targets t = new Assigner(cfg.assigner(), new BoxCoder()).assign(anchors, e.get("gt_boxes").expandDims(0),
                    labels, m.zeros(labels.getShape(), DataType.BOOLEAN), 91);
            LossOutput l = new DetectionLoss(cfg.loss(), 91, new BoxCoder()).compute(out, t, 1);
            double cls64 = e.get("loss_cls_f64").getDouble();
            double box64 = e.get("loss_box_f64").getDouble();
            System.out.printf("R50 512 px: cls %.9g vs float64 %.12g (%.2e), box %.9g vs %.12g (%.2e); torchvision "
                            + "float32 cls %.2e, box %.2e%n", l.cls().getFloat(), cls64, l.cls().getFloat() / cls64 - 1,
                    l.box().getFloat(), box64, l.box().getFloat() / box64 - 1,
                    e.get("loss_cls").getFloat() / cls64 - 1, e.get("loss_box").getFloat() / box64 - 1);
            assertEquals(cls64, l.cls().getFloat(), 1e-5 * cls64);
            assertEquals(box64, l.box().getFloat(), 1e-5 * box64);
        }
    }
}
