package dev.retinaj.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.retinaj.data.DeviceBatch;
import dev.retinaj.data.ImageInfo;
import dev.retinaj.infer.Detector;
import dev.retinaj.model.HeadOutputs;
import dev.retinaj.model.LevelShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is needed to find out why a step was not finite, taken off the engine while the step's
 * arrays live: the losses, the images and their boxes, per level the positives and the ranges of
 * the logits and box deltas (of the first device's part of the batch), and for a non-finite gradient
 * also the gradient norm of every parameter and the names of the non-finite ones.
 */
final class NonFiniteReport {
    private NonFiniteReport() {}

    static Map<String, Object> ofLoss(long iteration, Detector.Losses f, DeviceBatch batch) {
        return ofForward(iteration, "non-finite loss", f, batch);
    }

    /** What the forward of (the first device's part of) a step saw: losses, images with boxes, levels. */
    private static Map<String, Object> ofForward(long iteration, String reason, Detector.Losses f, DeviceBatch batch) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("iteration", iteration);
        d.put("reason", reason);
        d.put("loss", f.loss().total().getFloat());
        d.put("loss_cls", f.loss().cls().getFloat());
        d.put("loss_box", f.loss().box().getFloat());
        d.put("num_pos", f.loss().numPos().getFloat());
        d.put("images", images(batch));
        d.put("levels", levels(f.outputs(), f.targets().foreground()));
        return d;
    }

    /** As for a non-finite loss, plus the gradient norm of every parameter and the non-finite ones. */
    static Map<String, Object> ofGradients(long iteration, Detector.Losses f, DeviceBatch batch,
                                           Map<String, Double> paramNorms) {
        Map<String, Object> d = ofForward(iteration, "non-finite gradient", f, batch);
        List<String> bad = new ArrayList<>();
        Map<String, String> norms = new LinkedHashMap<>();
        paramNorms.forEach((k, v) -> {
            if (!Double.isFinite(v)) {
                bad.add(k);
            }
            norms.put(k, Double.toString(v));
        });
        d.put("non_finite_parameters", bad);
        d.put("gradient_norms", norms);
        return d;
    }

    private static List<Map<String, Object>> images(DeviceBatch b) {
        List<Map<String, Object>> out = new ArrayList<>();
        float[] boxes = b.boxes().toFloatArray();
        int[] labels = b.labels().toType(DataType.INT32, false).toIntArray();
        int g = (int) b.boxes().getShape().get(1);
        for (int i = 0; i < b.infos().size(); i++) {
            ImageInfo info = b.infos().get(i);
            List<List<Float>> bx = new ArrayList<>();
            for (int j = 0; j < g; j++) {
                if (labels[i * g + j] >= 0) {
                    int o = (i * g + j) * 4;
                    bx.add(List.of(boxes[o], boxes[o + 1], boxes[o + 2], boxes[o + 3], (float) labels[i * g + j]));
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", info.id());
            m.put("name", info.name());
            m.put("path", String.valueOf(info.path()));
            m.put("boxes_x1y1x2y2_label", bx);
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> levels(HeadOutputs h, NDArray foreground) {
        List<Map<String, Object>> out = new ArrayList<>();
        long start = 0;
        for (LevelShape l : h.levels()) {
            long n = (long) l.locations() * h.anchorsPerLocation();
            NDIndex idx = new NDIndex(":, {}:{}", start, start + n);
            NDArray logits = h.clsLogits().get(idx);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stride", l.stride());
            m.put("size", List.of(l.height(), l.width()));
            m.put("positives", foreground.get(idx).toType(DataType.FLOAT32, false).sum().getFloat());
            m.put("cls_logit_absmax", logits.abs().max().getFloat());
            m.put("box_delta_absmax", h.boxDeltas().get(idx).abs().max().getFloat());
            m.put("cls_logit_non_finite", logits.isNaN().logicalOr(logits.isInfinite())
                    .toType(DataType.FLOAT32, false).sum().getFloat());
            out.add(m);
            start += n;
        }
        return out;
    }
}
