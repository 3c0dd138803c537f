package dev.retinaj.draw;

import ai.djl.modality.cv.output.BoundingBox;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.modality.cv.output.Rectangle;
import dev.retinaj.data.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Conversions into what {@link DetectionPainter} draws, and writing the result. */
public final class PaintBoxes {
    private PaintBoxes() {}

    /**
     * Boxes from parallel arrays ({@code xyxy} holds x0, y0, x1, y1 per box, in pixels) with score at
     * least {@code minScore}; {@code scores} null means ground truth.
     */
    public static List<PaintBox> of(float[] xyxy, int[] labels, float[] scores, List<String> names, float minScore) {
        List<PaintBox> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            float s = scores == null ? Float.NaN : scores[i];
            if (scores != null && s < minScore) {
                continue;
            }
            int k = labels[i];
            String name = k >= 0 && k < names.size() ? names.get(k) : Integer.toString(k);
            out.add(new PaintBox(xyxy[4 * i], xyxy[4 * i + 1], xyxy[4 * i + 2], xyxy[4 * i + 3], k, name, s));
        }
        return out;
    }

    /**
     * DJL's detections (boxes relative to the image) on a {@code width} x {@code height} image. The
     * class id is the name's index in {@code classNames}, so each class keeps its colour everywhere.
     */
    public static List<PaintBox> of(DetectedObjects found, int width, int height, List<String> classNames) {
        List<PaintBox> out = new ArrayList<>();
        for (int i = 0; i < found.getNumberOfObjects(); i++) {
            DetectedObjects.DetectedObject o = found.item(i);
            BoundingBox bb = o.getBoundingBox();
            Rectangle r = bb.getBounds();
            int k = classNames.indexOf(o.getClassName());
            out.add(new PaintBox((float) (r.getX() * width), (float) (r.getY() * height),
                    (float) ((r.getX() + r.getWidth()) * width), (float) ((r.getY() + r.getHeight()) * height),
                    k >= 0 ? k : classNames.size() + Math.floorMod(o.getClassName().hashCode(), ClassPalette.size()),
                    o.getClassName(), (float) o.getProbability()));
        }
        return out;
    }

    public static BufferedImage image(RgbImage img) {
        BufferedImage bi = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        int[] px = new int[img.width() * img.height()];
        byte[] rgb = img.rgb();
        for (int i = 0; i < px.length; i++) {
            px[i] = (rgb[3 * i] & 0xFF) << 16 | (rgb[3 * i + 1] & 0xFF) << 8 | (rgb[3 * i + 2] & 0xFF);
        }
        bi.setRGB(0, 0, img.width(), img.height(), px, 0, img.width());
        return bi;
    }

    public static void writePng(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException(file + ": no PNG writer");
        }
    }
}
