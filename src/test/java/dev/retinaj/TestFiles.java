package dev.retinaj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writing small text fixtures into a test's temporary folder. */
public final class TestFiles {
    private TestFiles() {}

    /** Writes {@code text} to {@code dir/name}, creating its parent folders; returns the file. */
    public static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }
}
