package dev.retinaj.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.retinaj.anchors.BoxIou;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.BoxMath;
import dev.retinaj.data.DetectionRecord;
import dev.retinaj.data.LoadedSplit;
import dev.retinaj.engine.HostArrays;
import dev.retinaj.infer.Detector;
import dev.retinaj.model.LevelShape;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-flight check that the anchors fit the data: each GT box (of up to 500 images, at the training
 * scale of the smallest {@code data.min_size}) is matched to its best anchor; per level, the share
 * whose best IoU is below {@code bg_iou} (no positive at all without low-quality matches) and below
 * {@code fg_iou} is logged, with a warning when many boxes are poorly covered.
 */
public final class AnchorCoverage {
    private static final Logger LOG = LoggerFactory.getLogger(AnchorCoverage.class);
    private static final int SAMPLE = 500;

    /** Per level (P3 first, then the total): boxes best matched there, and those below bg / fg IoU. */
    public record Row(String level, int boxes, int belowBg, int belowFg) {}

    private AnchorCoverage() {}

    public static List<Row> compute(LoadedSplit split, RetinaConfig cfg, Detector detector) {
        int levels = cfg.model().anchors().strides().size();
        int[] boxes = new int[levels];
        int[] belowBg = new int[levels];
        int[] belowFg = new int[levels];
        int minSize = cfg.data().minSize().stream().mapToInt(Integer::intValue).min().orElse(800);
        int div = cfg.data().sizeDivisibility();
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            List<DetectionRecord> recs = split.records();
            int step = Math.max(1, recs.size() / SAMPLE);
            for (int i = 0; i < recs.size(); i += step) {
                DetectionRecord r = recs.get(i);
                int n = 0;
                for (boolean c : r.crowd()) {
                    n += c ? 0 : 1;
                }
                if (n == 0) {
                    continue;
                }
                int[] size = resized(r, minSize, cfg.data().maxSize());
                int h = BoxMath.padded(size[1], div);
                int w = BoxMath.padded(size[0], div);
                List<LevelShape> shapes = detector.levelShapes(h, w);
                float[] gt = BoxMath.resize(nonCrowd(r, n), r.width(), r.height(), size[0], size[1]);
                try (NDManager sub = m.newSubManager()) {
                    NDArray anchors = detector.anchors(sub, h, w);
                    NDArray iou = BoxIou.iou(HostArrays.of(sub, gt, new Shape(n, 4)), anchors); // [n, A]
                    float[] best = iou.max(new int[] {1}).toFloatArray();
                    long[] arg = iou.argMax(1).toType(DataType.INT64, false).toLongArray();
                    for (int j = 0; j < n; j++) {
                        int level = levelOf(arg[j], shapes, detector.anchorsPerLocation());
                        boxes[level]++;
                        if (best[j] < cfg.assigner().bgIou()) {
                            belowBg[level]++;
                        }
                        if (best[j] < cfg.assigner().fgIou()) {
                            belowFg[level]++;
                        }
                    }
                }
            }
        }
        List<Row> rows = new java.util.ArrayList<>();
        int tb = 0;
        int tbg = 0;
        int tfg = 0;
        for (int l = 0; l < levels; l++) {
            rows.add(new Row("P" + (3 + l), boxes[l], belowBg[l], belowFg[l]));
            tb += boxes[l];
            tbg += belowBg[l];
            tfg += belowFg[l];
        }
        rows.add(new Row("all", tb, tbg, tfg));
        return rows;
    }

    /** Width and height of {@code r} after the training transform's own resize (floor of length × scale). */
    static int[] resized(DetectionRecord r, int minSize, int maxSize) {
        double scale = BoxMath.scale(r.width(), r.height(), minSize, maxSize);
        return new int[] {BoxMath.resized(r.width(), scale), BoxMath.resized(r.height(), scale)};
    }

    private static float[] nonCrowd(DetectionRecord r, int n) {
        float[] out = new float[4 * n];
        int k = 0;
        for (int j = 0; j < r.numBoxes(); j++) {
            if (!r.crowd()[j]) {
                System.arraycopy(r.boxes(), 4 * j, out, 4 * k++, 4);
            }
        }
        return out;
    }

    private static int levelOf(long anchor, List<LevelShape> shapes, int perLocation) {
        long start = 0;
        for (int l = 0; l < shapes.size(); l++) {
            start += (long) shapes.get(l).locations() * perLocation;
            if (anchor < start) {
                return l;
            }
        }
        return shapes.size() - 1;
    }

    /** Logs the table and warns when more than 10% of boxes have no anchor at fg_iou. */
    public static void report(LoadedSplit split, RetinaConfig cfg, Detector detector) {
        List<Row> rows = compute(split, cfg, detector);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "anchor coverage (best anchor IoU per GT box, sampled):%n  level   boxes  <bg_iou %.2f  <fg_iou %.2f",
                cfg.assigner().bgIou(), cfg.assigner().fgIou()));
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%n  %-5s %7d %11s %12s", r.level(), r.boxes(), pct(r.belowBg(), r.boxes()),
                    pct(r.belowFg(), r.boxes())));
        }
        LOG.info(b.toString());
        Row all = rows.get(rows.size() - 1);
        if (all.boxes() > 0 && all.belowFg() > 0.1 * all.boxes()) {
            LOG.warn("{} of GT boxes have no anchor with IoU >= fg_iou {}: they train only through low-quality "
                    + "matches; consider model.anchors.sizes / level_sizes that fit the data",
                    pct(all.belowFg(), all.boxes()), cfg.assigner().fgIou());
        }
    }

    private static String pct(int n, int of) {
        return of == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * n / of);
    }
}
