package dev.retinaj.anchors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.retinaj.config.AssignerConfig;
import dev.retinaj.engine.HostArrays;
import dev.retinaj.engine.Scalars;

/**
 * Anchor-to-GT matching (torchvision's Matcher, batched): for each anchor the GT of highest IoU;
 * IoU ≥ fg_iou is foreground, &lt; bg_iou background, in between ignored. With low-quality matches,
 * every anchor that is some GT's best (ties included) becomes foreground with its own best GT, as
 * torchvision does, but never an anchor whose IoU with that GT is 0.
 *
 * <p>Crowd / difficult GT ({@code gtIgnore}) never match. An anchor that is not foreground and
 * whose intersection with a crowd box covers at least bg_iou of the anchor's area is ignored
 * (IoA, as Detectron does for crowd regions; IoA ≥ IoU, so every anchor that would not be
 * background if the crowd box were a real GT is ignored too).
 *
 * <p>Everything is tensor ops over [B, A, G] (GT innermost); padded GT (label −1) take no part.
 */
public final class Assigner {
    private static final long IGNORED_L = Targets.IGNORED;

    private final AssignerConfig cfg;
    private final BoxCoder coder;

    public Assigner(AssignerConfig cfg) {
        this(cfg, new BoxCoder());
    }

    /** {@code coder} encodes the regression targets (default weights 1, 1, 1, 1). */
    public Assigner(AssignerConfig cfg, BoxCoder coder) {
        this.cfg = cfg;
        this.coder = coder;
    }

    /**
     * @param anchors   [A, 4]
     * @param gtBoxes   [B, G, 4] (G may be 0)
     * @param gtLabels  [B, G] int, −1 = padding
     * @param gtIgnore  [B, G] bool, crowd or difficult
     * @return targets attached to {@code gtBoxes}' manager
     */
    public Targets assign(NDArray anchors, NDArray gtBoxes, NDArray gtLabels, NDArray gtIgnore, int numClasses) {
        NDManager out = gtBoxes.getManager();
        long b = gtBoxes.getShape().get(0);
        long g = gtBoxes.getShape().get(1);
        long a = anchors.getShape().get(0);
        try (NDManager sub = out.newSubManager()) {
            anchors.tempAttach(sub);
            gtBoxes.tempAttach(sub);
            gtLabels.tempAttach(sub);
            gtIgnore.tempAttach(sub);
            Targets t = g == 0
                    ? allBackground(sub, anchors, b, a, numClasses)
                    : match(anchors, gtBoxes, gtLabels, gtIgnore, numClasses);
            t.valid().attach(out);
            t.boxTargets().attach(out);
            t.foreground().attach(out);
            t.matchedLabels().attach(out);
            t.numPos().attach(out);
            t.matchedBoxes().attach(out);
            return t;
        }
    }

    private Targets match(NDArray anchors, NDArray gtBoxes, NDArray gtLabels, NDArray gtIgnore, int numClasses) {
        NDArray labels = gtLabels.toType(DataType.INT64, false);
        NDArray real = labels.gte(0L);
        NDArray ignore = gtIgnore.toType(DataType.BOOLEAN, false);
        NDArray crowd = real.logicalAnd(ignore);
        NDArray matchable = real.logicalAnd(ignore.logicalNot()); // [B, G]

        // [B, A, G]: G (small) innermost, so the per-anchor reductions over GT run on contiguous memory
        NDArray inter = BoxIou.intersection(anchors, gtBoxes);
        NDArray anchorArea = BoxIou.area(anchors).expandDims(-1); // [A, 1]
        NDArray crowdIoa = null;
        if (crowd.any().getBoolean()) {
            NDArray ioa = inter.div(anchorArea);
            NDArray zero = HostArrays.scalar(ioa.getManager(), 0f).toDevice(ioa.getDevice(), false);
            crowdIoa = TensorOps.where(crowd.expandDims(1), ioa, zero).max(new int[] {2}); // [B, A]
            ioa.close();
        }
        // anchors have positive area, so the union does too; IoU and quality reuse inter's buffer
        NDArray union = BoxIou.area(gtBoxes).expandDims(1).add(anchorArea).subi(inter);
        NDArray keep = matchable.expandDims(1).toType(DataType.FLOAT32, false); // [B, 1, G]
        NDArray quality = inter.divi(union).muli(keep).addi(keep.sub(1f));      // unmatchable GT → −1
        union.close();

        NDArray best = quality.max(new int[] {2});   // [B, A]
        NDArray bestGt = quality.argMax(2);          // [B, A] int64, first GT among ties
        NDArray minusOne = bestGt.onesLike().neg();
        NDArray matches = TensorOps.where(best.lt((float) cfg.bgIou()), minusOne,
                TensorOps.where(best.lt((float) cfg.fgIou()), Scalars.MUL.apply(minusOne, 2), bestGt));

        if (cfg.lowQualityMatches()) {
            NDArray bestPerGt = quality.max(new int[] {1}, true); // [B, 1, G]
            // a GT whose best IoU is 0 (or a padding row) gets an unreachable best value of 2
            NDArray two = HostArrays.scalar(bestPerGt.getManager(), 2f).toDevice(bestPerGt.getDevice(), false);
            NDArray reachable = TensorOps.where(bestPerGt.gt(0f), bestPerGt, two);
            NDArray someGtsBest = quality.eq(reachable).sum(new int[] {2}).gt(0);
            matches = TensorOps.where(someGtsBest, bestGt, matches);
        }
        quality.close();
        if (crowdIoa != null) {
            NDArray overCrowd = crowdIoa.gte((float) cfg.bgIou()).logicalAnd(matches.lt(0L));
            matches = TensorOps.where(overCrowd, Scalars.MUL.apply(minusOne, 2), matches);
        }

        NDArray fg = matches.gte(0L);
        NDArray valid = matches.neq(IGNORED_L);
        NDArray matchedLabels = TensorOps.where(fg, labels.gather(bestGt, 1), matches).toType(DataType.INT32, false);

        NDArray boxIdx = bestGt.expandDims(-1).repeat(2, 4); // [B, A, 4]
        NDArray gathered = gtBoxes.gather(boxIdx, 1);
        NDArray anchorsB = anchors.expandDims(0);
        NDArray matchedBoxes = TensorOps.where(fg.expandDims(-1), gathered, anchorsB.broadcast(gathered.getShape()));
        NDArray boxTargets = coder.encode(anchorsB, matchedBoxes);
        NDArray numPos = fg.toType(DataType.FLOAT32, false).sum(new int[] {1});
        return Targets.withLazyClassTargets(numClasses, valid, boxTargets, fg, matchedLabels, numPos, matchedBoxes);
    }

    private Targets allBackground(NDManager m, NDArray anchors, long b, long a, int numClasses) {
        NDArray valid = m.ones(new Shape(b, a), DataType.BOOLEAN, anchors.getDevice());
        NDArray boxTargets = m.zeros(new Shape(b, a, 4), DataType.FLOAT32, anchors.getDevice());
        NDArray fg = m.zeros(new Shape(b, a), DataType.BOOLEAN, anchors.getDevice());
        NDArray labels = m.full(new Shape(b, a), Targets.BACKGROUND, DataType.INT32, anchors.getDevice());
        NDArray numPos = m.zeros(new Shape(b), DataType.FLOAT32, anchors.getDevice());
        NDArray boxes = anchors.expandDims(0).broadcast(b, a, 4).duplicate();
        return Targets.withLazyClassTargets(numClasses, valid, boxTargets, fg, labels, numPos, boxes);
    }
}
