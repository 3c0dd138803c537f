package dev.retinaj.train;

import dev.retinaj.checkpoint.CheckpointStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import dev.retinaj.util.JsonLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hook added from outside sees every step in order, can ask for a checkpoint, and can end the run. */
class TrainHooksTest {
    @TempDir
    Path dir;

    @Test
    void anAddedHookSeesEachStepAsksForACheckpointAndStopsTheRun() throws IOException {
        Path data = dir.resolve("shapes");
        ShapesGenerator.generate(data, new ShapesParams(8, 4, 96, 5, 1.0));
        RetinaConfig cfg = dev.retinaj.config.ConfigLoader.load(Path.of("configs/shapes_r18_fpn_demo.yaml"),
                TrainEndToEndTest.tinyFor(data, "train.max_iters=20", "train.checkpoint_period=0", "data.val=[]"));
        List<String> calls = new ArrayList<>();
        TrainHook probe = new TrainHook() {
            @Override
            public void beforeTrain(TrainState s) {
                calls.add("begin " + s.iteration());
            }

            @Override
            public void afterStep(TrainState s) {
                calls.add("step " + s.iteration() + (s.step().applied() ? "" : " skipped"));
                if (s.iteration() == 2) {
                    s.requestCheckpoint();
                }
                if (s.iteration() == 3) {
                    s.requestStop();
                }
            }

            @Override
            public void afterTrain(TrainState s) {
                calls.add("end " + s.iteration());
            }
        };
        RunDirectory run = new RunDirectory(dir.resolve("run"));
        RunResult r = new TrainRunner(cfg, run, false).addHook(probe).run();
        assertEquals(List.of("begin 0", "step 1", "step 2", "step 3", "end 3"), calls);
        assertEquals(3, r.iterations());
        // added hooks run before the checkpoint hook: the request at 2 and the stop at 3 are both checkpointed
        List<Path> ckpts = new CheckpointStore(run.checkpoints(), 10).list();
        assertEquals(List.of(CheckpointStore.dirName(2), CheckpointStore.dirName(3)),
                ckpts.stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(Files.isRegularFile(run.root().resolve(RunResult.FILE)));
        List<JsonNode> rows = JsonLines.read(run.metrics());
        assertEquals(List.of(1L, 2L, 3L), rows.stream().map(n -> n.get("iter").asLong()).toList());
    }
}
