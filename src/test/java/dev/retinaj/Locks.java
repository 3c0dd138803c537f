package dev.retinaj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Making a file or folder unwritable in a way that holds for root too: read-only permissions where
 * they bind, else {@code chattr +i} (immutable, on ext2/3/4-like file systems). Which way works is
 * found once per JVM by trying each on a probe folder.
 */
public final class Locks {
    private enum Way { CHMOD, CHATTR, NONE }

    private static Way way;

    private Locks() {}

    /** Whether {@link #lock} makes a folder unwritable here. */
    public static boolean available() {
        return way() != Way.NONE;
    }

    /** Whether a locked file cannot even be replaced by a rename over it (chattr +i), not only not written in place. */
    public static boolean immutable() {
        return way() == Way.CHATTR;
    }

    /** Makes {@code p} unwritable; false if that is not possible here. */
    public static boolean lock(Path p) {
        return apply(way(), p, true);
    }

    /** Undoes {@link #lock} (harmless on a path that was not locked). */
    public static void unlock(Path p) {
        apply(way(), p, false);
    }

    private static synchronized Way way() {
        if (way == null) {
            way = Way.NONE;
            for (Way w : List.of(Way.CHMOD, Way.CHATTR)) {
                try {
                    Path probe = Files.createTempDirectory("retinaj-lock-probe");
                    boolean works = apply(w, probe, true) && !canCreate(probe.resolve("x"));
                    apply(w, probe, false);
                    Files.deleteIfExists(probe.resolve("x"));
                    Files.delete(probe);
                    if (works) {
                        way = w;
                        break;
                    }
                } catch (IOException e) {
                    // try the next way
                }
            }
        }
        return way;
    }

    private static boolean canCreate(Path f) {
        try {
            Files.createFile(f);
            Files.delete(f);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean apply(Way w, Path p, boolean on) {
        if (w == Way.CHATTR) {
            return TestFiles.chattr(on ? "+i" : "-i", p);
        }
        if (w == Way.NONE) {
            return false;
        }
        String dir = on ? "r-xr-xr-x" : "rwxr-xr-x";
        String file = on ? "r--r--r--" : "rw-r--r--";
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? dir : file));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
