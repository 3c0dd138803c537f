package dev.retinaj.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retinaj.tensorboard.proto.Event;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFilesTest {
    @TempDir
    Path dir;

    /** "tag@step" of each record, "version" for the file_version event. */
    private static List<String> events(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (byte[] r : TfRecord.readAll(in)) {
                Event e = Event.parseFrom(r);
                out.add(e.hasSummary() ? e.getSummary().getValue(0).getTag() + "@" + e.getStep() : "version");
            }
        }
        return out;
    }

    private static Path write(Path logDir, long... steps) throws IOException {
        try (EventWriter w = EventWriter.open(logDir)) {
            for (long s : steps) {
                w.scalar("loss", s / 10.0, s);
                if (s == 3) {
                    w.image("grid", new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), s);
                }
            }
            return w.file();
        }
    }

    @Test
    void stepsAfterTheResumeStepAndABrokenTailAreCutFromEveryFile() throws IOException {
        Path tb = dir.resolve("tb");
        Path first = write(tb, 1, 2, 3, 4, 5);
        byte[] half = Arrays.copyOf(Files.readAllBytes(first), 30); // a killed writer's partial record
        Files.write(first, half, StandardOpenOption.APPEND);
        assertThrows(IOException.class, () -> events(first));
        Path second = write(tb, 2, 6);
        assertEquals(List.of(first, second).stream().sorted().toList(), EventFiles.list(tb));

        assertEquals(3, EventFiles.dropAfter(tb, 3)); // 4 and 5 from the first file, 6 from the second
        assertEquals(List.of("version", "loss@1", "loss@2", "loss@3", "grid@3"), events(first));
        assertEquals(List.of("version", "loss@2"), events(second));
        assertEquals(List.of(first, second).stream().sorted().toList(), EventFiles.list(tb), "no temp file left");
    }

    @Test
    void aFileWithNothingToDropIsLeftUntouched() throws IOException {
        Path tb = dir.resolve("tb");
        Path f = write(tb, 1, 2);
        FileTime before = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(f, before);
        byte[] bytes = Files.readAllBytes(f);
        assertEquals(0, EventFiles.dropAfter(tb, 2));
        assertArrayEquals(bytes, Files.readAllBytes(f));
        assertEquals(before, Files.getLastModifiedTime(f));
        assertEquals(0, EventFiles.dropAfter(dir.resolve("absent"), 0));
    }
}
