package dev.retinaj.data;

import dev.retinaj.cli.Main;
import dev.retinaj.util.BadFileException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.DataConfig;
import dev.retinaj.config.DataConfig.Format;
import dev.retinaj.config.DataConfig.OnBadSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data convert} and the config-driven readers (train/eval/predict/stats) keep to the data root. */
class ConvertContainmentTest {
    @TempDir
    Path tmp;
    Path root;
    Path secret;
    Path real;

    @BeforeEach
    void layout() throws Exception {
        root = tmp.resolve("set");
        Files.createDirectories(tmp.resolve("outside"));
        secret = Files.writeString(tmp.resolve("outside/secret.jpg"), ContainmentTest.SECRET);
        real = DataFixtures.image(tmp.resolve("outside/real.jpg"), 48, 36); // unlike a.jpg
        DataFixtures.image(root.resolve("val/a.jpg"), 40, 30);
    }

    private DataInput input(boolean allowOutside) {
        return new DataInput(Format.COCO, root.resolve("annotations/instances_val.json"), null, null, allowOutside);
    }

    /** No written file is the secret, shares its inode, or holds its bytes. */
    private void assertNothingFromOutside(Path out) throws IOException {
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.isSameFile(p, secret) || Files.isSameFile(p, real), p.toString());
                assertFalse(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains(ContainmentTest.SECRET), p.toString());
                assertFalse(Files.mismatch(p, real) == -1, p + " is a copy of the outside image");
            }
        }
    }

    @Test
    void cocoToYoloAndVocCopiesOnlyImagesInsideTheRoot() throws Exception {
        ContainmentTest.coco(root, "a.jpg", "../../outside/secret.jpg", secret.toAbsolutePath().toString());
        for (Format to : List.of(Format.YOLO, Format.VOC)) {
            Path out = tmp.resolve("out_" + to);
            DataConverter.Result r = DataConverter.convert(input(false), List.of(), to, out,
                    new BadSamples(OnBadSample.SKIP));
            assertEquals(1, r.imagesPerSplit().get("val"), to.toString());
            assertEquals(2, r.problems().size(), r.problems().toString());
            ContainmentTest.assertEscape(r.problems(), "instances_val.json", "'../../outside/secret.jpg'", "leads outside");
            Path copied = to == Format.YOLO ? out.resolve("images/val/a.jpg") : out.resolve("JPEGImages/a.jpg");
            assertEquals(-1, Files.mismatch(copied, root.resolve("val/a.jpg")));
            assertFalse(Files.isSameFile(copied, root.resolve("val/a.jpg")), "copied by default, not linked");
            assertNothingFromOutside(out);
        }
    }

    @Test
    void aBareJsonOutsideAnAnnotationsFolderIsContainedInItsOwnFolder() throws Exception {
        // ~/Downloads/x.json next to its image: the root is Downloads, not its parent, so one ../ escapes.
        Path downloads = tmp.resolve("downloads");
        DataFixtures.image(downloads.resolve("a.jpg"), 40, 30);
        Files.writeString(downloads.resolve("notes.txt"), ContainmentTest.SECRET);
        Path json = ContainmentTest.coco(downloads, "a.jpg", "../outside/secret.jpg", "notes.txt");
        Path bare = Files.move(json, downloads.resolve("x.json"));
        DataInput in = new DataInput(Format.COCO, bare, null, null, false);
        assertEquals(downloads.toAbsolutePath(), in.dataRoot());
        Path out = tmp.resolve("bare_out");
        DataConverter.Result r = DataConverter.convert(in, List.of(), Format.COCO, out, new BadSamples(OnBadSample.SKIP));
        assertEquals(1, r.imagesPerSplit().get("x"), r.problems().toString());
        ContainmentTest.assertEscape(r.problems(), "x.json", "'../outside/secret.jpg'", "leads outside");
        assertTrue(r.problems().stream().anyMatch(p -> p.file().endsWith("notes.txt") && p.reason().contains("not an image")),
                r.problems().toString());
        assertNothingFromOutside(out);
    }

    @Test
    void evenWhenTheReaderMayLeaveTheRootConvertNeverCopiesFromOutside() throws Exception {
        ContainmentTest.coco(root, "a.jpg", "../../outside/real.jpg");
        Path out = tmp.resolve("yolo");
        DataConverter.Result r = DataConverter.convert(input(true), List.of(), Format.YOLO, out,
                new BadSamples(OnBadSample.SKIP), true);
        assertEquals(1, r.imagesPerSplit().get("val"));
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).reason().contains("data convert never copies or links"), r.problems().toString());
        assertTrue(Files.isSameFile(out.resolve("images/val/a.jpg"), root.resolve("val/a.jpg")), "--link links");
        assertNothingFromOutside(out);
    }

    @Test
    void unreadableInputIsAnErrorNotAnEmptyDataSet() throws Exception {
        Path json = root.resolve("annotations/instances_val.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, "{\"images\": [");
        Path out = tmp.resolve("out");
        BadFileException e = assertThrows(BadFileException.class, () -> DataConverter.convert(input(false), List.of(), Format.YOLO,
                out, new BadSamples(OnBadSample.SKIP)));
        assertEquals(1, Main.exitCode(e));
        assertTrue(e.getMessage().contains("instances_val.json") && e.getMessage().contains("malformed COCO JSON"),
                e.getMessage());
        assertFalse(Files.exists(out.resolve("data.yaml")));
    }

    private DataConfig config(boolean allow) {
        return ConfigLoader.load(null, List.of("data.format=coco", "data.root=" + root, "data.train=[val]",
                "data.val=[val]", "data.allow_outside_root=" + allow)).data();
    }

    @Test
    void trainEvalAndStatsReadThroughTheSameContainment() throws Exception {
        ContainmentTest.coco(root, "a.jpg", "../outside-of-val/../../outside/real.jpg");
        LoadedSplit s = DataSource.train(config(false));
        assertEquals(List.of("a"), s.records().stream().map(DetectionRecord::name).toList());
        ContainmentTest.assertEscape(s.report().problems(), "instances_val.json", "file_name", "leads outside");
        assertEquals(1, DataSource.read(config(false), List.of("val"), null, true, BadSamples.collecting())
                .records().size());
        LoadedSplit allowed = DataSource.val(config(true));
        assertEquals(List.of("a", "real"), allowed.records().stream().map(DetectionRecord::name).toList());
        assertEquals(0, allowed.report().problems().size());
    }

    @Test
    void anAnnotationFileSymlinkedOutOfDataRootStopsTheRun() throws Exception {
        Path outsideJson = ContainmentTest.coco(tmp.resolve("outside"), "a.jpg");
        Files.createDirectories(root.resolve("annotations"));
        Files.createSymbolicLink(root.resolve("annotations/instances_val.json"), outsideJson.toAbsolutePath());
        BadFileException e = assertThrows(BadFileException.class, () -> DataSource.train(config(false)));
        assertTrue(e.getMessage().contains("instances_val.json: is a symlink leading outside the data root"),
                e.getMessage());
        assertEquals(1, DataSource.train(config(true)).records().size());
    }
}
