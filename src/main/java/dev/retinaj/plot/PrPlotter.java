package dev.retinaj.plot;

import dev.retinaj.draw.ClassPalette;
import dev.retinaj.eval.PrCurve;
import dev.retinaj.eval.PrFigure;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Precision-recall figures as PNG files, drawn by XChart: recall and precision on [0, 1] with ticks
 * every 0.1, the legend outside the plot area so it never hides the knee of a curve.
 */
public final class PrPlotter {
    private static final int W = 640;
    private static final int H = 480;

    private PrPlotter() {
    }

    /**
     * Writes one PNG per figure into {@code dir} (created if needed), named {@code pr_<name>.png} with the
     * name reduced to letters, digits, '-' and '_'.
     *
     * @return the files written
     */
    public static List<Path> writeAll(List<PrFigure> figures, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (PrFigure f : figures) {
            String stem = "pr_" + f.name().replaceAll("[^A-Za-z0-9_-]+", "_");
            String name = stem;
            for (int i = 2; !used.add(name); i++) {
                name = stem + "_" + i;
            }
            Path file = dir.resolve(name + ".png");
            Charts.writePng(draw(f), file);
            out.add(file);
        }
        return out;
    }

    static BufferedImage draw(PrFigure fig) {
        return Charts.image(chart(fig.title(), fig.curves(), null));
    }

    /**
     * A PR chart of {@code curves}; with {@code classIds} (one per curve) each curve takes its class's
     * colour from {@link ClassPalette}, the colour its boxes have in drawn images.
     */
    public static XYChart chart(String title, List<PrCurve> curves, int[] classIds) {
        XYChart c = Charts.xy(title, "recall", "precision", W, H);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(1.0);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.05);
        c.getStyler().setxAxisTickLabelsFormattingFunction(Charts::tick);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < curves.size(); i++) {
            PrCurve curve = curves.get(i);
            if (curve.recall().length == 0) {
                continue;
            }
            String name = curve.label();
            for (int k = 2; !names.add(name); k++) {
                name = curve.label() + " (" + k + ")";
            }
            XYSeries s = c.addSeries(name, clamp(curve.recall()), clamp(curve.precision()));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(Charts.SOLID);
            if (classIds != null) {
                s.setLineColor(ClassPalette.color(classIds[i]));
            } else if (i == 1) {
                s.setLineStyle(Charts.DASHED);
            }
        }
        if (c.getSeriesMap().isEmpty()) {
            c.addSeries("no detections", new double[] {0, 1}, new double[] {0, 0}).setLineColor(Color.LIGHT_GRAY);
        }
        Charts.roundXTicks(c, 0, 1, 0);
        return c;
    }

    private static double[] clamp(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.max(0, Math.min(1, v[i]));
        }
        return out;
    }
}
