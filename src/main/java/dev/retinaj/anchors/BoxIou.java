package dev.retinaj.anchors;

import ai.djl.ndarray.NDArray;
import dev.retinaj.engine.Scalars;

/** Pairwise box overlaps for (x1, y1, x2, y2) boxes; leading dimensions broadcast. */
public final class BoxIou {
    private BoxIou() {}

    /** IoU of a [..., N, 4] against b [..., M, 4] → [..., N, M]. */
    public static NDArray iou(NDArray a, NDArray b) {
        NDArray inter = intersection(a, b);
        NDArray union = area(a).expandDims(-1).add(area(b).expandDims(-2)).sub(inter);
        return inter.div(Scalars.MAXIMUM.apply(union, 1e-12f));
    }

    /** Intersection areas of a [..., N, 4] and b [..., M, 4] → [..., N, M]. */
    public static NDArray intersection(NDArray a, NDArray b) {
        NDArray w = side(a, b, 0);
        NDArray h = side(a, b, 1);
        NDArray inter = w.mul(h);
        w.close();
        h.close();
        return inter;
    }

    /** Overlap along x (axis 0) or y (axis 1), clamped at 0: [..., N, M]. */
    private static NDArray side(NDArray a, NDArray b, int axis) {
        NDArray hi = coord(a, axis + 2).expandDims(-1).minimum(coord(b, axis + 2).expandDims(-2));
        NDArray lo = coord(a, axis).expandDims(-1).maximum(coord(b, axis).expandDims(-2));
        NDArray d = hi.subi(lo);
        lo.close();
        NDArray clamped = Scalars.MAXIMUM.apply(d, 0f);
        d.close();
        return clamped;
    }

    /** Areas of [..., N, 4] boxes → [..., N]. */
    public static NDArray area(NDArray boxes) {
        return coord(boxes, 2).sub(coord(boxes, 0)).mul(coord(boxes, 3).sub(coord(boxes, 1)));
    }

    static NDArray coord(NDArray boxes, int i) {
        return boxes.get("..., " + i);
    }
}
