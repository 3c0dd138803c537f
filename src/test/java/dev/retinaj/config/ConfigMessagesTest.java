package dev.retinaj.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values that used to pass silently or fail with an exception name now fail as one line naming the key. */
class ConfigMessagesTest {
    @TempDir
    Path dir;

    private static String message(String... sets) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of(sets))).getMessage();
    }

    @Test
    void stdMustBePositiveAndNumbersFinite() {
        assertEquals("--set data.std: data.std: must be > 0 (pixels are divided by it), got 0",
                message("data.std=[0.2, 0, 0.2]"));
        assertEquals("--set data.std: data.std: must be > 0 (pixels are divided by it), got -1",
                message("data.std=[-1, 1, 1]"));
        assertEquals("--set data.mean: data.mean[0]: expected a finite number, got Infinity", message("data.mean=[1e999, 0, 0]"));
        assertEquals("--set train.lr: train.lr: expected a finite number, got Infinity", message("train.lr=1e999"));
        ConfigLoader.load(null, List.of("data.std=[1e-6, 1, 255]"));
    }

    @Test
    void thresholdsOutsideZeroOneAndNanAreRejected() {
        assertEquals("--set test.score_thresh: test.score_thresh: must be in [0, 1], got 1.5", message("test.score_thresh=1.5"));
        assertEquals("--set test.nms_thresh: test.nms_thresh: must be in [0, 1], got -0.1", message("test.nms_thresh=-0.1"));
        assertEquals("--set assigner.fg_iou: assigner.fg_iou: must be in [0, 1], got 2", message("assigner.fg_iou=2"));
        assertTrue(message("test.score_thresh=.nan").startsWith("--set test.score_thresh: cannot read value '.nan'"));
        assertEquals(0.5, Thresholds.probability("--score", 0.5));
        ConfigException e = assertThrows(ConfigException.class, () -> Thresholds.probability("--score", Double.NaN));
        assertEquals("--score: must be in [0, 1], got NaN", e.getMessage());
        assertEquals("--score: must be in [0, 1], got 1.01",
                assertThrows(ConfigException.class, () -> Thresholds.probability("--score", 1.01)).getMessage());
    }

    @Test
    void setWithAnEmptyKeyPartBlamesTheSet() throws Exception {
        for (String bad : List.of(".=1", "train.=1", ".train=1", "train..lr=1")) {
            String key = bad.substring(0, bad.indexOf('='));
            assertEquals("--set " + bad + ": key '" + key + "' has an empty part; expected KEY=VALUE with a dotted key,"
                    + " e.g. train.lr=0.02", message(bad));
        }
        Path cfg = Files.writeString(dir.resolve("c.yaml"), "train:\n  lr: 0.1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(cfg, List.of("train.=1")));
        assertTrue(e.getMessage().startsWith("--set train.=1"), e.getMessage());
    }

    @Test
    void nonUtf8YamlIsOneLineNamingTheFileAndLine() throws Exception {
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), "seed: 1\ndata:\n  root: caf\u00e9\n".getBytes("ISO-8859-1"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(latin1, List.of()));
        assertEquals(latin1 + ": not UTF-8 text (byte 0xE9 at line 3); save the file as UTF-8", e.getMessage());
        Path utf8 = Files.writeString(dir.resolve("utf8.yaml"), "data:\n  root: caf\u00e9\n");
        assertEquals(dir.resolve("caf\u00e9").toString(), ConfigLoader.load(utf8, List.of()).data().root());
        assertEquals("Unexpected character", YamlText.firstLine("java.io.CharConversionException: Unexpected character\nmore"));
    }

    @Test
    void stringsThatLookLikeOtherValuesAreQuotedAndRoundTrip() throws Exception {
        List<String> names = List.of("1e3", "007", "true", "null", "~", "0x1F", "1_000", ".inf", "no", "yes", "off",
                "1.5e-3", "-", "[a]", "a: b", "#x", "3", "-2.5", "plain", "with space");
        List<String> quoted = new ArrayList<>();
        names.forEach(n -> quoted.add("'" + n.replace("'", "''") + "'"));
        RetinaConfig c = ConfigLoader.load(null, List.of("data.classes=[" + String.join(", ", quoted) + "]",
                "data.root='1e3'"));
        assertEquals(names, c.data().classes());
        Path out = dir.resolve("config.yaml");
        ConfigWriter.write(c, out);
        RetinaConfig back = ConfigLoader.load(out, List.of());
        assertEquals(names, back.data().classes());
        assertEquals(Path.of("1e3").toAbsolutePath().toString(), back.data().root());
        assertEquals(c, back);
        String yaml = Files.readString(out);
        assertTrue(yaml.contains("- \"1e3\"\n") && yaml.contains("- plain\n"), yaml);
        assertTrue(yaml.contains("format: coco\n"), "ordinary words stay unquoted");
    }

    @Test
    void classNamesMustBeUniqueAndNonBlank() {
        assertEquals("--set data.classes: data.classes: 'x' is named twice; each class needs its own name",
                message("data.classes=[x, y, x]"));
        assertEquals("--set data.classes: data.classes: name 1 is empty", message("data.classes=[x, '  ']"));
        assertEquals("--set data.classes: data.classes: name 0 is empty", message("data.classes=['']"));
        assertEquals(List.of("x", "X"), ConfigLoader.load(null, List.of("data.classes=[x, X]")).data().classes());
    }
}
