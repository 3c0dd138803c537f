package dev.retinaj.data;

/**
 * Reads the EXIF orientation tag (0x0112) of a JPEG from its APP1 segment; ImageIO ignores it. Values
 * 1..8 as in the TIFF spec (1 = upright, 3 = rotated 180°, 6 = needs 90° clockwise, 8 = needs 90°
 * counter-clockwise, 2/4/5/7 the mirrored forms). Anything unreadable counts as 1.
 */
public final class ExifOrientation {
    private ExifOrientation() {}

    public static int read(byte[] jpeg) {
        try {
            return parse(jpeg);
        } catch (RuntimeException e) {
            return 1;
        }
    }

    /** True when the orientation swaps width and height (the 90° forms 5..8). */
    public static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    private static int parse(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return 1;
        }
        int pos = 2;
        while (pos + 4 <= b.length) {
            if ((b[pos] & 0xFF) != 0xFF) {
                return 1;
            }
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return 1;
            }
            int len = u16(b, pos + 2, false);
            int start = pos + 4;
            if (marker == 0xE1 && len >= 8 && start + 6 <= b.length
                    && b[start] == 'E' && b[start + 1] == 'x' && b[start + 2] == 'i' && b[start + 3] == 'f'
                    && b[start + 4] == 0 && b[start + 5] == 0) {
                return fromTiff(b, start + 6, Math.min(b.length, pos + 2 + len));
            }
            pos += 2 + len;
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        if (u16(b, tiff + 2, little) != 42) {
            return 1;
        }
        int ifd = tiff + (int) u32(b, tiff + 4, little);
        int count = u16(b, ifd, little);
        for (int i = 0; i < count; i++) {
            int e = ifd + 2 + 12 * i;
            if (e + 12 > end) {
                return 1;
            }
            if (u16(b, e, little) == 0x0112) {
                int v = u16(b, e + 8, little);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int i, boolean little) {
        int a = b[i] & 0xFF;
        int c = b[i + 1] & 0xFF;
        return little ? a | (c << 8) : (a << 8) | c;
    }

    private static long u32(byte[] b, int i, boolean little) {
        long hi = u16(b, little ? i + 2 : i, little);
        long lo = u16(b, little ? i : i + 2, little);
        return (hi << 16) | lo;
    }
}
