package dev.retinaj.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import dev.retinaj.util.BadFileException;
import dev.retinaj.util.OutputFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The free-space check before a checkpoint is written: the space needed is the last checkpoint's size
 * (for the first one, the bytes of the parameters and the optimiser state) plus a margin; too little
 * free space is a one-line error naming the folder, the space needed and free, and saying that the
 * previous checkpoint is intact. Free space is asked of a {@link FreeSpace}, which tests replace.
 */
public final class DiskSpace {
    /** Usable bytes on the file system of a folder. */
    @FunctionalInterface
    public interface FreeSpace {
        long usable(Path dir) throws IOException;
    }

    static final FreeSpace FILE_STORE = dir -> Files.getFileStore(dir).getUsableSpace();
    /** Margin on top of the expected size: a tenth, and 1 MiB for meta.json and file-system overhead. */
    private static final long MIN_MARGIN = 1 << 20;

    private DiskSpace() {}

    /** Throws if {@code dir} has less free space than a checkpoint of about {@code expected} bytes needs. */
    static void require(FreeSpace free, Path dir, long expected, String previous) {
        long needed = expected + Math.max(MIN_MARGIN, expected / 10);
        long usable;
        try {
            usable = free.usable(dir);
        } catch (IOException e) {
            return; // a file system that cannot say: the write itself will tell
        }
        if (usable < needed) {
            throw new BadFileException(dir + ": not enough free space for a checkpoint: needs " + mib(needed)
                    + ", " + mib(usable) + " free; " + intact(previous));
        }
    }

    /** A failed write, its temporary folder already removed, as one line. */
    static BadFileException writeFailed(Path dir, long expected, IOException e, String previous) {
        return new BadFileException(dir + ": cannot write a checkpoint (" + OutputFolder.reason(e) + "; it needs about "
                + mib(expected) + "); " + intact(previous), e);
    }

    private static String intact(String previous) {
        return previous == null ? "no earlier checkpoint" : "the previous checkpoint " + previous + " is intact";
    }

    /** Bytes of the parameters of {@code model} and of the optimiser state: a new checkpoint's size. */
    static long estimate(Block model, NDList optimizerState) {
        long bytes = 0;
        for (var p : model.getParameters()) {
            if (p.getValue().isInitialized()) {
                bytes += nbytes(p.getValue().getArray());
            }
        }
        for (NDArray a : optimizerState) {
            bytes += nbytes(a);
        }
        return bytes;
    }

    private static long nbytes(NDArray a) {
        return a.size() * a.getDataType().getNumOfBytes();
    }

    /** Bytes of the files in a checkpoint folder. */
    static long sizeOf(Path checkpoint) {
        try (Stream<Path> s = Files.list(checkpoint)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
