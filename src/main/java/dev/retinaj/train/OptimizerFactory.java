package dev.retinaj.train;

import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import dev.retinaj.config.TrainConfig;
import dev.retinaj.model.RetinaNet;
import dev.retinaj.model.TorchvisionNames;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Builds the {@link ClippedOptimizer} of a training run from {@code train.*}. */
public final class OptimizerFactory {
    private OptimizerFactory() {
    }

    /** The optimiser of {@code train.*} for every trainable parameter of {@code net}, named as torchvision names them. */
    public static ClippedOptimizer forNet(RetinaNet net, TrainConfig t) {
        Map<String, String> idToName = new HashMap<>();
        Set<String> noDecay = new HashSet<>();
        TorchvisionNames.of(net).forEach((name, p) -> {
            idToName.put(p.getId(), name);
            if (!t.weightDecayNormBias() && isNormOrBias(p)) {
                noDecay.add(p.getId());
            }
        });
        return new ClippedOptimizer(new ClippedOptimizer.Settings(t.optimizer() == TrainConfig.Optimizer.ADAMW,
                t.momentum(), t.adamBeta2(), t.adamEps(), t.weightDecay(), t.clipGradNorm()), idToName, noDecay);
    }

    private static boolean isNormOrBias(Parameter p) {
        return switch (p.getType()) {
            case BIAS, GAMMA, BETA -> true;
            default -> p.getName().endsWith("bias");
        };
    }

    /** DJL's Optimizer constructor takes a builder; unused, since every setting is passed to ClippedOptimizer's constructor. */
    static final class Builder extends Optimizer.OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
