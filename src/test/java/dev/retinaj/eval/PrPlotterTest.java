package dev.retinaj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrPlotterTest {
    @Test
    void drawsCurvesIncludingEmptyOnesAndKeepsFileNamesUnique(@TempDir Path dir) throws Exception {
        GroundTruth gt = GroundTruth.builder().addImage(1, 100, 100)
                .addCategory(1, "a b").addCategory(2, "a/b").addCategory(3, "c")
                .addBox(1, 1, 0, 0, 50, 50, false).addBox(1, 2, 50, 50, 90, 90, false).addBox(1, 3, 0, 50, 40, 90, false)
                .build();
        // class 3 has ground truth but no detections: an empty curve
        List<Result> r = List.of(Result.ofCorners(1, 1, 0, 0, 50, 50, 0.9), Result.ofCorners(1, 2, 0, 0, 10, 10, 0.8));
        VocMetrics m = VocEvaluator.evaluate(gt, r, VocEvaluator.Mode.VOC);
        List<Path> files = PrPlotter.writeAll(m.prFigures(), dir.resolve("plots"));
        assertEquals(List.of("pr_a_b.png", "pr_a_b_2.png", "pr_c.png", "pr_overall.png"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        BufferedImage img = ImageIO.read(files.get(0).toFile());
        // the perfect curve of class "a b" runs along precision 1: the plot's top edge has curve pixels
        int colored = 0;
        for (int x = 70; x < 600; x++) {
            for (int y = 38; y < 43; y++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                int r0 = (rgb >> 16) & 0xff;
                int g0 = (rgb >> 8) & 0xff;
                int b0 = rgb & 0xff;
                if (Math.max(r0, Math.max(g0, b0)) - Math.min(r0, Math.min(g0, b0)) > 80) {
                    colored++;
                }
            }
        }
        assertEquals(true, colored > 500, "curve pixels along precision 1: " + colored);
    }
}
