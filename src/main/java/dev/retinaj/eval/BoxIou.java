package dev.retinaj.eval;

/** IoU of (x, y, w, h) boxes with pycocotools' exact arithmetic (maskApi.c bbIou). */
final class BoxIou {
    private BoxIou() {
    }

    /**
     * IoU of a detection with ground-truth box {@code a} of {@code gt}; if {@code crowd} the union is the
     * detection's own area (intersection over detection area).
     */
    static double iou(double dx, double dy, double dw, double dh, GroundTruth gt, int a, boolean crowd) {
        double gx = gt.x[a];
        double gy = gt.y[a];
        double gw = gt.w[a];
        double gh = gt.h[a];
        double iw = Math.min(dw + dx, gw + gx) - Math.max(dx, gx);
        if (iw <= 0) {
            return 0;
        }
        double ih = Math.min(dh + dy, gh + gy) - Math.max(dy, gy);
        if (ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        double da = dw * dh;
        double u = crowd ? da : da + gw * gh - inter;
        return inter / u;
    }
}
