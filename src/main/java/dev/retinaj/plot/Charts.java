package dev.retinaj.plot;

import dev.retinaj.util.AtomicFile;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** RetinaJ's look for XChart charts, and writing them (alone or stacked) as PNG files. */
public final class Charts {
    /** Colours for series that are not classes (classes use {@code draw.ClassPalette}). */
    public static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};
    public static final BasicStroke SOLID = new BasicStroke(2f);
    public static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {7f, 4f}, 0f);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** An XY chart with lines only, the legend outside the plot area (right), grid lines, plain fonts. */
    public static XYChart xy(String title, String xLabel, String yLabel, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
        c.getStyler().setMarkerSize(6);
        c.getStyler().setSeriesMarkers(new org.knowm.xchart.style.markers.Marker[] {SeriesMarkers.NONE});
        return c;
    }

    /** The common styling of every chart: white, light grid, legend outside on the right. */
    public static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(new Color(0xcccccc));
        s.setSeriesColors(SERIES);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setChartPadding(12);
        s.setAntiAlias(true);
        if (s instanceof AxesChartStyler a) {
            a.setPlotBackgroundColor(Color.WHITE);
            a.setPlotBorderColor(new Color(0x888888));
            a.setPlotGridLinesColor(new Color(0xe4e4e4));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        }
        if (s instanceof XYStyler xy) {
            xy.setyAxisTickLabelsFormattingFunction(Charts::tick);
        }
    }

    /**
     * Round ticks on an x axis from {@code min} to {@code max} however the data is spaced: XChart puts
     * ticks on the data's own x values when they are equally spaced (recall in steps of 1/34 gave
     * ticks at 0.1176, 0.2353 ...); a hidden series with one uneven point stops that.
     */
    public static void roundXTicks(XYChart c, double min, double max, double y) {
        XYSeries s = c.addSeries(" ", new double[] {min, min + 0.377 * (max - min), max}, new double[] {y, y, y});
        s.setShowInLegend(false);
        s.setLineColor(new Color(0, 0, 0, 0));
        s.setMarker(SeriesMarkers.NONE);
    }

    /** Tick labels for an axis of whole numbers: integers only (no label at 8.8 or 16.6), with thousands grouped. */
    public static void integerX(XYChart c) {
        c.getStyler().setxAxisTickLabelsFormattingFunction(integerTicks());
    }

    static Function<Double, String> integerTicks() {
        return v -> Math.abs(v - Math.rint(v)) < 1e-9 ? String.format(Locale.ROOT, "%,d", Math.round(v)) : "";
    }

    /**
     * A tick value as short as it can be without changing it: 0.5, 0.25, 0.00015, 2.5e-5, 1,000.
     * Six significant digits drop floating-point noise (1.2500000000000002e-4) but never a digit of
     * a real tick: four decimals made 1.25e-4 and 1.5e-4 "0.0001" and "0.0002", mislabelling the lr axis.
     */
    public static String tick(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a < 1e-4 || a >= 1e6) {
            int exponent = d.precision() - d.scale() - 1;
            return d.movePointLeft(exponent).stripTrailingZeros().toPlainString() + "e" + exponent;
        }
        DecimalFormat plain = new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return plain.format(d);
    }

    public static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Panels one above the other, as wide as the widest. */
    public static BufferedImage stack(List<BufferedImage> panels) {
        int w = panels.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int h = panels.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage out = new BufferedImage(w, Math.max(1, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, Math.max(1, h));
        int y = 0;
        for (BufferedImage p : panels) {
            g.drawImage(p, 0, y, null);
            y += p.getHeight();
        }
        g.dispose();
        return out;
    }

    /** A white picture holding one line of text, where a chart has nothing to draw. */
    public static BufferedImage note(String text, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(text, 16, height / 2 + 5);
        g.dispose();
        return out;
    }

    /** Writes a PNG through a temporary file, so a reader never sees half a picture. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        AtomicFile.write(abs, tmp -> ImageIO.write(image, "png", tmp.toFile()));
    }
}
