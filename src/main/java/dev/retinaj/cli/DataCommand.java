package dev.retinaj.cli;

import dev.retinaj.util.BadFileException;
import dev.retinaj.util.OutputFolder;
import dev.retinaj.util.UsageException;
import dev.retinaj.config.DataConfig;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.data.BadSamples;
import dev.retinaj.data.ConfigSuggestion;
import dev.retinaj.data.DataConverter;
import dev.retinaj.data.DataInput;
import dev.retinaj.data.DataSource;
import dev.retinaj.data.DatasetStats;
import dev.retinaj.data.LoadedSplit;
import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import dev.retinaj.plot.DatasetCharts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code retinaj data ...}: generate, inspect and convert data sets. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Generate the shapes data set, print data set statistics, convert between VOC, COCO and YOLO.",
        subcommands = {DataCommand.Shapes.class, DataCommand.Stats.class, DataCommand.Convert.class, DataBrowseCommand.class},
        footer = {"", "Example:", "  retinaj data shapes --out data/shapes",
            "  retinaj data stats -c configs/shapes_r18_fpn_demo.yaml --json"})
public final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "shapes", mixinStandardHelpOptions = true,
            description = "Write the seeded synthetic shapes detection set (circle, cross, square, triangle) "
                    + "in COCO and VOC layouts.",
            footer = {"", "Example:", "  retinaj data shapes --out data/shapes --train 1000 --val 200 --size 320",
                "  retinaj data shapes --out data/shapes_lt --imbalance 0.3",
                "  retinaj data shapes --out data/shapes_hard --style hard --train 400 --val 200"})
    static final class Shapes implements Runnable {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty).")
        Path out;
        @Mixin
        ShapesOptions shapes;
        @Mixin
        CommonOptions common;

        @Override
        public void run() {
            ShapesParams p = shapes.params();
            long t0 = System.nanoTime();
            ShapesGenerator.generate(out, p);
            PrintWriter w = common.out();
            w.printf("wrote %d train + %d val images (%d px, classes %s) to %s in %.1f s%n", p.train(), p.val(), p.size(),
                    String.join(", ", ShapesGenerator.classNames()), out, (System.nanoTime() - t0) / 1e9);
            w.printf("  COCO: %s/annotations/instances_{train,val}.json, VOC: %s/VOCdevkit/VOC2007%n", out, out);
            w.flush();
        }
    }

    /** {@code --format F --root PATH [--images DIR] [--classes a,b]}: a data set given without a config. */
    static final class InputOptions {
        @Option(names = "--images", paramLabel = "DIR", description = "coco: the image folder (default: beside annotations/, named after the split).")
        Path images;
        @Option(names = "--classes", split = ",", paramLabel = "a,b,c", description = "Class names in index order (default: from the annotations).")
        List<String> classes;
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Count images, boxes per class, box sizes (COCO small/medium/large), boxes per image, "
                    + "aspect ratios, empty images and problems.",
            footer = {"", "Example:", "  retinaj data stats -c configs/shapes_r18_fpn_demo.yaml --split val",
                "  retinaj data stats --format voc --root data/VOCdevkit/VOC2007 --split test --json",
                "  retinaj data stats -c configs/shapes_r18_fpn_demo.yaml --plots stats",
                "  retinaj data stats --format coco --root data/coco/annotations/instances_val2017.json"})
    static final class Stats implements Runnable {
        @Mixin
        ConfigOptions config;
        @Option(names = "--format", paramLabel = "voc|coco|yolo", description = "Read a data set without a config.")
        String format;
        @Option(names = "--root", paramLabel = "PATH",
                description = "With --format: the VOC20xx folder, the COCO instances JSON, or the YOLO data.yaml.")
        Path root;
        @Mixin
        InputOptions input;
        @Option(names = "--split", paramLabel = "S",
                description = "Split to read (with -c: a data.train/data.val entry, default all of data.train; "
                        + "with --format: default all annotations).")
        String split;
        @Mixin
        JsonOutput output;
        @Option(names = "--plots", paramLabel = "DIR", description = "Also write labels.png and box_sizes.png into DIR.")
        Path plots;
        @Mixin
        CommonOptions common;

        @Override
        public void run() {
            if (plots != null) {
                OutputFolder.check("--plots", plots, false); // before reading: not after the stats are printed
            }
            LoadedSplit s;
            RetinaConfig anchorsFrom;
            if (format != null || root != null) {
                if (format == null || root == null) {
                    throw new UsageException("--format and --root go together");
                }
                if (config.config != null) {
                    throw new UsageException("give either -c CONFIG or --format/--root, not both");
                }
                DataInput in = new DataInput(DataInput.format("--format", format), root, input.images, input.classes);
                s = in.read(split == null ? List.of() : List.of(split), BadSamples.collecting());
                anchorsFrom = ConfigLoader.load(null, List.of());
            } else {
                RetinaConfig cfg = config.loadRequired();
                anchorsFrom = cfg;
                DataConfig d = cfg.data();
                List<String> splits = split == null ? d.train() : List.of(split);
                s = DataSource.read(d, splits, input.classes != null ? input.classes : d.classes(), d.keepEmpty(),
                        BadSamples.collecting());
            }
            DatasetStats st = DatasetStats.of(s);
            PrintWriter out = common.out();
            if (output.json) {
                out.println(st.toJson());
                out.flush();
            } else {
                st.print(out);
                var anchors = anchorsFrom.model().anchors();
                ConfigSuggestion.of(st, anchors.sizes(), anchors.scales()).lines().forEach(out::println);
                out.flush();
            }
            if (plots != null) {
                try {
                    DatasetCharts.write(st, plots).forEach(p -> common.err().println("wrote " + p));
                } catch (java.io.IOException e) {
                    throw new BadFileException("--plots " + plots + ": " + OutputFolder.reason(e));
                }
            }
        }
    }

    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Convert a data set between VOC, COCO and YOLO (boxes and classes exact; "
                    + "crowd <-> difficult; YOLO drops crowd boxes). Images are copied (--link: hard-linked); "
                    + "files outside the input's folder are never copied.",
            footer = {"", "Example:",
                "  retinaj data convert --from voc --in data/VOCdevkit/VOC2007 --to coco --out data/voc07_coco",
                "  retinaj data convert --from coco --in data/shapes/annotations/instances_val.json --to yolo --out data/shapes_yolo"})
    static final class Convert implements Runnable {
        @Option(names = "--from", required = true, paramLabel = "voc|coco|yolo", description = "Input format.")
        String from;
        @Option(names = "--in", required = true, paramLabel = "PATH",
                description = "VOC20xx folder, COCO instances JSON (or a folder holding annotations/), or YOLO data.yaml.")
        Path in;
        @Mixin
        InputOptions input;
        @Option(names = "--to", required = true, paramLabel = "voc|coco|yolo", description = "Output format.")
        String to;
        @Option(names = "--out", required = true, paramLabel = "PATH",
                description = "New folder: a VOC20xx folder for voc, a COCO root (annotations/ + split folders), or a YOLO root.")
        Path out;
        @Option(names = "--split", paramLabel = "S", description = "Split(s) to convert (repeatable; default: all found).")
        List<String> splits = new ArrayList<>();
        @Option(names = "--link", description = "Hard-link images instead of copying them (only files inside the input's folder).")
        boolean link;
        @Mixin
        CommonOptions common;

        @Override
        public void run() {
            DataInput src = new DataInput(DataInput.format("--from", from), in, input.images, input.classes);
            BadSamples bad = new BadSamples(DataConfig.OnBadSample.SKIP);
            DataConverter.Result r = DataConverter.convert(src, splits, DataInput.format("--to", to), out, bad, link);
            PrintWriter w = common.out();
            w.printf("wrote %s to %s: %s; %d boxes%s%n", to, out, r.imagesPerSplit(), r.boxes(),
                    r.droppedCrowd() > 0 ? " (" + r.droppedCrowd() + " crowd/difficult boxes left out: YOLO cannot hold them)" : "");
            if (!r.problems().isEmpty()) {
                w.printf("%d problems (skipped): first: %s%n", r.problems().size(), r.problems().get(0));
            }
            w.flush();
        }
    }
}
