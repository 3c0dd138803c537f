package dev.retinaj.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Puts an image file where a written layout expects it: a hard link when possible, else a copy. */
final class ImageFiles {
    private ImageFiles() {}

    static void place(Path src, Path dst) throws IOException {
        if (Files.exists(dst) && Files.isSameFile(src, dst)) {
            return;
        }
        Files.createDirectories(dst.getParent());
        Files.deleteIfExists(dst);
        try {
            Files.createLink(dst, src);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(dot) : "";
    }
}
