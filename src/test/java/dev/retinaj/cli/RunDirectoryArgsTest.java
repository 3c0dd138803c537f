package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.TinyRun;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.data.DataSource;
import dev.retinaj.data.DetectionRecord;
import dev.retinaj.infer.PredictImageIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict, eval and report on a run directory alone: its config.yaml is used; -c and --set override it. */
class RunDirectoryArgsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void evalOfARunDirectoryEqualsEvalWithItsConfig() throws Exception {
        String run = TinyRun.run().toString();
        CliRunner.Result alone = CliRunner.run("eval", run, "--json", "--out", dir.resolve("a").toString());
        assertEquals(0, alone.code(), alone.err());
        CliRunner.Result weights = CliRunner.run("eval", "--weights", run, "--json", "--out", dir.resolve("b").toString());
        assertEquals(0, weights.code(), weights.err());
        CliRunner.Result explicit = CliRunner.run("eval", "-c", TinyRun.run().resolve("config.yaml").toString(),
                "--weights", run, "--json", "--out", dir.resolve("c").toString());
        assertEquals(0, explicit.code(), explicit.err());
        JsonNode a = JSON.readTree(dir.resolve("a").resolve("metrics.json").toFile());
        assertEquals(a, JSON.readTree(dir.resolve("b").resolve("metrics.json").toFile()));
        assertEquals(a, JSON.readTree(dir.resolve("c").resolve("metrics.json").toFile()));
        assertTrue(a.get("AP").asDouble() >= 0, a.toString());
    }

    @Test
    void setOverridesTheRunsConfig() throws Exception {
        String run = TinyRun.run().toString();
        CliRunner.Result r = CliRunner.run("eval", run, "--set", "test.score_thresh=0.25", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode dets = JSON.readTree(dir.resolve("detections.json").toFile());
        assertTrue(dets.size() > 0, "no detections at all");
        for (JsonNode d : dets) {
            assertTrue(d.get("score").asDouble() >= 0.25, d.toString());
        }
    }

    /** VOC ids are 1-based positions in the split, unlike the file names (000025 ...): the data set's ids win. */
    @Test
    void predictOnARunDirectoryNamesImagesByTheDataSetsIds() throws Exception {
        Path voc = TinyRun.data().resolve("VOCdevkit");
        String[] sets = {"data.format=voc", "data.root=" + voc, "data.val=[VOC2007/val]", "data.train=[VOC2007/train]"};
        Map<String, Long> idOf = new HashMap<>();
        Path images = Files.createDirectories(dir.resolve("images"));
        for (DetectionRecord rec : DataSource.val(ConfigLoader.load(TinyRun.run().resolve("config.yaml"), List.of(sets))
                .data()).records()) {
            idOf.put(rec.image().getFileName().toString(), rec.id());
            Files.copy(rec.image(), images.resolve(rec.image().getFileName()));
        }
        List<String> args = new ArrayList<>(List.of("predict", TinyRun.run().toString(), "--input", images.toString(),
                "--out", dir.resolve("pred").toString(), "--score", "0.05", "--set"));
        args.addAll(List.of(sets));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode dets = JSON.readTree(dir.resolve("pred").resolve("detections.json").toFile());
        Set<String> seen = new HashSet<>();
        for (JsonNode d : dets) {
            String name = Path.of(d.get("file").asText()).getFileName().toString();
            assertEquals(idOf.get(name), d.get("image_id").asLong(), name);
            seen.add(name);
        }
        assertTrue(seen.stream().anyMatch(n -> !idOf.get(n).equals(PredictImageIds.number(n.replace(".jpg", "")))),
                "the test needs ids other than the file names' numbers: " + idOf);
    }

    @Test
    void aFolderWithoutConfigYamlIsAOneLineError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        for (String[] args : new String[][] {{"eval", empty.toString()}, {"eval", "--weights", empty.toString()},
            {"predict", empty.toString(), "--input", empty.toString(), "--out", dir.resolve("o").toString()},
            {"report", empty.toString()}}) {
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(empty + ": no config.yaml"), r.err());
        }
        CliRunner.Result both = CliRunner.run("eval", TinyRun.run().toString(), "--weights", TinyRun.run().toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("not both"), both.err());
    }
}
