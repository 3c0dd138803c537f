package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** configs/custom_{voc,coco,yolo}.yaml resolve, mark what to set, and read a real data set of their layout. */
class CustomTemplatesTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void data() {
        ShapesGenerator.generate(dir.resolve("shapes"), new ShapesParams(6, 4, 64, 2, 1.0));
        CliTest.Result r = CliTest.run("data", "convert", "--from", "coco", "--in",
                dir.resolve("shapes/annotations/instances_train.json").toString(), "--to", "yolo", "--out",
                dir.resolve("yolo").toString());
        assertEquals(0, r.code(), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"voc", "coco", "yolo"})
    void resolvesAndMarksTheKeysToSet(String format) throws Exception {
        Path file = Path.of("configs/custom_" + format + ".yaml");
        CliTest.Result r = CliTest.run("config", "show", "-c", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("format: " + format), r.out());
        List<String> set = Files.readAllLines(file).stream().filter(l -> l.contains("# SET")).toList();
        for (String key : List.of("root:", "train:", "val:", "classes:", "min_size:", "max_iters:")) {
            assertTrue(set.stream().anyMatch(l -> l.trim().startsWith(key)), key + " is not marked SET in " + file);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"voc", "coco", "yolo"})
    void readsItsLayoutAndSuggestsConfigLines(String format) {
        String root = switch (format) {
            case "voc" -> dir.resolve("shapes/VOCdevkit").toString();
            case "coco" -> dir.resolve("shapes").toString();
            default -> dir.resolve("yolo/data.yaml").toString();
        };
        String train = format.equals("voc") ? "[VOC2007/train]" : "[train]";
        CliTest.Result r = CliTest.run("data", "stats", "-c", "configs/custom_" + format + ".yaml",
                "--set", "data.root=" + root, "--set", "data.train=" + train);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("images:          6"), r.out());
        assertTrue(r.out().contains("classes: [circle, cross, square, triangle]   # 4 classes"), r.out());
        assertTrue(r.out().contains("min_size: [64]"), r.out());
        assertTrue(r.out().contains("anchor check:"), r.out());
    }
}
