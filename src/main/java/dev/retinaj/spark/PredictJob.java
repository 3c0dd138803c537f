package dev.retinaj.spark;

import dev.retinaj.eval.Metrics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The distributed predict: inputs to per-image results (kept, so that inference runs once), then
 * OUT/detections.parquet (one row per detection), OUT/problems.parquet (one row per unreadable
 * image), OUT/detections.json (COCO results) and, with ground truth, OUT/metrics_METRIC.json.
 */
final class PredictJob {
    /** Spark conf key of the test hook: this partition's first attempt fails. */
    static final String FAIL_PARTITION = "spark.retinaj.test.failPartition";

    record Settings(String input, String out, double minScore, boolean failOnBadImage, int partitions,
                    GtEvaluation gt, List<String> metrics) {
    }

    record Summary(long images, long detections, long problems, List<Row> someProblems, Map<String, Metrics> metrics,
                   double seconds) {
    }

    private PredictJob() {
    }

    static Summary run(SparkSession spark, ExecutorDetector.Prepared model, Settings s) throws IOException {
        SparkContext sc = spark.sparkContext();
        Configuration conf = sc.hadoopConfiguration();
        sc.addFile(model.shipped().toString(), true);
        int partitions = s.partitions() > 0 ? s.partitions() : sc.defaultParallelism();
        Dataset<Row> inputs = ImageInputs.read(spark, s.input(), partitions);
        if (s.gt() != null) {
            inputs = s.gt().withGtIds(spark, inputs);
        }
        PartitionPredictor.Progress progress = new PartitionPredictor.Progress(
                sc.longAccumulator("retinaj images done"), sc.longAccumulator("retinaj problems"),
                sc.longAccumulator("retinaj detections"));
        PartitionPredictor predictor = new PartitionPredictor(model.spec(), new SerializableConfiguration(conf),
                s.minScore(), s.failOnBadImage(), progress, Integer.parseInt(spark.conf().get(FAIL_PARTITION, "-1")));
        Dataset<Row> results = inputs.mapPartitions(predictor, Encoders.row(ImageRows.IMAGE))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            sc.setJobDescription("retinaj predict " + s.input() + " -> " + s.out());
            long t0 = System.nanoTime();
            results.filter("error IS NULL")
                    .selectExpr("file", "image_id", "posexplode(detections) AS (rank, d)")
                    .selectExpr("file", "image_id", "rank", "d.category_id", "d.category", "d.score", "d.bbox")
                    .write().parquet(s.out() + "/detections.parquet");
            double seconds = (System.nanoTime() - t0) / 1e9;
            Dataset<Row> problems = results.filter("error IS NOT NULL").select("file", "image_id", "error");
            problems.write().parquet(s.out() + "/problems.parquet");
            long images = 0;
            long numProblems = 0;
            for (Row c : results.selectExpr("error IS NULL AS ok").groupBy("ok").count().collectAsList()) {
                images += c.getBoolean(0) ? c.getLong(1) : 0;
                numProblems += c.getBoolean(0) ? 0 : c.getLong(1);
            }
            List<Row> some = problems.limit(10).collectAsList();
            sc.setJobDescription("retinaj predict: COCO results JSON");
            Dataset<Row> dets = spark.read().parquet(s.out() + "/detections.parquet").orderBy("image_id", "rank");
            long n = CocoJsonExport.write(dets.toLocalIterator(), new Path(s.out(), "detections.json"), conf);
            Map<String, Metrics> metrics = null;
            if (s.gt() != null) {
                sc.setJobDescription("retinaj predict: evaluation");
                metrics = s.gt().evaluate(dets.toLocalIterator(), s.metrics());
                for (Map.Entry<String, Metrics> e : metrics.entrySet()) {
                    writeText(new Path(s.out(), "metrics_" + e.getKey() + ".json"), e.getValue().toJson(), conf);
                }
            }
            return new Summary(images, n, numProblems, some, metrics, seconds);
        } finally {
            results.unpersist();
            sc.setJobDescription(null);
        }
    }

    private static void writeText(Path file, String text, Configuration conf) throws IOException {
        try (OutputStream os = file.getFileSystem(conf).create(file, true)) {
            os.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
