package dev.retinaj.infer;

import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.HostBatch;
import dev.retinaj.data.RgbImage;
import dev.retinaj.data.Sample;
import dev.retinaj.data.SampleLoader;
import dev.retinaj.data.TransformSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * Decoded images without annotations as network input, made as evaluation makes it: shorter side to
 * {@code test.min_size}, longer side capped at {@code test.max_size}, normalised, never flipped, and
 * batched padded to {@code data.size_divisibility}. What predict, the Spark executors and the DJL
 * translator feed the detector.
 */
public final class EvalInput {
    private final SampleLoader loader;
    private final int minSize;

    public EvalInput(RetinaConfig cfg) {
        this.loader = new SampleLoader(TransformSpec.eval(cfg.data(), cfg.test()));
        this.minSize = cfg.test().minSize();
    }

    /** @param path the image's file, or null */
    public Sample sample(RgbImage img, long id, String name, Path path) {
        return loader.forImage(img, id, name, path, minSize);
    }

    public HostBatch batch(List<Sample> samples) {
        return HostBatch.collate(samples, loader.spec().sizeDivisibility());
    }
}
