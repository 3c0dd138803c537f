package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClippedOptimizerTest {

    private static float[] train(double momentum, double wd, double clip, float[][] xs, double lr) {
        return train(false, momentum, wd, clip, xs, lr);
    }

    /** loss = Σ w·x over a bias-free Linear(2 → 1): the gradient is x, so every step is hand-computable. */
    private static float[] train(boolean adamw, double momentum, double wd, double clip, float[][] xs, double lr) {
        try (Model model = Model.newInstance("t")) {
            Linear lin = Linear.builder().setUnits(1).optBias(false).build();
            lin.setInitializer(Initializer.ONES, Parameter.Type.WEIGHT);
            model.setBlock(lin);
            Map<String, String> names = new HashMap<>();
            for (Pair<String, Parameter> p : lin.getParameters()) {
                names.put(p.getValue().getId(), p.getKey());
            }
            ClippedOptimizer opt = new ClippedOptimizer(new ClippedOptimizer.Settings(adamw, momentum, 0.999, 1e-8, wd, clip), names, Set.of());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(opt))) {
                trainer.initialize(new Shape(1, 2));
                for (float[] x : xs) {
                    try (NDManager m = trainer.getManager().newSubManager();
                         GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray out = trainer.forward(new NDList(m.create(x).reshape(1, 2))).head();
                        gc.backward(out.sum());
                    }
                    trainer.step();
                    opt.apply(lr);
                }
                return lin.getParameters().get(0).getValue().getArray().toFloatArray();
            }
        }
    }

    @Test
    void momentumAndWeightDecayFollowPyTorch() {
        float[][] xs = {{1, 2}, {3, -1}};
        double m = 0.9;
        double wd = 0.1;
        double lr = 0.5;
        double[] w = {1, 1};
        double[] buf = new double[2];
        for (int s = 0; s < xs.length; s++) {
            for (int i = 0; i < 2; i++) {
                double g = xs[s][i] + wd * w[i];
                buf[i] = s == 0 ? g : m * buf[i] + g;
                w[i] -= lr * buf[i];
            }
        }
        float[] got = train(m, wd, 0, xs, lr);
        assertArrayEquals(new float[] {(float) w[0], (float) w[1]}, got, 1e-6f);
    }

    @Test
    void adamwFollowsPyTorch() {
        float[][] xs = {{1, 2}, {3, -1}, {-2, 0.5f}};
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double wd = 0.05;
        double lr = 0.1;
        double[] w = {1, 1};
        double[] m = new double[2];
        double[] v = new double[2];
        for (int t = 1; t <= xs.length; t++) {
            for (int i = 0; i < 2; i++) {
                double g = xs[t - 1][i];
                w[i] *= 1 - lr * wd;
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mh = m[i] / (1 - Math.pow(b1, t));
                double vh = v[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mh / (Math.sqrt(vh) + eps);
            }
        }
        float[] got = train(true, b1, wd, 0, xs, lr);
        assertArrayEquals(new float[] {(float) w[0], (float) w[1]}, got, 1e-5f);
    }

    @Test
    void clipsByGlobalNorm() {
        float[] got = train(0, 0, 1.0, new float[][] {{3, 4}}, 1.0);
        // |g| = 5 → scaled to norm 1: (0.6, 0.8)
        assertArrayEquals(new float[] {0.4f, 0.2f}, got, 1e-5f);
        float[] unclipped = train(0, 0, 10.0, new float[][] {{3, 4}}, 1.0);
        assertArrayEquals(new float[] {-2f, -3f}, unclipped, 1e-6f);
    }

    @Test
    void nonFiniteGradientSkipsTheStep() {
        try (Model model = Model.newInstance("t")) {
            Linear lin = onesLinear(model);
            ClippedOptimizer opt = new ClippedOptimizer(ClippedOptimizer.Settings.sgd(0.9, 0, 0), names(lin), Set.of());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(opt))) {
                trainer.initialize(new Shape(1, 2));
                try (NDManager m = trainer.getManager().newSubManager();
                     GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray out = trainer.forward(new NDList(m.create(new float[] {Float.NaN, 1}).reshape(1, 2))).head();
                    gc.backward(out.sum());
                }
                trainer.step();
                ClippedOptimizer.StepReport r = opt.apply(0.1);
                assertFalse(r.applied());
                assertArrayEquals(new float[] {1, 1}, lin.getParameters().get(0).getValue().getArray().toFloatArray());
                try (NDManager scratch = NDManager.newBaseManager()) {
                    assertEquals(0, OptimizerState.save(opt, scratch).size());
                }
            }
        }
    }

    @Test
    void lossScaleIsSavedAndRestoredEvenWithoutOptimizerBuffers() {
        try (Model model = Model.newInstance("t")) {
            Linear lin = onesLinear(model);
            ClippedOptimizer opt = new ClippedOptimizer(ClippedOptimizer.Settings.sgd(0, 0, 0), names(lin), Set.of());
            opt.useScaler(LossScaler.dynamic());
            opt.scaler().update(false);
            opt.scaler().update(true);
            try (NDManager scratch = NDManager.newBaseManager(); NDList state = OptimizerState.save(opt, scratch)) {
                assertEquals(1, state.size());
                assertEquals(OptimizerState.LOSS_SCALE, state.get(0).getName());
                ClippedOptimizer resumed = new ClippedOptimizer(ClippedOptimizer.Settings.sgd(0, 0, 0), names(lin), Set.of());
                resumed.useScaler(LossScaler.dynamic());
                OptimizerState.restore(resumed, state, Map.of());
                assertEquals(LossScaler.INITIAL / 2, resumed.scaler().scale(), 0);
                assertEquals(1, resumed.scaler().goodSteps());
            }
        }
    }

    /** SGD with momentum, weight decay and clipping, gradients taken directly (the one-device path), loss scaled or not. */
    private static float[] trainDirect(boolean scaled, float[][] xs) {
        try (Model model = Model.newInstance("t")) {
            Linear lin = onesLinear(model);
            ClippedOptimizer opt = new ClippedOptimizer(ClippedOptimizer.Settings.sgd(0.9, 1e-2, 2.0), names(lin), Set.of());
            opt.useScaler(scaled ? LossScaler.dynamic() : LossScaler.off());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(opt))) {
                trainer.initialize(new Shape(1, 2));
                for (float[] x : xs) {
                    try (NDManager m = trainer.getManager().newSubManager();
                         GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray out = trainer.forward(new NDList(m.create(x).reshape(1, 2))).head();
                        gc.backward(out.sum().mul((float) opt.scaler().scale()));
                    }
                    opt.collect(lin.getParameters().values());
                    assertTrue(opt.apply(0.1).applied());
                }
                return lin.getParameters().get(0).getValue().getArray().toFloatArray();
            }
        }
    }

    @Test
    void lossScalingByAPowerOfTwoChangesNoBitAndTheDirectPathEqualsTheServerPath() {
        float[][] xs = {{3, 4}, {0.5f, -1}, {-2, 0.25f}};
        float[] plain = trainDirect(false, xs);
        assertArrayEquals(plain, trainDirect(true, xs), 0f);
        assertArrayEquals(train(0.9, 1e-2, 2.0, xs, 0.1), plain, 0f);
    }

    /** A bias-free Linear(2 → 1) with weights 1, as the model's block. */
    private static Linear onesLinear(Model model) {
        Linear lin = Linear.builder().setUnits(1).optBias(false).build();
        lin.setInitializer(Initializer.ONES, Parameter.Type.WEIGHT);
        model.setBlock(lin);
        return lin;
    }

    private static Map<String, String> names(Linear lin) {
        Map<String, String> names = new HashMap<>();
        lin.getParameters().forEach(p -> names.put(p.getValue().getId(), p.getKey()));
        return names;
    }
}
