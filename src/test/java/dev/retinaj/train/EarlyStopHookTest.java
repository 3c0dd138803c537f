package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.repository.zoo.ZooModel;
import dev.retinaj.checkpoint.CheckpointMeta;
import dev.retinaj.checkpoint.CheckpointStore;
import dev.retinaj.config.ConfigException;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import dev.retinaj.infer.WeightsSource;
import dev.retinaj.model.TorchvisionNames;
import dev.retinaj.serving.RetinaJModels;
import dev.retinaj.util.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early stopping on a scripted metric sequence (a test hook stands in for the evaluation's AP):
 * AP 0.1, 0.3, 0.2, 0.25 with patience 2 stops after iteration 4, keeps ckpt_0000002 as the best,
 * exports its (EMA) weights and records iteration 4 in result.json; resuming the stopped run ends
 * at once, from the count stored in the checkpoint.
 */
class EarlyStopHookTest {
    private static final double[] AP = {0.1, 0.3, 0.2, 0.25, 0.9, 0.9, 0.9, 0.9};

    @TempDir
    Path dir;

    /** Replaces each evaluation's metrics by the scripted AP of its iteration. */
    private static final class ScriptedAp implements TrainHook {
        @Override
        public void afterStep(TrainState s) {
            if (EvalHook.due(s)) {
                s.evaluated(Map.of("AP", AP[(int) s.iteration() - 1]), null);
            }
        }
    }

    @Test
    void stopsAfterPatienceEvaluationsWithoutImprovementAndExportsTheBest() throws Exception {
        Path data = dir.resolve("shapes");
        ShapesGenerator.generate(data, new ShapesParams(16, 2, 96, 9, 1.0));
        RetinaConfig cfg = ConfigLoader.load(Path.of("configs/shapes_r18_fpn_demo.yaml"), TrainEndToEndTest.tinyFor(data,
                "train.max_iters=8", "train.eval_period=1", "train.early_stop.metric=AP", "train.early_stop.patience=2",
                "train.ema.decay=0.9", "train.ema.tau=2", "train.keep_checkpoints=1"));
        RunDirectory run = new RunDirectory(dir.resolve("run"));
        RunResult r = new TrainRunner(cfg, run, false).addHook(new ScriptedAp()).run();

        assertEquals(4, r.iterations());
        assertEquals(4, RunResult.read(run.root()).iterations());
        assertTrue(r.metrics().containsKey("AP50"), "the final evaluation is a real one: " + r.metrics());
        CheckpointStore store = new CheckpointStore(run.checkpoints(), 1);
        assertEquals(new CheckpointStore.Best("ckpt_0000002", "AP", 0.3, 2), store.best().orElseThrow());
        assertFalse(Files.exists(run.checkpoints().resolve("ckpt_0000005")));
        assertEquals(new CheckpointMeta.EarlyStopState(0.3, 2, 2),
                CheckpointStore.readMeta(run.checkpoints().resolve("ckpt_0000004")).earlyStop());
        assertTrue(Files.readString(run.log()).contains("early stop at iteration 4: AP has not improved"));
        List<String> rows = new ArrayList<>();
        JsonLines.read(run.metrics()).forEach(n -> rows.add(n.get("iter").asLong() + (n.has("eval") ? "e" : "")));
        assertEquals(List.of("1", "1e", "2", "2e", "3", "3e", "4", "4e"), rows, "the best's final evaluation adds no row");
        assertTrue(Files.getLastModifiedTime(run.root().resolve("report.html"))
                .compareTo(Files.getLastModifiedTime(run.eval().resolve("detections.json"))) >= 0,
                "report.html is older than the final evaluation of the best checkpoint");

        Path bestEma = run.checkpoints().resolve("ckpt_0000002").resolve(CheckpointStore.EMA);
        assertEquals(bestEma, WeightsSource.resolve(run.root()).file());
        assertServedEquals(run.root(), bestEma);

        RunResult resumed = new TrainRunner(cfg, run, true).run();
        assertEquals(4, resumed.iterations());
        assertFalse(Files.exists(run.checkpoints().resolve("ckpt_0000005")));
        assertServedEquals(run.root(), bestEma);
    }

    @Test
    void withoutAValidationSplitItIsAConfigError() {
        Path data = dir.resolve("shapes");
        ShapesGenerator.generate(data, new ShapesParams(8, 2, 96, 9, 1.0));
        RetinaConfig cfg = ConfigLoader.load(Path.of("configs/shapes_r18_fpn_demo.yaml"), TrainEndToEndTest.tinyFor(data,
                "data.val=[]", "train.eval_period=1", "train.early_stop.patience=2"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> new TrainRunner(cfg, new RunDirectory(dir.resolve("run")), false).run());
        assertTrue(e.getMessage().startsWith("train.early_stop.patience: "), e.getMessage());
        assertFalse(Files.exists(dir.resolve("run").resolve("checkpoints")));
    }

    private static void assertServedEquals(Path runDir, Path weights) throws Exception {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu());
             ZooModel<Image, DetectedObjects> served = RetinaJModels.criteria(runDir).loadModel()) {
            Map<String, NDArray> want = EmaHookTest.read(weights, m);
            Map<String, Parameter> params = TorchvisionNames.of(served.getBlock());
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                assertArrayEquals(want.get(e.getKey()).toFloatArray(),
                        e.getValue().getArray().toType(DataType.FLOAT32, false).toFloatArray(), 0f, e.getKey());
            }
        }
    }
}
