package dev.retinaj.cli;

import dev.retinaj.util.UsageException;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.config.Thresholds;
import dev.retinaj.data.DataSource;
import dev.retinaj.draw.DetectionPainter;
import dev.retinaj.draw.PaintBoxes;
import dev.retinaj.data.BadSamples;
import dev.retinaj.data.InputImages;
import dev.retinaj.data.LoadReport;
import dev.retinaj.data.Problem;
import dev.retinaj.data.LoadedSplit;
import dev.retinaj.infer.PredictImageIds;
import dev.retinaj.data.RgbImage;
import dev.retinaj.data.Sample;
import dev.retinaj.eval.CocoJsonWriter;
import dev.retinaj.eval.Result;
import dev.retinaj.infer.ClassMap;
import dev.retinaj.infer.CocoResults;
import dev.retinaj.infer.Detections;
import dev.retinaj.infer.EvalInput;
import dev.retinaj.infer.TrainedDetector;
import dev.retinaj.infer.WeightsSource;
import dev.retinaj.util.BadFileException;
import dev.retinaj.util.FileTrees;
import dev.retinaj.util.OutputFolder;
import dev.retinaj.util.ProgressBar;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retinaj predict}: detections drawn on copies of the images, and a detections JSON. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Run a trained detector on an image or a folder of images (jpg, jpeg, png, bmp).",
            "Writes OUT/<image name>.png with labelled boxes and OUT/detections.json (COCO results format plus "
                + "\"file\" and \"category\", in original-image pixels).",
            "Bad image files (truncated, corrupt, not images) are skipped and listed, or stop the command with "
                + "--set data.on_bad_sample=fail."},
        footer = {"", "Example:",
            "  retinaj predict runs/shapes_r18_fpn_demo --input data/shapes/val --out predictions --score 0.5",
            "  retinaj predict -c configs/shapes_r18_fpn_demo.yaml --weights model.safetensors --input img.jpg "
                + "--out predictions"})
public final class PredictCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(PredictCommand.class);
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp");

    @Mixin
    ConfigOptions config;

    @Mixin
    RunArgument model;

    @Option(names = "--input", required = true, paramLabel = "IMAGE_OR_DIR", description = "An image or a folder of images.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--score", defaultValue = "0.3", paramLabel = "T",
            description = "Lowest score drawn and written (default: ${DEFAULT-VALUE}).")
    double score;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        Thresholds.probability("--score", score);
        OutputFolder.check("--out", out, false);
        Path weights = model.weights("predict");
        if (weights == null) {
            throw new UsageException("predict needs a RUN_DIR, or --weights W (with -c CONFIG for a weights file)");
        }
        String option = model.option();
        RetinaConfig cfg = config.loadForRun(weights, option);
        WeightsSource.resolve(weights, option); // weights that are not there fail before the images are read
        List<Path> images = images(input);
        OutputFolder.create("--out", out, false);
        EvalInput netInput = new EvalInput(cfg);
        List<Result> results = new ArrayList<>();
        Map<Long, String> files = new HashMap<>();
        BadSamples bad = new BadSamples(cfg.data().onBadSample());
        ClassMap classes;
        Supplier<LoadedSplit> val = dataSet(cfg, cfg.data().val(), true);
        long[] ids = PredictImageIds.of(images, List.of(val, dataSet(cfg, cfg.data().train(), false)));
        try (TrainedDetector det = TrainedDetector.load(cfg, weights, () -> classesFromData(val));
             ProgressBar bar = new ProgressBar("predict", images.size())) {
            classes = det.classes();
            for (int i = 0; i < images.size(); i++) {
                Path file = images.get(i);
                RgbImage img = InputImages.read(file, bad); // null: bad, and skipped
                if (img == null) {
                    bar.step(1, "");
                    continue;
                }
                Sample s = netInput.sample(img, ids[i], FileTrees.stem(file), file);
                Detections d = det.runner().run(netInput.batch(List.of(s))).get(0);
                PaintBoxes.writePng(drawn(img, d, classes, score), out.resolve(FileTrees.stem(file) + ".png"));
                files.put(ids[i], file.toString());
                CocoResults.of(List.of(d), classes.categories()).stream().filter(r -> r.score() >= score)
                        .forEach(results::add);
                bar.step(1, results.size() + " detections");
            }
        }
        List<String> skipped = bad.problems().stream().map(Problem::file).toList();
        if (skipped.size() == images.size()) {
            throw new BadFileException("--input " + input + ": no image could be read (" + images.size() + " bad; first: "
                    + bad.problems().get(0) + ")");
        }
        Map<Integer, String> names = new HashMap<>();
        classes.categories().forEach(c -> names.put(c.id(), c.name()));
        CocoJsonWriter.writeResults(results, out.resolve("detections.json"),
                r -> Map.of("file", files.get(r.imageId()), "category", names.get(r.categoryId())));
        System.out.printf(Locale.ROOT, "%d images, %d detections (score >= %.2f) -> %s%s%n", images.size() - skipped.size(),
                results.size(), score, out, skippedNote(skipped));
        return 0;
    }

    /** "; N bad images skipped (data.on_bad_sample: skip): the first 20 paths", or nothing. */
    static String skippedNote(List<String> skipped) {
        if (skipped.isEmpty()) {
            return "";
        }
        String more = skipped.size() > LoadReport.FIRST ? ", ..." : "";
        return "; " + skipped.size() + " bad images skipped (data.on_bad_sample: skip): "
                + String.join(", ", skipped.subList(0, Math.min(LoadReport.FIRST, skipped.size()))) + more;
    }

    /** The image with {@code d}'s detections scoring at least {@code score}, in each class's colour. */
    static BufferedImage drawn(RgbImage img, Detections d, ClassMap classes, double score) {
        return DetectionPainter.paint(PaintBoxes.image(img),
                PaintBoxes.of(d.boxes(), d.labels(), d.scores(), classes.names(), (float) score));
    }

    private static ClassMap classesFromData(Supplier<LoadedSplit> val) {
        LoadedSplit s = val.get();
        return s == null ? null : ClassMap.of(s);
    }

    /**
     * Splits of the config's data set, read on the first call; null when its root is not there (predict
     * never generates data) or it cannot be read.
     */
    private static Supplier<LoadedSplit> dataSet(RetinaConfig cfg, List<String> splits, boolean val) {
        LoadedSplit[] memo = new LoadedSplit[1];
        boolean[] done = new boolean[1];
        return () -> {
            if (!done[0]) {
                done[0] = true;
                try {
                    if (cfg.data().root() != null && Files.exists(Path.of(cfg.data().root())) && !splits.isEmpty()) {
                        memo[0] = val ? DataSource.val(cfg.data()) : DataSource.train(cfg.data());
                    }
                } catch (RuntimeException e) {
                    LOG.debug("the data set's {} is unavailable: {}", val ? "data.val" : "data.train", e.getMessage());
                }
            }
            return memo[0];
        };
    }

    static List<Path> images(Path input) throws IOException {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new UsageException("--input " + input + ": no such file or folder");
        }
        List<Path> out;
        try (Stream<Path> s = Files.list(input)) {
            out = s.filter(p -> EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                    .endsWith(e))).sorted().toList();
        }
        if (out.isEmpty()) {
            throw new UsageException("--input " + input + ": no images (" + String.join(", ", EXTENSIONS) + ")");
        }
        return out;
    }
}
