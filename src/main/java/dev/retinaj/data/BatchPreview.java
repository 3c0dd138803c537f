package dev.retinaj.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One image of a {@link HostBatch} as the network sees it (padding included), normalisation undone,
 * with its boxes: a colour per class and the class name; crowd/difficult (ignored) boxes dashed.
 */
public final class BatchPreview {
    private static final Color[] COLOURS = {new Color(230, 25, 75), new Color(60, 180, 75), new Color(255, 225, 25),
        new Color(0, 130, 200), new Color(245, 130, 48), new Color(145, 30, 180), new Color(70, 240, 240),
        new Color(240, 50, 230)};

    private BatchPreview() {}

    public static BufferedImage render(HostBatch b, int i, float[] mean, float[] std, List<String> names) {
        int h = b.height();
        int w = b.width();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int plane = h * w;
        int base = i * 3 * plane;
        float[] px = b.images();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = base + y * w + x;
                int r = byteOf(px[o] * std[0] + mean[0]);
                int g = byteOf(px[o + plane] * std[1] + mean[1]);
                int bl = byteOf(px[o + 2 * plane] * std[2] + mean[2]);
                img.setRGB(x, y, (r << 16) | (g << 8) | bl);
            }
        }
        Graphics2D gr = img.createGraphics();
        gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        BasicStroke solid = new BasicStroke(1.5f);
        BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 4f, new float[] {3f, 3f}, 0f);
        for (int j = 0; j < b.maxBoxes(); j++) {
            int slot = i * b.maxBoxes() + j;
            int label = b.labels()[slot];
            if (label < 0) {
                continue;
            }
            float[] bx = b.boxes();
            int x1 = Math.round(bx[4 * slot]);
            int y1 = Math.round(bx[4 * slot + 1]);
            int x2 = Math.round(bx[4 * slot + 2]);
            int y2 = Math.round(bx[4 * slot + 3]);
            gr.setColor(COLOURS[label % COLOURS.length]);
            gr.setStroke(b.ignore()[slot] ? dashed : solid);
            gr.drawRect(x1, y1, Math.max(1, x2 - x1), Math.max(1, y2 - y1));
            String name = label < names.size() ? names.get(label) : Integer.toString(label);
            gr.drawString(b.ignore()[slot] ? name + " (ignored)" : name, x1 + 2, Math.max(10, y1 - 2));
        }
        gr.dispose();
        return img;
    }

    private static int byteOf(float v) {
        int q = Math.round(v * 255);
        return q < 0 ? 0 : Math.min(255, q);
    }
}
