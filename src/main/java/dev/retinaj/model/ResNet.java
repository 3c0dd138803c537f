package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import dev.retinaj.engine.InPlaceRelu;

/**
 * ResNet-18/34/50/101 body in torchvision's layout (children {@code conv1}, {@code bn1},
 * {@code layer1..4}), returning C3, C4, C5 (strides 8, 16, 32). Stages below {@code freezeAt}
 * (0 none, 1 stem, 2 stem + layer1, ...) have no gradients and run their norms in inference mode.
 */
public final class ResNet extends NamedBlock {
    /** torchvision's initialisation: kaiming_normal_(mode="fan_out", nonlinearity="relu"). */
    private static final XavierInitializer KAIMING_OUT =
            new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2);

    /** The architectures: block depths per stage and block type. */
    public enum Depth {
        R18(false, 2, 2, 2, 2), R34(false, 3, 4, 6, 3), R50(true, 3, 4, 6, 3), R101(true, 3, 4, 23, 3);

        final boolean bottleneck;
        final int[] blocks;

        Depth(boolean bottleneck, int... blocks) {
            this.bottleneck = bottleneck;
            this.blocks = blocks;
        }
    }

    private final Block conv1;
    private final Block bn1;
    private final Block[] layers = new Block[4];
    private final int freezeAt;
    private final int[] outChannels = new int[4];

    /**
     * @param width scales every stage's channels (1.0 = torchvision: 64, 128, 256, 512 per stage)
     */
    public ResNet(Depth depth, NormType norm, int freezeAt, double width) {
        if (norm == NormType.NONE) {
            throw new IllegalArgumentException("ResNet needs a norm");
        }
        this.freezeAt = freezeAt;
        int stem = channels(64, width);
        conv1 = add("conv1", Conv.square(stem, 7, 2, false), 3);
        conv1.setInitializer(KAIMING_OUT, p -> p.getName().equals("weight"));
        bn1 = add("bn1", Norms.create(norm, stem), stem);
        int in = stem;
        for (int s = 0; s < 4; s++) {
            int planes = channels(64 << s, width);
            Stage stage = new Stage();
            for (int b = 0; b < depth.blocks[s]; b++) {
                int stride = b == 0 && s > 0 ? 2 : 1;
                ResNetBlock block = new ResNetBlock(depth.bottleneck, in, planes, stride, norm, KAIMING_OUT);
                stage.add(Integer.toString(b), block, in);
                in = depth.bottleneck ? planes * 4 : planes;
            }
            layers[s] = add("layer" + (s + 1), stage, s == 0 ? stem : outChannels[s - 1]);
            outChannels[s] = in;
        }
        for (int s = 0; s < Math.min(freezeAt, 5); s++) {
            for (Block b : s == 0 ? List.of(conv1, bn1) : List.of(layers[s - 1])) {
                b.getParameters().values().forEach(p -> p.freeze(true));
            }
        }
    }

    static int channels(int base, double width) {
        return Math.max(1, (int) Math.round(base * width));
    }

    /** Channels of C3, C4, C5. */
    public int[] featureChannels() {
        return new int[] {outChannels[1], outChannels[2], outChannels[3]};
    }

    public int freezeAt() {
        return freezeAt;
    }

    /** C3, C4, C5 of an input batch [B, 3, H, W]. */
    public List<NDArray> features(ParameterStore ps, NDArray x, boolean training) {
        boolean t = training && freezeAt < 1;
        NDArray y = InPlaceRelu.apply(NormFolding.convThenNorm(conv1, bn1, ps, x, t));
        y = Pool.maxPool2d(y, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
        List<NDArray> out = new ArrayList<>(3);
        for (int s = 0; s < 4; s++) {
            y = run(layers[s], ps, y, training && freezeAt < s + 2);
            if (s > 0) {
                out.add(y);
            }
        }
        return out;
    }

    /** Conv MACs for an h × w input image. */
    long macs(long h, long w) {
        long total = convMacs(conv1, h, w);
        long[] size = {ceilDiv(ceilDiv(h, 2), 2), ceilDiv(ceilDiv(w, 2), 2)};
        for (Block layer : layers) {
            for (Block b : layer.getChildren().values()) {
                total += ((ResNetBlock) b).macs(size[0], size[1], size);
            }
        }
        return total;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(features(ps, inputs.singletonOrThrow(), training));
    }

    /** A ResNet stage: its blocks {@code 0, 1, ...} in sequence. */
    static final class Stage extends NamedBlock {
        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray y = inputs.singletonOrThrow();
            for (Block b : children.values()) {
                y = run(b, ps, y, training);
            }
            return new NDList(y);
        }
    }
}
