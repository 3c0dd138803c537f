package dev.retinaj.draw;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Draws detections on a copy of an image: a fixed colour per class ({@link ClassPalette}), "name 0.93"
 * labels outside the box (above, else below) that stay inside the image and never cover each other
 * ({@link LabelPlacer}), lines and text scaled to the image. {@link #paintComparison} adds ground
 * truth as thin dashed boxes, for the evaluation sample grid.
 */
public final class DetectionPainter {
    private DetectionPainter() {}

    /** Line width in pixels: 1 up to 240 px on the short side, then one more per 160 px. */
    public static int lineWidth(int width, int height) {
        return Math.max(1, Math.round(Math.min(width, height) / 160f));
    }

    /** Label font size in pixels: 10 on small images, growing with the short side, at most 40. */
    public static int fontSize(int width, int height) {
        return Math.max(10, Math.min(40, Math.round(Math.min(width, height) / 36f)));
    }

    /** A copy of {@code image} with {@code predictions} drawn and labelled, most confident first. */
    public static BufferedImage paint(BufferedImage image, List<PaintBox> predictions) {
        return paintComparison(image, List.of(), predictions);
    }

    /** A copy with ground truth as thin dashed boxes (unlabelled) under the labelled predictions. */
    public static BufferedImage paintComparison(BufferedImage image, List<PaintBox> truth, List<PaintBox> predictions) {
        BufferedImage out = copy(image);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int lw = lineWidth(out.getWidth(), out.getHeight());
            float dash = 3f * Math.max(lw, 2);
            BasicStroke dashed = new BasicStroke(Math.max(1f, lw * 0.75f), BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {dash, dash * 0.7f}, 0f);
            for (PaintBox b : truth) {
                drawBox(g, b, dashed);
            }
            List<PaintBox> ordered = new ArrayList<>(predictions);
            ordered.sort(Comparator.comparingDouble((PaintBox b) -> Float.isNaN(b.score()) ? 1 : b.score()).reversed());
            BasicStroke solid = new BasicStroke(lw);
            for (PaintBox b : ordered) {
                drawBox(g, b, solid);
            }
            drawLabels(g, ordered, out.getWidth(), out.getHeight());
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Where each label went (null: left out), in {@code boxes}' order; what the painter draws. */
    public static List<Rectangle> labelRects(List<PaintBox> boxes, int width, int height, FontMetrics fm) {
        LabelPlacer placer = new LabelPlacer(width, height);
        int pad = Math.max(2, fm.getHeight() / 6);
        List<Rectangle> out = new ArrayList<>();
        for (PaintBox b : boxes) {
            out.add(placer.place(pixels(b), fm.stringWidth(b.label()) + 2 * pad, fm.getAscent() + fm.getDescent()));
        }
        return out;
    }

    /** The font the painter uses on a {@code width} x {@code height} image. */
    public static Font font(int width, int height) {
        return new Font(Font.SANS_SERIF, Font.BOLD, fontSize(width, height));
    }

    private static void drawLabels(Graphics2D g, List<PaintBox> boxes, int width, int height) {
        g.setFont(font(width, height));
        FontMetrics fm = g.getFontMetrics();
        List<Rectangle> rects = labelRects(boxes, width, height, fm);
        int pad = Math.max(2, fm.getHeight() / 6);
        for (int i = 0; i < boxes.size(); i++) {
            Rectangle r = rects.get(i);
            if (r == null) {
                continue;
            }
            Color c = ClassPalette.color(boxes.get(i).classId());
            g.setColor(c);
            g.fillRect(r.x, r.y, r.width, r.height);
            g.setColor(ClassPalette.textOn(c));
            g.drawString(boxes.get(i).label(), r.x + pad, r.y + fm.getAscent());
        }
    }

    private static void drawBox(Graphics2D g, PaintBox b, BasicStroke stroke) {
        g.setColor(ClassPalette.color(b.classId()));
        g.setStroke(stroke);
        Rectangle r = pixels(b);
        g.drawRect(r.x, r.y, Math.max(1, r.width), Math.max(1, r.height));
    }

    static Rectangle pixels(PaintBox b) {
        int x0 = Math.round(b.x0());
        int y0 = Math.round(b.y0());
        return new Rectangle(x0, y0, Math.max(1, Math.round(b.x1()) - x0), Math.max(1, Math.round(b.y1()) - y0));
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }
}
