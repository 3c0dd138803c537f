package dev.retinaj.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.DataBufferByte;
import java.awt.image.Kernel;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The {@code hard} shapes style: stronger textures ({@link HardBackgrounds}), 2–10 rotated shapes
 * that may occlude each other (each box is the tight box of its still-visible pixels), colours of
 * any contrast, outlines only sometimes, a Gaussian blur on some images, and tiny objects (3–8 px).
 * Tiny objects and objects with less than {@link #MIN_VISIBLE} of their pixels visible are marked
 * difficult (the crowd flag: ignored in training and evaluation); fully hidden ones are left out.
 */
final class HardShapes {
    static final double TINY_FRACTION = 0.15;
    static final double MIN_VISIBLE = 0.3;
    static final int MAX_OBJECTS = 10;
    static final int MIN_SIDE = 10;
    static final int MAX_SIDE = 140;

    private HardShapes() {}

    static ShapesGenerator.Drawn render(ShapesParams p, int index) {
        SplittableRandom rng = new SplittableRandom(Seeds.mix(p.seed(), index, 0x4841524444L));
        int size = p.size();
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        Backgrounds.paint(bgr, size, rng);
        HardBackgrounds.overlay(bgr, size, rng);
        int count = 2 + rng.nextInt(MAX_OBJECTS - 1);
        double[] cum = ShapesGenerator.classCumulative(p.imbalance());
        VisibleMasks masks = new VisibleMasks(size);
        int[] labels = new int[count];
        boolean[] tiny = new boolean[count];
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        int maxSide = Math.max(MIN_SIDE + 1, Math.min(MAX_SIDE, size / 2));
        for (int o = 0; o < count; o++) {
            ShapeKind kind = ShapeKind.values()[ShapesGenerator.pick(cum, rng.nextDouble())];
            tiny[o] = rng.nextDouble() < TINY_FRACTION;
            // Log-uniform sides: small objects are as common as large ones per octave.
            double side = tiny[o] ? 3 + rng.nextDouble(5) : MIN_SIDE * Math.pow((double) maxSide / MIN_SIDE, rng.nextDouble());
            float stroke = rng.nextBoolean() && !tiny[o] ? (float) Math.max(1.5, side / 25) : 0f;
            Shape geom = kind.geometry(side - stroke, rng.nextDouble(2 * Math.PI));
            double x = side / 2 + rng.nextDouble() * (size - side);
            double y = side / 2 + rng.nextDouble() * (size - side);
            Shape at = AffineTransform.getTranslateInstance(x, y).createTransformedShape(geom);
            float hue = (float) rng.nextDouble();
            float sat = (float) (0.2 + 0.8 * rng.nextDouble());
            float bri = (float) (0.1 + 0.85 * rng.nextDouble());
            g.setColor(new Color(Color.HSBtoRGB(hue, sat, bri)));
            g.fill(at);
            if (stroke > 0) {
                g.setColor(bri > 0.5 ? new Color(25, 25, 25) : new Color(235, 235, 235));
                g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(at);
            }
            masks.add(at, stroke);
            labels[o] = kind.ordinal();
        }
        g.dispose();
        if (rng.nextDouble() < 0.4) {
            img = blur(img, 0.6 + rng.nextDouble(1.0));
        }
        return annotations(img, masks, labels, tiny);
    }

    private static ShapesGenerator.Drawn annotations(BufferedImage img, VisibleMasks masks, int[] labels,
                                                     boolean[] tiny) {
        int[][] vis = masks.visible();
        float[] boxes = new float[4 * vis.length];
        int[] kept = new int[vis.length];
        boolean[] difficult = new boolean[vis.length];
        int n = 0;
        for (int i = 0; i < vis.length; i++) {
            if (vis[i][4] == 0) {
                continue;
            }
            for (int c = 0; c < 4; c++) {
                boxes[4 * n + c] = vis[i][c];
            }
            kept[n] = labels[i];
            difficult[n] = tiny[i] || vis[i][4] < MIN_VISIBLE * masks.fullPixels(i);
            n++;
        }
        return new ShapesGenerator.Drawn(img, Arrays.copyOf(boxes, 4 * n), Arrays.copyOf(kept, n),
                Arrays.copyOf(difficult, n));
    }

    /** A separable Gaussian blur of standard deviation {@code sigma} px (edges left as they are). */
    static BufferedImage blur(BufferedImage img, double sigma) {
        int radius = (int) Math.ceil(2 * sigma);
        float[] k = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        BufferedImage h = new ConvolveOp(new Kernel(k.length, 1, k), ConvolveOp.EDGE_NO_OP, null).filter(img, null);
        return new ConvolveOp(new Kernel(1, k.length, k), ConvolveOp.EDGE_NO_OP, null).filter(h, null);
    }
}
