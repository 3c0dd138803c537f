package dev.retinaj.data;

import dev.retinaj.config.DataConfig;
import dev.retinaj.util.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that turns {@code data.*} into records: resolves {@code data.root}, generates the
 * shapes set there if configured and absent, and runs the reader of {@code data.format} over the
 * given splits (joined), applying {@code data.on_bad_sample}.
 */
public final class DataSource {
    private DataSource() {}

    /** The training splits ({@code data.train}). */
    public static LoadedSplit train(DataConfig cfg) {
        return load(cfg, cfg.train(), "data.train");
    }

    /** The evaluation splits ({@code data.val}). */
    public static LoadedSplit val(DataConfig cfg) {
        return load(cfg, cfg.val(), "data.val");
    }

    public static LoadedSplit load(DataConfig cfg, List<String> splits, String key) {
        return load(cfg, splits, key, new BadSamples(cfg.onBadSample()));
    }

    /**
     * @param splits split names as {@code data.train}/{@code data.val} hold them
     * @param key the config key named in errors
     */
    public static LoadedSplit load(DataConfig cfg, List<String> splits, String key, BadSamples bad) {
        if (splits == null || splits.isEmpty()) {
            throw new UserError(key + ": no splits given", 2);
        }
        Path root = root(cfg);
        ShapesGenerator.generateIfAbsent(cfg, root);
        LoadedSplit s = read(cfg.format(), root, splits, cfg.classes(), cfg.keepEmpty(), bad);
        if (s.records().isEmpty()) {
            List<Problem> ps = s.report().problems();
            throw new UserError(key + " " + splits + " under " + root + ": no usable images"
                    + (ps.isEmpty() ? "" : " (" + ps.size() + " problems, first: " + ps.get(0) + ")"));
        }
        return s;
    }

    /** Reads splits of a data set in {@code format} laid out at {@code root} as data/README.md describes. */
    public static LoadedSplit read(DataConfig.Format format, Path root, List<String> splits, List<String> classes,
                                   boolean keepEmpty, BadSamples bad) {
        return switch (format) {
            case VOC -> VocReader.read(root, splits, classes, bad);
            case COCO -> {
                List<CocoReader.Part> parts = new ArrayList<>();
                for (String s : splits) {
                    parts.add(new CocoReader.Part(root.resolve("annotations").resolve("instances_" + s + ".json"),
                            root.resolve(s)));
                }
                yield CocoReader.read(parts, classes, keepEmpty, bad);
            }
            case YOLO -> YoloReader.read(root, splits, classes, bad);
        };
    }

    /** {@code data.root} as a path (relative paths are relative to the working directory). */
    public static Path root(DataConfig cfg) {
        if (cfg.root() == null || cfg.root().isBlank()) {
            throw new UserError("data.root: not set (the data set folder, e.g. data/coco)", 2);
        }
        return Path.of(cfg.root());
    }
}
