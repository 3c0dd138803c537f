package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retinaj.Locks;
import dev.retinaj.cli.Main;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * checkpoints/ made unwritable mid-run (read-only, or chattr +i as root): the run stops at its next
 * checkpoint in one line naming the folder, leaves the previous checkpoint whole and no .tmp; once
 * writable again, the resume in place ends with the weights and momentum of a run never stopped.
 */
class ReadOnlyResumeTest {
    @TempDir
    Path dir;

    @Test
    void aReadOnlyFailureThenResumeEqualsAStraightRun() throws Exception {
        assumeTrue(Locks.available(), "neither permissions nor chattr +i make a folder unwritable here");
        Path data = dir.resolve("shapes");
        ShapesGenerator.generate(data, new ShapesParams(8, 2, 96, 7, 1.0));
        RetinaConfig cfg = ConfigLoader.load(Path.of("configs/shapes_r18_fpn_demo.yaml"), TrainEndToEndTest.tinyFor(data,
                "train.max_iters=8", "train.checkpoint_period=3", "data.val=[]"));
        RunDirectory straight = new RunDirectory(dir.resolve("straight"));
        new TrainRunner(cfg, straight, false).run();

        RunDirectory run = new RunDirectory(dir.resolve("readonly"));
        TrainHook lockAfter3 = new TrainHook() {
            @Override
            public void beforeStep(TrainState s) {
                if (s.iteration() == 4) {
                    assertTrue(Locks.lock(run.checkpoints()), "cannot lock " + run.checkpoints());
                }
            }
        };
        Exception e;
        try {
            e = assertThrows(Exception.class, () -> new TrainRunner(cfg, run, false).addHook(lockAfter3).run());
        } finally {
            Locks.unlock(run.checkpoints());
        }
        String msg = e.getMessage();
        assertEquals(1, Main.exitCode(e), msg);
        assertTrue(msg.startsWith(run.checkpoints().toString()), msg);
        assertFalse(msg.contains("\n") || msg.matches(".*[A-Za-z]+(Exception|Error)\\b.*"), msg);
        assertEquals(List.of("ckpt_0000003"), DiskFaultsTest.names(run.checkpoints()), "no .tmp, the previous checkpoint kept");

        new TrainRunner(cfg, run, true).run();
        InterruptResumeTest.assertSameEnd(straight.root(), run.root(), 8, "read-only failure at iteration 4");
    }
}
