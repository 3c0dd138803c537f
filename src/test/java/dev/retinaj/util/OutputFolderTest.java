package dev.retinaj.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {
    @TempDir
    Path tmp;

    @Test
    void aFileInTheWayOrAFullFolderIsOneLineNamingTheOption() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        RetinaJException e = assertThrows(UsageException.class, () -> OutputFolder.create("--plots", file, false));
        assertEquals("--plots " + file + ": is an existing file, not a folder; give a new folder", e.getMessage());
        assertEquals(2, Main.exitCode(e));
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("x"), "x");
        e = assertThrows(UsageException.class, () -> OutputFolder.create("--out", full, true));
        assertEquals("--out " + full + ": already exists and is not empty; choose a new --out", e.getMessage());
        assertEquals(full, OutputFolder.create("--out", full, false), "a full folder is fine when it need not be empty");
        e = assertThrows(BadFileException.class, () -> OutputFolder.create("--out", file.resolve("sub"), false));
        assertEquals(1, Main.exitCode(e));
        assertTrue(e.getMessage().startsWith("--out " + file.resolve("sub") + ": cannot create the folder: "), e.getMessage());
        assertTrue(!e.getMessage().contains("Exception"), e.getMessage());
        Path fresh = OutputFolder.create("--out", tmp.resolve("a/b"), true);
        assertTrue(Files.isDirectory(fresh));
    }
}
