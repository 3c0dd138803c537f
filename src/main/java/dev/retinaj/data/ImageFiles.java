package dev.retinaj.data;

import dev.retinaj.util.Interrupts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Puts an image file where a written layout expects it: copied, or hard-linked when asked. */
final class ImageFiles {
    /** How images reach a written layout. */
    enum Placement { COPY, LINK }

    private ImageFiles() {}

    /** A hard link when possible, else a copy (for sets this program generated itself). */
    static void place(Path src, Path dst) throws IOException {
        place(src, dst, Placement.LINK);
    }

    /** {@code LINK} falls back to a copy where links are impossible (another file system). */
    static void place(Path src, Path dst, Placement how) throws IOException {
        Interrupts.check(); // once per image of a written layout
        if (Files.exists(dst) && Files.isSameFile(src, dst)) {
            return;
        }
        Files.createDirectories(dst.getParent());
        Files.deleteIfExists(dst);
        if (how == Placement.LINK) {
            try {
                Files.createLink(dst, src);
                return;
            } catch (IOException | UnsupportedOperationException e) {
                // fall through to a copy
            }
        }
        Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
    }

    static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(dot) : "";
    }
}
