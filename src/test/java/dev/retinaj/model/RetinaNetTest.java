package dev.retinaj.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.ParameterStore;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.ModelConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetinaNetTest {
    static ModelConfig config(String... overrides) {
        return ConfigLoader.load(Path.of("configs/_base_/models/retinanet_r18_fpn_lite.yaml"), List.of(overrides)).model();
    }

    @Test
    void outputsAreLaidOutPerLevelAndMatchFeatureMapSizesForOddInputs() {
        RetinaNet net = RetinaNetFactory.build(config(), 3);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m);
            NDArray x = m.randomNormal(new Shape(2, 3, 100, 131));
            ParameterStore ps = new ParameterStore(m, false);
            BackboneWithFpn.Features f = net.features(ps, x, false);
            List<LevelShape> levels = net.levelShapes(100, 131);
            assertEquals(List.of(13, 7, 4, 2, 1), levels.stream().map(LevelShape::height).toList());
            assertEquals(List.of(17, 9, 5, 3, 2), levels.stream().map(LevelShape::width).toList());
            for (int l = 0; l < 5; l++) {
                assertEquals(new Shape(2, 64, levels.get(l).height(), levels.get(l).width()), f.p().get(l).getShape());
            }
            // r18 at width 0.5: C3..C5 have 64, 128, 256 channels
            assertEquals(new Shape(2, 64, 13, 17), f.c().get(0).getShape());
            assertEquals(new Shape(2, 256, 4, 5), f.c().get(2).getShape());
            NDList out = net.forward(ps, new NDList(x), false);
            HeadOutputs h = net.outputs(out, 100, 131);
            long total = 9L * (13 * 17 + 7 * 9 + 4 * 5 + 2 * 3 + 2);
            assertEquals(new Shape(2, total, 3), h.clsLogits().getShape());
            assertEquals(new Shape(2, total, 4), h.boxDeltas().getShape());
            assertEquals(net.getOutputShapes(new Shape[] {x.getShape()})[0], h.clsLogits().getShape());
            // level P3, location (y=1, x=2), anchor 4: channels 4*K.. of the cls conv output at (1, 2)
            NDArray p3cls = net.head().forward(ps, new NDList(f.p().get(0)), false).get(0);
            int idx = (1 * 17 + 2) * 9 + 4;
            assertEquals(p3cls.get(0, idx).toFloatArray()[1], h.clsLogits().get(0, idx).toFloatArray()[1], 1e-6);
        }
    }

    @Test
    void djlTrainerInitialisesTrainsAndLeavesFrozenParametersAlone() {
        RetinaNet net = RetinaNetFactory.build(config("model.backbone.norm=bn", "model.backbone.freeze_at=2"), 3);
        try (Model model = Model.newInstance("retinanet")) {
            model.setBlock(net);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(new Shape(2, 3, 64, 64));
                Map<String, Parameter> p = TorchvisionNames.of(net);
                float[] frozen = p.get("backbone.body.layer1.0.conv1.weight").getArray().toFloatArray();
                float[] frozenMean = p.get("backbone.body.layer1.0.bn1.running_mean").getArray().toFloatArray();
                float[] trained = p.get("backbone.body.layer2.0.conv1.weight").getArray().toFloatArray();
                float[] head = p.get("head.regression_head.bbox_reg.weight").getArray().toFloatArray();
                NDManager m = trainer.getManager();
                NDArray x = m.randomNormal(new Shape(2, 3, 64, 64));
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDList out = trainer.forward(new NDList(x));
                    gc.backward(out.get(0).sum().add(out.get(1).square().sum()));
                }
                trainer.step();
                assertArrayEquals(frozen, p.get("backbone.body.layer1.0.conv1.weight").getArray().toFloatArray());
                // frozen stages run BN in inference mode: running statistics stay
                assertArrayEquals(frozenMean, p.get("backbone.body.layer1.0.bn1.running_mean").getArray().toFloatArray());
                assertFalse(Arrays.equals(trained, p.get("backbone.body.layer2.0.conv1.weight").getArray().toFloatArray()));
                assertFalse(Arrays.equals(head, p.get("head.regression_head.bbox_reg.weight").getArray().toFloatArray()));
                long trainable = net.trainableParameters().size();
                long frozenCount = p.values().stream().filter(q -> !q.requiresGradient()).count();
                assertEquals(p.size(), trainable + frozenCount);
            }
        }
    }

    @Test
    void initialisationFollowsTorchvision() {
        RetinaNet net = RetinaNetFactory.build(config("model.backbone.norm=frozen_bn", "model.fpn.channels=128"), 3);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m);
            Map<String, Parameter> p = TorchvisionNames.of(net);
            // FPN: kaiming_uniform_(a=1) = U(±sqrt(3 / fan_in)), bias 0; the 1x1 lateral on C4 has fan_in 128
            NDArray lateral = p.get("backbone.fpn.inner_blocks.1.0.weight").getArray();
            double bound = Math.sqrt(3.0 / 128);
            assertTrue(lateral.abs().max().getFloat() <= bound);
            assertEquals(bound / Math.sqrt(3), Math.sqrt(lateral.square().mean().getFloat()), 0.05 * bound);
            assertEquals(0f, p.get("backbone.fpn.extra_blocks.p7.bias").getArray().abs().sum().getFloat());
            // ResNet: kaiming_normal_(fan_out, relu): std sqrt(2 / (out · k · k)); layer3.0.conv2 is 128 x 128 x 3 x 3
            NDArray conv = p.get("backbone.body.layer3.0.conv2.weight").getArray();
            assertEquals(Math.sqrt(2.0 / (128 * 9)), Math.sqrt(conv.square().mean().getFloat()), 0.003);
            // frozen BN starts as the identity affine (weights are expected to come from a file)
            assertEquals(1f, p.get("backbone.body.bn1.running_var").getArray().min().getFloat());
        }
    }

    @Test
    void priorBiasGivesInitialProbabilityPi() {
        RetinaNet net = RetinaNetFactory.build(config("model.head.norm=gn"), 5);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m);
            Map<String, Parameter> p = TorchvisionNames.of(net);
            float[] b = p.get("head.classification_head.cls_logits.bias").getArray().toFloatArray();
            assertEquals(45, b.length);
            assertEquals(-Math.log(0.99 / 0.01), b[7], 1e-6);
            assertEquals(0f, p.get("head.regression_head.bbox_reg.bias").getArray().sum().getFloat(), 0f);
            for (String conv : List.of("head.regression_head.conv.0.0.weight", "head.classification_head.cls_logits.weight")) {
                NDArray w = p.get(conv).getArray();
                assertEquals(0.01, Math.sqrt(w.square().mean().getFloat()), 0.001, conv);
            }
            // GN in the 64-channel head: 16 groups (Norms.groups), no conv bias, as torchvision v2
            assertTrue(p.containsKey("head.classification_head.conv.1.1.weight"));
            assertFalse(p.containsKey("head.classification_head.conv.1.0.bias"));
        }
    }

    @Test
    void frozenStagesAndFrozenBnHaveNoGradientOthersDo() {
        RetinaNet net = RetinaNetFactory.build(config("model.backbone.norm=frozen_bn", "model.backbone.freeze_at=2",
                "model.head.norm=none"), 3);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m);
            Map<String, Parameter> p = TorchvisionNames.of(net);
            for (Map.Entry<String, Parameter> e : p.entrySet()) {
                String n = e.getKey();
                boolean frozen = n.startsWith("backbone.body.conv1") || n.startsWith("backbone.body.layer1")
                        || n.contains(".bn") || n.contains("downsample.1");
                assertEquals(!frozen, e.getValue().requiresGradient(), n);
            }
            NDArray x = m.randomNormal(new Shape(1, 3, 64, 64));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = net.forward(new ParameterStore(m, false), new NDList(x), true);
                gc.backward(out.get(0).sum().add(out.get(1).sum()));
            }
            NDArray g = p.get("backbone.body.layer2.0.conv1.weight").getArray().getGradient();
            assertTrue(g.abs().sum().getFloat() > 0);
            assertFalse(p.get("backbone.body.layer1.0.conv1.weight").getArray().hasGradient());
        }
    }
}
