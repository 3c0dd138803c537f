package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** result.json and train.log carry the training data's load report, with images that failed to decode in training. */
class RunResultDataTest {
    @TempDir
    Path dir;

    @Test
    void anImageThatFailsToDecodeInTrainingIsCountedInResultJsonAndTrainLog() throws Exception {
        Path data = dir.resolve("shapes");
        ShapesGenerator.generate(data, new ShapesParams(8, 2, 96, 5, 1.0));
        Path bad;
        try (var s = Files.list(data.resolve("train"))) {
            bad = s.filter(p -> p.toString().endsWith(".jpg")).sorted().findFirst().orElseThrow();
        }
        // header and end marker intact (so the load-time truncation check passes), garbage between
        byte[] b = Files.readAllBytes(bad);
        Arrays.fill(b, 64, b.length - 2, (byte) 0x55);
        Files.write(bad, b);

        RunDirectory run = new RunDirectory(dir.resolve("run"));
        new TrainRunner(ConfigLoader.load(Path.of("configs/shapes_r18_fpn_demo.yaml"),
                TrainEndToEndTest.tinyFor(data, "train.max_iters=4", "train.batch_size=2", "data.val=[]")), run, false).run();

        JsonNode d = new ObjectMapper().readTree(run.root().resolve(RunResult.FILE).toFile()).get("data");
        assertEquals(8, d.get("images").asInt(), d.toString());
        assertEquals(1, d.get("skipped").asInt(), d.toString());
        assertEquals(1, d.get("first_skipped").size());
        assertTrue(d.get("first_skipped").get(0).asText().startsWith(bad.toString()), d.toString());
        assertTrue(d.get("boxes").asInt() > 0);
        String log = Files.readString(run.log());
        assertTrue(log.contains("train data: 8 images") && log.contains("1 problems") && log.contains(bad.toString()),
                log);
    }
}
