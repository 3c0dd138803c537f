package dev.retinaj.util;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder an option such as {@code --out} or {@code --plots} names, checked and created with one
 * clean line on failure (an existing file in its place, a non-empty folder where a new one is needed,
 * no permission) instead of a {@code FileAlreadyExistsException}.
 */
public final class OutputFolder {
    private OutputFolder() {}

    /**
     * @param option the option named in errors, e.g. "--out"
     * @param mustBeEmpty the folder must be new or empty
     * @return {@code dir}, which exists afterwards
     */
    public static Path create(String option, Path dir, boolean mustBeEmpty) {
        check(option, dir, mustBeEmpty);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadFileException(option + " " + dir + ": cannot create the folder: " + reason(e));
        }
        return dir;
    }

    /** As {@link #create} without creating anything (for commands that read their input first). */
    public static void check(String option, Path dir, boolean mustBeEmpty) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException(option + " " + dir + ": is an existing file, not a folder; give a new folder");
        }
        if (mustBeEmpty && !isEmptyOrAbsent(dir)) {
            throw new UsageException(option + " " + dir + ": already exists and is not empty; choose a new " + option);
        }
    }

    /** A file-system failure as words: "permission denied", "a file is in the way (x)", or its message. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return "a file is in the way (" + f.getFile() + ")";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static boolean isEmptyOrAbsent(Path dir) {
        return !Files.exists(dir) || FileTrees.isEmptyDir(dir);
    }
}
