package dev.retinaj.config;

import java.util.List;

/**
 * {@code data.*}: where the data set is, how it is read, and the training transforms.
 * {@code allow_outside_root} lets paths in the data set leave {@code data.root} (off: a data set is
 * untrusted input, see {@code DataPaths}).
 */
public record DataConfig(
        Format format,
        String root,
        List<String> train,
        List<String> val,
        List<String> classes,
        boolean keepEmpty,
        List<Integer> minSize,
        int maxSize,
        double flipProb,
        int sizeDivisibility,
        List<Double> mean,
        List<Double> std,
        int workers,
        int prefetch,
        OnBadSample onBadSample,
        boolean allowOutsideRoot,
        ShapesConfig shapes,
        AugmentConfig augment,
        Sampler sampler,
        double repeatThreshold) {

    public enum Format { VOC, COCO, YOLO }

    public enum OnBadSample { SKIP, FAIL }

    /** Training order: a shuffle of every image once per epoch, or LVIS repeat-factor sampling. */
    public enum Sampler { UNIFORM, REPEAT_FACTOR }

    public DataConfig {
        train = Validate.copy(train);
        val = Validate.copy(val);
        classes = Validate.classNames("classes", classes);
        minSize = Validate.nonEmpty("min_size", minSize);
        for (int s : minSize) {
            Validate.atLeast("min_size", s, 1);
        }
        Validate.atLeast("max_size", maxSize, 1);
        Validate.range("flip_prob", flipProb, 0, 1);
        Validate.atLeast("size_divisibility", sizeDivisibility, 1);
        mean = Validate.nonEmpty("mean", mean);
        std = Validate.nonEmpty("std", std);
        if (mean.size() != 3 || std.size() != 3) {
            throw ConfigException.field("mean", "mean and std take 3 values (R, G, B)");
        }
        for (double s : std) {
            Validate.above("std", s, 0, "pixels are divided by it");
        }
        Validate.atLeast("workers", workers, 0);
        Validate.atLeast("prefetch", prefetch, 1);
        Validate.range("repeat_threshold", repeatThreshold, 0, 1);
    }

    /**
     * {@code data.shapes.*}: when set and {@code data.root} holds no data yet, the generated shapes
     * set is written there first (the demo's data).
     */
    public record ShapesConfig(boolean generate, int train, int val, int size, long seed, double imbalance,
                               ShapesStyle style) {
        public ShapesConfig {
            Validate.atLeast("train", train, 1);
            Validate.atLeast("val", val, 1);
            Validate.atLeast("size", size, 32);
            Validate.range("imbalance", imbalance, 0, 1);
        }
    }
}
