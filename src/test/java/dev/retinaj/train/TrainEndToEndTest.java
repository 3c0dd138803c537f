package dev.retinaj.train;

import dev.retinaj.checkpoint.CheckpointStore;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.cli.Main;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import dev.retinaj.serving.RetinaJModels;
import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.repository.zoo.ZooModel;
import dev.retinaj.util.JsonLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run on tiny generated images: the loss falls, a run that crashes after its checkpoint and
 * is resumed ends with exactly the weights of an uninterrupted run, and eval and predict work on it.
 */
class TrainEndToEndTest {
    @TempDir
    static Path dir;

    static Path data;

    @BeforeAll
    static void makeData() {
        data = dir.resolve("shapes");
        ShapesGenerator.generate(data, new ShapesParams(24, 8, 96, 5, 1.0));
    }

    static List<String> tiny(String... extra) {
        return tinyFor(data, extra);
    }

    /** A CPU-second-sized run of the demo config on the shapes set at {@code root}. */
    static List<String> tinyFor(Path root, String... extra) {
        List<String> s = new ArrayList<>(List.of("data.root=" + root, "data.min_size=[96]", "data.max_size=96",
                "test.min_size=96", "test.max_size=96", "data.workers=1", "seed=3", "threads=1",
                "model.backbone.width=0.25", "model.fpn.channels=16", "model.head.channels=16",
                "model.head.num_convs=1", "model.anchors.sizes=[16,32,64,128,256]", "train.batch_size=4",
                "train.max_iters=8", "train.lr=0.01", "train.warmup.iters=2", "train.checkpoint_period=3",
                "train.eval_period=0", "train.log_period=1", "train.clip_grad_norm=10", "data.shapes.generate=false"));
        s.addAll(List.of(extra));
        return s;
    }

    static RetinaConfig config(String... extra) {
        return ConfigLoader.load(Path.of("configs/shapes_r18_fpn_demo.yaml"), tiny(extra));
    }

    @Test
    void crashAndResumeEndsWithTheSameWeightsAsAStraightRun() throws IOException {
        RetinaConfig cfg = config();
        RunDirectory straight = new RunDirectory(dir.resolve("straight"));
        RunResult r = new TrainRunner(cfg, straight, false).run();
        assertEquals(8, r.iterations());

        RunDirectory crashed = new RunDirectory(dir.resolve("crashed"));
        assertThrows(IllegalStateException.class, () -> new TrainRunner(cfg, crashed, false).addHook(new CrashAfter(4)).run());
        assertTrue(Files.isDirectory(crashed.checkpoints().resolve("ckpt_0000003")));
        new TrainRunner(cfg, crashed, true).run();

        byte[] a = Files.readAllBytes(straight.checkpoints().resolve("ckpt_0000008").resolve(CheckpointStore.MODEL));
        byte[] b = Files.readAllBytes(crashed.checkpoints().resolve("ckpt_0000008").resolve(CheckpointStore.MODEL));
        assertArrayEquals(a, b, "resumed weights differ from the uninterrupted run's");
        byte[] oa = Files.readAllBytes(straight.checkpoints().resolve("ckpt_0000008").resolve(CheckpointStore.OPTIMIZER));
        byte[] ob = Files.readAllBytes(crashed.checkpoints().resolve("ckpt_0000008").resolve(CheckpointStore.OPTIMIZER));
        assertArrayEquals(oa, ob, "resumed momentum differs");

        // metrics.jsonl: iteration 1 first, no duplicated iterations after the resume
        List<JsonNode> rows = JsonLines.read(crashed.metrics());
        assertEquals(1, rows.get(0).get("iter").asLong());
        List<Long> iters = rows.stream().filter(n -> !n.has("eval")).map(n -> n.get("iter").asLong()).toList();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), iters);
        List<JsonNode> straightRows = JsonLines.read(straight.metrics());
        for (int i = 0; i < 8; i++) {
            assertEquals(straightRows.get(i).get("loss").asDouble(), rows.get(i).get("loss").asDouble(), 0.0,
                    "loss of iteration " + (i + 1));
        }
        // files of the contract
        for (Path p : List.of(straight.config(), straight.metrics(), straight.log(), straight.curves(),
                straight.eval().resolve("metrics.json"), straight.eval().resolve("detections.json"))) {
            assertTrue(Files.isRegularFile(p), p + " missing");
        }
        JsonNode m = new ObjectMapper().readTree(straight.eval().resolve("metrics.json").toFile());
        assertTrue(m.get("AP50").asDouble() >= 0 && m.get("AP50").asDouble() <= 1);
    }

    @Test
    void nonFiniteStepsAreSkippedWithADiagnosticAndStopTheRun() throws IOException {
        RetinaConfig cfg = config("train.lr=1e12", "train.clip_grad_norm=0", "train.warmup.iters=0",
                "train.max_non_finite=2", "train.max_iters=30", "train.checkpoint_period=0", "data.val=[]");
        RunDirectory run = new RunDirectory(dir.resolve("nan"));
        TrainingDiverged e = assertThrows(TrainingDiverged.class,
                () -> new TrainRunner(cfg, run, false).run());
        assertTrue(e.getMessage().startsWith("2 non-finite steps in a row"), e.getMessage());
        List<Path> diags;
        try (var s = Files.list(run.diagnostics())) {
            diags = s.sorted().toList();
        }
        assertEquals(2, diags.size());
        JsonNode d = new ObjectMapper().readTree(diags.get(0).toFile());
        assertTrue(d.get("reason").asText().startsWith("non-finite"), d.toString());
        assertTrue(d.has("images"));
        assertTrue(d.has("levels") || d.has("gradient_norms"), d.toString());
        assertTrue(JsonLines.read(run.metrics()).stream().anyMatch(n -> n.get("skipped").asBoolean()));
    }

    @Test
    void lossGoesDown() throws IOException {
        RetinaConfig cfg = config("train.max_iters=30", "train.checkpoint_period=0", "train.lr=0.02",
                "data.val=[]");
        RunDirectory run = new RunDirectory(dir.resolve("down"));
        new TrainRunner(cfg, run, false).run();
        List<JsonNode> rows = JsonLines.read(run.metrics());
        double first = rows.subList(0, 5).stream().mapToDouble(n -> n.get("loss").asDouble()).average().orElseThrow();
        double last = rows.subList(rows.size() - 5, rows.size()).stream().mapToDouble(n -> n.get("loss").asDouble())
                .average().orElseThrow();
        assertTrue(last < 0.8 * first, "loss did not fall: " + first + " -> " + last);
    }

    @Test
    void evalAndPredictRunOnATrainedRun() throws IOException {
        Path runDir = dir.resolve("cli");
        List<String> args = new ArrayList<>(List.of("train", "-c", "configs/shapes_r18_fpn_demo.yaml", "--out",
                runDir.toString()));
        for (String s : tiny("train.max_iters=3")) {
            args.add("--set");
            args.add(s);
        }
        assertEquals(0, Main.run(args.toArray(String[]::new)));
        List<String> common = new ArrayList<>();
        for (String s : tiny()) {
            common.add("--set");
            common.add(s);
        }
        List<String> eval = new ArrayList<>(List.of("eval", "-c", "configs/shapes_r18_fpn_demo.yaml", "--weights",
                runDir.toString(), "--out", dir.resolve("ev").toString()));
        eval.addAll(common);
        assertEquals(0, Main.run(eval.toArray(String[]::new)));
        assertTrue(Files.isRegularFile(dir.resolve("ev").resolve("metrics.json")));
        List<String> predict = new ArrayList<>(List.of("predict", "-c", "configs/shapes_r18_fpn_demo.yaml",
                "--weights", runDir.toString(), "--input", data.resolve("val").toString(), "--out",
                dir.resolve("pred").toString(), "--score", "0.0"));
        predict.addAll(common);
        assertEquals(0, Main.run(predict.toArray(String[]::new)));
        JsonNode dets = new ObjectMapper().readTree(dir.resolve("pred").resolve("detections.json").toFile());
        assertTrue(dets.isArray());
        try (var s = Files.list(dir.resolve("pred"))) {
            assertEquals(9, s.count()); // 8 drawn images + detections.json
        }

        // serving: the run loads through DJL's Criteria and detects on an Image
        Path image;
        try (var s = Files.list(data.resolve("val"))) {
            image = s.sorted().findFirst().orElseThrow();
        }
        try (ZooModel<Image, DetectedObjects> model = RetinaJModels.criteria(runDir).loadModel();
             Predictor<Image, DetectedObjects> predictor = model.newPredictor()) {
            DetectedObjects found = predictor.predict(ImageFactory.getInstance().fromFile(image));
            assertTrue(found.getNumberOfObjects() <= 100);
            for (int i = 0; i < found.getNumberOfObjects(); i++) {
                DetectedObjects.DetectedObject o = found.item(i);
                assertTrue(List.of("circle", "cross", "square", "triangle").contains(o.getClassName()), o.getClassName());
                assertTrue(o.getProbability() > 0.05 && o.getProbability() <= 1);
                assertTrue(o.getBoundingBox().getBounds().getX() >= 0 && o.getBoundingBox().getBounds().getX() <= 1);
            }
        } catch (ai.djl.repository.zoo.ModelNotFoundException | ai.djl.MalformedModelException
                 | ai.djl.translate.TranslateException e) {
            throw new AssertionError(e);
        }
    }
}
