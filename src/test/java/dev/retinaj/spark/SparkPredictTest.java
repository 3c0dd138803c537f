package dev.retinaj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SparkPredict in local[2] against the plain command line on the same generated images and run. */
class SparkPredictTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SparkFixture fx = new SparkFixture();
    static JsonNode cliDetections;

    @BeforeAll
    static void setUp() throws IOException {
        Path out = fx.root.resolve("cli");
        SparkFixture.Result r = SparkFixture.cli("predict", "-c", fx.config().toString(), "--weights", fx.run.toString(),
                "--input", fx.shapes.resolve("val").toString(), "--out", out.toString(), "--score", "0");
        assertEquals(0, r.code(), r.out());
        cliDetections = JSON.readTree(out.resolve("detections.json").toFile());
    }

    private SparkFixture.Result predict(String out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("-c", fx.config().toString(), "--weights",
                fx.run.toString(), "--out", fx.root.resolve(out).toString()));
        args.addAll(List.of(extra));
        return fx.sparkPredict(args.toArray(String[]::new));
    }

    @Test
    void detectionsEqualThePlainPredictInBatchesOfThree() throws IOException {
        SparkFixture.Result r = predict("same", "--input", fx.shapes.resolve("val").toString(), "--score", "0",
                "--set", "test.batch_size=3");
        assertEquals(0, r.code(), r.err());
        assertTrue(cliDetections.size() > 6, "the tiny model should find something: " + cliDetections.size());
        JsonNode got = JSON.readTree(fx.root.resolve("same/detections.json").toFile());
        SparkFixture.assertSameDetections(cliDetections, got);
        List<Row> parquet = fx.spark.read().parquet(fx.root.resolve("same/detections.parquet").toString())
                .orderBy("image_id", "rank").collectAsList();
        assertEquals(got.size(), parquet.size());
        Row first = parquet.get(0);
        assertEquals(got.get(0).get("score").floatValue(), first.getFloat(first.fieldIndex("score")));
        assertEquals(got.get(0).get("bbox").get(2).floatValue(), (float) first.getList(first.fieldIndex("bbox")).get(2));
        assertTrue(r.out().matches("(?s)6 images, " + got.size() + " detections \\(score >= 0.00\\) -> \\S+; "
                + "inference [0-9.]+ s, [0-9.]+ images/s\n.*"), r.out());
    }

    @Test
    void aGlobAListFileAndAParquetListGiveTheSameDetections() throws IOException {
        Path val = fx.shapes.resolve("val");
        List<String> files;
        try (Stream<Path> s = Files.list(val)) {
            files = s.map(Path::toString).sorted().toList();
        }
        Path list = fx.root.resolve("list.txt");
        Files.writeString(list, "# the val images\n" + String.join("\n", files) + "\n");
        fx.spark.createDataset(files, org.apache.spark.sql.Encoders.STRING()).toDF("path")
                .write().parquet(fx.root.resolve("list.parquet").toString());
        for (String input : List.of(val + "/*.jpg", list.toString(), fx.root.resolve("list.parquet").toString())) {
            String out = "in" + Math.abs(input.hashCode());
            SparkFixture.Result r = predict(out, "--input", input, "--score", "0");
            assertEquals(0, r.code(), input + ": " + r.err());
            SparkFixture.assertSameDetections(cliDetections, JSON.readTree(fx.root.resolve(out + "/detections.json").toFile()));
        }
    }

    @Test
    void aCorruptImageIsListedAndTheJobGoesOn() throws IOException {
        Path images = fx.root.resolve("with-corrupt");
        Files.createDirectories(images);
        try (Stream<Path> s = Files.list(fx.shapes.resolve("val"))) {
            for (Path p : s.toList()) {
                Files.copy(p, images.resolve(p.getFileName()));
            }
        }
        Path first;
        try (Stream<Path> s = Files.list(images)) {
            first = s.sorted().findFirst().orElseThrow();
        }
        Files.write(first, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        String name = first.getFileName().toString();
        SparkFixture.Result r = predict("corrupt", "--input", images.toString(), "--score", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("5 images") && r.out().contains("1 images could not be read"), r.out());
        assertTrue(r.out().contains(name + ": cannot decode image"), r.out());
        List<Row> problems = fx.spark.read().parquet(fx.root.resolve("corrupt/problems.parquet").toString()).collectAsList();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).getString(0).endsWith("/" + name), problems.get(0).toString());
        long id = dev.retinaj.infer.PredictImageIds.number(name.substring(0, name.lastIndexOf('.')));
        assertEquals(id, problems.get(0).getLong(1), "the image keeps its id (its file name's number, as predict gives)");
        JsonNode got = JSON.readTree(fx.root.resolve("corrupt/detections.json").toFile());
        long cliOthers = 0;
        for (JsonNode d : cliDetections) {
            cliOthers += d.get("image_id").asLong() != id ? 1 : 0;
        }
        assertEquals(cliOthers, got.size());

        SparkFixture.Result fail = predict("corrupt-fail", "--input", images.toString(), "--fail-on-bad-image");
        assertEquals(1, fail.code());
        assertTrue(fail.err().startsWith("retinaj-spark: ") && fail.err().contains(name + ": cannot decode image"), fail.err());
        assertEquals(1, fail.err().strip().lines().count(), fail.err());
    }

    @Test
    void aFailedTaskIsRetriedAndEveryImageIsWrittenOnce() throws IOException {
        fx.spark.conf().set(PredictJob.FAIL_PARTITION, "1");
        SparkFixture.Result r;
        try {
            r = predict("retried", "--input", fx.shapes.resolve("val").toString(), "--score", "0",
                    "--partitions", "2", "--set", "test.batch_size=1");
        } finally {
            fx.spark.conf().unset(PredictJob.FAIL_PARTITION);
        }
        assertEquals(0, r.code(), r.err());
        List<Row> rows = fx.spark.read().parquet(fx.root.resolve("retried/detections.parquet").toString())
                .select("image_id", "rank").collectAsList();
        Set<String> seen = new HashSet<>();
        for (Row row : rows) {
            assertTrue(seen.add(row.getLong(0) + "/" + row.getInt(1)), "duplicate detection " + row);
        }
        SparkFixture.assertSameDetections(cliDetections, JSON.readTree(fx.root.resolve("retried/detections.json").toFile()));
    }

    @Test
    void metricsWithGroundTruthEqualRetinajEvalOnTheSameDetections() throws IOException {
        Path gt = fx.shapes.resolve("annotations/instances_val.json");
        SparkFixture.Result r = predict("gt", "--input", fx.shapes.resolve("val").toString(), "--gt", gt.toString(),
                "--metric", "coco,voc07");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Average Precision  (AP) @[ IoU=0.50:0.95"), r.out());
        Path dets = fx.root.resolve("gt/detections.json");
        for (String metric : List.of("coco", "voc07")) {
            SparkFixture.Result e = SparkFixture.cli("eval", "--gt", gt.toString(), "--detections", dets.toString(),
                    "--metric", metric, "--json");
            assertEquals(0, e.code(), e.out());
            assertEquals(JSON.readTree(e.out()), JSON.readTree(fx.root.resolve("gt/metrics_" + metric + ".json").toFile()),
                    metric);
        }
        // ids are the ground truth's, found by file name, and every detection is kept (score >= 0)
        Map<String, Long> ids = new HashMap<>();
        for (JsonNode im : JSON.readTree(gt.toFile()).get("images")) {
            ids.put(im.get("file_name").asText(), im.get("id").asLong());
        }
        JsonNode got = JSON.readTree(dets.toFile());
        assertEquals(cliDetections.size(), got.size());
        for (JsonNode d : got) {
            assertEquals(ids.get(Path.of(d.get("file").asText()).getFileName().toString()), d.get("image_id").asLong());
        }
        // the plain predict's detections, given the same ids, score the same to 1e-6
        com.fasterxml.jackson.databind.node.ArrayNode remapped = JSON.createArrayNode();
        for (JsonNode d : cliDetections) {
            com.fasterxml.jackson.databind.node.ObjectNode o = d.deepCopy();
            o.put("image_id", ids.get(Path.of(d.get("file").asText()).getFileName().toString()));
            remapped.add(o);
        }
        Path cliDets = fx.root.resolve("cli-remapped.json");
        JSON.writeValue(cliDets.toFile(), remapped);
        JsonNode fromCli = JSON.readTree(SparkFixture.cli("eval", "--gt", gt.toString(), "--detections",
                cliDets.toString(), "--json").out());
        JsonNode fromSpark = JSON.readTree(fx.root.resolve("gt/metrics_coco.json").toFile());
        fromCli.fields().forEachRemaining(f -> {
            if (f.getValue().isNumber()) {
                assertEquals(f.getValue().asDouble(), fromSpark.get(f.getKey()).asDouble(), 1e-6, f.getKey());
            }
        });
    }

    @Test
    void aRunOrCheckpointDirectoryAloneGivesTheSameDetectionsAsWithExplicitConfig() throws IOException {
        String val = fx.shapes.resolve("val").toString();
        SparkFixture.Result withC = predict("with-c", "--input", val, "--score", "0");
        assertEquals(0, withC.code(), withC.err());
        JsonNode expected = JSON.readTree(fx.root.resolve("with-c/detections.json").toFile());
        for (Path w : List.of(fx.run, lastCheckpoint())) {
            String out = fx.root.resolve("alone-" + w.getFileName()).toString();
            SparkFixture.Result r = fx.sparkPredict("--weights", w.toString(), "--input", val, "--out", out, "--score", "0");
            assertEquals(0, r.code(), w + ": " + r.err());
            SparkFixture.assertSameDetections(expected, JSON.readTree(Path.of(out, "detections.json").toFile()));
        }
    }

    private static Path lastCheckpoint() throws IOException {
        try (Stream<Path> s = Files.list(fx.run.resolve("checkpoints"))) {
            return s.filter(p -> Files.isRegularFile(p.resolve("model.safetensors"))).sorted()
                    .reduce((a, b) -> b).orElseThrow();
        }
    }

    @Test
    void weightsWithoutARunConfigNeedDashC() throws IOException {
        Path folder = Files.createDirectories(fx.root.resolve("not-a-run"));
        Path loose = Files.copy(lastCheckpoint().resolve("model.safetensors"), fx.root.resolve("loose.safetensors"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (Path w : List.of(folder, loose)) {
            SparkFixture.Result r = fx.sparkPredict("--weights", w.toString(), "--input", fx.shapes.resolve("val").toString(),
                    "--out", fx.root.resolve("no-config").toString());
            assertEquals(2, r.code(), r.err());
            assertEquals("retinaj-spark: --weights " + w + ": no config.yaml (not a run directory); give -c CONFIG",
                    r.err().strip());
        }
    }

    @Test
    void usageErrorsAreOneLine() {
        SparkFixture.Result r = predict("none", "--input", fx.root.resolve("nothing-here").toString());
        assertEquals(2, r.code());
        assertEquals("retinaj-spark: --input " + fx.root.resolve("nothing-here") + ": no such file, folder or matching files",
                r.err().strip());
        SparkFixture.Result m = predict("none2", "--input", fx.shapes.resolve("val").toString(), "--metric", "map");
        assertEquals(2, m.code());
        assertTrue(m.err().startsWith("retinaj-spark: --metric: unknown metric 'map'"), m.err());
    }
}
