package dev.retinaj.model;

import static dev.retinaj.FloatAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cached inference weights (norms folded in, cast, channels-last) give the outputs of the uncached
 * forward, for every kind of norm; the parameters are untouched, and training ignores the cache.
 */
class InferenceWeightCacheTest {
    @Test
    void cachedInferenceEqualsTheUncachedForwardForEachNorm() {
        for (String norm : List.of("frozen_bn", "bn", "gn")) {
            RetinaNet net = RetinaNetFactory.build(RetinaNetTest.config("model.backbone.norm=" + norm,
                    "model.head.norm=" + (norm.equals("gn") ? "gn" : "none")), 3);
            try (NDManager m = NDManager.newBaseManager()) {
                net.initialize(m);
                Engine.getInstance().setRandomSeed(5);
                randomiseStatistics(net, m);
                ParameterStore ps = new ParameterStore(m, false);
                NDArray x = m.randomNormal(new Shape(2, 3, 96, 80));
                float[][] plain = outputs(net, ps, x);
                float[] weightsBefore = firstConvWeight(net).toFloatArray();
                net.cacheWeightsForInference(true);
                float[][] first = outputs(net, ps, x);
                float[][] second = outputs(net, ps, x);
                for (int i = 0; i < 2; i++) {
                    assertClose(plain[i], first[i], 1e-4, norm + " output " + i);
                    assertArrayEquals(first[i], second[i], 0f, norm + ": the cache gives the same on each call");
                }
                assertArrayEquals(weightsBefore, firstConvWeight(net).toFloatArray(), 0f, "parameters untouched");
                net.cacheWeightsForInference(false);
                assertArrayEquals(plain[0], outputs(net, ps, x)[0], 0f, norm + ": dropped, the plain forward again");
            }
        }
    }

    @Test
    void trainingForwardsIgnoreTheCacheAndSeeWeightChanges() {
        RetinaNet net = RetinaNetFactory.build(RetinaNetTest.config(), 3);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(1, 3, 64, 64));
            net.cacheWeightsForInference(true);
            float[] cachedInference = outputs(net, ps, x)[0];
            NDArray w = firstConvWeight(net);
            w.muli(0.5f); // a changed weight: training sees it, the cached inference does not
            float[] train;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                train = net.forward(ps, new NDList(x), true).get(0).toFloatArray();
            }
            assertArrayEquals(cachedInference, outputs(net, ps, x)[0], 0f);
            net.cacheWeightsForInference(false);
            float[] fresh = outputs(net, ps, x)[0];
            assertFalse(java.util.Arrays.equals(cachedInference, fresh), "dropping the cache reads the new weights");
            assertEquals(fresh.length, train.length);
        }
    }

    @Test
    void bf16CachedInferenceEqualsTheUncachedBf16Forward() {
        RetinaNet net = RetinaNetFactory.build(RetinaNetTest.config(), 3);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m);
            net.setComputeType(DataType.BFLOAT16);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(1, 3, 64, 64));
            float[][] plain = outputs(net, ps, x);
            net.cacheWeightsForInference(true);
            float[][] cached = outputs(net, ps, x);
            assertArrayEquals(plain[0], cached[0], 0f, "the same casts, once instead of per call");
            assertArrayEquals(plain[1], cached[1], 0f);
        }
    }

    private static float[][] outputs(RetinaNet net, ParameterStore ps, NDArray x) {
        NDList out = net.forward(ps, new NDList(x), false);
        float[][] r = {out.get(0).toFloatArray(), out.get(1).toFloatArray()};
        out.close();
        return r;
    }

    private static NDArray firstConvWeight(RetinaNet net) {
        return net.getParameters().stream().filter(p -> p.getKey().contains("conv1") && p.getKey().endsWith("weight"))
                .findFirst().orElseThrow().getValue().getArray();
    }

    /** Non-trivial norm statistics and affine parameters, so that folding matters. */
    private static void randomiseStatistics(RetinaNet net, NDManager m) {
        for (Pair<String, Parameter> p : net.getParameters()) {
            String name = p.getKey();
            NDArray a = p.getValue().getArray();
            if (name.endsWith("running_var") || name.endsWith("runningVar")) {
                a.set(m.randomUniform(0.5f, 2f, a.getShape()).toFloatArray());
            } else if (name.endsWith("running_mean") || name.endsWith("runningMean") || name.endsWith("beta")) {
                a.set(m.randomNormal(0f, 0.1f, a.getShape(), DataType.FLOAT32).toFloatArray());
            } else if (name.endsWith("gamma") || name.contains("bn") && name.endsWith("weight")) {
                a.set(m.randomUniform(0.5f, 1.5f, a.getShape()).toFloatArray());
            }
        }
    }
}
