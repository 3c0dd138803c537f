package dev.retinaj.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Keeps every path a data set names inside its data root. A data set is untrusted input: a
 * {@code file_name} of {@code ../../etc/passwd}, an absolute path, or a symlink leading out of the
 * root would otherwise make readers open (and {@code data convert} copy) the user's other files.
 * An escape is a {@link Problem} reported before anything is opened; {@code data.allow_outside_root}
 * turns the check off for layouts that need it.
 */
public final class DataPaths {
    /** Appended to escape reasons where a config can allow them. */
    static final String HINT = " (data.allow_outside_root: true allows it)";

    private final Path root;
    private final boolean allowOutside;
    private Path realRoot;

    private DataPaths(Path root, boolean allowOutside) {
        this.root = root.toAbsolutePath().normalize();
        this.allowOutside = allowOutside;
    }

    /** Paths must stay inside {@code root} (lexically and after following symlinks). */
    public static DataPaths within(Path root) {
        return new DataPaths(root, false);
    }

    /** As {@link #within(Path)}, or no check at all when {@code allowOutside}. */
    public static DataPaths within(Path root, boolean allowOutside) {
        return new DataPaths(root, allowOutside);
    }

    public Path root() {
        return root;
    }

    public boolean allowsOutside() {
        return allowOutside;
    }

    /**
     * Resolves {@code entry} (a path written in {@code dataSetFile}) against {@code base}; returns null
     * after reporting to {@code bad} when it is absolute or leads outside the root.
     *
     * @param what how the entry is named in the problem, e.g. "file_name" or "split entry"
     */
    public Path entry(Path base, String entry, String what, Object dataSetFile, BadSamples bad) {
        String why = entryEscape(base, entry);
        if (why != null) {
            bad.report(String.valueOf(dataSetFile), what + " '" + entry + "' " + why + HINT);
            return null;
        }
        return base.resolve(entry).normalize();
    }

    /**
     * {@code file} itself (derived from the data set, not written in it), or null after reporting
     * when it, or the file a symlink leads to, lies outside the root. Does not open the file.
     */
    public Path file(Path file, Object dataSetFile, BadSamples bad) {
        String why = fileEscape(file);
        if (why != null) {
            bad.report(String.valueOf(dataSetFile), "'" + file + "' " + why + HINT);
            return null;
        }
        return file;
    }

    /** Why {@code entry} under {@code base} escapes the root, or null if it is inside (or allowed). */
    public String entryEscape(Path base, String entry) {
        if (allowOutside) {
            return null;
        }
        Path p;
        try {
            p = Path.of(entry);
        } catch (InvalidPathException e) {
            return "is not a valid path";
        }
        if (p.isAbsolute() || entry.startsWith("/") || entry.startsWith("\\") || p.getRoot() != null) {
            return "is an absolute path; paths in a data set must be relative to its root " + root;
        }
        return fileEscape(base.resolve(p));
    }

    /** Why {@code file} lies outside the root, or null if inside (or allowed). */
    public String fileEscape(Path file) {
        if (allowOutside) {
            return null;
        }
        Path abs = file.toAbsolutePath().normalize();
        if (!abs.startsWith(root)) {
            return "leads outside the data root " + root;
        }
        if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            return null; // nothing to open; the caller reports it as not found
        }
        try {
            Path real = abs.toRealPath();
            if (!real.startsWith(realRoot())) {
                return "is a symlink leading outside the data root " + root + " (to " + real + ")";
            }
        } catch (IOException e) {
            return null; // a dangling link: the caller reports the file as not found
        }
        return null;
    }

    private Path realRoot() throws IOException {
        if (realRoot == null) {
            realRoot = root.toRealPath();
        }
        return realRoot;
    }
}
