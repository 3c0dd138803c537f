package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.DataSource;
import dev.retinaj.data.DatasetStats;
import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import dev.retinaj.tensorboard.TfRecord;
import dev.retinaj.tensorboard.proto.Event;
import dev.retinaj.tensorboard.proto.Summary;
import dev.retinaj.util.JsonLines;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny run with {@code train.tensorboard: true}, 6 iterations, logged every 2, evaluated every 3:
 * its event file read back holds the losses, lr and gradient norm of every metrics.jsonl row, the
 * metrics of both evaluations and the grid of the 4 validation images; metrics.jsonl has each row once;
 * result.json has the per-class counts and APs of the final evaluation.
 */
class TensorBoardHookTest {
    @TempDir
    static Path dir;

    static RunDirectory run;
    static RetinaConfig config;

    @BeforeAll
    static void train() throws Exception {
        Path data = dir.resolve("shapes");
        ShapesGenerator.generate(data, new ShapesParams(16, 4, 96, 7, 1.0));
        config = ConfigLoader.load(Path.of("configs/shapes_r18_fpn_demo.yaml"), TrainEndToEndTest.tinyFor(data,
                "train.max_iters=6", "train.eval_period=3", "train.log_period=2", "train.checkpoint_period=3",
                "train.tensorboard=true"));
        run = new RunDirectory(dir.resolve("run"));
        new TrainRunner(config, run, false).run();
    }

    /** tag -> step -> value, and the images by tag -> step. */
    private record Events(String fileVersion, Map<String, Map<Long, Float>> scalars,
                          Map<String, Map<Long, Summary.Image>> images) {}

    private static Events read() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(run.tensorboard())) {
            files = s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).toList();
        }
        assertEquals(1, files.size(), "event files: " + files);
        List<byte[]> records;
        try (InputStream in = Files.newInputStream(files.get(0))) {
            records = TfRecord.readAll(in);
        }
        Events ev = new Events(Event.parseFrom(records.get(0)).getFileVersion(), new TreeMap<>(), new TreeMap<>());
        for (byte[] r : records.subList(1, records.size())) {
            Event e = Event.parseFrom(r);
            for (Summary.Value v : e.getSummary().getValueList()) {
                if (v.hasImage()) {
                    ev.images().computeIfAbsent(v.getTag(), k -> new TreeMap<>()).put(e.getStep(), v.getImage());
                } else {
                    Float old = ev.scalars().computeIfAbsent(v.getTag(), k -> new TreeMap<>())
                            .put(e.getStep(), v.getSimpleValue());
                    assertEquals(null, old, v.getTag() + " twice at step " + e.getStep());
                }
            }
        }
        return ev;
    }

    @Test
    void scalarsMatchMetricsJsonlRowForRow() throws Exception {
        Events ev = read();
        assertEquals("brain.Event:2", ev.fileVersion());
        List<JsonNode> rows = JsonLines.read(run.metrics());
        List<Long> trainIters = new ArrayList<>();
        for (JsonNode row : rows) {
            long iter = row.get("iter").asLong();
            boolean eval = row.path("eval").asBoolean(false);
            if (!eval) {
                trainIters.add(iter);
            }
            for (String key : eval ? List.of("AP", "AP50", "AR100") : List.of("loss", "loss_cls", "loss_box", "lr", "grad_norm")) {
                String tag = (eval ? "val/" : "train/") + key;
                assertEquals((float) row.get(key).asDouble(), ev.scalars().get(tag).get(iter), tag + " @" + iter);
            }
        }
        assertEquals(List.of(1L, 2L, 4L, 6L), trainIters);
        assertEquals(List.copyOf(trainIters), List.copyOf(ev.scalars().get("train/loss").keySet()));
        assertEquals(List.of(3L, 6L), List.copyOf(ev.scalars().get("val/AP").keySet()));
        assertTrue(ev.scalars().keySet().stream().noneMatch(t -> t.startsWith("best/")), ev.scalars().keySet().toString());
    }

    @Test
    void eachEvaluationWritesTheValidationGrid() throws Exception {
        Map<Long, Summary.Image> grids = read().images().get("val/worst_images");
        assertEquals(List.of(3L, 6L), List.copyOf(grids.keySet()));
        for (Summary.Image img : grids.values()) {
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(img.getEncodedImageString().toByteArray()));
            // 4 tiles of at most 256 px in one row, 8 px apart and around
            assertEquals(4 * (256 + 8) + 8, png.getWidth());
            assertEquals(256 + 16, png.getHeight());
            assertEquals(png.getWidth(), img.getWidth());
            assertEquals(png.getHeight(), img.getHeight());
            assertEquals(3, img.getColorspace());
        }
    }

    @Test
    void resultJsonCarriesPerClassCountsAndAps() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode classes = json.readTree(run.root().resolve(RunResult.FILE).toFile()).get("classes");
        JsonNode evalJson = json.readTree(run.eval().resolve("metrics.json").toFile());
        assertEquals(evalJson.get("classes"), classes);
        List<String> names = new ArrayList<>();
        long boxes = 0;
        for (var it = classes.fields(); it.hasNext(); ) {
            var e = it.next();
            names.add(e.getKey());
            boxes += e.getValue().get("gt").asLong() + e.getValue().get("gt_ignored").asLong();
            assertEquals(evalJson.get("per_class").get(e.getKey()).asDouble(), e.getValue().get("AP").asDouble());
            assertTrue(e.getValue().get("AP50").asDouble() >= e.getValue().get("AP").asDouble(), e.toString());
        }
        assertEquals(List.of("circle", "cross", "square", "triangle"), names);
        assertEquals((long) DatasetStats.of(DataSource.val(config.data())).boxes(), boxes);
    }

    @Test
    void metricsJsonlHasOneRowPerLoggedIterationAndOnePerEvaluation() throws Exception {
        List<String> keys = new ArrayList<>();
        for (JsonNode row : JsonLines.read(run.metrics())) {
            keys.add(row.get("iter").asLong() + (row.path("eval").asBoolean(false) ? "e" : ""));
        }
        assertEquals(List.of("1", "2", "3e", "4", "6", "6e"), keys);
    }
}
