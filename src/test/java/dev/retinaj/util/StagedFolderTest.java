package dev.retinaj.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedFolderTest {
    @TempDir
    Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFinishedWriterMovesItsFolderIntoPlaceUnderTheTargetsName() throws IOException {
        Path out = dir.resolve("out");
        StagedFolder.write(out, d -> {
            assertEquals("out", d.getFileName().toString()); // VOC writes its folder's name into each XML
            assertFalse(Files.exists(out));
            Files.createDirectories(d.resolve("a"));
            Files.writeString(d.resolve("a/b.txt"), "x");
        });
        assertEquals("x", Files.readString(out.resolve("a/b.txt")));
        assertEquals(List.of("out"), listing());
    }

    @Test
    void anEmptyTargetFolderIsReplaced() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        StagedFolder.write(out, d -> Files.writeString(d.resolve("f"), "1"));
        assertEquals("1", Files.readString(out.resolve("f")));
        assertEquals(List.of("out"), listing());
    }

    @Test
    void aFailingOrInterruptedWriterLeavesNothing() throws IOException {
        Path out = dir.resolve("out");
        assertThrows(IOException.class, () -> StagedFolder.write(out, d -> {
            Files.writeString(d.resolve("half"), "1");
            throw new IOException("disk full");
        }));
        assertEquals(List.of(), listing());
        assertThrows(Interrupted.class, () -> StagedFolder.write(out, d -> {
            Files.writeString(d.resolve("half"), "1");
            throw new Interrupted("SIGINT");
        }));
        assertEquals(List.of(), listing());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThrows(Interrupted.class, () -> StagedFolder.write(empty, d -> {
            throw new Interrupted("SIGINT");
        }));
        assertEquals(List.of("empty"), listing()); // the empty folder the user made stays
        assertTrue(FileTrees.isEmptyDir(empty));
    }

    @Test
    void theStagingFolderIsNamedAfterTheTargetAndThisProcess() {
        Path s = StagedFolder.stagingFor(dir.resolve("x/../out"));
        assertEquals(dir.toAbsolutePath().resolve("out.partial-" + ProcessHandle.current().pid()), s);
    }
}
