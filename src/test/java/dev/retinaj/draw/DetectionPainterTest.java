package dev.retinaj.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionPainterTest {
    private static BufferedImage blank(int w, int h, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    private static FontMetrics metrics(int w, int h) {
        Graphics2D g = blank(1, 1, Color.WHITE).createGraphics();
        g.setFont(DetectionPainter.font(w, h));
        return g.getFontMetrics();
    }

    @Test
    void aClassHasTheSameColourInEveryImage() {
        PaintBox a = new PaintBox(40, 40, 140, 140, 2, "square", 0.9f);
        PaintBox b = new PaintBox(300, 200, 500, 380, 2, "square", 0.4f);
        BufferedImage one = DetectionPainter.paint(blank(320, 320, Color.WHITE), List.of(a));
        BufferedImage two = DetectionPainter.paint(blank(640, 480, new Color(30, 90, 30)),
                List.of(new PaintBox(10, 10, 60, 60, 0, "circle", 0.8f), b));
        int expected = ClassPalette.color(2).getRGB();
        // the middle of the left edge, away from the label
        assertEquals(expected, one.getRGB(40, 90));
        assertEquals(expected, two.getRGB(300, 290));
        assertEquals(ClassPalette.color(0).getRGB(), two.getRGB(10, 35));
        assertEquals(ClassPalette.color(2), ClassPalette.color(2 + ClassPalette.size()));
    }

    @Test
    void paletteColoursAreApart() {
        for (int i = 0; i < ClassPalette.size(); i++) {
            for (int j = i + 1; j < ClassPalette.size(); j++) {
                Color a = ClassPalette.color(i);
                Color b = ClassPalette.color(j);
                int d = Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
                        + Math.abs(a.getBlue() - b.getBlue());
                assertTrue(d >= 60, "classes " + i + " and " + j + " are " + d + " apart");
            }
        }
    }

    @Test
    void crowdedLabelsStayInsideAndApart() {
        int w = 240;
        int h = 200;
        List<PaintBox> boxes = new ArrayList<>();
        // two boxes on one object, a row of touching boxes along the top edge, a cluster in a corner
        boxes.add(new PaintBox(60, 60, 100, 100, 0, "circle", 0.9f));
        boxes.add(new PaintBox(62, 58, 101, 99, 1, "cross", 0.8f));
        for (int i = 0; i < 6; i++) {
            boxes.add(new PaintBox(i * 40, 0, i * 40 + 38, 25, i % 4, "square", 0.5f + i / 100f));
        }
        for (int i = 0; i < 5; i++) {
            boxes.add(new PaintBox(200 + i, 170 + i, 240, 200, 3, "triangle", 0.6f));
        }
        List<Rectangle> rects = DetectionPainter.labelRects(boxes, w, h, metrics(w, h));
        List<Rectangle> placed = rects.stream().filter(r -> r != null).toList();
        assertTrue(placed.size() >= 12, "only " + placed.size() + " of 13 labels placed");
        assertNotNull(rects.get(0));
        assertNotNull(rects.get(1));
        for (int i = 0; i < placed.size(); i++) {
            Rectangle r = placed.get(i);
            assertTrue(r.x >= 0 && r.y >= 0 && r.x + r.width <= w && r.y + r.height <= h, "outside the image: " + r);
            for (int j = i + 1; j < placed.size(); j++) {
                assertFalse(r.intersects(placed.get(j)), r + " overlaps " + placed.get(j));
            }
        }
    }

    @Test
    void theLabelOfASmallBoxDoesNotCoverIt() {
        FontMetrics fm = metrics(320, 320);
        PaintBox mid = new PaintBox(150, 150, 170, 170, 1, "cross", 0.93f);
        PaintBox top = new PaintBox(150, 0, 170, 20, 1, "cross", 0.93f);
        PaintBox corner = new PaintBox(300, 300, 320, 320, 1, "cross", 0.93f);
        for (PaintBox b : List.of(mid, top, corner)) {
            Rectangle r = DetectionPainter.labelRects(List.of(b), 320, 320, fm).get(0);
            assertNotNull(r);
            assertFalse(r.intersects(DetectionPainter.pixels(b)), "label " + r + " covers " + b);
        }
        Rectangle above = DetectionPainter.labelRects(List.of(mid), 320, 320, fm).get(0);
        assertEquals(150, above.y + above.height, "label sits right above the box");
        Rectangle below = DetectionPainter.labelRects(List.of(top), 320, 320, fm).get(0);
        assertEquals(20, below.y, "at the top edge the label goes below");
    }

    @Test
    void lineWidthGrowsWithTheImage() {
        int small = edgeThickness(320);
        int large = edgeThickness(1600);
        assertTrue(large > small, small + " px at 320, " + large + " px at 1600");
        assertEquals(DetectionPainter.lineWidth(1600, 1600), large, 1);
        assertTrue(DetectionPainter.lineWidth(320, 240) < DetectionPainter.lineWidth(1280, 960));
        assertTrue(DetectionPainter.fontSize(320, 320) < DetectionPainter.fontSize(1280, 1280));
    }

    /** Pixels of the class colour crossed along a row through the box's left edge. */
    private static int edgeThickness(int size) {
        PaintBox b = new PaintBox(size / 4f, size / 4f, size * 3 / 4f, size * 3 / 4f, 4, "x", 0.5f);
        BufferedImage img = DetectionPainter.paint(blank(size, size, Color.WHITE), List.of(b));
        int y = size / 2;
        int n = 0;
        for (int x = size / 8; x < size / 2; x++) {
            Color c = new Color(img.getRGB(x, y));
            n += c.getRed() < 250 || c.getGreen() < 250 || c.getBlue() < 250 ? 1 : 0;
        }
        return n;
    }

    @Test
    void comparisonDrawsTruthDashedUnderPredictions() {
        PaintBox truth = PaintBox.truth(50, 50, 250, 250, 3, "triangle");
        BufferedImage img = DetectionPainter.paintComparison(blank(320, 320, Color.WHITE), List.of(truth), List.of());
        int coloured = 0;
        for (int y = 60; y < 240; y++) {
            coloured += img.getRGB(50, y) == Color.WHITE.getRGB() ? 0 : 1;
        }
        assertTrue(coloured > 60 && coloured < 170, "a dashed edge has gaps: " + coloured + " of 180 coloured");
        assertEquals("triangle", truth.label());
        assertEquals("cross 0.93", new PaintBox(0, 0, 1, 1, 1, "cross", 0.934f).label());
    }
}
