package dev.retinaj.data;

import dev.retinaj.data.augment.Augmenter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput of the input pipeline: decode alone on one thread, then decode + augment + batch
 * through {@link BatchLoader} with one worker and with {@code threads} workers.
 */
public final class DataBench {
    private DataBench() {}

    public record Result(int images, int batchSize, int threads, double decodePerSec, double oneThreadPerSec,
                         double allThreadsPerSec) {
        public Map<String, Object> toJsonMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("images", images);
            m.put("batch", batchSize);
            m.put("threads", threads);
            m.put("decode_images_per_s", round(decodePerSec));
            m.put("one_thread_images_per_s", round(oneThreadPerSec));
            m.put("all_threads_images_per_s", round(allThreadsPerSec));
            return m;
        }

        private static double round(double v) {
            return Math.round(v * 10) / 10.0;
        }
    }

    /** Runs over {@code images} images (records cycled as needed) for each measurement. */
    public static Result run(List<DetectionRecord> records, TransformSpec spec, Augmenter augmenter, int batchSize,
                             int images, int threads, long seed) {
        int n = Math.min(images, records.size());
        for (int i = 0; i < Math.min(n, 16); i++) { // warm-up (JIT, ImageIO plugin lookup)
            try {
                ImageDecoder.decode(records.get(i).image());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < images; i++) {
            try {
                ImageDecoder.decode(records.get(i % n).image());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        double decode = images / ((System.nanoTime() - t0) / 1e9);
        SampleLoader samples = new SampleLoader(spec, augmenter);
        double one = pipeline(records, samples, batchSize, images, 1, seed);
        double all = pipeline(records, samples, batchSize, images, threads, seed);
        return new Result(images, batchSize, threads, decode, one, all);
    }

    private static double pipeline(List<DetectionRecord> records, SampleLoader samples, int batchSize, int images,
                                   int workers, long seed) {
        try (BatchLoader loader = new BatchLoader(records, samples, new BatchLoader.Options(batchSize, seed, true,
                workers, Math.max(2, 2 * workers), new BadSamples(dev.retinaj.config.DataConfig.OnBadSample.SKIP)))) {
            Iterator<HostBatch> it = loader.iterate(0);
            it.next(); // warm-up: threads started, first batch decoded
            int done = 0;
            long t0 = System.nanoTime();
            while (done < images) {
                done += it.next().batchSize();
            }
            return done / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
