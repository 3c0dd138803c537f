package dev.retinaj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retinaj.cli.Main;
import dev.retinaj.util.FileTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A few generated shapes images, a tiny trained run, and a local Spark session, in a temp folder of
 * their own: a test class's extension ({@code @RegisterExtension static final SparkFixture fx}),
 * made before its {@code @BeforeAll} methods and removed after its {@code @AfterAll} ones.
 */
final class SparkFixture implements BeforeAllCallback, AfterAllCallback {
    Path root;
    Path shapes;
    Path run;
    SparkSession spark;

    record Result(int code, String out, String err) {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        root = Files.createTempDirectory("retinaj-spark-test-");
        shapes = root.resolve("shapes");
        run = root.resolve("run");
        assertEquals(0, Main.run("data", "shapes", "--out", shapes.toString(), "--train", "8", "--val", "6",
                "--size", "96", "--seed", "4"));
        List<String> train = new ArrayList<>(List.of("train", "-c", "configs/shapes_r18_fpn_demo.yaml",
                "--out", run.toString()));
        for (String s : List.of("data.root=" + shapes, "data.min_size=[96]", "data.max_size=96", "test.min_size=96",
                "test.max_size=96", "data.workers=1", "seed=3", "threads=1", "model.backbone.width=0.25",
                "model.fpn.channels=16", "model.head.channels=16", "model.head.num_convs=1",
                "model.anchors.sizes=[16,32,64,128,256]", "train.batch_size=4", "train.max_iters=3",
                "train.lr=0.01", "train.warmup.iters=1", "train.checkpoint_period=3", "train.eval_period=0",
                "train.log_period=1", "data.shapes.generate=false", "test.score_thresh=0.001")) {
            train.add("--set");
            train.add(s);
        }
        assertEquals(0, Main.run(train.toArray(String[]::new)));
        // local[2, 2]: two cores, and a failed task is tried once more (plain local[2] never retries)
        spark = SparkSession.builder().master("local[2,2]").appName("retinaj-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    Path config() {
        return run.resolve("config.yaml");
    }

    Result sparkPredict(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkPredict.run(spark, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs the plain {@code retinaj} command line and returns what it printed. */
    static Result cli(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.setOut(old);
        }
        return new Result(code, buf.toString(StandardCharsets.UTF_8), "");
    }

    /** Detections JSON against the expected: same rows in the same order, boxes within 1e-3 px, scores within 1e-5. */
    static void assertSameDetections(JsonNode expected, JsonNode got) {
        assertEquals(expected.size(), got.size(), "number of detections");
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = expected.get(i);
            JsonNode g = got.get(i);
            assertEquals(e.get("image_id").asLong(), g.get("image_id").asLong(), "image_id of row " + i);
            assertEquals(Path.of(e.get("file").asText()).getFileName().toString(),
                    Path.of(g.get("file").asText()).getFileName().toString());
            assertEquals(e.get("category_id").asLong(), g.get("category_id").asLong(), "category_id of row " + i);
            assertEquals(e.get("category").asText(), g.get("category").asText());
            assertEquals(e.get("score").asDouble(), g.get("score").asDouble(), 1e-5, "score of row " + i);
            for (int k = 0; k < 4; k++) {
                assertEquals(e.get("bbox").get(k).asDouble(), g.get("bbox").get(k).asDouble(), 1e-3, "box of row " + i);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (spark != null) {
                spark.stop();
            }
        } finally {
            if (root != null) {
                FileTrees.deleteTree(root);
            }
        }
    }
}
