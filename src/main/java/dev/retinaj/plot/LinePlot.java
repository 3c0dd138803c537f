package dev.retinaj.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart of named series, drawn by XChart ({@link Charts}' style): round ticks, whole-number
 * x ticks when every x is a whole number, the legend outside the plot, optional log-scaled y.
 * Used for sweep and focal-loss plots; training curves are {@code plot.TrainingCurves}.
 */
public final class LinePlot {
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logY;
    private Double yMin;
    private Double yMax;
    private List<String> xNames;

    public record Series(String name, double[] x, double[] y, boolean markers) {}

    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public LinePlot add(String name, double[] x, double[] y) {
        series.add(new Series(name, x, y, x.length <= 12));
        return this;
    }

    public LinePlot logY() {
        this.logY = true;
        return this;
    }

    public LinePlot yRange(double min, double max) {
        this.yMin = min;
        this.yMax = max;
        return this;
    }

    /** Names the whole x positions 0, 1, ...: a categorical axis, e.g. a sweep over strings. */
    public LinePlot xNames(List<String> names) {
        this.xNames = List.copyOf(names);
        return this;
    }

    public List<Series> series() {
        return List.copyOf(series);
    }

    public XYChart chart(int width, int height) {
        XYChart c = Charts.xy(title, xLabel, yLabel + (logY ? " (log)" : ""), width, height);
        c.getStyler().setYAxisLogarithmic(logY);
        if (yMin != null) {
            c.getStyler().setYAxisMin(yMin);
            c.getStyler().setYAxisMax(yMax);
        }
        boolean wholeX = true;
        for (Series s : series) {
            double[][] xy = finite(s);
            if (xy[0].length == 0) {
                continue;
            }
            for (double v : xy[0]) {
                wholeX &= v == Math.rint(v);
            }
            XYSeries xs = c.addSeries(s.name(), xy[0], xy[1]);
            xs.setMarker(s.markers() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        if (xNames != null) {
            c.getStyler().setxAxisTickLabelsFormattingFunction(LinePlot.names(xNames));
        } else if (wholeX) {
            Charts.integerX(c);
        }
        return c;
    }

    public BufferedImage render(int width, int height) {
        return Charts.image(chart(width, height));
    }

    public void write(Path file, int width, int height) throws IOException {
        Charts.writePng(render(width, height), file);
    }

    /** Tick labels naming whole positions; blank between them and past the ends. */
    static Function<Double, String> names(List<String> names) {
        return v -> {
            long i = Math.round(v);
            return Math.abs(v - i) < 1e-9 && i >= 0 && i < names.size() ? names.get((int) i) : "";
        };
    }

    /** The points XChart can draw: finite, and positive on a log axis. */
    private double[][] finite(Series s) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < s.x().length; i++) {
            double x = s.x()[i];
            double y = s.y()[i];
            if (Double.isFinite(x) && Double.isFinite(y) && (!logY || y > 0)) {
                pts.add(new double[] {x, y});
            }
        }
        return new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray()};
    }
}
