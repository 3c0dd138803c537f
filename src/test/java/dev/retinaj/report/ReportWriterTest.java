package dev.retinaj.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retinaj.TinyRun;
import dev.retinaj.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesOneSelfContainedPage() throws Exception {
        Path out = dir.resolve("report.html");
        assertEquals(0, Main.run("report", TinyRun.run().toString(), "--out", out.toString()));
        String html = Files.readString(out);
        for (String section : new String[] {"Training curves", "Average precision per class", "Precision-recall curves",
            "Confusion matrix", "Precision, recall and F1 against confidence", "Validation images, most errors first",
            "Validation data", "Config"}) {
            assertTrue(html.contains("<h2>" + section), "no section " + section);
        }
        // self-contained: every picture is a data URI, nothing is fetched
        Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (src.find()) {
            assertTrue(src.group(1).startsWith("data:image/png;base64,"), "not inlined: " + src.group(1));
            images++;
        }
        // curves, 4 class + 2 overall PR, confusion, score curves, 8 validation images, 2 data charts
        assertEquals(1 + 6 + 1 + 1 + 8 + 2, images);
        assertTrue(html.contains("<td>circle</td><td>"), "per-class table");
        assertTrue(html.contains("VOC07 AP (11-point)") && html.contains("COCO AP"));
        assertTrue(html.contains("model:"), "the config is shown");
    }

    @Test
    void aDirectoryWithoutARunIsAUsageError() {
        assertEquals(2, Main.run("report", dir.toString()));
    }

    @Test
    void rendersInHeadlessChromiumWithEveryImageAndNoConsoleError() throws Exception {
        assumeTrue(HeadlessChromium.available(), "chromium is not installed (.ci/run installs it)");
        Path out = dir.resolve("report.html");
        assertEquals(0, Main.run("report", TinyRun.run().toString(), "--out", out.toString()));
        HeadlessChromium.Page page = HeadlessChromium.open(out);
        Matcher body = Pattern.compile("<body data-images=\"(\\d+)\" data-loaded=\"(\\d+)\"").matcher(page.dom());
        assertTrue(body.find(), "the load check did not run: " + page.dom().substring(0, Math.min(300, page.dom().length())));
        assertEquals(19, Integer.parseInt(body.group(1)));
        assertEquals(body.group(1), body.group(2), "images that did not load");
        assertTrue(page.consoleErrors().isEmpty(), "console errors: " + page.consoleErrors());

        // the console check sees errors when there are some
        Path broken = dir.resolve("broken.html");
        Files.writeString(broken, "<html><body><script>notDefinedAnywhere();</script></body></html>");
        assertTrue(!HeadlessChromium.open(broken).consoleErrors().isEmpty(), "an uncaught error went unseen");
    }

    @Test
    void worstImagesComeFirstAndTileIntoOneMosaic() throws Exception {
        RunArtifacts run = RunArtifacts.load(TinyRun.run());
        java.util.List<ValidationGrid.Tile> tiles = ValidationGrid.worst(run, 5, 0.3, 0.5, 128);
        assertEquals(5, tiles.size());
        for (int i = 1; i < tiles.size(); i++) {
            assertTrue(tiles.get(i - 1).errors() >= tiles.get(i).errors(), "not worst first");
        }
        assertEquals(128, tiles.get(0).image().getWidth()); // 96 px images drawn at 128
        java.awt.image.BufferedImage m = ValidationGrid.mosaic(tiles, 3);
        assertEquals(3 * (128 + 8) + 8, m.getWidth());
        assertEquals(2 * (128 + 8) + 8, m.getHeight());
    }
}
