package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.Map;

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
        Map<String, Parameter> p = norm.getDirectParameters().toMap();
        var device = x.getDevice();
        NDArray gamma = ps.getValue(p.get("gamma"), device, training);
        NDArray beta = ps.getValue(p.get("beta"), device, training);
        NDArray mean = ps.getValue(p.get("runningMean"), device, training);
        NDArray var = ps.getValue(p.get("runningVar"), device, training);
        return JniUtils.batchNorm((PtNDArray) x, (PtNDArray) mean, (PtNDArray) var, (PtNDArray) gamma,
                (PtNDArray) beta, training, TORCH_MOMENTUM, Norms.EPS);
    }
}
