package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
    @TempDir
    Path tmp;

    /** A 4x2 image: left half red, right half blue, (0,0) white as a corner marker. Stored lossless as PNG. */
    private static BufferedImage marked() {
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                img.setRGB(x, y, x < 2 ? 0xFF0000 : 0x0000FF);
            }
        }
        img.setRGB(0, 0, 0xFFFFFF);
        return img;
    }

    /** JPEG bytes with an EXIF APP1 segment (big-endian TIFF) holding only the orientation tag. */
    static byte[] withExif(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
            0, 0, 0, 0, 0, 0};
        int len = 2 + 6 + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(len >> 8);
        out.write(len & 0xFF);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static byte[] jpeg(BufferedImage img) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", bo);
        return bo.toByteArray();
    }

    @Test
    void exifOrientationIsParsedAndApplied() throws IOException {
        BufferedImage src = new BufferedImage(40, 20, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = src.createGraphics();
        g.setColor(java.awt.Color.RED);
        g.fillRect(0, 0, 20, 20);
        g.setColor(java.awt.Color.BLUE);
        g.fillRect(20, 0, 20, 20);
        g.dispose();
        byte[] plain = jpeg(src);
        assertEquals(1, ExifOrientation.read(plain));
        byte[] rotated = withExif(plain, 6);
        assertEquals(6, ExifOrientation.read(rotated));
        Path file = tmp.resolve("r.jpg");
        Files.write(file, rotated);
        RgbImage img = ImageDecoder.decode(file);
        // Orientation 6 = rotate 90° clockwise to view: 40x20 becomes 20x40, the left (red) half on top.
        assertEquals(20, img.width());
        assertEquals(40, img.height());
        assertEquals(true, img.get(10, 5, 0) > 200 && img.get(10, 5, 2) < 60);
        assertEquals(true, img.get(10, 35, 2) > 200 && img.get(10, 35, 0) < 60);
        assertArrayEquals(new int[] {20, 40}, ImageDecoder.size(file));
    }

    @Test
    void everyOrientationMapsTheCornerMarkerWhereAViewerShowsIt() {
        RgbImage m = ImageDecoder.toRgb(marked());
        // Where the white (0,0) pixel of the stored image lands, per orientation (x, y in the result).
        int[][] expected = {{0, 0}, {3, 0}, {3, 1}, {0, 1}, {0, 0}, {1, 0}, {1, 3}, {0, 3}};
        for (int o = 1; o <= 8; o++) {
            RgbImage r = m.oriented(o);
            assertEquals(ExifOrientation.swapsAxes(o) ? 2 : 4, r.width(), "orientation " + o);
            int[] at = expected[o - 1];
            assertEquals(255, r.get(at[0], at[1], 1), "orientation " + o);
        }
    }

    @Test
    void grayAlphaAndCmykBecomeRgb() throws IOException {
        BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 128, 255});
        Path gp = tmp.resolve("g.png");
        ImageIO.write(gray, "png", gp.toFile());
        RgbImage g = ImageDecoder.decode(gp);
        assertEquals(128, g.get(1, 0, 0));
        assertEquals(128, g.get(1, 0, 2));
        assertEquals(255, g.get(2, 0, 1));

        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x10204080);
        argb.setRGB(1, 0, 0xFF00FF00);
        Path ap = tmp.resolve("a.png");
        ImageIO.write(argb, "png", ap.toFile());
        RgbImage a = ImageDecoder.decode(ap);
        assertArrayEquals(new byte[] {0x20, 0x40, (byte) 0x80, 0, (byte) 0xFF, 0}, a.rgb());

        // A 4-channel JPEG; ImageIO adds an Adobe marker, so the samples are Adobe's inverted CMYK
        // (255 = no ink): full cyan ink on the left half, no ink on the right.
        WritableRaster r = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 16, 8, 4, null);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                r.setPixel(x, y, new int[] {x < 8 ? 0 : 255, 255, 255, 255});
            }
        }
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        Path cp = tmp.resolve("c.jpg");
        try (ImageOutputStream out = ImageIO.createImageOutputStream(cp.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(r, null, null), null);
        }
        w.dispose();
        RgbImage c = ImageDecoder.decode(cp);
        assertEquals(16, c.width());
        // cyan ink: no red, full green and blue; no ink: white.
        assertEquals(true, c.get(2, 4, 0) < 40 && c.get(2, 4, 1) > 215 && c.get(2, 4, 2) > 215);
        assertEquals(true, c.get(13, 4, 0) > 215 && c.get(13, 4, 1) > 215);
    }

    @Test
    void garbageIsAnIoExceptionNotACrash() throws IOException {
        Path p = tmp.resolve("bad.jpg");
        Files.write(p, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        assertThrows(IOException.class, () -> ImageDecoder.decode(p));
        Path t = tmp.resolve("text.png");
        Files.writeString(t, "not an image");
        assertThrows(IOException.class, () -> ImageDecoder.decode(t));
    }
}
