package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Main prints for bad data-set and config input: one line, the option or file, the right exit code. */
class DataMessagesCliTest {
    @TempDir
    Path tmp;

    private static void assertOneLine(CliTest.Result r, int code, String... parts) {
        assertEquals(code, r.code(), r.err());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), r.err());
        assertFalse(line.matches(".*[A-Za-z]+(Exception|Error)\\b.*"), r.err());
        for (String p : parts) {
            assertTrue(line.contains(p), "'" + p + "' not in: " + line);
        }
    }

    @Test
    void convertNamesTheOptionTheFileAndFailsOnUnreadableInput() throws Exception {
        assertOneLine(CliTest.run("data", "convert", "--from", "pascal", "--in", "x", "--to", "coco", "--out", "y"), 2,
                "--from: unknown format 'pascal' (allowed: voc, coco, yolo)");
        Path json = tmp.resolve("set/annotations/instances_val.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, "{\"images\": [{\"id\": 1,");
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        assertOneLine(CliTest.run("data", "convert", "--from", "coco", "--in", json.toString(), "--to", "yolo",
                "--out", file.toString()), 2, "--out " + file + ": is an existing file, not a folder");
        Path out = tmp.resolve("out");
        assertOneLine(CliTest.run("data", "convert", "--from", "coco", "--in", json.toString(), "--to", "yolo",
                "--out", out.toString()), 1, json.toString(), "nothing to convert", "malformed COCO JSON");
        assertFalse(Files.exists(out.resolve("data.yaml")));
    }

    @Test
    void configProblemsBlameTheSetOrTheFile() throws Exception {
        Path cfg = Files.writeString(tmp.resolve("c.yaml"), "train:\n  lr: 0.1\n");
        assertOneLine(CliTest.run("config", "show", "-c", cfg.toString(), "--set", ".=1"), 2,
                "--set .=1: key '.' has an empty part");
        CliTest.Result r = CliTest.run("config", "show", "-c", cfg.toString(), "--set", "train.=1");
        assertOneLine(r, 2, "--set train.=1");
        assertFalse(r.err().contains("c.yaml"), r.err());
        Path latin1 = Files.write(tmp.resolve("l.yaml"), "data:\n  root: caf\u00e9\n".getBytes("ISO-8859-1"));
        assertOneLine(CliTest.run("config", "show", "-c", latin1.toString()), 2, latin1 + ": not UTF-8 text");
        assertOneLine(CliTest.run("config", "show", "-c", cfg.toString(), "--set", "data.std=[0,0,0]"), 2, "data.std: must be > 0");
    }
}
