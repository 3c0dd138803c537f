package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
    private boolean cacheForInference;
    /** Inference's weight and bias (null without bias): folded, in the compute type and the input's layout. */
    private NDArray[] cached;

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
        dropCache();
    }

    /**
     * With {@code on}, the first inference forward keeps its prepared weight and bias (the norm folded
     * in, cast, laid out as the input) for the next ones, as long as the weights cannot change (a
     * loaded model); off drops them. Training forwards never use them.
     */
    void cacheForInference(boolean on) {
        cacheForInference = on;
        if (!on) {
            dropCache();
        }
    }

    /** Whether an inference forward can skip the norm: its affine map is in the cached weights. */
    boolean hasCached(boolean training) {
        return !training && cached != null;
    }

    private void dropCache() {
        if (cached != null) {
            for (NDArray a : cached) {
                if (a != null) {
                    a.close();
                }
            }
            cached = null;
        }
    }

    /** The convolution with the cached weights ({@link #hasCached} must hold). */
    NDArray forwardCached(NDArray x) {
        NDArray xc = cast(x, x);
        NDArray y = Conv2d.conv2d(xc, cached[0], cached[1], stride, padding, dilation, groups).singletonOrThrow();
        closeCast(xc, x);
        return y;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (!training && cacheForInference) {
            return new NDList(cachedOrFolded(ps, x, null));
        }
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = includeBias ? ps.getValue(bias, x.getDevice(), training) : null;
        return new NDList(apply(x, w, b, training));
    }

    /** conv(x, w · scale, b · scale + shift): this convolution followed by the per-channel affine map. */
    NDArray forwardFolded(ParameterStore ps, NDArray x, NormFolding.Affine affine, boolean training) {
        if (!training && cacheForInference) {
            return cachedOrFolded(ps, x, affine);
        }
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray folded = Norms.local(w.mul(affine.scale().reshape(-1, 1, 1, 1)), x.getManager());
        NDArray shift = affine.shift();
        if (includeBias) {
            NDArray b = ps.getValue(bias, x.getDevice(), training);
            shift = Norms.local(b.mul(affine.scale()), x.getManager()).addi(shift);
        }
        NDArray y = apply(x, folded, shift, training);
        folded.close();
        return y;
    }

    /** Fills the cache from the parameters (and {@code affine}, may be null) on first use, then convolves. */
    private NDArray cachedOrFolded(ParameterStore ps, NDArray x, NormFolding.Affine affine) {
        if (cached == null) {
            NDArray w = ps.getValue(weight, x.getDevice(), false);
            NDManager owner = w.getManager();
            try (NDManager tmp = owner.newSubManager()) { // every intermediate dies here, the two results move out
                NDArray wf = Norms.local(w.duplicate(), tmp);
                NDArray bf = includeBias ? Norms.local(ps.getValue(bias, x.getDevice(), false).duplicate(), tmp) : null;
                if (affine != null) {
                    NDArray scale = Norms.local(affine.scale().duplicate(), tmp);
                    wf = wf.mul(scale.reshape(-1, 1, 1, 1));
                    bf = bf == null ? Norms.local(affine.shift().duplicate(), tmp) : bf.mul(scale).add(affine.shift());
                }
                NDArray wc = Norms.local(Casts.to(wf, compute), tmp);
                NDArray wl = MemoryFormat.forInference(x.getDevice()) ? MemoryFormat.channelsLast(wc) : wc;
                NDArray bc = bf == null ? null : Norms.local(Casts.to(bf, compute), tmp);
                cached = new NDArray[] {Norms.local(wl, owner), bc == null ? null : Norms.local(bc, owner)};
            }
        }
        return forwardCached(x);
    }

    private NDArray apply(NDArray x, NDArray w, NDArray b, boolean training) {
        DataType type = training && bf16WeightGradientBroken(x) ? DataType.FLOAT32 : compute;
        NDArray xc = cast(x, x, type);
        NDArray wc = cast(w, x, type);
        NDArray bc = b == null ? null : cast(b, x, type);
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
        return cast(a, x, compute);
    }

    private static NDArray cast(NDArray a, NDArray x, DataType type) {
        NDArray c = Casts.to(a, type);
        return c == a ? a : Norms.local(c, x.getManager());
    }

    /**
     * libtorch 2.7.1's oneDNN returns garbage (uninitialised memory, up to inf) as the bf16 weight gradient
     * of a strided 3x3 convolution over an input one pixel wide: P7 of a 64 px image (ConvTest; measured
     * bad for 1x1 and 3x1 inputs, fine for 1x2 and 1x3). In training such a convolution (tiny) runs in
     * fp32, as do those one pixel high, to be safe; inference computes no weight gradient.
     */
    private boolean bf16WeightGradientBroken(NDArray x) {
        Shape s = x.getShape();
        return compute == DataType.BFLOAT16 && getStride().get(0) * getStride().get(1) > 1
                && (s.get(2) == 1 || s.get(3) == 1);
    }
}
