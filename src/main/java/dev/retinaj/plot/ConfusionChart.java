package dev.retinaj.plot;

import dev.retinaj.eval.ConfusionMatrix;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * The confusion matrix as a heat map: true class down (top row first), predicted class across,
 * background last on both; each cell shows its count, darker for more.
 */
public final class ConfusionChart {
    private ConfusionChart() {}

    public static BufferedImage render(ConfusionMatrix m) {
        int n = m.classes().size();
        int side = Math.max(420, 90 + 56 * n);
        HeatMapChart c = new HeatMapChartBuilder().width(side + 170).height(side)
                .title(String.format(Locale.ROOT, "Confusion matrix (score >= %s, IoU >= %s)",
                        Charts.tick(m.scoreThreshold()), Charts.tick(m.iouThreshold())))
                .xAxisTitle("predicted").yAxisTitle("ground truth").build();
        Charts.style(c.getStyler());
        c.getStyler().setShowValue(true);
        c.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        c.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x9ecae1), new Color(0x08519c)});
        long max = 1;
        for (long[] row : m.counts()) {
            for (long v : row) {
                max = Math.max(max, v);
            }
        }
        c.getStyler().setMin(0);
        c.getStyler().setMax(max);
        c.getStyler().setHeatMapValueDecimalPattern("#,##0");
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setLegendVisible(false);
        List<String> xs = new ArrayList<>(m.classes());
        // XChart puts the first y category at the bottom: rows go in last to first, so row 0 is on top
        List<String> ys = new ArrayList<>(m.classes());
        Collections.reverse(ys);
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                cells.add(new Number[] {p, n - 1 - t, m.counts()[t][p]});
            }
        }
        c.addSeries("counts", xs, ys, cells);
        return Charts.image(c);
    }
}
