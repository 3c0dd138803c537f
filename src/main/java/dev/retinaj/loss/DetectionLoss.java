package dev.retinaj.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.retinaj.anchors.BoxCoder;
import dev.retinaj.anchors.Targets;
import dev.retinaj.config.Alpha;
import dev.retinaj.config.ConfigException;
import dev.retinaj.config.LossConfig;
import dev.retinaj.engine.HostArrays;
import dev.retinaj.engine.Scalars;
import dev.retinaj.model.HeadOutputs;

/**
 * RetinaNet's training loss: classification over valid anchors plus box regression over
 * foreground anchors, both divided by the configured normaliser.
 *
 * <ul>
 *   <li>{@code sigmoid_focal}: {@link SigmoidFocalLoss} on the K logits; {@code bce} is the same
 *       with γ = 0 (α still applies: {@code alpha: -1} gives plain BCE).</li>
 *   <li>{@code softmax_focal}: {@link SoftmaxFocalLoss} over K + 1 classes, background first. The
 *       head has K outputs, so background is a fixed logit of 0 prepended to them (the K logits
 *       then act as log-odds against background, and a trained sigmoid head's prior still
 *       means something). α: a fixed α gives (1 − α, α, …, α); {@code -1} none; a list must have
 *       K + 1 entries. {@code ce} is the same with γ = 0.</li>
 *   <li>Box: smooth L1 (β), L1 or GIoU. GIoU is invariant under the per-axis translation and
 *       scaling that maps an anchor to the unit box, so it is computed on deltas decoded against
 *       a unit anchor: no anchors needed, identical to GIoU of the boxes decoded on the anchor.</li>
 *   <li>Normalisers: {@code batch_pos} Σ loss / max(1, positives in the batch); {@code image_pos}
 *       mean over images of (image loss / max(1, image positives)); {@code ema_pos} Σ loss / EMA of
 *       max(1, batch positives), starting at 100 as detectron2 does (updated on every call).</li>
 * </ul>
 */
public final class DetectionLoss {
    static final double EMA_START = 100;

    private final LossConfig cfg;
    private final int numClasses;
    private final BoxCoder coder;
    private final double[] classCounts;
    private double ema = EMA_START;

    public DetectionLoss(LossConfig cfg, int numClasses, BoxCoder coder) {
        this(cfg, numClasses, coder, null);
    }

    private DetectionLoss(LossConfig cfg, int numClasses, BoxCoder coder, double[] classCounts) {
        this.cfg = cfg;
        this.numClasses = numClasses;
        this.coder = coder;
        this.classCounts = classCounts;
        checkAlpha();
    }

    /** A copy that uses these per-class GT counts (K values) for {@code alpha: auto}. */
    public DetectionLoss withClassFrequencies(double[] counts) {
        if (counts.length != numClasses) {
            throw new IllegalArgumentException("need " + numClasses + " class frequencies, got " + counts.length);
        }
        DetectionLoss copy = new DetectionLoss(cfg, numClasses, coder, counts.clone());
        copy.ema = ema;
        return copy;
    }

    /** The EMA normaliser's state, for checkpoints. */
    public double emaState() {
        return ema;
    }

    public void restoreEma(double value) {
        this.ema = value;
    }

    private boolean softmax() {
        return cfg.cls().type() == LossConfig.ClsType.SOFTMAX_FOCAL || cfg.cls().type() == LossConfig.ClsType.CE;
    }

    private void checkAlpha() {
        Alpha a = cfg.cls().alpha();
        if (a.kind() == Alpha.Kind.PER_CLASS) {
            int n = a.perClass().size();
            int need = softmax() ? numClasses + 1 : numClasses;
            if (n != need && !(n == numClasses + 1 && !softmax())) {
                throw new ConfigException("loss.cls.alpha: a per-class list needs " + (numClasses + 1)
                        + " values (background first), got " + n);
            }
        }
    }

    /** γ at 1-based iteration {@code iteration}; 0 for the plain bce / ce baselines. */
    public double gammaAt(long iteration) {
        return switch (cfg.cls().type()) {
            case BCE, CE -> 0;
            default -> cfg.cls().gammaAt(iteration);
        };
    }

    /**
     * @param out       head outputs [B, A, K] and [B, A, 4]
     * @param t         targets from the assigner for the same anchors
     * @param iteration 1-based training iteration (for {@code gamma_schedule})
     * @return scalars attached to the logits' manager
     */
    public LossOutput compute(HeadOutputs out, Targets t, long iteration) {
        NDManager parent = out.clsLogits().getManager();
        double gamma = gammaAt(iteration);
        try (NDManager sub = parent.newSubManager()) {
            for (NDArray in : new NDArray[] {out.clsLogits(), out.boxDeltas(), t.valid(),
                    t.boxTargets(), t.foreground(), t.matchedLabels(), t.numPos()}) {
                in.tempAttach(sub);
            }
            NDArray valid = t.valid().toType(DataType.FLOAT32, false);
            NDArray fg = t.foreground().toType(DataType.FLOAT32, false);
            NDArray clsPerImage = softmax()
                    ? softmaxCls(sub, out.clsLogits(), t, gamma).mul(valid).sum(new int[] {1})
                    : sigmoidClsPerImage(sub, out.clsLogits(), t, valid, gamma);
            NDArray boxPerImage = boxPerAnchor(out.boxDeltas(), t).mul(fg).sum(new int[] {1});
            NDArray numPos = t.numPos();
            NDArray cls;
            NDArray box;
            switch (cfg.normalizer()) {
                case IMAGE_POS -> {
                    NDArray norm = Scalars.MAXIMUM.apply(numPos, 1f);
                    cls = clsPerImage.div(norm).mean();
                    box = boxPerImage.div(norm).mean();
                }
                case EMA_POS -> {
                    double m = cfg.emaMomentum();
                    ema = m * ema + (1 - m) * Math.max(1, numPos.sum().getFloat());
                    cls = Scalars.DIV.apply(clsPerImage.sum(), (float) ema);
                    box = Scalars.DIV.apply(boxPerImage.sum(), (float) ema);
                }
                default -> {
                    NDArray norm = Scalars.MAXIMUM.apply(numPos.sum(), 1f);
                    cls = clsPerImage.sum().div(norm);
                    box = boxPerImage.sum().div(norm);
                }
            }
            cls = Scalars.MUL.apply(cls, (float) cfg.cls().weight());
            box = Scalars.MUL.apply(box, (float) cfg.box().weight());
            NDArray total = cls.add(box);
            NDArray pos = numPos.sum();
            for (NDArray r : new NDArray[] {total, cls, box, pos}) {
                r.attach(parent);
            }
            return new LossOutput(total, cls, box, pos);
        }
    }

    /**
     * [B] sigmoid focal loss per image over valid anchors, exploiting one-hot targets. Every
     * element is first scored as a negative, L(x) = w_k · softplus(x) · σ(x)^γ with w_k = 1 − α_k;
     * then the one element per foreground anchor whose target is 1 is corrected to its positive
     * form on a small [B, A] gather (ordinary autograd). The full-size negative part is the cost
     * of a step, so it is computed without an autograd graph together with its closed-form
     * derivative L'(x) = w_k σ^γ (σ + γ softplus(x) (1 − σ)), and joined to the graph through
     * v + ⟨x, L'⟩ − stopGradient(⟨x, L'⟩), whose value is v and whose gradient is L' (one batched
     * dot forward, one full pass backward, instead of a dozen). Equal in value and gradient to
     * summing {@link SigmoidFocalLoss#elementwise} over classes; tests check both.
     */
    private NDArray sigmoidClsPerImage(NDManager sub, NDArray logits, Targets t, NDArray valid, double gamma) {
        double[] alpha = sigmoidAlpha();
        long b = logits.getShape().get(0);
        NDArray x = logits.stopGradient();
        NDArray sp = Activation.softPlus(x);
        NDArray sig = Activation.sigmoid(x);
        // mw = w_k · valid · σ^γ: per-class weights and the valid mask folded into the modulating factor
        NDArray mw = gamma == 0 ? valid.expandDims(-1).broadcast(sig.getShape()).duplicate()
                : Scalars.POW.apply(sig, (float) gamma);
        if (gamma != 0) {
            mw.muli(valid.expandDims(-1));
        }
        if (alpha != null && alpha.length > 1) {
            double[] wn = new double[alpha.length];
            for (int k = 0; k < wn.length; k++) {
                wn[k] = 1 - alpha[k];
            }
            mw.muli(vector(sub, wn, logits));
        }
        NDArray negValue = batchedDot(sp, mw, b); // Σ w · valid · softplus(x) · σ^γ per image
        // L' / (w · valid · σ^γ) = σ + γ·sp·(1 − σ) = u·q + 1 − q with u = γ·sp, q = 1 − σ. Fresh
        // full-size tensors cost more than the arithmetic (page faults), so this reuses buffers.
        NDArray q = sig.negi().addi(1f);
        NDArray grad = Scalars.MULI.apply(sp, (float) gamma).muli(q).addi(1f).subi(q).muli(mw);
        q.close();
        mw.close();
        NDArray dot = batchedDot(logits, grad, b);
        NDArray negPerImage = negValue.add(dot.sub(dot.stopGradient()));
        if (alpha != null && alpha.length == 1) {
            negPerImage = Scalars.MUL.apply(negPerImage, (float) (1 - alpha[0]));
        }

        NDArray label = Scalars.MAXIMUM.apply(t.matchedLabels(), 0).toType(DataType.INT64, false);
        NDArray xc = logits.gather(label.expandDims(-1), 2).squeeze(-1); // [B, A]
        NDArray posC = SigmoidFocalLoss.elementwise(xc, xc.onesLike(), -1, gamma);
        NDArray negC = SigmoidFocalLoss.elementwise(xc, xc.zerosLike(), -1, gamma);
        NDArray correction;
        if (alpha == null) {
            correction = posC.sub(negC);
        } else if (alpha.length == 1) {
            correction = Scalars.MUL.apply(posC, (float) alpha[0]).sub(Scalars.MUL.apply(negC, (float) (1 - alpha[0])));
        } else {
            NDArray ac = vector(sub, alpha, logits).get(label.flatten()).reshape(label.getShape());
            correction = posC.mul(ac).sub(negC.mul(ac.neg().add(1f)));
        }
        NDArray fg = t.foreground().toType(DataType.FLOAT32, false);
        return negPerImage.add(correction.mul(fg).sum(new int[] {1}));
    }

    /**
     * Σ over everything but the first axis of a · b: [B]. libtorch's sum reduces in a cascade (error
     * O(ε log n)); a matMul dot accumulates one term after another, whose float32 error grows with
     * the anchor count (2e-4 relative on a 512 px COCO batch).
     */
    private static NDArray batchedDot(NDArray a, NDArray b, long batch) {
        try (NDArray product = a.mul(b)) {
            return product.reshape(batch, -1).sum(new int[] {1});
        }
    }

    /** null for no α weighting, one value for a fixed α, else one per foreground class. */
    private double[] sigmoidAlpha() {
        Alpha a = cfg.cls().alpha();
        return switch (a.kind()) {
            case FIXED -> new double[] {a.value()};
            case NONE -> null;
            case AUTO -> AutoAlpha.perClass(counts());
            case PER_CLASS -> {
                double[] v = a.perClass().stream().mapToDouble(Double::doubleValue).toArray();
                // a K + 1 list is background first; the background entry has no sigmoid output
                yield v.length == numClasses + 1 ? java.util.Arrays.copyOfRange(v, 1, v.length) : v;
            }
        };
    }

    /** [B, A]: softmax over a fixed 0 background logit followed by the K class logits. */
    private NDArray softmaxCls(NDManager sub, NDArray logits, Targets t, double gamma) {
        Shape s = logits.getShape();
        NDArray zero = sub.zeros(new Shape(s.get(0), s.get(1), 1), logits.getDataType(), logits.getDevice());
        NDArray withBg = zero.concat(logits, 2);
        NDArray labels = Scalars.MAXIMUM.apply(t.matchedLabels().add(1), 0); // background (and ignored, masked later) → 0
        Alpha a = cfg.cls().alpha();
        double[] alpha = switch (a.kind()) {
            case FIXED -> {
                double[] v = new double[numClasses + 1];
                java.util.Arrays.fill(v, a.value());
                v[0] = 1 - a.value();
                yield v;
            }
            case NONE -> null;
            case AUTO -> AutoAlpha.withBackground(counts());
            case PER_CLASS -> a.perClass().stream().mapToDouble(Double::doubleValue).toArray();
        };
        return SoftmaxFocalLoss.elementwise(withBg, labels, alpha == null ? null : vector(sub, alpha, logits), gamma);
    }

    /** [B, A] box loss per anchor (summed over coordinates). */
    private NDArray boxPerAnchor(NDArray deltas, Targets t) {
        return switch (cfg.box().type()) {
            case SMOOTH_L1 -> BoxLosses.smoothL1(deltas, t.boxTargets(), cfg.box().beta()).sum(new int[] {2});
            case L1 -> BoxLosses.l1(deltas, t.boxTargets()).sum(new int[] {2});
            case GIOU -> {
                NDArray unit = HostArrays.of(deltas.getManager(), new float[] {-0.5f, -0.5f, 0.5f, 0.5f}).toDevice(deltas.getDevice(), false);
                yield BoxLosses.giou(coder.decode(unit, deltas), coder.decode(unit, t.boxTargets()));
            }
        };
    }

    private double[] counts() {
        if (classCounts == null) {
            throw new IllegalStateException("loss.cls.alpha: auto needs class frequencies: call withClassFrequencies");
        }
        return classCounts;
    }

    private static NDArray vector(NDManager m, double[] v, NDArray like) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return HostArrays.of(m, f).toDevice(like.getDevice(), false);
    }
}
