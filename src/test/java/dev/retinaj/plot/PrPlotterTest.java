package dev.retinaj.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retinaj.eval.GroundTruth;
import dev.retinaj.eval.Result;
import dev.retinaj.eval.VocEvaluator;
import dev.retinaj.eval.VocMetrics;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
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
        assertEquals(640, img.getWidth());
        // the perfect curve of class "a b" runs along precision 1 from recall 0 to 1
        XYChart c = PrPlotter.chart(m.prFigures().get(0).title(), m.prFigures().get(0).curves(), null);
        XYSeries precision = c.getSeriesMap().get("precision");
        assertArrayEquals(new double[] {0, 1}, precision.getXData(), 0);
        assertArrayEquals(new double[] {1, 1}, precision.getYData(), 0);
        // the legend sits outside the plot, where it cannot hide the knee of a curve
        assertEquals(Styler.LegendPosition.OutsideE, c.getStyler().getLegendPosition());
        // class "c" has no detections: its curve is the single point (recall 0, precision 0)
        XYChart empty = PrPlotter.chart("c", m.prFigures().get(2).curves(), null);
        assertArrayEquals(new double[] {0}, empty.getSeriesMap().get("precision").getXData(), 0);
        // and a figure without any curve still draws, with a placeholder
        XYChart none = PrPlotter.chart("none", List.of(), null);
        assertEquals(true, none.getSeriesMap().containsKey("no detections"));
        assertEquals(640, ImageIO.read(files.get(2).toFile()).getWidth());
    }
}
