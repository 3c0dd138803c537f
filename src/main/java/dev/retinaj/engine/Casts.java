package dev.retinaj.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Differentiable casts between fp32, bf16 and fp16 for mixed precision. DJL 0.35's PyTorch bridge has
 * no type code for bfloat16 (asking for one aborts the process) and its NDArray.toType is not recorded
 * by autograd, but it runs TorchScript: one-line scripted modules (resources retinaj/torchscript/*.pt,
 * made by scripts/make_cast_modules.py) do the casts, and autograd records them like any other op.
 * DJL reports bf16 arrays' type as UNKNOWN; {@link #typeOf} names it.
 */
public final class Casts {
    private static final Map<DataType, String> RESOURCES = Map.of(DataType.BFLOAT16, "to_bf16.pt",
            DataType.FLOAT16, "to_fp16.pt", DataType.FLOAT32, "to_fp32.pt");
    private static final Map<DataType, PtSymbolBlock> MODULES = new EnumMap<>(DataType.class);
    private static NDManager owner;

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
        // DJL runs a scripted module outside training in inference mode, whose results autograd refuses to save
        boolean grad = JniUtils.isGradMode();
        NDArray y = module(type).forward(new ParameterStore(x.getManager(), false), new NDList(x), grad)
                .singletonOrThrow();
        y.attach(x.getManager());
        return y;
    }

    private static synchronized PtSymbolBlock module(DataType type) {
        PtSymbolBlock m = MODULES.get(type);
        if (m == null) {
            String resource = RESOURCES.get(type);
            if (resource == null) {
                throw new IllegalArgumentException("no cast to " + type);
            }
            if (owner == null) {
                owner = NDManager.newBaseManager();
            }
            try (InputStream in = Casts.class.getResourceAsStream("/retinaj/torchscript/" + resource)) {
                if (in == null) {
                    throw new IllegalStateException("resource retinaj/torchscript/" + resource + " missing from the jar");
                }
                m = JniUtils.loadModule((PtNDManager) owner, in, false, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            MODULES.put(type, m);
        }
        return m;
    }
}
