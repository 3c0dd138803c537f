package dev.retinaj.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG/PNG (anything ImageIO reads) to upright 8-bit RGB: grayscale is replicated, alpha is
 * dropped (as PIL's convert("RGB")), CMYK JPEGs are converted, and the EXIF orientation is applied.
 */
public final class ImageDecoder {
    static {
        ImageIO.setUseCache(false);
    }

    private ImageDecoder() {}

    public static RgbImage decode(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        RgbImage img = decodeBytes(bytes);
        return img.oriented(ExifOrientation.read(bytes));
    }

    /** Width and height as the decoded, upright image will have them, read from the header only. */
    public static int[] size(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException("cannot open");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a readable image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (ExifOrientation.swapsAxes(ExifOrientation.read(head(file)))) {
                    return new int[] {h, w};
                }
                return new int[] {w, h};
            } finally {
                reader.dispose();
            }
        }
    }

    private static byte[] head(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(1 << 16);
        }
    }

    static RgbImage decodeBytes(byte[] bytes) throws IOException {
        BufferedImage bi;
        try {
            bi = read(bytes);
        } catch (IIOException e) {
            RgbImage cmyk = tryCmyk(bytes);
            if (cmyk != null) {
                return cmyk;
            }
            throw new IOException("cannot decode image: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException("cannot decode image: " + e, e);
        }
        if (bi == null) {
            throw new IOException("not a readable image (unknown format)");
        }
        return toRgb(bi);
    }

    /**
     * As {@code ImageIO.read}, but a decoder warning fails the decode: the JPEG reader only warns
     * ("Missing EOI marker", "premature end of data segment") on a truncated file and fills the rest grey.
     */
    private static BufferedImage read(byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in, true, true);
                BufferedImage bi = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new IOException("corrupt or truncated image: " + warnings.get(0));
                }
                return bi;
            } finally {
                reader.dispose();
            }
        }
    }

    /** Converts any BufferedImage to interleaved RGB, with fast paths for the common layouts. */
    public static RgbImage toRgb(BufferedImage bi) {
        int w = bi.getWidth();
        int h = bi.getHeight();
        byte[] out = new byte[3 * w * h];
        Raster r = bi.getRaster();
        switch (bi.getType()) {
            case BufferedImage.TYPE_3BYTE_BGR -> {
                byte[] src = ((DataBufferByte) r.getDataBuffer()).getData();
                if (src.length == out.length) {
                    for (int i = 0; i < out.length; i += 3) {
                        out[i] = src[i + 2];
                        out[i + 1] = src[i + 1];
                        out[i + 2] = src[i];
                    }
                    return new RgbImage(w, h, out);
                }
            }
            case BufferedImage.TYPE_BYTE_GRAY -> {
                int[] px = r.getSamples(0, 0, w, h, 0, (int[]) null);
                for (int i = 0; i < px.length; i++) {
                    byte v = (byte) px[i];
                    out[3 * i] = v;
                    out[3 * i + 1] = v;
                    out[3 * i + 2] = v;
                }
                return new RgbImage(w, h, out);
            }
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB -> {
                if (r.getDataBuffer() instanceof DataBufferInt dbi && dbi.getData().length == w * h) {
                    fromPacked(dbi.getData(), out);
                    return new RgbImage(w, h, out);
                }
            }
            default -> { }
        }
        int bands = r.getNumBands();
        boolean gray = bi.getColorModel().getColorSpace().getNumComponents() == 1;
        if (gray && bi.getColorModel().getComponentSize(0) <= 16) {
            // Gray (with or without alpha, 8 or 16 bit): replicate the raw level, no colour-space gamma.
            int bits = bi.getColorModel().getComponentSize(0);
            int[] px = r.getSamples(0, 0, w, h, 0, (int[]) null);
            for (int i = 0; i < px.length; i++) {
                byte v = (byte) (bits > 8 ? px[i] >> (bits - 8) : px[i]);
                out[3 * i] = v;
                out[3 * i + 1] = v;
                out[3 * i + 2] = v;
            }
            return new RgbImage(w, h, out);
        }
        assert bands > 0;
        int[] argb = bi.getRGB(0, 0, w, h, null, 0, w);
        fromPacked(argb, out);
        return new RgbImage(w, h, out);
    }

    private static void fromPacked(int[] px, byte[] out) {
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            out[3 * i] = (byte) (p >> 16);
            out[3 * i + 1] = (byte) (p >> 8);
            out[3 * i + 2] = (byte) p;
        }
    }

    /**
     * ImageIO refuses 4-channel JPEGs as images but reads their raster. Adobe writes CMYK inverted
     * (255 = no ink), which is also what most CMYK JPEGs in the wild hold.
     */
    private static RgbImage tryCmyk(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                Raster r = reader.readRaster(0, null);
                if (r.getNumBands() != 4) {
                    return null;
                }
                boolean inverted = hasAdobeMarker(bytes);
                int w = r.getWidth();
                int h = r.getHeight();
                byte[] out = new byte[3 * w * h];
                int[] px = r.getPixels(r.getMinX(), r.getMinY(), w, h, (int[]) null);
                for (int i = 0; i < w * h; i++) {
                    int c = px[4 * i];
                    int m = px[4 * i + 1];
                    int y = px[4 * i + 2];
                    int k = px[4 * i + 3];
                    if (!inverted) {
                        c = 255 - c;
                        m = 255 - m;
                        y = 255 - y;
                        k = 255 - k;
                    }
                    // With inverted storage, (255 - ink) values: R = (255 - C)(255 - K) / 255.
                    out[3 * i] = (byte) (c * k / 255);
                    out[3 * i + 1] = (byte) (m * k / 255);
                    out[3 * i + 2] = (byte) (y * k / 255);
                }
                return new RgbImage(w, h, out);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean hasAdobeMarker(byte[] b) {
        for (int i = 2; i + 9 < Math.min(b.length, 1 << 16); i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xEE
                    && b[i + 4] == 'A' && b[i + 5] == 'd' && b[i + 6] == 'o' && b[i + 7] == 'b' && b[i + 8] == 'e') {
                return true;
            }
        }
        return false;
    }
}
