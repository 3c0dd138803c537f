package dev.retinaj.config;

/** {@code test.*}: inference input size and post-processing. */
public record TestConfig(
        double scoreThresh,
        int topkPerLevel,
        double nmsThresh,
        int maxDets,
        int minSize,
        int maxSize,
        int batchSize) {
    public TestConfig {
        Validate.range("score_thresh", scoreThresh, 0, 1);
        Validate.atLeast("topk_per_level", topkPerLevel, 1);
        Validate.range("nms_thresh", nmsThresh, 0, 1);
        Validate.atLeast("max_dets", maxDets, 1);
        Validate.atLeast("min_size", minSize, 1);
        Validate.atLeast("max_size", maxSize, 1);
        Validate.atLeast("batch_size", batchSize, 1);
    }
}
