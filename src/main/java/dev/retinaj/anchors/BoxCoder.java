package dev.retinaj.anchors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Box regression coding as in torchvision: deltas (dx, dy, dw, dh) of a box relative to an anchor's
 * centre and size, multiplied by weights; decoding clamps dw, dh at log(1000 / 16). Leading
 * dimensions of anchors and boxes/deltas broadcast (e.g. anchors [1, A, 4] against [B, A, 4]).
 */
public final class BoxCoder {
    public static final double DEFAULT_CLIP = Math.log(1000.0 / 16);

    private final double[] weights;
    private final double clip;

    public BoxCoder() {
        this(new double[] {1, 1, 1, 1});
    }

    public BoxCoder(double[] weights) {
        this(weights, DEFAULT_CLIP);
    }

    public BoxCoder(double[] weights, double clip) {
        if (weights.length != 4) {
            throw new IllegalArgumentException("box coder needs 4 weights, got " + weights.length);
        }
        this.weights = weights.clone();
        this.clip = clip;
    }

    /** Deltas that turn {@code anchors} into {@code gt}: [..., 4]. */
    public NDArray encode(NDArray anchors, NDArray gt) {
        NDArray aw = BoxIou.coord(anchors, 2).sub(BoxIou.coord(anchors, 0));
        NDArray ah = BoxIou.coord(anchors, 3).sub(BoxIou.coord(anchors, 1));
        NDArray ax = BoxIou.coord(anchors, 0).add(aw.mul(0.5f));
        NDArray ay = BoxIou.coord(anchors, 1).add(ah.mul(0.5f));
        NDArray gw = BoxIou.coord(gt, 2).sub(BoxIou.coord(gt, 0));
        NDArray gh = BoxIou.coord(gt, 3).sub(BoxIou.coord(gt, 1));
        NDArray gx = BoxIou.coord(gt, 0).add(gw.mul(0.5f));
        NDArray gy = BoxIou.coord(gt, 1).add(gh.mul(0.5f));
        NDArray dx = gx.sub(ax).mul((float) weights[0]).div(aw);
        NDArray dy = gy.sub(ay).mul((float) weights[1]).div(ah);
        NDArray dw = gw.div(aw).log().mul((float) weights[2]);
        NDArray dh = gh.div(ah).log().mul((float) weights[3]);
        return NDArrays.stack(new NDList(dx, dy, dw, dh), -1);
    }

    /** Boxes (x1, y1, x2, y2) from {@code deltas} applied to {@code anchors}: [..., 4]. */
    public NDArray decode(NDArray anchors, NDArray deltas) {
        NDArray aw = BoxIou.coord(anchors, 2).sub(BoxIou.coord(anchors, 0));
        NDArray ah = BoxIou.coord(anchors, 3).sub(BoxIou.coord(anchors, 1));
        NDArray ax = BoxIou.coord(anchors, 0).add(aw.mul(0.5f));
        NDArray ay = BoxIou.coord(anchors, 1).add(ah.mul(0.5f));
        NDArray dx = BoxIou.coord(deltas, 0).div((float) weights[0]);
        NDArray dy = BoxIou.coord(deltas, 1).div((float) weights[1]);
        NDArray dw = BoxIou.coord(deltas, 2).div((float) weights[2]).minimum((float) clip);
        NDArray dh = BoxIou.coord(deltas, 3).div((float) weights[3]).minimum((float) clip);
        NDArray cx = dx.mul(aw).add(ax);
        NDArray cy = dy.mul(ah).add(ay);
        NDArray halfW = dw.exp().mul(aw).mul(0.5f);
        NDArray halfH = dh.exp().mul(ah).mul(0.5f);
        return NDArrays.stack(new NDList(cx.sub(halfW), cy.sub(halfH), cx.add(halfW), cy.add(halfH)), -1);
    }

    public double[] weights() {
        return weights.clone();
    }
}
