package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict applies data.on_bad_sample to its input images, as train does to its data set (default: skip). */
class PredictBadImagesTest {
    @TempDir
    Path dir;
    Path in;
    Path half;
    Path empty;

    /** Two good images (a, d) and two bad ones between them: a JPEG cut in half and an empty file. */
    @BeforeEach
    void images() throws Exception {
        in = dir.resolve("in");
        Files.createDirectories(in);
        List<Path> val;
        try (Stream<Path> s = Files.list(TinyRun.data().resolve("val"))) {
            val = s.sorted().toList();
        }
        Files.copy(val.get(0), in.resolve("a.jpg"));
        byte[] b = Files.readAllBytes(val.get(1));
        half = Files.write(in.resolve("b.jpg"), Arrays.copyOf(b, b.length / 2));
        empty = Files.write(in.resolve("c.jpg"), new byte[0]);
        Files.copy(val.get(2), in.resolve("d.jpg"));
    }

    @Test
    void skipByDefaultCountsAndNamesTheBadImagesAndDrawsOnlyTheGoodOnes() throws Exception {
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("predict", TinyRun.run().toString(), "--input", in.toString(), "--out",
                out.toString(), "--score", "0");
        assertEquals(0, r.code(), r.err());
        String line = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(line.startsWith("2 images, "), line);
        assertTrue(line.endsWith(" -> " + out + "; 2 bad images skipped (data.on_bad_sample: skip): " + half + ", " + empty),
                line);
        Set<String> files = new HashSet<>();
        for (JsonNode d : new ObjectMapper().readTree(out.resolve("detections.json").toFile())) {
            files.add(d.get("file").asText());
        }
        assertEquals(Set.of(in.resolve("a.jpg").toString(), in.resolve("d.jpg").toString()), files);
        assertTrue(Files.isRegularFile(out.resolve("a.png")) && Files.isRegularFile(out.resolve("d.png")));
        assertFalse(Files.exists(out.resolve("b.png")) || Files.exists(out.resolve("c.png")));
    }

    @Test
    void failStopsAtTheFirstBadImageInOneLineNamingIt() {
        CliRunner.Result r = CliRunner.run("predict", TinyRun.run().toString(), "--input", in.toString(), "--out",
                dir.resolve("out").toString(), "--set", "data.on_bad_sample=fail");
        assertEquals(1, r.code(), r.err());
        List<String> lines = r.err().strip().lines().filter(l -> !l.startsWith("predict [")).toList();
        assertEquals(List.of("retinaj: " + half + ": truncated JPEG (no end-of-image marker) (data.on_bad_sample: fail)"),
                lines);
    }

    @Test
    void onlyBadImagesIsAnErrorNamingTheInput() throws Exception {
        Files.delete(in.resolve("a.jpg"));
        Files.delete(in.resolve("d.jpg"));
        CliRunner.Result r = CliRunner.run("predict", TinyRun.run().toString(), "--input", in.toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(1, r.code(), r.err());
        List<String> lines = r.err().strip().lines().filter(l -> !l.startsWith("predict [")).toList();
        assertEquals(List.of("retinaj: --input " + in + ": no image could be read (2 bad; first: " + half
                + ": truncated JPEG (no end-of-image marker))"), lines);
    }

    @Test
    void theSummaryNamesTheFirstTwentySkippedPaths() {
        assertEquals("", PredictCommand.skippedNote(List.of()));
        List<String> paths = IntStream.rangeClosed(1, 25).mapToObj(i -> "x" + i + ".jpg").toList();
        String note = PredictCommand.skippedNote(paths);
        assertTrue(note.startsWith("; 25 bad images skipped (data.on_bad_sample: skip): x1.jpg, x2.jpg, "), note);
        assertTrue(note.endsWith(", x19.jpg, x20.jpg, ..."), note);
        assertFalse(note.contains("x21.jpg"), note);
    }
}
