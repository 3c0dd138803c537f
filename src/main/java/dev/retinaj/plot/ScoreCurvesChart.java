package dev.retinaj.plot;

import dev.retinaj.draw.ClassPalette;
import dev.retinaj.eval.ScoreCurves;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Precision, recall and F1 against the confidence threshold, one panel each: a line per class in its
 * {@link ClassPalette} colour and a thick black line for all classes, whose best F1 is in the title.
 */
public final class ScoreCurvesChart {
    private ScoreCurvesChart() {}

    public static BufferedImage render(ScoreCurves curves) {
        ScoreCurves.Curve all = curves.curves().get(ScoreCurves.ALL);
        int best = all.bestF1();
        String f1Title = String.format(Locale.ROOT, "F1 (IoU >= %s): best %.3f at score %.2f",
                Charts.tick(curves.iouThreshold()), all.f1()[best], curves.thresholds()[best]);
        List<BufferedImage> panels = new ArrayList<>();
        panels.add(Charts.image(panel(curves, "Precision", 0)));
        panels.add(Charts.image(panel(curves, "Recall", 1)));
        panels.add(Charts.image(panel(curves, f1Title, 2)));
        return Charts.stack(panels);
    }

    private static XYChart panel(ScoreCurves curves, String title, int which) {
        String y = which == 0 ? "precision" : which == 1 ? "recall" : "F1";
        XYChart c = Charts.xy(title, "confidence threshold", y, 860, 300);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(1.0);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.05);
        c.getStyler().setxAxisTickLabelsFormattingFunction(Charts::tick);
        int k = 0;
        for (String name : curves.names()) {
            ScoreCurves.Curve cv = curves.curves().get(name);
            double[] v = which == 0 ? cv.precision() : which == 1 ? cv.recall() : cv.f1();
            // precision is undefined above the highest score: the line stops there
            int n = v.length;
            while (n > 1 && Double.isNaN(v[n - 1])) {
                n--;
            }
            XYSeries s = c.addSeries(name + " (" + cv.truth() + ")", Arrays.copyOf(curves.thresholds(), n),
                    Arrays.copyOf(v, n));
            s.setMarker(SeriesMarkers.NONE);
            boolean isAll = name.equals(ScoreCurves.ALL);
            s.setLineColor(isAll ? Color.BLACK : ClassPalette.color(k++));
            s.setLineStyle(isAll ? new java.awt.BasicStroke(3.5f) : Charts.SOLID);
        }
        Charts.roundXTicks(c, 0, 1, 0);
        return c;
    }
}
