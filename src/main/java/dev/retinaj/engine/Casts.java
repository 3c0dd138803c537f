package dev.retinaj.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Map;

/**
 * Differentiable casts between fp32, bf16 and fp16 for mixed precision. DJL 0.35's PyTorch bridge has
 * no type code for bfloat16 (asking for one aborts the process) and its NDArray.toType is not recorded
 * by autograd, but it runs TorchScript: one-line scripted modules (resources retinaj/torchscript/*.pt,
 * made by scripts/make_torchscript_modules.py) do the casts, and autograd records them like any other op.
 * DJL reports bf16 arrays' type as UNKNOWN; {@link #typeOf} names it.
 */
public final class Casts {
    private static final Map<DataType, String> RESOURCES = Map.of(DataType.BFLOAT16, "to_bf16.pt",
            DataType.FLOAT16, "to_fp16.pt", DataType.FLOAT32, "to_fp32.pt");

    private Casts() {}

    /** The array's type, BFLOAT16 for the UNKNOWN-typed floats {@link #to} makes. */
    public static DataType typeOf(NDArray x) {
        DataType t = x.getDataType();
        return t == DataType.UNKNOWN ? DataType.BFLOAT16 : t;
    }

    /** {@code x} as {@code type} (FLOAT32, BFLOAT16 or FLOAT16) on x's manager; x itself if it is one already. */
    public static NDArray to(NDArray x, DataType type) {
        if (typeOf(x) == type) {
            return x;
        }
        String resource = RESOURCES.get(type);
        if (resource == null) {
            throw new IllegalArgumentException("no cast to " + type);
        }
        return ScriptedModules.run(resource, x);
    }
}
