package dev.retinaj.data;

import dev.retinaj.util.UsageException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.config.DataConfig.OnBadSample;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapesGeneratorTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheSameSetInCocoAndVocLayouts() throws Exception {
        Path out = tmp.resolve("shapes");
        ShapesGenerator.generate(out, new ShapesParams(24, 8, 128, 7, 1.0));
        LoadedSplit coco = CocoReader.read(List.of(new CocoReader.Part(out.resolve("annotations/instances_train.json"),
                out.resolve("train"))), null, true, new BadSamples(OnBadSample.FAIL));
        LoadedSplit voc = VocReader.read(out.resolve("VOCdevkit"), List.of("VOC2007/train"), null,
                new BadSamples(OnBadSample.FAIL));
        assertEquals(List.of("circle", "cross", "square", "triangle"), coco.classNames());
        assertEquals(coco.classNames(), voc.classNames());
        assertEquals(24, coco.records().size());
        assertEquals(24, voc.records().size());
        for (int i = 0; i < 24; i++) {
            DetectionRecord c = coco.records().get(i);
            DetectionRecord v = voc.records().get(i);
            assertEquals(c.name(), v.name());
            assertArrayEquals(c.labels(), v.labels());
            assertArrayEquals(c.boxes(), v.boxes(), 1e-3f);
            assertTrue(Files.isSameFile(c.image(), v.image()) || Files.mismatch(c.image(), v.image()) == -1);
            BufferedImage img = javax.imageio.ImageIO.read(c.image().toFile());
            assertEquals(128, img.getWidth());
        }
        assertEquals(8, VocReader.read(out.resolve("VOCdevkit"), List.of("VOC2007/val"), null,
                new BadSamples(OnBadSample.FAIL)).records().size());
        assertEquals(32, VocReader.read(out.resolve("VOCdevkit"), List.of("VOC2007/trainval"), null,
                new BadSamples(OnBadSample.FAIL)).records().size());
        assertThrows(UsageException.class, () -> ShapesGenerator.generate(out, new ShapesParams(2, 1, 64, 0, 1.0)));
    }

    @Test
    void imagesAreAPureFunctionOfSeedAndIndex() {
        ShapesParams p = new ShapesParams(10, 0, 96, 3, 1.0);
        ShapesGenerator.Drawn a = ShapesGenerator.render(p, 5);
        ShapesGenerator.Drawn b = ShapesGenerator.render(p, 5);
        assertArrayEquals(pixels(a.image()), pixels(b.image()));
        assertArrayEquals(a.boxes(), b.boxes());
        ShapesGenerator.Drawn c = ShapesGenerator.render(new ShapesParams(10, 0, 96, 4, 1.0), 5);
        assertTrue(!java.util.Arrays.equals(pixels(a.image()), pixels(c.image())));
    }

    @Test
    void boxesAreInsideSizedAndOverlapLimited() {
        ShapesParams p = new ShapesParams(200, 0, 320, 11, 1.0);
        int empty = 0;
        int objects = 0;
        for (int i = 0; i < 200; i++) {
            ShapesGenerator.Drawn d = ShapesGenerator.render(p, i);
            int n = d.labels().length;
            assertTrue(n <= 6);
            empty += n == 0 ? 1 : 0;
            objects += n;
            float[] b = d.boxes();
            for (int j = 0; j < n; j++) {
                float w = b[4 * j + 2] - b[4 * j];
                float h = b[4 * j + 3] - b[4 * j + 1];
                assertTrue(b[4 * j] >= 0 && b[4 * j + 1] >= 0 && b[4 * j + 2] <= 320 && b[4 * j + 3] <= 320);
                assertTrue(Math.max(w, h) >= 11.99 && Math.max(w, h) <= 160.01, "size " + w + "x" + h);
                for (int k = 0; k < j; k++) {
                    double ix = Math.max(0, Math.min(b[4 * j + 2], b[4 * k + 2]) - Math.max(b[4 * j], b[4 * k]));
                    double iy = Math.max(0, Math.min(b[4 * j + 3], b[4 * k + 3]) - Math.max(b[4 * j + 1], b[4 * k + 1]));
                    double ak = (b[4 * k + 2] - b[4 * k]) * (b[4 * k + 3] - b[4 * k + 1]);
                    assertTrue(ix * iy <= 0.3 * w * h + 1e-3 && ix * iy <= 0.3 * ak + 1e-3);
                }
            }
        }
        assertTrue(empty >= 2 && empty <= 22, "empty images: " + empty);
        assertTrue(objects > 200 * 2.5, "objects: " + objects);
    }

    @Test
    void imbalanceMakesClassFrequenciesFallByTheRatio() {
        double[] cum = ShapesGenerator.classCumulative(0.5);
        assertArrayEquals(new double[] {1 / 1.875, 1.5 / 1.875, 1.75 / 1.875, 1.0}, cum, 1e-12);
        ShapesParams p = new ShapesParams(400, 0, 128, 1, 0.5);
        int[] counts = new int[4];
        for (int i = 0; i < 400; i++) {
            for (int l : ShapesGenerator.render(p, i).labels()) {
                counts[l]++;
            }
        }
        assertTrue(counts[0] > 1.5 * counts[1] && counts[1] > 1.4 * counts[2] && counts[0] > 4 * counts[3],
                java.util.Arrays.toString(counts));
    }

    @Test
    void theDrawnShapeStaysInsideItsBoxAndTouchesItsEdges() {
        // Draw each kind on a plain background via the geometry the generator uses; the changed pixels'
        // bounding box must match the geometric box to within a pixel of antialiasing.
        for (ShapeKind kind : ShapeKind.values()) {
            BufferedImage img = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = img.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
            java.awt.Shape s = java.awt.geom.AffineTransform.getTranslateInstance(50, 50)
                    .createTransformedShape(kind.geometry(60, 0.4));
            g.setColor(java.awt.Color.WHITE);
            g.fill(s);
            g.setStroke(new java.awt.BasicStroke(4f, java.awt.BasicStroke.CAP_ROUND, java.awt.BasicStroke.JOIN_ROUND));
            g.draw(s);
            g.dispose();
            java.awt.geom.Rectangle2D f = s.getBounds2D();
            assertEquals(60, Math.max(f.getWidth(), f.getHeight()), 1e-6, kind.name());
            // The generator's box: the fill bounds widened by half the stroke.
            java.awt.geom.Rectangle2D r = new java.awt.geom.Rectangle2D.Double(f.getMinX() - 2, f.getMinY() - 2,
                    f.getWidth() + 4, f.getHeight() + 4);
            int[] px = pixels(img);
            int minX = 100, minY = 100, maxX = -1, maxY = -1;
            for (int y = 0; y < 100; y++) {
                for (int x = 0; x < 100; x++) {
                    if ((px[y * 100 + x] & 0xFF) > 60) {
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                    }
                }
            }
            assertEquals(r.getMinX(), minX, 1.0, kind + " left");
            assertEquals(r.getMaxX(), maxX + 1, 1.0, kind + " right");
            assertEquals(r.getMinY(), minY, 1.0, kind + " top");
            assertEquals(r.getMaxY(), maxY + 1, 1.0, kind + " bottom");
        }
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
