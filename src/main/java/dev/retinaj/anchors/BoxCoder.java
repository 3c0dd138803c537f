package dev.retinaj.anchors;

import ai.djl.ndarray.NDArray;
import dev.retinaj.engine.HostArrays;
import dev.retinaj.engine.Scalars;

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
        NDArray aLo = anchors.get("..., 0:2");
        NDArray aSize = anchors.get("..., 2:4").sub(aLo);
        NDArray aCtr = aLo.add(Scalars.MUL.apply(aSize, 0.5f));
        NDArray gLo = gt.get("..., 0:2");
        NDArray gSize = gt.get("..., 2:4").sub(gLo);
        NDArray gCtr = gLo.add(Scalars.MUL.apply(gSize, 0.5f));
        NDArray dxy = scale(gCtr.sub(aCtr).div(aSize), weights[0], weights[1], anchors);
        NDArray dwh = scale(gSize.div(aSize).log(), weights[2], weights[3], anchors);
        return dxy.concat(dwh, -1);
    }

    /** Boxes (x1, y1, x2, y2) from {@code deltas} applied to {@code anchors}: [..., 4]. */
    public NDArray decode(NDArray anchors, NDArray deltas) {
        NDArray aLo = anchors.get("..., 0:2");
        NDArray aSize = anchors.get("..., 2:4").sub(aLo);
        NDArray aCtr = aLo.add(Scalars.MUL.apply(aSize, 0.5f));
        NDArray dxy = scale(deltas.get("..., 0:2"), 1 / weights[0], 1 / weights[1], anchors);
        NDArray dwh = Scalars.MINIMUM.apply(scale(deltas.get("..., 2:4"), 1 / weights[2], 1 / weights[3], anchors), (float) clip);
        NDArray ctr = dxy.mul(aSize).add(aCtr);
        NDArray half = Scalars.MUL.apply(dwh.exp().mul(aSize), 0.5f);
        return ctr.sub(half).concat(ctr.add(half), -1);
    }

    /** x · (sx, sy) over the last axis of size 2. */
    private static NDArray scale(NDArray x, double sx, double sy, NDArray like) {
        if (sx == sy) {
            return sx == 1 ? x : Scalars.MUL.apply(x, (float) sx);
        }
        return x.mul(HostArrays.of(like.getManager(), new float[] {(float) sx, (float) sy}).toDevice(like.getDevice(), false));
    }

    public double[] weights() {
        return weights.clone();
    }
}
