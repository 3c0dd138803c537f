package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String fixture(String file) {
        try {
            return Path.of(EvalCommandTest.class.getResource("/eval/" + file).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode expected(String name) throws Exception {
        return JSON.readTree(Path.of(fixture(name + "_expected.json")).toFile());
    }

    @Test
    void cocoJsonMatchesPycocotools() throws Exception {
        Run r = run("eval", "--gt", fixture("edge_gt.json"), "--detections", fixture("edge_dt.json"), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode got = JSON.readTree(r.out());
        JsonNode exp = expected("edge").get("coco");
        exp.get("stats").fields().forEachRemaining(e -> assertEquals(e.getValue().asDouble(), got.get(e.getKey()).asDouble(), 1e-9, e.getKey()));
        // per_class is keyed by class name (class<id> in the fixture)
        exp.get("per_class").fields().forEachRemaining(e ->
                assertEquals(e.getValue().asDouble(), got.get("per_class").get("class" + e.getKey()).asDouble(), 1e-9));
    }

    @Test
    void vocMetricsAndTable() throws Exception {
        for (String metric : List.of("voc07", "voc")) {
            Run r = run("eval", "--gt", fixture("random_ties_gt.json"), "--detections", fixture("random_ties_dt.json"),
                    "--metric", metric, "--json");
            assertEquals(0, r.code(), r.err());
            assertEquals(expected("random_ties").get(metric).get("mAP").asDouble(), JSON.readTree(r.out()).get("mAP").asDouble(), 1e-9);
        }
        Run t = run("eval", "--gt", fixture("random_ties_gt.json"), "--detections", fixture("random_ties_dt.json"), "--metric", "voc07");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("class1 ") && t.out().contains("mAP"), t.out());
        Run c = run("eval", "--gt", fixture("random_ties_gt.json"), "--detections", fixture("random_ties_dt.json"));
        assertTrue(c.out().contains("Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ]"), c.out());
        assertTrue(c.out().contains("class6"), c.out());
    }

    @Test
    void plotsArePngsPerClassAndOverall(@TempDir Path dir) throws Exception {
        Run r = run("eval", "--gt", fixture("edge_gt.json"), "--detections", fixture("edge_dt.json"), "--plots", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        // classes 1, 2, 4, 5 have ground truth (3 is crowd-only, 6 and 7 have none) + overall
        assertEquals(List.of("confusion.json", "confusion.png", "pr_class1.png", "pr_class2.png", "pr_class4.png",
                "pr_class5.png", "pr_overall.png", "score_curves.png"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        BufferedImage img = ImageIO.read(files.get(2).toFile());
        assertEquals(640, img.getWidth());
    }

    @Test
    void errorsAreOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[\n {\"image_id\": 1,\n  \"bbox\": [1, 2, 3 4]}\n]");
        Run r = run("eval", "--gt", fixture("edge_gt.json"), "--detections", bad.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("retinaj: " + bad + " line 3: malformed JSON"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        Path unknown = dir.resolve("unknown.json");
        Files.writeString(unknown, "[{\"image_id\": 3, \"category_id\": 1, \"bbox\": [0,0,1,1], \"score\": 0.5},\n"
                + "{\"image_id\": 5, \"category_id\": 1, \"bbox\": [0,0,1,1], \"score\": 0.5}]");
        r = run("eval", "--gt", fixture("edge_gt.json"), "--detections", unknown.toString());
        assertEquals("retinaj: " + unknown + " line 2: detection 1 names unknown image_id 5", r.err().strip());

        Files.writeString(unknown, "[{\"image_id\": 3, \"category_id\": 99, \"bbox\": [0,0,1,1], \"score\": 0.5}]");
        r = run("eval", "--gt", fixture("edge_gt.json"), "--detections", unknown.toString());
        assertEquals("retinaj: " + unknown + " line 1: detection 0 names unknown category_id 99", r.err().strip());

        Files.writeString(unknown, "[{\"image_id\": 3, \"category_id\": 1, \"bbox\": [0,0,-1,1], \"score\": 0.5}]");
        r = run("eval", "--gt", fixture("edge_gt.json"), "--detections", unknown.toString());
        assertTrue(r.err().contains("negative bbox size"), r.err());

        Path gt = dir.resolve("gt.json");
        Files.writeString(gt, "{\"images\": [{\"id\": 1}],\n \"annotations\": [}");
        r = run("eval", "--gt", gt.toString(), "--detections", unknown.toString());
        assertTrue(r.err().startsWith("retinaj: " + gt + " line 2: malformed JSON"), r.err());

        Files.writeString(gt, "{\"images\": [{\"id\": 1}], \"categories\": [{\"id\": 1, \"name\": \"a\"}],"
                + " \"annotations\": [{\"id\": 4, \"image_id\": 2, \"category_id\": 1, \"bbox\": [0, 0, 1, 1]}]}");
        r = run("eval", "--gt", gt.toString(), "--detections", unknown.toString());
        assertEquals("retinaj: " + gt + ": annotation 4 names unknown image_id 2", r.err().strip());

        Files.writeString(gt, "{\"images\": [{\"id\": 1, \"width\": -5, \"height\": 10}], \"annotations\": [], \"categories\": []}");
        r = run("eval", "--gt", gt.toString(), "--detections", unknown.toString());
        assertEquals("retinaj: " + gt + ": image 1 has a negative size (-5 x 10)", r.err().strip());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("eval").code());
        String err = run("eval").err();
        assertTrue(err.contains("needs --gt") && err.contains("--detections"), err);
        assertEquals(2, run("eval", "--gt", fixture("edge_gt.json")).code());
        assertEquals(2, run("eval", "--gt", fixture("edge_gt.json"), "--detections", fixture("edge_dt.json"), "--metric", "map").code());
    }

    @Test
    void benchEvalPrintsSeconds() throws Exception {
        Run r = run("bench", "eval", "--images", "40", "--dets", "30", "--classes", "5", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(40, j.get("images").asInt());
        assertEquals(1200, j.get("detections").asInt());
        assertTrue(j.get("seconds").asDouble() >= 0);
        assertTrue(j.get("AP").asDouble() > 0 && j.get("AP").asDouble() < 1);
    }
}
