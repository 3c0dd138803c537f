package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import dev.retinaj.engine.InPlaceRelu;

/**
 * torchvision's Conv2dNormActivation layout: child {@code 0} a square convolution (bias only
 * without norm), child {@code 1} the norm, then an optional ReLU. Also used for the FPN's 1×1 and
 * 3×3 convolutions and the ResNet downsample branch, which have the same state-dict keys.
 */
public final class ConvNormAct extends NamedBlock {
    private final Block conv;
    private final Block norm;
    private final boolean relu;

    public ConvNormAct(int in, int out, int kernel, int stride, NormType norm, boolean relu, Initializer weightInit) {
        this.conv = add("0", Conv.square(out, kernel, stride, norm == NormType.NONE), in);
        if (weightInit != null) {
            conv.setInitializer(weightInit, p -> p.getName().equals("weight"));
        }
        Block n = Norms.create(norm, out);
        this.norm = n == null ? null : add("1", n, out);
        this.relu = relu;
    }

    public Block conv() {
        return conv;
    }

    long macs(long h, long w) {
        return convMacs(conv, h, w);
    }

    int stride() {
        return (int) ((Conv2d) conv).getStride().get(0);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray y = NormFolding.convThenNorm(conv, norm, ps, inputs.singletonOrThrow(), training);
        return new NDList(relu ? InPlaceRelu.apply(y) : y);
    }
}
