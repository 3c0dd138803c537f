package dev.retinaj.anchors;

import ai.djl.ndarray.NDArray;

/** Pairwise box overlaps for (x1, y1, x2, y2) boxes; leading dimensions broadcast. */
public final class BoxIou {
    private BoxIou() {}

    /** IoU of a [..., N, 4] against b [..., M, 4] → [..., N, M]. */
    public static NDArray iou(NDArray a, NDArray b) {
        NDArray inter = intersection(a, b);
        NDArray union = area(a).expandDims(-1).add(area(b).expandDims(-2)).sub(inter);
        return inter.div(union.maximum(1e-12f));
    }

    /** Intersection areas of a [..., N, 4] and b [..., M, 4] → [..., N, M]. */
    public static NDArray intersection(NDArray a, NDArray b) {
        NDArray x1 = coord(a, 0).expandDims(-1).maximum(coord(b, 0).expandDims(-2));
        NDArray y1 = coord(a, 1).expandDims(-1).maximum(coord(b, 1).expandDims(-2));
        NDArray x2 = coord(a, 2).expandDims(-1).minimum(coord(b, 2).expandDims(-2));
        NDArray y2 = coord(a, 3).expandDims(-1).minimum(coord(b, 3).expandDims(-2));
        return x2.sub(x1).maximum(0f).mul(y2.sub(y1).maximum(0f));
    }

    /** Areas of [..., N, 4] boxes → [..., N]. */
    public static NDArray area(NDArray boxes) {
        return coord(boxes, 2).sub(coord(boxes, 0)).mul(coord(boxes, 3).sub(coord(boxes, 1)));
    }

    static NDArray coord(NDArray boxes, int i) {
        return boxes.get("..., " + i);
    }
}
