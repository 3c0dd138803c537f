package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import dev.retinaj.engine.Scalars;
import java.util.Map;

/**
 * A batch norm that computes y = x · scale + shift with fixed statistics can be folded into the
 * convolution before it: conv(x, w)·s + t = conv(x, w·s) + t. That holds for FrozenBatchNorm always
 * (it is differentiable in w, so training folds too) and for BatchNorm outside training, and saves a
 * full pass over the activations (and its backward).
 */
final class NormFolding {
    /** Per-channel scale and shift, on the input's manager. */
    record Affine(NDArray scale, NDArray shift) {}

    private NormFolding() {}

    /** Whether {@code norm} is a fixed affine map (a batch norm with fixed statistics). */
    static boolean foldable(Block norm, boolean training) {
        return norm instanceof FrozenBatchNorm || norm instanceof BatchNorm && !training;
    }

    /** The norm's affine map for an input {@code x}, or null if it depends on the batch (or is not a batch norm). */
    static Affine of(Block norm, ParameterStore ps, NDArray x, boolean training) {
        String[] names;
        if (norm instanceof FrozenBatchNorm) {
            names = new String[] {"weight", "bias", "running_mean", "running_var"};
        } else if (norm instanceof BatchNorm && !training) {
            names = new String[] {"gamma", "beta", "runningMean", "runningVar"};
        } else {
            return null;
        }
        NDArray[] v = values(norm, ps, x, false, names);
        return affine(v[0], v[1], v[2], v[3], x.getManager());
    }

    /** The values of {@code norm}'s parameters {@code names}, in that order, on {@code x}'s device. */
    static NDArray[] values(Block norm, ParameterStore ps, NDArray x, boolean training, String... names) {
        Map<String, Parameter> p = norm.getDirectParameters().toMap();
        NDArray[] v = new NDArray[names.length];
        for (int i = 0; i < names.length; i++) {
            v[i] = ps.getValue(p.get(names[i]), x.getDevice(), training);
        }
        return v;
    }

    /** scale = w / sqrt(var + ε), shift = b − mean · scale, on {@code m} (the operands are parameters). */
    static Affine affine(NDArray w, NDArray b, NDArray mean, NDArray var, ai.djl.ndarray.NDManager m) {
        NDArray inv = Scalars.POWI.apply(Norms.local(var.add(Norms.EPS), m), -0.5);
        NDArray scale = Norms.local(w.mul(inv), m);
        inv.close();
        NDArray meanScaled = Norms.local(mean.mul(scale), m);
        NDArray shift = Norms.local(b.sub(meanScaled), m);
        meanScaled.close();
        return new Affine(scale, shift);
    }

    /**
     * conv then norm on {@code x}: one folded convolution where the norm allows it ({@code conv} must
     * be a {@link Conv}), else the two blocks in turn. {@code norm} may be null (no norm).
     */
    static NDArray convThenNorm(Block conv, Block norm, ParameterStore ps, NDArray x, boolean training) {
        if (norm == null) {
            return NamedBlock.run(conv, ps, x, training);
        }
        if (conv instanceof Conv c && c.hasCached(training) && foldable(norm, training)) {
            return c.forwardCached(x);
        }
        Affine f = of(norm, ps, x, training);
        if (f == null) {
            NDArray y = NamedBlock.run(conv, ps, x, training);
            if (norm instanceof BatchNorm bn) {
                NDArray z = BatchNormOp.forward(bn, ps, y, training);
                y.close(); // autograd keeps what backward needs
                return z;
            }
            return NamedBlock.run(norm, ps, y, training);
        }
        NDArray y = ((Conv) conv).forwardFolded(ps, x, f, training);
        f.scale().close();
        f.shift().close();
        return y;
    }
}
