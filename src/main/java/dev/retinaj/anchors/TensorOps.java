package dev.retinaj.anchors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;

/** Small NDArray helpers the engine lacks. */
public final class TensorOps {
    private TensorOps() {}

    /** {@code where(cond, a, b)} with NumPy broadcasting (DJL's PyTorch where does not broadcast). */
    public static NDArray where(NDArray cond, NDArray a, NDArray b) {
        Shape s = broadcastShape(broadcastShape(cond.getShape(), a.getShape()), b.getShape());
        return NDArrays.where(expand(cond, s), expand(a, s), expand(b, s));
    }

    private static NDArray expand(NDArray x, Shape s) {
        return x.getShape().equals(s) ? x : x.broadcast(s);
    }

    /** The NumPy broadcast of two shapes. */
    public static Shape broadcastShape(Shape a, Shape b) {
        int n = Math.max(a.dimension(), b.dimension());
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long da = i < n - a.dimension() ? 1 : a.get(i - (n - a.dimension()));
            long db = i < n - b.dimension() ? 1 : b.get(i - (n - b.dimension()));
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + a + " and " + b + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }
}
