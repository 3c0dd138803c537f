package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import dev.retinaj.util.ChildJvm;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code retinaj data ...} processes interrupted while they read, convert or generate a data set:
 * each stops within a second or two (not the {@code Interrupts} halt after 5 s) with one line naming
 * what it was doing, exits 130, and leaves no output folder, whole or partial.
 */
class DataInterruptTest {
    @TempDir
    Path dir;

    @Test
    void statsStopsWhileReadingALargeCocoFile() throws Exception {
        Path json = bigCoco(dir.resolve("big"), 150_000);
        Path out = dir.resolve("stats.out");
        Path classes = dir.resolve("classes.log");
        Process p = ChildJvm.start(ChildJvm.command("dev.retinaj.cli.Main",
                List.of("-Xlog:class+load=info:file=" + classes),
                List.of("data", "stats", "--format", "coco", "--root", json.toString())), out);
        // Jackson's parser is loaded as the reader opens the file; reading it takes seconds
        assertTrue(ChildJvm.awaitText(p, classes, "com.fasterxml.jackson.core.json.UTF8StreamJsonParser "),
                Files.readString(out));
        Thread.sleep(200);
        ChildJvm.sigint(p);
        double s = ChildJvm.secondsToExit(p, 30);
        assertEquals(130, p.exitValue(), Files.readString(out));
        List<String> ours = ChildJvm.ourLines(out);
        assertEquals(1, ours.size(), Files.readString(out));
        assertTrue(ours.get(0).matches("retinaj: SIGINT: interrupted while (reading|checking the images of) "
                + java.util.regex.Pattern.quote(json.toString())), ours.get(0));
        assertNoTrace(out);
        assertTrue(s < 2.5, "stopped after " + s + " s");
    }

    @Test
    void convertInterruptedWhileWritingLeavesNoOutput() throws Exception {
        Path shapes = dir.resolve("shapes");
        ShapesGenerator.generate(shapes, new ShapesParams(2000, 1, 32, 3, 1.0));
        Path target = dir.resolve("yolo");
        Path out = dir.resolve("convert.out");
        Process p = ChildJvm.start(ChildJvm.retinaj("data", "convert", "--from", "coco", "--in",
                shapes.resolve("annotations/instances_train.json").toString(), "--to", "yolo", "--out",
                target.toString()), out);
        Path staging = dir.resolve("yolo.partial-" + p.pid());
        assertTrue(awaitFiles(p, staging.resolve("yolo/images/train")), "finished before the signal: "
                + Files.readString(out));
        p.destroy(); // SIGTERM, sent at once (a kill process would take longer to start)
        double s = ChildJvm.secondsToExit(p, 30);
        assertEquals(130, p.exitValue(), Files.readString(out));
        assertEquals(List.of("retinaj: SIGTERM: interrupted while writing " + target), ChildJvm.ourLines(out));
        assertNoTrace(out);
        assertEquals(List.of("convert.out", "shapes"), listing(dir), "the output and its staging folder are gone");
        assertTrue(s < 2.5, "stopped after " + s + " s");
    }

    @Test
    void shapesInterruptedWhileDrawingLeavesNoOutput() throws Exception {
        Path target = dir.resolve("set");
        Path out = dir.resolve("shapes.out");
        Process p = ChildJvm.start(ChildJvm.retinaj("data", "shapes", "--out", target.toString(), "--train", "20000",
                "--val", "1", "--size", "64"), out);
        assertTrue(awaitFiles(p, dir.resolve("set.partial-" + p.pid()).resolve("set/train")), "finished before the signal");
        ChildJvm.sigint(p);
        double s = ChildJvm.secondsToExit(p, 30);
        assertEquals(130, p.exitValue(), Files.readString(out));
        assertEquals(List.of("retinaj: SIGINT: interrupted while generating the shapes data set in " + target),
                ChildJvm.ourLines(out));
        assertNoTrace(out);
        assertEquals(List.of("shapes.out"), listing(dir));
        assertTrue(s < 2.5, "stopped after " + s + " s");
    }

    /** Waits until {@code folder} holds a file (false if the process ended first). */
    private static boolean awaitFiles(Process p, Path folder) throws IOException, InterruptedException {
        while (p.isAlive()) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> s = Files.list(folder)) {
                    if (s.findAny().isPresent()) {
                        return true;
                    }
                } catch (IOException e) {
                    // moved or removed between the two calls
                }
            }
            Thread.sleep(1);
        }
        return false;
    }

    private static List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertNoTrace(Path out) throws IOException {
        String log = Files.readString(out);
        assertFalse(log.contains("\tat ") || log.contains("Exception") || log.contains("SIGSEGV"), log);
    }

    /**
     * An instances JSON of {@code n} images, all naming one real 32 px JPEG (each is opened and read in
     * full), with one box each.
     */
    private static Path bigCoco(Path root, int n) throws IOException {
        ShapesGenerator.generate(root.resolve("src"), new ShapesParams(1, 1, 32, 0, 1.0));
        Path images = Files.createDirectories(root.resolve("train"));
        Files.copy(root.resolve("src/train/000001.jpg"), images.resolve("a.jpg"));
        Path json = Files.createDirectories(root.resolve("annotations")).resolve("instances_train.json");
        try (BufferedWriter w = Files.newBufferedWriter(json)) {
            w.write("{\"images\": [");
            for (int i = 1; i <= n; i++) {
                w.write((i > 1 ? "," : "") + "{\"id\": " + i + ", \"file_name\": \"a.jpg\", \"width\": 32, \"height\": 32}");
            }
            w.write("], \"annotations\": [");
            for (int i = 1; i <= n; i++) {
                w.write((i > 1 ? "," : "") + "{\"id\": " + i + ", \"image_id\": " + i
                        + ", \"category_id\": 1, \"bbox\": [1, 2, 10, 12], \"iscrowd\": 0}");
            }
            w.write("], \"categories\": [{\"id\": 1, \"name\": \"thing\"}]}");
        }
        return json;
    }
}
