package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.config.DataConfig.OnBadSample;
import dev.retinaj.config.ShapesStyle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardShapesTest {
    @TempDir
    Path tmp;

    private static byte[] pixels(BufferedImage img) {
        return ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    }

    @Test
    void theVisibleBoxOfAnOccludedObjectCoversOnlyItsVisiblePixels() {
        VisibleMasks m = new VisibleMasks(40);
        m.add(new Rectangle2D.Double(10, 10, 20, 20), 0);  // object 0: [10, 30) x [10, 30)
        m.add(new Rectangle2D.Double(20, 5, 15, 30), 0);   // object 1 hides the right half of 0
        m.add(new Rectangle2D.Double(22, 12, 4, 4), 0);    // object 2 on top of 1
        m.add(new Rectangle2D.Double(12, 12, 3, 3), 0);
        m.add(new Rectangle2D.Double(11, 11, 6, 6), 0);    // object 4 hides object 3 entirely
        int[][] v = m.visible();
        assertArrayEquals(new int[] {10, 10, 20, 30, 20 * 20 - 10 * 20 - 6 * 6}, v[0]);
        assertArrayEquals(new int[] {20, 5, 35, 35, 15 * 30 - 16}, v[1]);
        assertArrayEquals(new int[] {22, 12, 26, 16, 16}, v[2]);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0}, v[3]);
        assertEquals(400, m.fullPixels(0));
        assertEquals(9, m.fullPixels(3));
    }

    @Test
    void hardImagesAreAPureFunctionOfSeedAndIndexAndDifferFromTheDemo() {
        ShapesParams hard = new ShapesParams(10, 0, 128, 3, 1.0, ShapesStyle.HARD);
        ShapesGenerator.Drawn a = ShapesGenerator.render(hard, 4);
        ShapesGenerator.Drawn b = ShapesGenerator.render(hard, 4);
        assertArrayEquals(pixels(a.image()), pixels(b.image()));
        assertArrayEquals(a.boxes(), b.boxes());
        assertArrayEquals(a.difficult(), b.difficult());
        ShapesGenerator.Drawn demo = ShapesGenerator.render(new ShapesParams(10, 0, 128, 3, 1.0), 4);
        assertFalse(java.util.Arrays.equals(pixels(a.image()), pixels(demo.image())));
    }

    @Test
    void tinyObjectsAreDifficultAndBoxesStayInTheImage() {
        ShapesParams p = new ShapesParams(60, 0, 160, 9, 1.0, ShapesStyle.HARD);
        int difficult = 0;
        int boxes = 0;
        for (int i = 0; i < 60; i++) {
            ShapesGenerator.Drawn d = ShapesGenerator.render(p, i);
            float[] b = d.boxes();
            for (int j = 0; j < d.labels().length; j++) {
                float w = b[4 * j + 2] - b[4 * j];
                float h = b[4 * j + 3] - b[4 * j + 1];
                assertTrue(b[4 * j] >= 0 && b[4 * j + 1] >= 0 && b[4 * j + 2] <= 160 && b[4 * j + 3] <= 160);
                assertTrue(w >= 1 && h >= 1);
                if (Math.max(w, h) <= 8) {
                    assertTrue(d.difficult()[j], "a box of " + w + "x" + h + " px is difficult");
                }
                difficult += d.difficult()[j] ? 1 : 0;
                boxes++;
            }
        }
        assertTrue(difficult > boxes / 20 && difficult < boxes / 2, difficult + " of " + boxes);
    }

    @Test
    void difficultObjectsAreWrittenAsCocoCrowdAndVocDifficult() {
        Path out = tmp.resolve("hard");
        ShapesGenerator.generate(out, new ShapesParams(12, 2, 128, 2, 1.0, ShapesStyle.HARD));
        LoadedSplit coco = CocoReader.read(List.of(new CocoReader.Part(out.resolve("annotations/instances_train.json"),
                out.resolve("train"))), null, true, new BadSamples(OnBadSample.FAIL));
        LoadedSplit voc = VocReader.read(out.resolve("VOCdevkit"), List.of("VOC2007/train"), null,
                new BadSamples(OnBadSample.FAIL));
        int flagged = 0;
        for (int i = 0; i < 12; i++) {
            DetectionRecord c = coco.records().get(i);
            ShapesGenerator.Drawn d = ShapesGenerator.render(new ShapesParams(12, 2, 128, 2, 1.0, ShapesStyle.HARD), i);
            assertArrayEquals(d.difficult(), c.crowd());
            assertArrayEquals(c.crowd(), voc.records().get(i).crowd());
            assertArrayEquals(d.boxes(), c.boxes(), 1e-3f);
            for (boolean f : c.crowd()) {
                flagged += f ? 1 : 0;
            }
        }
        assertTrue(flagged > 0);
    }

    @Test
    void blurKeepsAFlatImageFlatAndSpreadsAnEdge() {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new java.awt.Color(100, 100, 100));
        g.fillRect(0, 0, 16, 16);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(8, 0, 8, 16);
        g.dispose();
        BufferedImage b = HardShapes.blur(img, 1.0);
        assertEquals(100, b.getRaster().getSample(3, 8, 0));
        assertEquals(255, b.getRaster().getSample(12, 8, 0));
        int left = b.getRaster().getSample(7, 8, 0);
        int right = b.getRaster().getSample(8, 8, 0);
        assertTrue(left > 100 && left < 178 && right > 178 && right < 255, left + " " + right);
    }
}
