package dev.retinaj.model;

import dev.retinaj.util.BadFileException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWeightsTest {
    @TempDir
    Path dir;

    private static RetinaNet net(NDManager m, int classes, String... overrides) {
        RetinaNet net = RetinaNetFactory.build(RetinaNetTest.config(overrides), classes);
        net.initialize(m);
        return net;
    }

    private static float[] run(RetinaNet net, NDManager m, NDArray x) {
        return net.forward(new ParameterStore(m, false), new NDList(x), false).get(0).toFloatArray();
    }

    /** Writes the named tensors of {@code names} as npz (DJL's encoder keeps names). */
    private static void writeNpz(Path file, Map<String, NDArray> tensors) throws IOException {
        NDList list = new NDList();
        tensors.forEach((k, v) -> {
            NDArray c = v.duplicate();
            c.setName(k);
            list.add(c);
        });
        try (OutputStream os = Files.newOutputStream(file)) {
            list.encode(os, NDList.Encoding.NPZ);
        }
    }

    @Test
    void checkpointRoundTripRestoresOutputsAndGradientFlags() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            RetinaNet a = net(m, 3, "model.backbone.norm=bn", "model.backbone.freeze_at=1");
            RetinaNet b = net(m, 3, "model.backbone.norm=bn", "model.backbone.freeze_at=1");
            NDArray x = m.randomNormal(new Shape(1, 3, 64, 96));
            Path ckpt = dir.resolve("ckpt/model.safetensors");
            ModelWeights.save(a, ckpt);
            float[] before = run(b, m, x);
            ModelWeights.load(b, ckpt);
            float[] ya = run(a, m, x);
            assertNotEquals(before[0], ya[0]);
            assertArrayEquals(ya, run(b, m, x), 0f);
            Map<String, Parameter> pb = TorchvisionNames.of(b);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(b.forward(new ParameterStore(m, false), new NDList(x), true).get(1).sum());
            }
            NDArray g = pb.get("backbone.body.layer1.0.conv1.weight").getArray().getGradient();
            assertTrue(g.abs().sum().getFloat() > 0);
            assertFalse(pb.get("backbone.body.conv1.weight").getArray().hasGradient());
            assertFalse(pb.get("backbone.body.bn1.running_var").getArray().hasGradient());
        }
    }

    @Test
    void djlParameterFormatRoundTripAlsoKeepsTraining() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            RetinaNet a = net(m, 3, "model.backbone.norm=bn", "model.backbone.freeze_at=1");
            RetinaNet b = net(m, 3, "model.backbone.norm=bn", "model.backbone.freeze_at=1");
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            a.saveParameters(new java.io.DataOutputStream(bytes));
            b.loadParameters(m, new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
            NDArray x = m.randomNormal(new Shape(1, 3, 64, 64));
            assertArrayEquals(run(a, m, x), run(b, m, x), 0f);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(b.forward(new ParameterStore(m, false), new NDList(x), true).get(0).sum());
            }
            Map<String, Parameter> pb = TorchvisionNames.of(b);
            assertTrue(pb.get("head.classification_head.cls_logits.weight").getArray().getGradient().abs().sum().getFloat() > 0);
            assertFalse(pb.get("backbone.body.conv1.weight").getArray().hasGradient());
        }
    }

    @Test
    void missingUnexpectedAndMisshapenTensorsAreNamedInOneError() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            RetinaNet a = net(m, 3);
            Map<String, NDArray> t = new java.util.LinkedHashMap<>();
            TorchvisionNames.of(a).forEach((k, p) -> t.put(k, p.getArray()));
            t.remove("backbone.fpn.layer_blocks.1.0.weight");
            t.put("backbone.fpn.extra_blocks.p8.weight", m.zeros(new Shape(2)));
            t.put("head.regression_head.bbox_reg.bias", m.zeros(new Shape(35)));
            Path f = dir.resolve("bad.npz");
            writeNpz(f, t);
            BadFileException e = assertThrows(BadFileException.class, () -> ModelWeights.importModel(net(m, 3), f));
            assertTrue(e.getMessage().contains("1 missing: backbone.fpn.layer_blocks.1.0.weight"), e.getMessage());
            assertTrue(e.getMessage().contains("1 unexpected: backbone.fpn.extra_blocks.p8.weight"), e.getMessage());
            assertTrue(e.getMessage().contains("head.regression_head.bbox_reg.bias (35) vs model (36)"), e.getMessage());
            assertTrue(e.getMessage().startsWith(f.toString()));
        }
    }

    @Test
    void unconvertedPthAndMissingFilesGiveOneLineErrors() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Path pth = dir.resolve("model.pth");
            Files.write(pth, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0});
            BadFileException e = assertThrows(BadFileException.class, () -> ModelWeights.importModel(net(m, 3), pth));
            assertTrue(e.getMessage().contains("export_torchvision_weights.py"), e.getMessage());
            dev.retinaj.config.ModelConfig cfg = RetinaNetTest.config("model.weights=" + dir.resolve("nope.safetensors"));
            BadFileException e2 = assertThrows(BadFileException.class, () -> ModelWeights.applyConfigured(net(m, 3), cfg));
            assertTrue(e2.getMessage().startsWith("model.weights: weight file not found"), e2.getMessage());
        }
    }

    @Test
    void classCountMismatchReinitialisesOnlyTheClassifierOutput() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            RetinaNet src = net(m, 7);
            Path f = dir.resolve("seven.safetensors");
            ModelWeights.save(src, f);
            RetinaNet dst = net(m, 3);
            ModelWeights.importModel(dst, f);
            System.gc(); // loaded values must not live in buffers of the (closed) file tensors
            System.gc();
            Map<String, Parameter> ps = TorchvisionNames.of(src);
            Map<String, Parameter> pd = TorchvisionNames.of(dst);
            for (String k : pd.keySet()) {
                if (k.startsWith(ModelWeights.CLS_LOGITS)) {
                    continue;
                }
                assertArrayEquals(ps.get(k).getArray().toFloatArray(), pd.get(k).getArray().toFloatArray(), 0f, k);
            }
            NDArray w = pd.get("head.classification_head.cls_logits.weight").getArray();
            assertEquals(new Shape(27, 64, 3, 3), w.getShape());
            assertEquals(0.01, Math.sqrt(w.square().mean().getFloat()), 0.002);
            float[] bias = pd.get("head.classification_head.cls_logits.bias").getArray().toFloatArray();
            assertEquals(-Math.log(99), bias[26], 1e-5);
        }
    }

    @Test
    void backboneImportAcceptsImageNetNamesAndIgnoresFc() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            RetinaNet src = net(m, 3, "model.backbone.norm=frozen_bn");
            Map<String, NDArray> t = new java.util.LinkedHashMap<>();
            TorchvisionNames.of(src.backbone().body()).forEach((k, p) -> t.put(k, p.getArray()));
            t.put("fc.weight", m.zeros(new Shape(10, 256)));
            t.put("bn1.num_batches_tracked", m.zeros(new Shape()));
            Path f = dir.resolve("resnet.npz");
            writeNpz(f, t);
            RetinaNet dst = net(m, 3, "model.backbone.norm=frozen_bn");
            BadFileException wrongKey = assertThrows(BadFileException.class, () -> ModelWeights.importModel(dst, f));
            assertTrue(wrongKey.getMessage().contains("set model.backbone.weights"), wrongKey.getMessage());
            ModelWeights.importBackbone(dst, f);
            NDArray x = m.randomNormal(new Shape(1, 3, 64, 64));
            ParameterStore store = new ParameterStore(m, false);
            assertArrayEquals(src.features(store, x, false).c().get(2).toFloatArray(),
                    dst.features(store, x, false).c().get(2).toFloatArray(), 0f);
            t.remove("layer3.1.bn2.running_var");
            writeNpz(f, t);
            BadFileException e = assertThrows(BadFileException.class, () -> ModelWeights.importBackbone(dst, f));
            assertTrue(e.getMessage().contains("1 missing: layer3.1.bn2.running_var"), e.getMessage());
        }
    }
}
