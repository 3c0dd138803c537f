package dev.retinaj.util;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A small line chart rendered with Java2D to PNG: several named series, axes with ticks, a legend,
 * optional log-scaled y. Used for training curves, PR curves and experiment plots.
 */
public final class LinePlot {
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207)};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logY;
    private Double yMin;
    private Double yMax;

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

    public List<Series> series() {
        return List.copyOf(series);
    }

    public BufferedImage render(int width, int height) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int left = 70;
        int right = 20;
        int top = 36;
        int bottom = 50;
        int pw = width - left - right;
        int ph = height - top - bottom;

        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                double y = ty(s.y()[i]);
                if (!Double.isFinite(y) || !Double.isFinite(s.x()[i])) {
                    continue;
                }
                x0 = Math.min(x0, s.x()[i]);
                x1 = Math.max(x1, s.x()[i]);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
            }
        }
        if (yMin != null) {
            y0 = ty(yMin);
            y1 = ty(yMax);
        }
        if (!(x1 > x0)) {
            x0 = Double.isFinite(x0) ? x0 - 1 : 0;
            x1 = x0 + 2;
        }
        if (!(y1 > y0)) {
            y0 = Double.isFinite(y0) ? y0 - 1 : 0;
            y1 = y0 + 2;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(230, 230, 230));
        for (int t = 0; t <= 5; t++) {
            int yy = top + ph - t * ph / 5;
            g.drawLine(left, yy, left + pw, yy);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(left, top, pw, ph);
        for (int t = 0; t <= 5; t++) {
            double xv = x0 + (x1 - x0) * t / 5;
            int xx = left + t * pw / 5;
            g.drawLine(xx, top + ph, xx, top + ph + 4);
            String lab = tick(xv);
            g.drawString(lab, xx - g.getFontMetrics().stringWidth(lab) / 2, top + ph + 18);
            double yv = y0 + (y1 - y0) * t / 5;
            int yy = top + ph - t * ph / 5;
            g.drawLine(left - 4, yy, left, yy);
            String ylab = tick(logY ? Math.pow(10, yv) : yv);
            g.drawString(ylab, left - 8 - g.getFontMetrics().stringWidth(ylab), yy + 4);
        }
        g.drawString(xLabel, left + pw / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, height - 12);
        Graphics2D gy = (Graphics2D) g.create();
        gy.rotate(-Math.PI / 2);
        gy.drawString(yLabel + (logY ? " (log)" : ""), -(top + ph / 2) - g.getFontMetrics().stringWidth(yLabel) / 2, 16);
        gy.dispose();
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        g.setClip(left, top, pw + 1, ph + 1);
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            g.setColor(PALETTE[si % PALETTE.length]);
            g.setStroke(new BasicStroke(1.8f));
            int px = Integer.MIN_VALUE;
            int py = 0;
            for (int i = 0; i < s.x().length; i++) {
                double y = ty(s.y()[i]);
                if (!Double.isFinite(y)) {
                    px = Integer.MIN_VALUE;
                    continue;
                }
                int xx = left + (int) Math.round((s.x()[i] - x0) / (x1 - x0) * pw);
                int yy = top + ph - (int) Math.round((y - y0) / (y1 - y0) * ph);
                if (px != Integer.MIN_VALUE) {
                    g.drawLine(px, py, xx, yy);
                }
                if (s.markers()) {
                    g.fillOval(xx - 3, yy - 3, 7, 7);
                }
                px = xx;
                py = yy;
            }
        }
        g.setClip(null);
        int ly = top + 8;
        for (int si = 0; si < series.size(); si++) {
            String name = series.get(si).name();
            int w = g.getFontMetrics().stringWidth(name);
            int lx = left + pw - w - 34;
            g.setColor(new Color(255, 255, 255, 220));
            g.fillRect(lx - 4, ly - 2, w + 34, 16);
            g.setColor(PALETTE[si % PALETTE.length]);
            g.fillRect(lx, ly + 5, 20, 3);
            g.setColor(Color.DARK_GRAY);
            g.drawString(name, lx + 26, ly + 11);
            ly += 16;
        }
        g.dispose();
        return img;
    }

    public void write(Path file, int width, int height) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(render(width, height), "png", file.toFile());
    }

    private double ty(double y) {
        return logY ? (y > 0 ? Math.log10(y) : Double.NaN) : y;
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 10000 || a < 0.001) {
            return String.format("%.1e", v);
        }
        if (a >= 100) {
            return String.format("%.0f", v);
        }
        return String.format("%.3g", v);
    }
}
