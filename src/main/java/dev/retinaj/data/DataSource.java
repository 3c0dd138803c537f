package dev.retinaj.data;

import dev.retinaj.config.ConfigException;
import dev.retinaj.config.DataConfig;
import dev.retinaj.util.BadFileException;
import java.nio.file.Files;
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

    /** The training splits ({@code data.train}); images without boxes only if {@code data.keep_empty}. */
    public static LoadedSplit train(DataConfig cfg) {
        return load(cfg, cfg.train(), "data.train", new BadSamples(cfg.onBadSample()), cfg.keepEmpty());
    }

    /** The evaluation splits ({@code data.val}); every image is kept (empty ones count in evaluation). */
    public static LoadedSplit val(DataConfig cfg) {
        return load(cfg, cfg.val(), "data.val", new BadSamples(cfg.onBadSample()), true);
    }

    /**
     * @param splits split names as {@code data.train}/{@code data.val} hold them
     * @param key the config key named in errors
     */
    public static LoadedSplit load(DataConfig cfg, List<String> splits, String key, BadSamples bad, boolean keepEmpty) {
        if (splits == null || splits.isEmpty()) {
            throw new ConfigException(key + ": no splits given");
        }
        Path root = root(cfg);
        ShapesGenerator.generateIfAbsent(cfg, root);
        LoadedSplit s = read(cfg, splits, classes(cfg, root), keepEmpty, bad);
        if (s.records().isEmpty()) {
            List<Problem> ps = s.report().problems();
            throw new BadFileException(key + " " + splits + " under " + root + ": no usable images"
                    + (ps.isEmpty() ? "" : " (" + ps.size() + " problems, first: " + ps.get(0) + ")"));
        }
        return s;
    }

    /**
     * {@code data.classes}, or for VOC without it the names found over train and val together, so that
     * class k is the same class in both (a split may lack some class).
     */
    static List<String> classes(DataConfig cfg, Path root) {
        if (cfg.classes() != null && !cfg.classes().isEmpty() || cfg.format() != DataConfig.Format.VOC) {
            return cfg.classes();
        }
        List<String> all = new ArrayList<>(cfg.train());
        cfg.val().stream().filter(s -> !all.contains(s)).forEach(all::add);
        return VocReader.read(DataPaths.within(root, cfg.allowOutsideRoot()), all, null, BadSamples.collecting())
                .classNames();
    }

    /** Reads splits of the data set {@code cfg} names, contained unless {@code data.allow_outside_root}. */
    public static LoadedSplit read(DataConfig cfg, List<String> splits, List<String> classes, boolean keepEmpty,
                                   BadSamples bad) {
        return read(cfg.format(), root(cfg), splits, classes, keepEmpty, bad, cfg.allowOutsideRoot());
    }

    /** Reads splits of a data set in {@code format} laid out at {@code root} as data/README.md describes. */
    public static LoadedSplit read(DataConfig.Format format, Path root, List<String> splits, List<String> classes,
                                   boolean keepEmpty, BadSamples bad) {
        return read(format, root, splits, classes, keepEmpty, bad, false);
    }

    private static LoadedSplit read(DataConfig.Format format, Path root, List<String> splits, List<String> classes,
                                    boolean keepEmpty, BadSamples bad, boolean allowOutside) {
        boolean yamlGiven = format == DataConfig.Format.YOLO && !Files.isDirectory(root);
        DataPaths paths = DataPaths.within(yamlGiven ? root.toAbsolutePath().getParent() : root, allowOutside);
        return switch (format) {
            case VOC -> VocReader.read(paths, splits, classes, bad);
            case COCO -> {
                List<CocoReader.Part> parts = new ArrayList<>();
                for (String s : splits) {
                    Path json = contained(paths, root.resolve("annotations").resolve("instances_" + s + ".json"));
                    parts.add(new CocoReader.Part(json, root.resolve(s), paths));
                }
                yield CocoReader.read(parts, classes, keepEmpty, bad);
            }
            case YOLO -> YoloReader.read(contained(paths, yamlGiven ? root : root.resolve("data.yaml")),
                    splits, classes, bad, allowOutside);
        };
    }

    /** A file the config points at inside data.root: a symlink out of it stops the run (nothing to skip). */
    private static Path contained(DataPaths paths, Path file) {
        String why = paths.fileEscape(file);
        if (why != null) {
            throw new BadFileException(file + ": " + why + DataPaths.HINT);
        }
        return file;
    }

    /** {@code data.root} as a path (absolute once loaded: the config loader resolves relative values). */
    public static Path root(DataConfig cfg) {
        if (cfg.root() == null || cfg.root().isBlank()) {
            throw new ConfigException("data.root: not set (the data set folder, e.g. data/coco)");
        }
        return Path.of(cfg.root());
    }
}
