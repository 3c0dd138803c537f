package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * RetinaNet's two subnets ({@code classification_head}, {@code regression_head}), shared across
 * levels. Input: P3..P7; output: [clsLogits [B, A_total, K], boxDeltas [B, A_total, 4]] with each
 * level's (B, A·K, H, W) laid out as (B, H, W, A, K) → (B, H·W·A, K), levels concatenated P3 first.
 */
public final class RetinaHead extends NamedBlock {
    private final Subnet cls;
    private final Subnet box;
    private final int anchors;
    private final int numClasses;

    public RetinaHead(int in, int channels, int numConvs, NormType norm, int anchors, int numClasses, double priorProb) {
        if (norm != NormType.NONE && norm != NormType.GN) {
            throw new IllegalArgumentException("head norm must be none or gn, got " + norm);
        }
        this.anchors = anchors;
        this.numClasses = numClasses;
        float prior = (float) -Math.log((1 - priorProb) / priorProb);
        cls = add("classification_head", new Subnet(in, channels, numConvs, norm, anchors * numClasses, "cls_logits", prior), in);
        box = add("regression_head", new Subnet(in, channels, numConvs, norm, anchors * 4, "bbox_reg", 0f), in);
    }

    public int numClasses() {
        return numClasses;
    }

    public int anchorsPerLocation() {
        return anchors;
    }

    /** The final classification conv (re-initialised when imported weights have another class count). */
    public Block classifierOutput() {
        return cls.outputConv();
    }

    /** Conv MACs over levels of the given shapes. */
    long macs(List<LevelShape> levels) {
        long total = 0;
        for (LevelShape l : levels) {
            total += cls.macs(l.height(), l.width()) + box.macs(l.height(), l.width());
        }
        return total;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        List<NDArray> logits = new ArrayList<>();
        List<NDArray> deltas = new ArrayList<>();
        for (NDArray p : inputs) {
            logits.add(flatten(run(cls, ps, p, training), numClasses));
            deltas.add(flatten(run(box, ps, p, training), 4));
        }
        return new NDList(concat(logits), concat(deltas));
    }

    /** (B, A·n, H, W) → (B, H·W·A, n); closes the input (a channels-last input gives a view, no copy). */
    private NDArray flatten(NDArray y, int perAnchor) {
        long b = y.getShape().get(0);
        long h = y.getShape().get(2);
        long w = y.getShape().get(3);
        NDArray split = y.reshape(b, anchors, perAnchor, h, w);
        NDArray view = split.transpose(0, 3, 4, 1, 2);
        NDArray out = view.reshape(b, -1, perAnchor);
        for (NDArray dead : new NDArray[] {view, split, y}) {
            dead.close();
        }
        return out;
    }

    private static NDArray concat(List<NDArray> levels) {
        if (levels.size() == 1) {
            return levels.get(0);
        }
        NDArray out = NDArrays.concat(new NDList(levels), 1);
        levels.forEach(NDArray::close);
        return out;
    }
}
