package dev.retinaj.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.ModelConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parity with torchvision's RetinaNet on the fixture written by src/test/python/make_model_fixture.py
 * (ResNet-18 body at 1/8 width, frozen BN, 32-channel FPN with P6 from P5, 4-conv heads), whose
 * weights were exported by scripts/export_torchvision_weights.py.
 */
class ModelParityTest {
    /** The fixture folder; -Dretinaj.model.fixture=DIR checks one generated with another seed, size or class count. */
    static final Path DIR = Path.of(System.getProperty("retinaj.model.fixture", "src/test/resources/model"));
    static final double TOL = 1e-4;

    /** The RetinaJ config of the fixture's model: configs/retinanet_r50_fpn_tv_v1.yaml, made small. */
    static ModelConfig fixtureConfig(int numClasses) {
        return ConfigLoader.load(Path.of("configs/retinanet_r50_fpn_tv_v1.yaml"), fixtureOverrides(numClasses)).model();
    }

    static List<String> fixtureOverrides(int numClasses) {
        return List.of("model.backbone.name=resnet18", "model.backbone.width=0.125", "model.fpn.channels=32",
                "model.head.channels=32", "model.num_classes=" + numClasses, "model.weights=null");
    }

    static NDList readOutputs(NDManager m) throws IOException {
        try (InputStream is = Files.newInputStream(DIR.resolve("tv_r18_fpn_outputs.npz"))) {
            return NDList.decode(m, is);
        }
    }

    private static double maxAbsDiff(NDArray a, NDArray b) {
        assertEquals(b.getShape(), a.getShape());
        return a.sub(b).abs().max().getFloat();
    }

    @Test
    void featuresAndHeadOutputsMatchTorchvision() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList expected = readOutputs(m);
            NDArray x = expected.get("input");
            int k = (int) expected.get("cls_logits").getShape().get(2);
            RetinaNet net = RetinaNetFactory.build(fixtureConfig(k), k);
            net.initialize(m);
            ModelWeights.importModel(net, DIR.resolve("tv_r18_fpn.safetensors"));

            ParameterStore ps = new ParameterStore(m, false);
            BackboneWithFpn.Features f = net.features(ps, x, false);
            StringBuilder report = new StringBuilder();
            double worst = 0;
            for (int i = 0; i < 3; i++) {
                double d = maxAbsDiff(f.c().get(i), expected.get("c" + (i + 3)));
                report.append(" c").append(i + 3).append('=').append(d);
                worst = Math.max(worst, d);
            }
            for (int i = 0; i < 5; i++) {
                double d = maxAbsDiff(f.p().get(i), expected.get("p" + (i + 3)));
                report.append(" p").append(i + 3).append('=').append(d);
                worst = Math.max(worst, d);
            }
            NDList out = net.forward(ps, new NDList(x), false);
            HeadOutputs h = net.outputs(out, (int) x.getShape().get(2), (int) x.getShape().get(3));
            double dc = maxAbsDiff(h.clsLogits(), expected.get("cls_logits"));
            double db = maxAbsDiff(h.boxDeltas(), expected.get("bbox_regression"));
            report.append(" cls=").append(dc).append(" box=").append(db);
            System.out.println("parity max |diff|:" + report);
            assertTrue(Math.max(worst, Math.max(dc, db)) < TOL, report.toString());
            // the anchors torchvision used line up with our level shapes
            long total = h.levels().stream().mapToLong(l -> (long) l.locations() * h.anchorsPerLocation()).sum();
            assertEquals(expected.get("anchors").getShape().get(0), total);
        }
    }
}
