package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import dev.retinaj.tensorboard.EventFiles;
import dev.retinaj.tensorboard.TfRecord;
import dev.retinaj.tensorboard.proto.Event;
import dev.retinaj.tensorboard.proto.Summary;
import dev.retinaj.util.JsonLines;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with TensorBoard events that crashes after iteration 5 (checkpoint at 3) and is resumed: the
 * first event file keeps steps up to 3, the second holds 4 to 6, so every tag has each step once and
 * the values are those of metrics.jsonl.
 */
class TensorBoardResumeTest {
    @TempDir
    Path dir;

    @Test
    void aResumedRunShowsEachStepOnce() throws Exception {
        Path data = dir.resolve("shapes");
        ShapesGenerator.generate(data, new ShapesParams(16, 4, 96, 7, 1.0));
        RetinaConfig cfg = ConfigLoader.load(Path.of("configs/shapes_r18_fpn_demo.yaml"), TrainEndToEndTest.tinyFor(data,
                "train.max_iters=6", "train.eval_period=3", "train.log_period=1", "train.checkpoint_period=3",
                "train.tensorboard=true"));
        RunDirectory run = new RunDirectory(dir.resolve("run"));
        assertThrows(IllegalStateException.class, () -> new TrainRunner(cfg, run, false).addHook(new CrashAfter(5)).run());
        assertEquals(4L, maxStep(EventFiles.list(run.tensorboard()).get(0)), "the crashed run logged up to 4");
        new TrainRunner(cfg, run, true).run();

        List<Path> files = EventFiles.list(run.tensorboard());
        assertEquals(2, files.size(), files.toString());
        assertEquals(3L, maxStep(files.get(0)), "steps after the checkpoint are cut from the first file");
        Map<String, Map<Long, Float>> scalars = new TreeMap<>();
        for (Path f : files) {
            for (Event e : read(f)) {
                for (Summary.Value v : e.getSummary().getValueList()) {
                    if (!v.hasImage()) {
                        Float old = scalars.computeIfAbsent(v.getTag(), k -> new TreeMap<>()).put(e.getStep(), v.getSimpleValue());
                        assertEquals(null, old, v.getTag() + " twice at step " + e.getStep());
                    }
                }
            }
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), List.copyOf(scalars.get("train/loss").keySet()));
        assertEquals(List.of(3L, 6L), List.copyOf(scalars.get("val/AP").keySet()));
        for (JsonNode row : JsonLines.read(run.metrics())) {
            boolean eval = row.path("eval").asBoolean(false);
            String tag = eval ? "val/AP" : "train/loss";
            long iter = row.get("iter").asLong();
            assertEquals((float) row.get(eval ? "AP" : "loss").asDouble(), scalars.get(tag).get(iter), tag + " @" + iter);
        }
        assertTrue(Files.readString(run.log()).contains("events after iteration 3 dropped"), "the log says what was cut");
    }

    private static List<Event> read(Path file) throws Exception {
        List<Event> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (byte[] r : TfRecord.readAll(in)) {
                out.add(Event.parseFrom(r));
            }
        }
        return out;
    }

    private static long maxStep(Path file) throws Exception {
        return read(file).stream().mapToLong(Event::getStep).max().orElse(-1);
    }
}
