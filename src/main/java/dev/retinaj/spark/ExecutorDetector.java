package dev.retinaj.spark;

import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.ConfigWriter;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.DataSource;
import dev.retinaj.data.ImageDecoder;
import dev.retinaj.data.RgbImage;
import dev.retinaj.data.Sample;
import dev.retinaj.infer.ClassMap;
import dev.retinaj.infer.Detections;
import dev.retinaj.infer.EvalInput;
import dev.retinaj.checkpoint.CheckpointStore;
import dev.retinaj.infer.TrainedDetector;
import dev.retinaj.infer.WeightsSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one place where the Spark jobs touch RetinaJ's inference code: the same config, weights
 * resolution, class map, decoding, resize and post-processing as {@code retinaj predict}. When that
 * code moves, only this file follows it.
 */
public final class ExecutorDetector implements AutoCloseable {
    private final TrainedDetector detector;
    private final EvalInput input;

    private ExecutorDetector(TrainedDetector detector, RetinaConfig cfg) {
        this.detector = detector;
        this.input = new EvalInput(cfg);
    }

    /**
     * Driver side: loads the detector once (so a bad config or weights file fails here, in one line,
     * not on every executor), stages the weights file under {@code staging} for shipping, and returns
     * what executors need.
     */
    public static Prepared prepare(RetinaConfig cfg, Path weights, Path staging) throws IOException {
        ClassMap classes;
        try (TrainedDetector det = TrainedDetector.load(cfg, weights, () -> classesFromData(cfg))) {
            classes = det.classes();
        }
        WeightsSource src = WeightsSource.resolve(weights);
        String yaml = ConfigWriter.toYaml(cfg);
        String key = ConfigWriter.hash(cfg).substring(0, 12) + "-" + Long.toHexString(Files.size(src.file()))
                + "-" + Long.toHexString(Files.getLastModifiedTime(src.file()).toMillis());
        Path shipped;
        if (src.ours()) {
            // a checkpoint folder, so that the executor loads it as a RetinaJ checkpoint (strictly)
            shipped = staging.resolve("retinaj-model-" + key);
            Files.createDirectories(shipped);
            Files.copy(src.file(), shipped.resolve(CheckpointStore.MODEL), StandardCopyOption.REPLACE_EXISTING);
        } else {
            shipped = staging.resolve("retinaj-weights-" + key + "-" + src.file().getFileName());
            Files.copy(src.file(), shipped, StandardCopyOption.REPLACE_EXISTING);
        }
        ModelSpec spec = new ModelSpec(key, yaml, shipped.getFileName().toString(), classes.names(),
                classes.categoryIds(), cfg.test().batchSize());
        return new Prepared(spec, shipped);
    }

    /** The spec for executors and the local file or folder to ship to them. */
    public record Prepared(ModelSpec spec, Path shipped) {
    }

    /** Executor side: the detector of {@code spec}, its weights at {@code shipped}, with {@code threads} engine threads. */
    public static ExecutorDetector open(ModelSpec spec, Path shipped, int threads) throws IOException {
        Path yaml = Files.createTempFile("retinaj-config-", ".yaml");
        RetinaConfig cfg;
        try {
            Files.writeString(yaml, spec.configYaml(), StandardCharsets.UTF_8);
            cfg = ConfigLoader.load(yaml, List.of("threads=" + threads));
        } finally {
            Files.deleteIfExists(yaml);
        }
        ClassMap classes = new ClassMap(spec.classNames(), spec.categoryIds());
        Supplier<ClassMap> fallback = () -> classes;
        return new ExecutorDetector(TrainedDetector.load(cfg, shipped, fallback), cfg);
    }

    /** Decodes an image file as {@code retinaj predict} does. */
    public static RgbImage decode(Path file) throws IOException {
        return ImageDecoder.decode(file);
    }

    /** Detections of a batch of decoded images (ids and names are only carried along). */
    public List<ImageDetections> detect(List<RgbImage> images, long[] ids, List<String> names) {
        List<Sample> samples = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            samples.add(input.sample(images.get(i), ids[i], names.get(i), null));
        }
        List<Detections> found = detector.runner().run(input.batch(samples));
        List<ImageDetections> out = new ArrayList<>(found.size());
        for (Detections d : found) {
            out.add(new ImageDetections(d.boxes(), d.scores(), d.labels()));
        }
        return out;
    }

    @Override
    public void close() {
        detector.close();
    }

    /** As {@code retinaj predict}: class names from the config's validation data, if it is there. */
    private static ClassMap classesFromData(RetinaConfig cfg) {
        try {
            if (cfg.data().root() != null && Files.exists(Path.of(cfg.data().root())) && !cfg.data().val().isEmpty()) {
                return ClassMap.of(DataSource.val(cfg.data()));
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }
}
