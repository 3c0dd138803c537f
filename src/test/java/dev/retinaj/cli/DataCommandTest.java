package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
    @TempDir
    Path tmp;

    @Test
    void shapesThenStatsThenConvertThroughTheCli() throws Exception {
        Path out = tmp.resolve("shapes");
        CliTest.Result r = CliTest.run("data", "shapes", "--out", out.toString(), "--train", "12", "--val", "4",
                "--size", "96", "--seed", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("annotations/instances_val.json")));

        r = CliTest.run("data", "stats", "--format", "coco", "--root",
                out.resolve("annotations/instances_train.json").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode coco = new ObjectMapper().readTree(r.out());
        assertEquals(12, coco.get("images").asInt());

        r = CliTest.run("data", "stats", "--format", "voc", "--root", out.resolve("VOCdevkit/VOC2007").toString(),
                "--split", "train", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode voc = new ObjectMapper().readTree(r.out());
        assertEquals(coco.get("boxes"), voc.get("boxes"));
        assertEquals(coco.get("per_class"), voc.get("per_class"));
        assertEquals(0, voc.get("problems").size());

        r = CliTest.run("data", "convert", "--from", "coco", "--in", out.toString(), "--to", "yolo",
                "--out", tmp.resolve("yolo").toString());
        assertEquals(0, r.code(), r.err());
        r = CliTest.run("data", "stats", "--format", "yolo", "--root", tmp.resolve("yolo/data.yaml").toString(),
                "--split", "train", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(coco.get("per_class"), new ObjectMapper().readTree(r.out()).get("per_class"));

        r = CliTest.run("data", "stats", "--format", "voc", "--root", out.resolve("VOCdevkit/VOC2007").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("per class:"), r.out());
    }

    @Test
    void badInputGivesOneLineAndExitCode() throws Exception {
        CliTest.Result r = CliTest.run("data", "stats", "--format", "voc", "--root", tmp.resolve("none").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("none: not found"), r.err());
        assertFalse(r.err().contains("at dev.retinaj"), r.err());

        r = CliTest.run("data", "shapes", "--out", tmp.resolve("s").toString(), "--imbalance", "3");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("imbalance"), r.err());

        r = CliTest.run("data", "stats", "--format", "xml", "--root", tmp.toString());
        assertEquals(2, r.code());
    }
}
