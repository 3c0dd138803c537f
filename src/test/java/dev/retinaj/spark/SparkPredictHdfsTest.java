package dev.retinaj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.util.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SparkPredict in local[2] with its images, image lists, weights and outputs on HDFS (an in-process
 * MiniDFSCluster), against the same job on the local copies of the same images.
 */
class SparkPredictHdfsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Started first and stopped last, so that Spark never sees HDFS go away under it. */
    @RegisterExtension
    @Order(1)
    static final MiniHdfs hdfs = new MiniHdfs();
    @RegisterExtension
    @Order(2)
    static final SparkFixture fx = new SparkFixture();
    /** The detections of the job on the local images. */
    static JsonNode local;

    @BeforeAll
    static void setUp() throws IOException {
        hdfs.put(fx.shapes.resolve("val"), "/images");
        hdfs.put(fx.run, "/run");
        Path out = fx.root.resolve("local");
        SparkFixture.Result r = predict(fx.run.toString(), fx.shapes.resolve("val").toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        local = JSON.readTree(out.resolve("detections.json").toFile());
        assertTrue(local.size() > 6, "the tiny model should find something: " + local.size());
    }

    private static SparkFixture.Result predict(String weights, String input, String out) {
        return fx.sparkPredict("--weights", weights, "--input", input, "--out", out, "--score", "0");
    }

    /** The job's detections.json, read through the Hadoop FileSystem API. */
    private static JsonNode detections(String out) throws IOException {
        return JSON.readTree(hdfs.read(out + "/detections.json"));
    }

    @Test
    void weightsImagesAndOutputsOnHdfsGiveTheLocalDetections() throws IOException {
        SparkFixture.Result r = predict(hdfs.uri("/run"), hdfs.uri("/images"), hdfs.uri("/out/folder"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("6 images, " + local.size() + " detections (score >= 0.00) -> "
                + hdfs.uri("/out/folder") + "; "), r.out());
        JsonNode got = detections("/out/folder");
        SparkFixture.assertSameDetections(local, got);
        for (JsonNode d : got) {
            assertTrue(d.get("file").asText().startsWith(hdfs.uri("/images/")), d.toString());
        }
        for (String table : List.of("detections.parquet", "problems.parquet")) {
            assertTrue(hdfs.fs().exists(new org.apache.hadoop.fs.Path("/out/folder/" + table + "/_SUCCESS")), table);
        }
        long parts = 0;
        for (FileStatus s : hdfs.fs().listStatus(new org.apache.hadoop.fs.Path("/out/folder/detections.parquet"))) {
            parts += s.getPath().getName().endsWith(".parquet") && s.getLen() > 0 ? 1 : 0;
        }
        assertTrue(parts > 0, "no Parquet part files on HDFS");
        assertEquals(got.size(), fx.spark.read().parquet(hdfs.uri("/out/folder/detections.parquet")).count());
        assertEquals(0, fx.spark.read().parquet(hdfs.uri("/out/folder/problems.parquet")).count());
    }

    @Test
    void aTextListAndAGlobOnHdfsGiveTheLocalDetections() throws IOException {
        List<String> names;
        try (Stream<Path> s = Files.list(fx.shapes.resolve("val"))) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        // relative lines are taken from the list's folder on HDFS
        hdfs.write("/images/list.txt", ("# the val images\n" + String.join("\n", names) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        SparkFixture.Result list = predict(fx.run.toString(), hdfs.uri("/images/list.txt"), hdfs.uri("/out/list"));
        assertEquals(0, list.code(), list.err());
        SparkFixture.assertSameDetections(local, detections("/out/list"));
        // a cluster whose default file system is HDFS (as on YARN): hdfs:/// paths, and --weights without a scheme
        // still read on the driver's machine
        org.apache.hadoop.conf.Configuration conf = fx.spark.sparkContext().hadoopConfiguration();
        conf.set("fs.defaultFS", hdfs.uri("/"));
        SparkFixture.Result glob;
        try {
            glob = predict(fx.run.toString(), "hdfs:///images/*.jpg", "hdfs:///out/glob");
        } finally {
            conf.unset("fs.defaultFS");
        }
        assertEquals(0, glob.code(), glob.err());
        SparkFixture.assertSameDetections(local, detections("/out/glob"));
    }

    @Test
    void aCorruptImageOnHdfsIsListedAndTheJobGoesOn() throws IOException {
        hdfs.put(fx.shapes.resolve("val"), "/corrupt");
        String name = hdfs.fs().listStatus(new org.apache.hadoop.fs.Path("/corrupt"))[0].getPath().getName();
        hdfs.write("/corrupt/" + name, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        SparkFixture.Result r = predict(fx.run.toString(), hdfs.uri("/corrupt"), hdfs.uri("/out/corrupt"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("5 images") && r.out().contains("1 images could not be read"), r.out());
        assertTrue(r.out().contains(hdfs.uri("/corrupt/" + name) + ": cannot decode image"), r.out());
        List<org.apache.spark.sql.Row> problems = fx.spark.read().parquet(hdfs.uri("/out/corrupt/problems.parquet"))
                .collectAsList();
        assertEquals(1, problems.size());
        assertEquals(hdfs.uri("/corrupt/" + name), problems.get(0).getString(0));
        long id = problems.get(0).getLong(1);
        assertEquals(dev.retinaj.infer.PredictImageIds.number(FileTrees.stem(name)), id, "the file name's number");
        long others = 0;
        for (JsonNode d : local) {
            others += d.get("image_id").asLong() != id ? 1 : 0;
        }
        assertEquals(others, detections("/out/corrupt").size());
    }
}
