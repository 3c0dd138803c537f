package dev.retinaj.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * libtorch's fused group norm (torch.group_norm, eps 1e-5), which DJL 0.35 does not expose: one op
 * forward and one backward, where composing it from mean, sub, square, pow and mul takes a dozen.
 */
public final class GroupNormOp {
    private GroupNormOp() {}

    /**
     * {@code x} [N, C, ...] normalised over each sample's {@code groups} channel groups, then scaled by
     * {@code weight} [C] and shifted by {@code bias} [C]. A bf16 or fp16 {@code x} is normalised in fp32
     * (the result is fp32, as the statistics of half floats are too coarse); fp32 and fp64 stay.
     */
    public static NDArray apply(NDArray x, int groups, NDArray weight, NDArray bias) {
        DataType t = Casts.typeOf(x);
        NDArray in = t == DataType.BFLOAT16 || t == DataType.FLOAT16 ? Casts.to(x, DataType.FLOAT32) : x;
        // the module reads the group count from this array's length: a shape, never a device sync
        NDArray count = in.getManager().zeros(new Shape(groups), DataType.INT8, in.getDevice());
        NDArray y = ScriptedModules.run("group_norm.pt", in, weight, bias, count);
        count.close();
        return y;
    }
}
