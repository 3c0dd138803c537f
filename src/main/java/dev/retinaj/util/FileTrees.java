package dev.retinaj.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Small file-system helpers the commands and writers share. */
public final class FileTrees {
    private FileTrees() {}

    /** Deletes {@code p} and everything under it; nothing if it does not exist. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Whether {@code p} is a directory with nothing in it (false if it is not a directory or cannot be listed). */
    public static boolean isEmptyDir(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** The file name without its last extension: {@code a/b.tar.gz} → {@code b.tar}, {@code .hidden} stays. */
    public static String stem(Path p) {
        return stem(p.getFileName().toString());
    }

    /** A file name without its last extension: {@code b.tar.gz} → {@code b.tar}, {@code .hidden} stays. */
    public static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
