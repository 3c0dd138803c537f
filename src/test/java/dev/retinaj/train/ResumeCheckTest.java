package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import dev.retinaj.TestFiles;
import dev.retinaj.checkpoint.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume from a checkpoint whose meta.json records another intra-op thread count than the engine
 * has now warns (in train.log) that the run will not be bit-identical; the same count, or none
 * recorded (an older checkpoint), does not.
 */
class ResumeCheckTest {
    @TempDir
    Path dir;

    /** The WARN lines {@link ResumeCheck#threads} logs for a checkpoint recording {@code threads}. */
    private List<String> warnings(int threads) throws Exception {
        Path ckpt = dir.resolve("t" + threads).resolve(CheckpointStore.dirName(6));
        TestFiles.write(ckpt, CheckpointStore.META, "{\"iteration\": 6, \"configHash\": \"x\", \"seed\": 3, "
                + "\"emaPositives\": -1, \"intraOpThreads\": " + threads + "}");
        Path log = dir.resolve("t" + threads + ".log");
        try (RunLog ignored = RunLog.attach(log)) {
            ResumeCheck.threads(ckpt, CheckpointStore.readMeta(ckpt));
        }
        return Files.readString(log).lines().filter(l -> l.contains(" WARN ")).toList();
    }

    @Test
    void anotherThreadCountWarnsTheSameDoesNot() throws Exception {
        Engine.getEngine("PyTorch"); // loads libtorch, whose thread count is asked
        int now = ResumeCheck.intraOpThreads();
        assertTrue(now > 0, "threads now: " + now);
        List<String> other = warnings(now + 1);
        assertEquals(1, other.size(), other.toString());
        assertTrue(other.get(0).contains("was written with " + (now + 1) + " intra-op threads, this run has " + now)
                && other.get(0).contains("set threads: " + (now + 1)), other.get(0));
        assertEquals(List.of(), warnings(now));
        assertEquals(List.of(), warnings(0));
    }
}
