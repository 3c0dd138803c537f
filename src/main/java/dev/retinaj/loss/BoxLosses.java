package dev.retinaj.loss;

import ai.djl.ndarray.NDArray;
import dev.retinaj.anchors.BoxIou;
import dev.retinaj.anchors.TensorOps;
import dev.retinaj.engine.Scalars;

/** Element-wise box regression losses. */
public final class BoxLosses {
    private BoxLosses() {}

    /** Smooth L1 on deltas: 0.5 d² / β where |d| &lt; β, else |d| − 0.5 β; β = 0 is L1. Shape kept. */
    public static NDArray smoothL1(NDArray pred, NDArray target, double beta) {
        NDArray d = pred.sub(target).abs();
        if (beta <= 0) {
            return d;
        }
        NDArray quadratic = Scalars.MUL.apply(d.square(), (float) (0.5 / beta));
        NDArray linear = d.sub((float) (0.5 * beta));
        return TensorOps.where(d.lt((float) beta), quadratic, linear);
    }

    /** L1 on deltas, element-wise. */
    public static NDArray l1(NDArray pred, NDArray target) {
        return pred.sub(target).abs();
    }

    /**
     * 1 − GIoU of paired boxes [..., 4] → [...]: 1 − IoU + (enclosing − union) / enclosing.
     * Boxes must have positive width and height (decoded boxes always do).
     */
    public static NDArray giou(NDArray pred, NDArray target) {
        NDArray px1 = pred.get("..., 0");
        NDArray py1 = pred.get("..., 1");
        NDArray px2 = pred.get("..., 2");
        NDArray py2 = pred.get("..., 3");
        NDArray tx1 = target.get("..., 0");
        NDArray ty1 = target.get("..., 1");
        NDArray tx2 = target.get("..., 2");
        NDArray ty2 = target.get("..., 3");
        NDArray iw = Scalars.MAXIMUM.apply(px2.minimum(tx2).sub(px1.maximum(tx1)), 0f);
        NDArray ih = Scalars.MAXIMUM.apply(py2.minimum(ty2).sub(py1.maximum(ty1)), 0f);
        NDArray inter = iw.mul(ih);
        NDArray union = BoxIou.area(pred).add(BoxIou.area(target)).sub(inter);
        NDArray iou = inter.div(union.add(1e-7f));
        NDArray enclosing = px2.maximum(tx2).sub(px1.minimum(tx1)).mul(py2.maximum(ty2).sub(py1.minimum(ty1)));
        NDArray g = iou.sub(enclosing.sub(union).div(enclosing.add(1e-7f)));
        return g.neg().add(1f);
    }
}
