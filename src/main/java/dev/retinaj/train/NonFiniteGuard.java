package dev.retinaj.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.data.DeviceBatch;
import dev.retinaj.data.HostBatch;
import dev.retinaj.data.ImageInfo;
import dev.retinaj.model.HeadOutputs;
import dev.retinaj.model.LevelShape;
import dev.retinaj.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Skips steps whose loss or gradient is not finite, writes what is needed to find out why to
 * {@code RUN_DIR/diagnostics/iter_N.json} (images, boxes, per-level logits and positives, losses,
 * gradient norms), and stops the run after {@code train.max_non_finite} such steps in a row.
 */
final class NonFiniteGuard {
    private static final Logger LOG = LoggerFactory.getLogger(NonFiniteGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int maxInRow;
    private int inRow;
    private Path last;

    NonFiniteGuard(Path dir, int maxInRow) {
        this.dir = dir;
        this.maxInRow = maxInRow;
    }

    /** A finite step: the count starts again. */
    void ok() {
        inRow = 0;
    }

    void record(long iteration, TrainStep.Forward f, NDArray anchors) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("iteration", iteration);
        d.put("reason", "non-finite loss");
        d.put("loss", f.loss().total().getFloat());
        d.put("loss_cls", f.loss().cls().getFloat());
        d.put("loss_box", f.loss().box().getFloat());
        d.put("num_pos", f.loss().numPos().getFloat());
        d.put("images", images(f.batch()));
        d.put("levels", levels(f.outputs(), f.targets().foreground()));
        write(iteration, d);
    }

    void recordGradients(long iteration, HostBatch host, Map<String, Double> paramNorms) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("iteration", iteration);
        d.put("reason", "non-finite gradient");
        d.put("images", host.infos().stream().map(i -> Map.of("id", i.id(), "name", i.name())).toList());
        Map<String, Double> bad = new LinkedHashMap<>();
        paramNorms.forEach((k, v) -> {
            if (!Double.isFinite(v)) {
                bad.put(k, v);
            }
        });
        d.put("non_finite_parameters", bad.keySet());
        d.put("gradient_norms", stringify(paramNorms));
        write(iteration, d);
    }

    private static Map<String, String> stringify(Map<String, Double> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Double.toString(v)));
        return out;
    }

    private void write(long iteration, Map<String, Object> d) {
        inRow++;
        try {
            Files.createDirectories(dir);
            last = dir.resolve("iter_" + iteration + ".json");
            JSON.writerWithDefaultPrettyPrinter().writeValue(last.toFile(), d);
        } catch (IOException e) {
            LOG.warn("cannot write diagnostic {}: {}", last, e.getMessage());
        }
        LOG.warn("iteration {}: {}; step skipped ({} in a row), details in {}", iteration, d.get("reason"), inRow, last);
        if (inRow >= maxInRow) {
            throw new UserError(inRow + " non-finite steps in a row (last at iteration " + iteration + ", see " + last
                    + "); lower train.lr, raise train.warmup.iters or set train.clip_grad_norm, then --resume");
        }
    }

    private static List<Map<String, Object>> images(DeviceBatch b) {
        List<Map<String, Object>> out = new ArrayList<>();
        float[] boxes = b.boxes().toFloatArray();
        int[] labels = b.labels().toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
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
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stride", l.stride());
            m.put("size", List.of(l.height(), l.width()));
            m.put("positives", foreground.get(idx).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).sum().getFloat());
            m.put("cls_logit_absmax", h.clsLogits().get(idx).abs().max().getFloat());
            m.put("box_delta_absmax", h.boxDeltas().get(idx).abs().max().getFloat());
            m.put("cls_logit_non_finite", h.clsLogits().get(idx).isNaN().logicalOr(h.clsLogits().get(idx).isInfinite())
                    .toType(ai.djl.ndarray.types.DataType.FLOAT32, false).sum().getFloat());
            out.add(m);
            start += n;
        }
        return out;
    }
}
