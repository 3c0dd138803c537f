package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output options that name a file (refused before any work), a bad --score, and eval readers that refuse
 * duplicate keys and infinite numbers.
 */
class OutputOptionsCliTest {
    @TempDir
    Path dir;

    private Path file() throws Exception {
        Path f = dir.resolve("a-file");
        Files.writeString(f, "x");
        return f;
    }

    private static void oneLine(CliRunner.Result r, int code, String... words) {
        assertEquals(code, r.code(), r.out() + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        for (String w : words) {
            assertTrue(err.contains(w), err);
        }
        assertFalse(err.contains("Exception"), err);
    }

    private static final String[] PREDICT = {"predict", "-c", "configs/shapes_r18_fpn_demo.yaml", "--weights", "none",
        "--input", "none"};

    private static String[] with(String[] base, String... more) {
        String[] a = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, a, base.length, more.length);
        return a;
    }

    @Test
    void predictScoreMustBeAProbability() {
        for (String bad : new String[] {"NaN", "-0.1", "1.5"}) {
            oneLine(CliRunner.run(with(PREDICT, "--out", dir.resolve("p").toString(), "--score", bad)), 2, "--score");
        }
        assertFalse(Files.exists(dir.resolve("p")));
    }

    @Test
    void outputOptionsNamingAFileAreOneLine() throws Exception {
        Path f = file();
        oneLine(CliRunner.run(with(PREDICT, "--out", f.toString())), 2, "--out", f.toString(), "existing file");
        oneLine(CliRunner.run("train", "-c", "configs/shapes_r18_fpn_demo.yaml", "--out", f.toString()), 2, "--out",
                f.toString());
        oneLine(CliRunner.run("eval", "--gt", EvalCommandTest.fixture("edge_gt.json"), "--detections",
                EvalCommandTest.fixture("edge_dt.json"), "--plots", f.toString()), 2, "--plots", f.toString());
        assertEquals("x", Files.readString(f));
    }

    /** sweep --out, data stats --plots, data browse --out: refused before any work (stats were printed first). */
    @Test
    void sweepStatsAndBrowseRefuseAFileBeforeWorking() throws Exception {
        Path f = file();
        Path data = dir.resolve("shapes");
        assertEquals(0, CliRunner.run("data", "shapes", "--out", data.toString(), "--train", "4", "--val", "2",
                "--size", "64", "--seed", "1").code());
        String[] demo = {"-c", "configs/shapes_r18_fpn_demo.yaml", "--set", "data.root=" + data};
        String refused = "--out " + f + ": is an existing file, not a folder";
        oneLine(CliRunner.run(with(with(new String[] {"sweep"}, demo), "--grid", "train.lr=0.1,0.2", "--out",
                f.toString())), 2, refused);
        oneLine(CliRunner.run(with(with(new String[] {"data", "browse"}, demo), "--out", f.toString())), 2, refused);
        CliRunner.Result r = CliRunner.run(with(with(new String[] {"data", "stats"}, demo), "--plots", f.toString()));
        oneLine(r, 2, "--plots " + f + ": is an existing file, not a folder");
        assertEquals("", r.out(), "nothing is printed before the refusal");
        assertEquals("x", Files.readString(f));
    }

    @Test
    void evalFileModeRefusesOut() {
        oneLine(CliRunner.run("eval", "--gt", EvalCommandTest.fixture("edge_gt.json"), "--detections",
                EvalCommandTest.fixture("edge_dt.json"), "--out", dir.resolve("o").toString()), 2, "--out", "model mode");
    }

    @Test
    void evalReadersRefuseDuplicateKeysAndInfiniteNumbers() throws Exception {
        Path gt = dir.resolve("gt.json");
        String images = "\"images\": [{\"id\": 1, \"width\": 10, \"height\": 10}]";
        String rest = "\"categories\": [{\"id\": 1, \"name\": \"a\"}], "
                + "\"annotations\": [{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 5, 5]}]";
        Files.writeString(gt, "{" + images + ", " + images + ", " + rest + "}");
        Path dt = dir.resolve("dt.json");
        Files.writeString(dt, "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 5, 5], \"score\": 0.9}]");
        oneLine(CliRunner.run("eval", "--gt", gt.toString(), "--detections", dt.toString()), 1, gt.toString(),
                "Duplicate field 'images'");

        Files.writeString(gt, "{" + images + ", " + rest + "}");
        assertEquals(0, CliRunner.run("eval", "--gt", gt.toString(), "--detections", dt.toString()).code());
        Files.writeString(dt, "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 5, 5], \"score\": 0.9, \"score\": 0.1}]");
        oneLine(CliRunner.run("eval", "--gt", gt.toString(), "--detections", dt.toString()), 1, dt.toString(),
                "Duplicate field 'score'");
        Files.writeString(dt, "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 5, 5], \"score\": 1e999}]");
        oneLine(CliRunner.run("eval", "--gt", gt.toString(), "--detections", dt.toString()), 1, dt.toString(),
                "non-finite \"score\"");
        Files.writeString(gt, "{" + images + ", " + rest.replace("[0, 0, 5, 5]", "[0, 0, 5, 1e999]") + "}");
        oneLine(CliRunner.run("eval", "--gt", gt.toString(), "--detections", dt.toString()), 1, gt.toString(),
                "non-finite");
    }
}
