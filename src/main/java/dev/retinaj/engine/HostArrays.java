package dev.retinaj.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.Buffer;

/**
 * Engine arrays made from Java data that own their memory. On the CPU, DJL 0.35's PyTorch bridge
 * wraps Java data in a tensor over a direct ByteBuffer (torch::from_blob, no copy, no deleter) that
 * only the Java NDArray object keeps alive. Anything native that outlives that object (a view, a
 * tensor autograd saved for backward) then reads memory the garbage collector has freed and malloc
 * has handed to something else: wrong gradients, or a crash, a GC later. These copies are ordinary
 * libtorch tensors, reference-counted natively. Every engine array the main code makes from Java
 * data comes from here (EngineMemoryRulesTest checks the bytecode).
 */
public final class HostArrays {
    private HostArrays() {}

    public static NDArray of(NDManager m, float[] data, Shape shape) {
        return owned(m.create(data, shape));
    }

    public static NDArray of(NDManager m, float... data) {
        return owned(m.create(data));
    }

    public static NDArray of(NDManager m, int[] data, Shape shape) {
        return owned(m.create(data, shape));
    }

    public static NDArray of(NDManager m, long... data) {
        return owned(m.create(data));
    }

    public static NDArray of(NDManager m, double... data) {
        return owned(m.create(data));
    }

    public static NDArray of(NDManager m, Buffer data, Shape shape) {
        return owned(m.create(data, shape));
    }

    public static NDArray of(NDManager m, Buffer data, Shape shape, DataType type) {
        return owned(m.create(data, shape, type));
    }

    /** A 0-dim array of {@code v}, typed as DJL types a Number (float32 for a Float, int64 for a Long...). */
    public static NDArray scalar(NDManager m, Number v) {
        return owned(m.create(v));
    }

    /** {@link NDList#decode} (safetensors, npz, DJL's own format) with every array owning its memory; names kept. */
    public static NDList decode(NDManager m, InputStream in) throws IOException {
        NDList decoded = NDList.decode(m, in);
        NDList out = new NDList(decoded.size());
        for (NDArray a : decoded) {
            String name = a.getName();
            NDArray own = owned(a);
            if (name != null) {
                own.setName(name);
            }
            out.add(own);
        }
        return out;
    }

    /** A libtorch-owned copy of a freshly made array, which is closed; off the CPU DJL has copied already. */
    private static NDArray owned(NDArray wrapped) {
        if (wrapped.getDevice().isGpu()) {
            return wrapped;
        }
        NDArray own = wrapped.duplicate();
        wrapped.close();
        return own;
    }
}
