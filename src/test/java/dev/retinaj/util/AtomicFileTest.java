package dev.retinaj.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void aWriteReplacesTheFileWholeAndLeavesNoTmp() throws IOException {
        Path f = Files.writeString(dir.resolve("result.json"), "old");
        AtomicFile.write(f, tmp -> Files.writeString(tmp, "new"));
        assertEquals("new", Files.readString(f));
        assertFalse(Files.exists(dir.resolve("result.json.tmp")));
    }

    @Test
    void aFailedWriteKeepsTheOldFileRemovesTheTmpAndNamesTheTarget() throws IOException {
        Path f = Files.writeString(dir.resolve("result.json"), "old");
        FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFile.write(f, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("No space left on device");
        }));
        assertEquals(f.toString(), e.getFile());
        assertEquals("cannot write: No space left on device", e.getReason());
        assertEquals("old", Files.readString(f));
        assertFalse(Files.exists(dir.resolve("result.json.tmp")));
    }

    @Test
    void aNamedTmpIsTheOneWrittenAndIsGoneAfterAFailure() throws IOException {
        Path f = Files.writeString(dir.resolve("events.out.tfevents.1"), "old");
        Path hidden = dir.resolve(".events.out.tfevents.1.tmp");
        assertThrows(FileSystemException.class, () -> AtomicFile.write(f, hidden.getFileName().toString(), tmp -> {
            assertEquals(hidden, tmp);
            Files.writeString(tmp, "half");
            throw new IOException("No space left on device");
        }));
        assertFalse(Files.exists(hidden));
        AtomicFile.write(f, hidden.getFileName().toString(), tmp -> Files.writeString(tmp, "new"));
        assertEquals("new", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }
}
