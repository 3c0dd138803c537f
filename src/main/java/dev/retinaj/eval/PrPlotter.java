package dev.retinaj.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;

/** Draws precision-recall figures as PNG files (headless AWT). */
public final class PrPlotter {
    private static final int W = 640;
    private static final int H = 480;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd)};

    private PrPlotter() {
    }

    /**
     * Writes one PNG per figure into {@code dir} (created if needed), named {@code pr_<name>.png} with the
     * name reduced to letters, digits, '-' and '_'.
     *
     * @return the files written
     */
    public static List<Path> writeAll(List<PrFigure> figures, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
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
            ImageIO.write(draw(f), "png", file.toFile());
            out.add(file);
        }
        return out;
    }

    static BufferedImage draw(PrFigure fig) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            int pw = W - LEFT - RIGHT;
            int ph = H - TOP - BOTTOM;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int i = 0; i <= 10; i++) {
                int x = LEFT + pw * i / 10;
                int y = TOP + ph - ph * i / 10;
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(x, TOP, x, TOP + ph);
                g.drawLine(LEFT, y, LEFT + pw, y);
                g.setColor(Color.DARK_GRAY);
                String label = String.format("%.1f", i / 10.0);
                g.drawString(label, x - 8, TOP + ph + 15);
                g.drawString(label, LEFT - 28, y + 4);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, pw, ph);
            g.drawString("recall", LEFT + pw / 2 - 15, H - 12);
            g.rotate(-Math.PI / 2);
            g.drawString("precision", -(TOP + ph / 2 + 25), 18);
            g.rotate(Math.PI / 2);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(fig.title(), LEFT, 25);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setStroke(new BasicStroke(2f));
            int legendH = 18 * fig.curves().size() + 8;
            int legendW = 240;
            int legendX = LEFT + pw - legendW - 8;
            int legendY = TOP + 8;
            for (int c = 0; c < fig.curves().size(); c++) {
                PrCurve curve = fig.curves().get(c);
                Color col = COLORS[c % COLORS.length];
                g.setColor(col);
                Path2D.Double path = new Path2D.Double();
                for (int i = 0; i < curve.recall().length; i++) {
                    double x = LEFT + pw * clamp(curve.recall()[i]);
                    double y = TOP + ph - ph * clamp(curve.precision()[i]);
                    if (i == 0) {
                        path.moveTo(x, y);
                    } else {
                        path.lineTo(x, y);
                    }
                }
                g.draw(path);
            }
            g.setColor(Color.WHITE);
            g.fillRect(legendX, legendY, legendW, legendH);
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(legendX, legendY, legendW, legendH);
            g.setStroke(new BasicStroke(2f));
            for (int c = 0; c < fig.curves().size(); c++) {
                int ly = legendY + 18 * (c + 1);
                g.setColor(COLORS[c % COLORS.length]);
                g.drawLine(legendX + 8, ly - 4, legendX + 33, ly - 4);
                g.setColor(Color.BLACK);
                g.drawString(fig.curves().get(c).label(), legendX + 40, ly);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
