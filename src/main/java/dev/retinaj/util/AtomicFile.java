package dev.retinaj.util;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file whole or not at all: into {@code NAME.tmp} beside it, then an atomic rename. A failed
 * write (a full disk, say) removes the .tmp and is thrown as a {@link FileSystemException} naming the
 * target file, so the one-line message says which file could not be written and why.
 */
public final class AtomicFile {
    /** Writes the content into the temporary file it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    private AtomicFile() {}

    public static void write(Path file, Content content) throws IOException {
        write(file, file.getFileName() + ".tmp", content);
    }

    /** As {@link #write(Path, Content)}, with the temporary file named {@code tmpName} beside the target. */
    public static void write(Path file, String tmpName, Content content) throws IOException {
        Path tmp = file.resolveSibling(tmpName);
        try {
            content.writeTo(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            if (e instanceof FileSystemException f && f.getFile() != null && f.getFile().equals(file.toString())) {
                throw e;
            }
            FileSystemException named = new FileSystemException(file.toString(), null, "cannot write: " + OutputFolder.reason(e));
            named.initCause(e);
            throw named;
        }
    }
}
