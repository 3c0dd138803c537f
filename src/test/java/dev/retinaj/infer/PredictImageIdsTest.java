package dev.retinaj.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.retinaj.data.DetectionRecord;
import dev.retinaj.data.LoadReport;
import dev.retinaj.data.LoadedSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PredictImageIdsTest {
    private static DetectionRecord record(long id, String path) {
        return new DetectionRecord(id, Path.of(path).getFileName().toString(), Path.of(path), 10, 10, new float[0],
                new int[0], new boolean[0]);
    }

    private static Supplier<LoadedSplit> split(AtomicInteger reads, DetectionRecord... records) {
        return () -> {
            reads.incrementAndGet();
            return new LoadedSplit(List.of(records), List.of("a"), new long[] {1}, new LoadReport(records.length, 0, 0,
                    List.of()));
        };
    }

    @Test
    void dataSetIdsThenNumberedStemsThenNewIds() {
        AtomicInteger reads = new AtomicInteger();
        Supplier<LoadedSplit> val = split(reads, record(40, "/data/val/cat.jpg"), record(41, "/data/val/dup.jpg"),
                record(42, "/data/other/dup.jpg"), record(43, "/data/val/x.jpg"), record(44, "/data/val2/x.jpg"));
        Supplier<LoadedSplit> train = split(reads, record(7, "/data/train/dog.jpg"));
        List<Path> images = new ArrayList<>(List.of(
                Path.of("/elsewhere/cat.jpg"),    // by its name: 40
                Path.of("/data/val2/x.jpg"),      // by its path, although x.jpg is there twice: 44
                Path.of("/elsewhere/dup.jpg"),    // its name names two images: not from the data set; a new id
                Path.of("/in/001002.jpg"),        // its stem: 1002
                Path.of("/in/dog.png"),           // not dog.jpg; a new id
                Path.of("/in/dog.jpg"),           // from the second split: 7
                Path.of("/in/7.jpg"),             // 7 is taken; a new id
                Path.of("/in/40.png")));          // 40 is taken; a new id
        long[] ids = PredictImageIds.of(images, List.of(val, train));
        assertArrayEquals(new long[] {40, 44, 1003, 1002, 1004, 7, 1005, 1006}, ids);
        assertEquals(2, reads.get());
    }

    @Test
    void laterSplitsAreNotReadOnceEveryImageIsKnownAndAMissingDataSetIsSkipped() {
        AtomicInteger reads = new AtomicInteger();
        Supplier<LoadedSplit> val = split(reads, record(5, "/d/a.jpg"));
        Supplier<LoadedSplit> train = split(reads, record(6, "/d/b.jpg"));
        assertArrayEquals(new long[] {5}, PredictImageIds.of(List.of(Path.of("/d/a.jpg")), List.of(val, train)));
        assertEquals(1, reads.get());
        assertArrayEquals(new long[] {3, 4, 1}, PredictImageIds.of(List.of(Path.of("3.jpg"), Path.of("b.jpg"),
                Path.of("0001.jpg")), List.of(() -> null)));
    }

    @Test
    void numbersAreDigitsOnly() {
        assertEquals(1002L, PredictImageIds.number("001002"));
        assertNull(PredictImageIds.number("12a"));
        assertNull(PredictImageIds.number("-3"));
        assertNull(PredictImageIds.number(""));
        assertNull(PredictImageIds.number("1234567890123456789"));
    }
}
