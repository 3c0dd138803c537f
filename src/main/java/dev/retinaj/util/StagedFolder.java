package dev.retinaj.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a whole output folder or nothing: the writer fills {@code OUT.partial-PID/OUT} beside the
 * target, which is moved into place (one rename) only when the writer returns. A failure or an
 * interrupt removes the staging folder, so no half-written output is left that could be mistaken for
 * a finished one. Only a hard stop (a second Ctrl-C, kill -9) can leave {@code OUT.partial-PID}
 * behind; it is never read and may be deleted. The staged folder has the target's own name, so a
 * writer that records its folder's name (VOC's {@code <folder>}) writes the final one.
 */
public final class StagedFolder {
    /** Fills a folder. */
    @FunctionalInterface
    public interface Writer {
        void write(Path dir) throws IOException;
    }

    private StagedFolder() {}

    /** The staging folder of {@code target} in this process. */
    public static Path stagingFor(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".partial-" + ProcessHandle.current().pid());
    }

    /**
     * Runs {@code writer} on a staged folder and moves it to {@code target}, which must be absent or
     * an empty folder (the caller checks that, with its own message).
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path stage = stagingFor(abs);
        Path inner = stage.resolve(abs.getFileName().toString());
        try {
            FileTrees.deleteTree(stage);
            Files.createDirectories(inner);
            writer.write(inner);
            if (Files.exists(abs)) {
                Files.delete(abs); // an empty folder
            }
            Files.move(inner, abs, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            try {
                FileTrees.deleteTree(stage);
            } catch (IOException e) {
                // the output is in place or the failure is being reported; a leftover is named .partial-PID
            }
        }
    }
}
