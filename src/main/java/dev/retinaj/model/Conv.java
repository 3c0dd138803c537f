package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.retinaj.engine.Casts;

/**
 * The network's 2-D convolution: DJL's Conv2d, computed in the model's compute type (fp32, or bf16 /
 * fp16 for mixed precision: input, weight and bias are cast, the fp32 weights stay the masters and
 * receive the gradients), and able to absorb the norm that follows it ({@link NormFolding}).
 */
public final class Conv extends Conv2d {
    private DataType compute = DataType.FLOAT32;

    Conv(Conv2d.Builder builder) {
        super(builder);
    }

    /** A k×k convolution with padding k/2, as torchvision's. */
    static Conv square(int out, int kernel, int stride, boolean bias) {
        return new Conv(Conv2d.builder().setFilters(out).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(kernel / 2, kernel / 2)).optBias(bias));
    }

    void setComputeType(DataType type) {
        this.compute = type;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = includeBias ? ps.getValue(bias, x.getDevice(), training) : null;
        return new NDList(apply(x, w, b));
    }

    /** conv(x, w · scale, b · scale + shift): this convolution followed by the per-channel affine map. */
    NDArray forwardFolded(ParameterStore ps, NDArray x, NormFolding.Affine affine, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray folded = Norms.local(w.mul(affine.scale().reshape(-1, 1, 1, 1)), x.getManager());
        NDArray shift = affine.shift();
        if (includeBias) {
            NDArray b = ps.getValue(bias, x.getDevice(), training);
            shift = Norms.local(b.mul(affine.scale()), x.getManager()).addi(shift);
        }
        NDArray y = apply(x, folded, shift);
        folded.close();
        return y;
    }

    private NDArray apply(NDArray x, NDArray w, NDArray b) {
        NDArray xc = cast(x, x);
        NDArray wc = cast(w, x);
        NDArray bc = b == null ? null : cast(b, x);
        NDArray y = Conv2d.conv2d(xc, wc, bc, stride, padding, dilation, groups).singletonOrThrow();
        closeCast(xc, x);
        closeCast(wc, w);
        closeCast(bc, b);
        return y;
    }

    private static void closeCast(NDArray cast, NDArray original) {
        if (cast != original) {
            cast.close();
        }
    }

    /** {@code a} in the compute type, on {@code x}'s manager (a cast of a parameter must not land on the model's). */
    private NDArray cast(NDArray a, NDArray x) {
        NDArray c = Casts.to(a, compute);
        return c == a ? a : Norms.local(c, x.getManager());
    }
}
