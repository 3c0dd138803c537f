package dev.retinaj.checkpoint;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.engine.HostArrays;
import dev.retinaj.model.ModelWeights;
import dev.retinaj.util.AtomicFile;
import dev.retinaj.util.BadFileException;
import dev.retinaj.util.FileTrees;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checkpoints of a run, one directory each: {@code checkpoints/ckpt_NNNNNNN/} holding
 * {@code meta.json}, {@code model.safetensors} (every parameter under torchvision's names, running
 * statistics included; usable alone as {@code model.weights}) and {@code optimizer.safetensors}
 * (momentum buffers). A checkpoint is written into a temporary directory, synced and renamed, so a
 * kill at any moment leaves the previous one intact. The last {@code keep} are kept, plus the one
 * {@code best.json} names.
 */
public final class CheckpointStore {
    private static final Pattern NAME = Pattern.compile("ckpt_(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String META = "meta.json";
    public static final String MODEL = "model.safetensors";
    public static final String OPTIMIZER = "optimizer.safetensors";
    /** The EMA of the weights (when train.ema is on): what the checkpoint exports, see WeightsSource. */
    public static final String EMA = "ema.safetensors";
    static final String BEST = "best.json";

    private final Path dir;
    private final int keep;
    private DiskSpace.FreeSpace freeSpace = DiskSpace.FILE_STORE;

    /** {@code best.json}: which checkpoint scored best, on what. */
    public record Best(String checkpoint, String metric, double value, long iteration) {}

    public CheckpointStore(Path dir, int keep) {
        this.dir = dir;
        this.keep = keep;
    }

    /** Where free space is asked before each checkpoint (tests pass a fake). */
    public void freeSpace(DiskSpace.FreeSpace free) {
        this.freeSpace = free;
    }

    /** Writes a further file of a checkpoint (e.g. the EMA weights) into its temporary directory. */
    @FunctionalInterface
    public interface ExtraFile {
        void write(Path checkpointDir) throws IOException;
    }

    /**
     * Writes the checkpoint of {@code meta.iteration()} and prunes old ones; returns its directory.
     * Checks free space first; a failed write removes its temporary folder; both fail in one line.
     */
    public Path save(CheckpointMeta meta, Block model, NDList optimizerState) throws IOException {
        return save(meta, model, optimizerState, List.of());
    }

    /** As {@link #save(CheckpointMeta, Block, NDList)}, with {@code extras} written before the rename. */
    public Path save(CheckpointMeta meta, Block model, NDList optimizerState, List<ExtraFile> extras)
            throws IOException {
        Files.createDirectories(dir);
        deleteStaleTmp(); // a write killed midway: its space is needed now, not after this save
        Optional<Path> previous = latest();
        long expected = previous.map(DiskSpace::sizeOf).filter(n -> n > 0)
                .orElseGet(() -> DiskSpace.estimate(model, optimizerState));
        String prev = previous.map(p -> p.getFileName().toString()).orElse(null);
        DiskSpace.require(freeSpace, dir, expected, prev);
        Path target = dir.resolve(dirName(meta.iteration()));
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        try {
            write(tmp, meta, model, optimizerState, extras);
        } catch (IOException e) {
            try {
                FileTrees.deleteTree(tmp);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw DiskSpace.writeFailed(dir, expected, e, prev);
        }
        FileTrees.deleteTree(target);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        prune();
        return target;
    }

    private static void write(Path tmp, CheckpointMeta meta, Block model, NDList optimizerState, List<ExtraFile> extras)
            throws IOException {
        FileTrees.deleteTree(tmp);
        Files.createDirectories(tmp);
        ModelWeights.save(model, tmp.resolve(MODEL));
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp.resolve(OPTIMIZER)))) {
            optimizerState.encode(os, NDList.Encoding.SAFETENSORS);
        }
        for (ExtraFile extra : extras) {
            extra.write(tmp);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(META).toFile(), meta);
        List<Path> files;
        try (Stream<Path> s = Files.list(tmp)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
    }

    /** Records {@code checkpoint} as the best so far (atomically). */
    public void markBest(Best best) throws IOException {
        AtomicFile.write(dir.resolve(BEST), tmp -> JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), best));
    }

    public Optional<Best> best() {
        Path f = dir.resolve(BEST);
        try {
            return Files.exists(f) ? Optional.of(JSON.readValue(f.toFile(), Best.class)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void prune() throws IOException {
        List<Path> all = list();
        String best = best().map(Best::checkpoint).orElse("");
        for (int i = 0; i < all.size() - keep; i++) {
            if (!all.get(i).getFileName().toString().equals(best)) {
                FileTrees.deleteTree(all.get(i));
            }
        }
        deleteStaleTmp();
    }

    private void deleteStaleTmp() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                FileTrees.deleteTree(p);
            }
        }
    }

    /** Complete checkpoints, oldest first (temporary directories of interrupted writes are ignored). */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p)).forEach(out::add);
        }
        out.sort(Comparator.comparingLong(CheckpointStore::iterationOf));
        return out;
    }

    /** The newest checkpoint that is complete. */
    public Optional<Path> latest() throws IOException {
        List<Path> all = list();
        for (int i = all.size() - 1; i >= 0; i--) {
            Path c = all.get(i);
            if (Files.isRegularFile(c.resolve(META)) && Files.isRegularFile(c.resolve(MODEL))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The directory name of the checkpoint of {@code iteration}. */
    public static String dirName(long iteration) {
        return String.format("ckpt_%07d", iteration);
    }

    static long iterationOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    public static CheckpointMeta readMeta(Path checkpoint) {
        try {
            return JSON.readValue(checkpoint.resolve(META).toFile(), CheckpointMeta.class);
        } catch (IOException e) {
            throw new BadFileException(checkpoint + ": not a readable RetinaJ checkpoint (" + e.getMessage() + ")");
        }
    }

    /** The momentum buffers of a checkpoint, named by parameter, on {@code manager}. */
    public static NDList loadOptimizer(Path checkpoint, NDManager manager) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(checkpoint.resolve(OPTIMIZER)))) {
            return HostArrays.decode(manager, in);
        } catch (IOException e) {
            throw new BadFileException(checkpoint + ": cannot read optimizer state: " + e.getMessage());
        }
    }
}
