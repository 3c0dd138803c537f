package dev.retinaj.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.NormalInitializer;
import dev.retinaj.model.ModelWeights;
import dev.retinaj.util.BadFileException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk runs out of space in the middle of writing a checkpoint (after the free-space check passed:
 * another process filled it, or the file system's figure was wrong): the write fails in one line naming
 * the folder and "no space left", its temporary folder is gone, and the previous checkpoint is intact,
 * loads, and is the one resume picks.
 */
class CheckpointStoreTest {
    private static final int UNITS = 64;

    @TempDir
    Path dir;
    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            run("umount", mounted.toString());
        }
    }

    @Test
    void runningOutOfSpaceMidWriteKeepsThePreviousCheckpoint() throws IOException {
        Path ckpts = dir.resolve("checkpoints");
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = net(m);
            CheckpointStore store = new CheckpointStore(ckpts, 3);
            store.save(meta(1), net, optimizer(m, 1));
            float[] saved = weights(net);
            bump(net);
            // the JDK's own message for ENOSPC, thrown after a few KB of an extra file have been written
            CheckpointStore.ExtraFile filling = d -> {
                try (OutputStream os = Files.newOutputStream(d.resolve(CheckpointStore.EMA))) {
                    os.write(new byte[4096]);
                    throw new IOException("No space left on device");
                }
            };
            BadFileException e = assertThrows(BadFileException.class,
                    () -> store.save(meta(2), net, optimizer(m, 2), List.of(filling)));
            assertFailedCleanly(store, ckpts, e, saved, m);
            assertLeftoversAreNotPicked(store, ckpts);
        }
    }

    @Test
    void aRealFullFileSystemMidWriteKeepsThePreviousCheckpoint() throws Exception {
        Path fs = dir.resolve("tmpfs");
        Files.createDirectories(fs);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", fs.toString()),
                "cannot mount a tmpfs here (needs root)");
        mounted = fs;
        Path ckpts = fs.resolve("checkpoints");
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = net(m);
            CheckpointStore store = new CheckpointStore(ckpts, 3);
            store.freeSpace(d -> Long.MAX_VALUE); // the check passes (its margin alone exceeds this disk)
            store.save(meta(1), net, optimizer(m, 1));
            float[] saved = weights(net);
            bump(net);
            fillLeaving(fs.resolve("filler"), 8192); // less than the 16 KB of model.safetensors: full during the write
            BadFileException e = assertThrows(BadFileException.class, () -> store.save(meta(2), net, optimizer(m, 2)));
            assertFailedCleanly(store, ckpts, e, saved, m);
        }
    }

    /** A .tmp folder left by a kill takes space the next checkpoint needs: it is gone before free space is asked. */
    @Test
    void aStaleTmpIsRemovedBeforeTheFreeSpaceCheck() throws IOException {
        Path ckpts = dir.resolve("checkpoints");
        Path stale = ckpts.resolve("ckpt_0000002.tmp");
        Files.createDirectories(stale);
        Files.write(stale.resolve(CheckpointStore.MODEL), new byte[1 << 20]);
        try (NDManager m = NDManager.newBaseManager()) {
            CheckpointStore store = new CheckpointStore(ckpts, 3);
            store.freeSpace(d -> Files.exists(stale) ? 0 : Long.MAX_VALUE); // the stale folder fills the disk
            Path saved = store.save(meta(2), net(m), optimizer(m, 2));
            assertEquals(ckpts.resolve("ckpt_0000002"), saved);
            try (Stream<Path> s = Files.list(ckpts)) {
                assertEquals(List.of("ckpt_0000002"), s.map(p -> p.getFileName().toString()).toList());
            }
            assertEquals(2, CheckpointStore.readMeta(saved).iteration());
        }
    }

    private static void assertFailedCleanly(CheckpointStore store, Path ckpts, BadFileException e, float[] saved,
            NDManager m) throws IOException {
        String msg = e.getMessage();
        assertFalse(msg.contains("\n"), msg);
        assertTrue(msg.startsWith(ckpts + ": cannot write a checkpoint ("), msg);
        assertTrue(msg.toLowerCase(Locale.ROOT).contains("no space left"), msg);
        assertTrue(msg.endsWith("the previous checkpoint ckpt_0000001 is intact"), msg);
        try (Stream<Path> s = Files.list(ckpts)) {
            assertEquals(List.of("ckpt_0000001"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the temporary folder of the failed write is left");
        }
        Path latest = store.latest().orElseThrow();
        assertEquals("ckpt_0000001", latest.getFileName().toString());
        assertEquals(1, CheckpointStore.readMeta(latest).iteration());
        Block loaded = net(m);
        ModelWeights.load(loaded, latest.resolve(CheckpointStore.MODEL));
        assertArrayEquals(saved, weights(loaded));
        try (NDList opt = CheckpointStore.loadOptimizer(latest, m)) {
            assertEquals(1f, opt.get(0).toFloatArray()[0]);
        }
    }

    /** Leftovers of a write killed midway are never picked: a .tmp folder, a folder without meta.json. */
    private static void assertLeftoversAreNotPicked(CheckpointStore store, Path ckpts) throws IOException {
        Path latest = store.latest().orElseThrow();
        Files.createDirectories(ckpts.resolve("ckpt_0000003.tmp"));
        Files.copy(latest.resolve(CheckpointStore.META), ckpts.resolve("ckpt_0000003.tmp").resolve(CheckpointStore.META));
        Files.createDirectories(ckpts.resolve("ckpt_0000004"));
        Files.write(ckpts.resolve("ckpt_0000004").resolve(CheckpointStore.MODEL), new byte[10]);
        assertEquals(latest, store.latest().orElseThrow());
    }

    private static Block net(NDManager m) {
        Block b = Linear.builder().setUnits(UNITS).build();
        b.setInitializer(new NormalInitializer(), ai.djl.nn.Parameter.Type.WEIGHT);
        b.initialize(m, DataType.FLOAT32, new Shape(1, UNITS));
        return b;
    }

    private static float[] weights(Block b) {
        return b.getParameters().get("weight").getArray().toFloatArray();
    }

    /** Changes the weights so that a checkpoint of the new ones would differ from the saved one. */
    private static void bump(Block b) {
        b.getParameters().get("weight").getArray().addi(1f);
    }

    /** Momentum-like state: one named tensor filled with {@code value}. */
    private static NDList optimizer(NDManager m, float value) {
        NDArray a = m.full(new Shape(UNITS, UNITS), value);
        a.setName("weight.momentum");
        return new NDList(a);
    }

    private static CheckpointMeta meta(long iteration) {
        return new CheckpointMeta(iteration, "hash", 3, -1, null, "now", 1, null);
    }

    /** Fills the file system of {@code filler} until it is full, then frees {@code leave} bytes of it. */
    private static void fillLeaving(Path filler, long leave) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream os = Files.newOutputStream(filler)) {
            while (true) {
                os.write(block);
                os.flush();
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
        }
        try (RandomAccessFile f = new RandomAccessFile(filler.toFile(), "rw")) {
            f.setLength(Math.max(0, f.length() - leave));
        }
    }

    private static boolean run(String... cmd) throws Exception {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
