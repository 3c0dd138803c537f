package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

/**
 * A channel-axis {@link BatchNorm} block's forward as one libtorch batch_norm on the array itself.
 * DJL's block wraps the op in two axis swaps even for axis 1, so its output is a view; an in-place op
 * on a view (the residual add, the in-place ReLU) makes autograd copy the whole gradient back through
 * CopySlices in backward (about 75 ms of an R50 training step at 512 px). Same parameters and outputs,
 * and the same in-place running-statistics update, except that the momentum is torch's 0.1f where DJL
 * passed 1 − 0.9f (the running statistics differ in their last bits). Momentum and ε are those of
 * {@link Norms#create}, the only place that makes a BN block.
 */
final class BatchNormOp {
    /** torch's momentum of {@link Norms#create}'s BN (DJL says 1 - this). */
    static final float TORCH_MOMENTUM = 0.1f;

    private BatchNormOp() {}

    static NDArray forward(BatchNorm norm, ParameterStore ps, NDArray x, boolean training) {
        NDArray[] v = NormFolding.values(norm, ps, x, training, "gamma", "beta", "runningMean", "runningVar");
        return JniUtils.batchNorm((PtNDArray) x, (PtNDArray) v[2], (PtNDArray) v[3], (PtNDArray) v[0],
                (PtNDArray) v[1], training, TORCH_MOMENTUM, Norms.EPS);
    }
}
