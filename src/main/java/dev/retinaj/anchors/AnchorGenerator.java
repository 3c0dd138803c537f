package dev.retinaj.anchors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.retinaj.config.ModelConfig;
import dev.retinaj.engine.HostArrays;
import dev.retinaj.engine.Scalars;
import dev.retinaj.model.LevelShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RetinaNet anchors over all FPN levels, laid out level-major (P3 first), then row y, column x, then
 * the A anchors of a location in ratio-major, scale-minor order: torchvision's order, including its
 * rounding of the zero-centred base anchors. Anchors are cached (host floats) per list of level shapes.
 */
public final class AnchorGenerator {
    private static final int CACHE_SIZE = 32;

    private final List<float[]> baseAnchors; // per level: A × 4, rounded, zero-centred
    private final int perLocation;
    private final Map<List<LevelShape>, float[]> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<LevelShape>, float[]> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public AnchorGenerator(ModelConfig.AnchorConfig cfg) {
        List<float[]> base = new ArrayList<>();
        for (int l = 0; l < cfg.strides().size(); l++) {
            base.add(baseAnchors(cfg.sizesOfLevel(l), cfg.ratios()));
        }
        this.baseAnchors = List.copyOf(base);
        this.perLocation = cfg.perLocation();
    }

    /** Anchors per feature-map location (sizes × ratios). */
    public int perLocation() {
        return perLocation;
    }

    /** Number of levels this generator was configured for. */
    public int numLevels() {
        return baseAnchors.size();
    }

    /**
     * Feature-map shapes for an input of {@code height × width}: each stride-2 conv (kernel 3,
     * padding 1, as in ResNet's stem, its stages and P6/P7) maps n to ceil(n / 2), so a level of
     * stride 2^k has ceil(n / 2^k) rows (nested ceilings of halves equal one ceiling).
     */
    public static List<LevelShape> levelShapes(int height, int width, List<Integer> strides) {
        return LevelShape.forInput(height, width, strides);
    }

    /** Total anchors for these levels. */
    public long totalAnchors(List<LevelShape> levels) {
        long n = 0;
        for (LevelShape l : levels) {
            n += (long) l.locations() * perLocation;
        }
        return n;
    }

    /** [A_total, 4] float32 anchors (x1, y1, x2, y2) on {@code m}'s device. */
    public NDArray anchors(NDManager m, List<LevelShape> levels) {
        if (levels.size() != baseAnchors.size()) {
            throw new IllegalArgumentException("anchors configured for " + baseAnchors.size()
                    + " levels, got " + levels.size());
        }
        List<LevelShape> key = List.copyOf(levels);
        float[] host;
        synchronized (cache) {
            host = cache.get(key);
        }
        if (host == null) {
            host = generate(m, key);
            synchronized (cache) {
                cache.put(key, host);
            }
        }
        return HostArrays.of(m, host, new Shape(host.length / 4, 4));
    }

    private float[] generate(NDManager m, List<LevelShape> levels) {
        try (NDManager sub = m.newSubManager()) {
            NDList perLevel = new NDList();
            for (int l = 0; l < levels.size(); l++) {
                LevelShape s = levels.get(l);
                NDArray base = HostArrays.of(sub, baseAnchors.get(l), new Shape(perLocation, 4));
                NDArray xs = Scalars.MUL.apply(sub.arange(0, s.width(), 1, DataType.FLOAT32), s.stride());
                NDArray ys = Scalars.MUL.apply(sub.arange(0, s.height(), 1, DataType.FLOAT32), s.stride());
                NDArray sx = xs.expandDims(0).broadcast(s.height(), s.width()).flatten();
                NDArray sy = ys.expandDims(1).broadcast(s.height(), s.width()).flatten();
                NDArray shifts = NDArrays.stack(new NDList(sx, sy, sx, sy), 1); // [HW, 4]
                perLevel.add(shifts.expandDims(1).add(base.expandDims(0)).reshape(-1, 4));
            }
            return NDArrays.concat(perLevel, 0).toFloatArray();
        }
    }

    /**
     * Zero-centred anchors of one location, computed in float32 exactly as torchvision does:
     * h_ratio = sqrt(r), w_ratio = 1 / h_ratio, w = w_ratio · size, then (−w/2, −h/2, w/2, h/2)
     * rounded half-to-even.
     */
    static float[] baseAnchors(List<Double> sizes, List<Double> ratios) {
        float[] out = new float[sizes.size() * ratios.size() * 4];
        int i = 0;
        for (double r : ratios) {
            float hr = (float) Math.sqrt((float) r);
            float wr = 1f / hr;
            for (double size : sizes) {
                float w = wr * (float) size;
                float h = hr * (float) size;
                out[i++] = (float) Math.rint(-w / 2f);
                out[i++] = (float) Math.rint(-h / 2f);
                out[i++] = (float) Math.rint(w / 2f);
                out[i++] = (float) Math.rint(h / 2f);
            }
        }
        return out;
    }
}
