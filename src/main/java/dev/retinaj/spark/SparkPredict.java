package dev.retinaj.spark;

import dev.retinaj.cli.ConfigOptions;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.eval.Evaluation;
import dev.retinaj.eval.Metrics;
import dev.retinaj.util.UsageException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit --class dev.retinaj.spark.SparkPredict retinaj.jar ...}: {@code retinaj predict}
 * over a Spark cluster, optionally scored against ground truth.
 */
@Command(name = "retinaj-spark", mixinStandardHelpOptions = true,
        description = {"Detect objects in many images with Apache Spark: one model per executor, batches of "
                + "test.batch_size per task.",
            "Writes OUT/detections.parquet, OUT/detections.json (COCO results plus file and category), "
                + "OUT/problems.parquet (unreadable images) and, with --gt, OUT/metrics_METRIC.json."},
        footer = {"", "Example:",
            "  scripts/retinaj-spark --master local[4] -- "
                + "--weights runs/shapes_r18_fpn_demo --input 'hdfs:///photos/2026/*.jpg' --out hdfs:///detections/2026"})
public final class SparkPredict implements Callable<Integer> {
    @Option(names = "--weights", required = true, paramLabel = "W",
            description = "A run directory (its best checkpoint; its config.yaml unless -c), a checkpoint, or a weights "
                    + "file (with -c CONFIG); any Hadoop path.")
    String weights;

    @Mixin
    ConfigOptions config;

    @Option(names = "--input", required = true, paramLabel = "IMAGES",
            description = "A folder, a glob, an image, a .txt list of paths or a .parquet of paths; any Hadoop path.")
    String input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (any Hadoop path).")
    String out;

    @Option(names = "--score", paramLabel = "T",
            description = "Lowest score written (default: 0.3, or 0 with --gt: all that test.score_thresh keeps).")
    Double score;

    @Option(names = "--gt", paramLabel = "GT.json",
            description = "COCO instances JSON: evaluate the detections (image ids matched by file name).")
    String gt;

    @Option(names = "--metric", paramLabel = "coco|voc07|voc", split = ",",
            description = "With --gt: metrics to compute (default: eval.metric of the config).")
    List<String> metrics;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
            description = "Partitions of the image list (default: spark.default.parallelism).")
    int partitions;

    @Option(names = "--fail-on-bad-image", description = "Fail the job on an unreadable image (default: list it and go on).")
    boolean failOnBadImage;

    private final SparkSession spark;
    private final PrintWriter stdout;

    SparkPredict(SparkSession spark, PrintWriter stdout) {
        this.spark = spark;
        this.stdout = stdout;
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("retinaj predict").getOrCreate();
        int code;
        try {
            code = run(spark, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        } finally {
            spark.stop();
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs one command line on {@code spark}; errors are one line on {@code stderr}, exit 2 for usage. */
    static int run(SparkSession spark, PrintWriter stdout, PrintWriter stderr, String... args) {
        CommandLine cl = new CommandLine(new SparkPredict(spark, stdout));
        cl.setOut(stdout);
        cl.setErr(stderr);
        cl.setExecutionExceptionHandler((e, line, parsed) -> JobErrors.report(e, stderr));
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        DriverFiles files = new DriverFiles(conf);
        if (files.exists(out + "/detections.parquet")) {
            throw new UsageException("--out " + out + ": already holds detections.parquet (choose a new folder)");
        }
        Path local = files.local(weights, "--weights");
        RetinaConfig cfg = config.loadForRun(local, "--weights");
        List<String> chosen = metrics != null ? metrics : cfg.eval().metric().stream()
                .map(m -> m.name().toLowerCase(Locale.ROOT)).toList();
        chosen.forEach(m -> Evaluation.checkMetric("--metric", m));
        Path staging = Path.of(System.getProperty("java.io.tmpdir"), "retinaj-spark-" + System.getProperty("user.name"));
        Files.createDirectories(staging);
        ExecutorDetector.Prepared model = ExecutorDetector.prepare(cfg, local, staging);
        GtEvaluation truth = gt == null ? null : GtEvaluation.read(files.local(gt, "--gt"));
        double minScore = score != null ? score : gt != null ? 0 : 0.3;
        PredictJob.Summary s = PredictJob.run(spark, model, new PredictJob.Settings(input, out, minScore,
                failOnBadImage, partitions, truth, chosen));
        report(s, minScore);
        return s.images() == 0 ? 1 : 0;
    }

    private void report(PredictJob.Summary s, double minScore) {
        stdout.printf(Locale.ROOT, "%d images, %d detections (score >= %.2f) -> %s; inference %.1f s, %.2f images/s%s%n",
                s.images(), s.detections(), minScore, out, s.seconds(), (s.images() + s.problems()) / s.seconds(),
                s.problems() > 0 ? "; " + s.problems() + " images could not be read (" + out
                        + "/problems.parquet)" : "");
        for (Row r : s.someProblems()) {
            stdout.printf("  %s: %s%n", r.getString(0), r.getString(2));
        }
        if (s.metrics() != null) {
            for (Metrics m : s.metrics().values()) {
                stdout.print(m.toTable());
            }
        }
        stdout.flush();
    }
}
