package dev.retinaj.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Finds truncated JPEG and PNG files without decoding them, so that readers can count them as
 * problems at load time (a JPEG cut in half otherwise decodes with a grey lower half). A JPEG must
 * reach its end-of-image marker (FFD9), a PNG its IEND chunk. Usually only the file's last few KB are read;
 * the whole file only when the tail does not show the end (data appended after the image).
 */
final class ImageIntegrity {
    /** Bytes read from the end: a few KB, so that checking a large data set stays cheap. */
    static final int TAIL = 1 << 12;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageIntegrity() {}

    /** False (reported to {@code bad}) if the image file is truncated, mislabelled or unreadable. */
    static boolean check(Path image, BadSamples bad) {
        try {
            String p = problem(image);
            if (p != null) {
                bad.report(image, p);
                return false;
            }
            return true;
        } catch (IOException e) {
            bad.report(image, "cannot read: " + VocReader.oneLine(e.getMessage()));
            return false;
        }
    }

    /** What is wrong with the image file, or null if it looks complete (or is of another format). */
    static String problem(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            byte[] head = read(ch, 0, (int) Math.min(8, size));
            if (isJpeg(head)) {
                int n = (int) Math.min(TAIL, size);
                if (hasMarker(read(ch, size - n, n), 0xD9) && size > TAIL) {
                    return null; // FFD9 cannot occur inside entropy-coded data: only the end marker
                }
                byte[] all = Files.readAllBytes(file);
                if (jpegComplete(all)) {
                    return null;
                }
                return endsWithEoi(all) ? "corrupt JPEG (its segments do not lead to the end-of-image marker)"
                        : "truncated JPEG (no end-of-image marker)";
            }
            if (isPng(head)) {
                return pngComplete(ch, size) ? null : "truncated PNG (no IEND chunk)";
            }
            String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png")) {
                return "not a " + (n.endsWith(".png") ? "PNG" : "JPEG") + " file (its first bytes say otherwise)";
            }
            return null;
        }
    }

    static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }

    static boolean isPng(byte[] b) {
        if (b.length < PNG_SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (b[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** Walks the JPEG's segments and entropy-coded data until the end-of-image marker. */
    static boolean jpegComplete(byte[] b) {
        int i = 2;
        while (i + 1 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return false;
            }
            int m = b[i + 1] & 0xFF;
            if (m == 0xFF) {
                i++;
            } else if (m == 0xD9) {
                return true;
            } else if (m == 0x01 || m >= 0xD0 && m <= 0xD7) {
                i += 2;
            } else {
                if (i + 3 >= b.length) {
                    return false;
                }
                i += 2 + (((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF));
                if (m == 0xDA) {
                    i = skipEntropyData(b, i);
                }
            }
        }
        return false;
    }

    /** The index of the first marker after entropy-coded data (FF00 is a stuffed byte, FFD0-D7 restarts). */
    private static int skipEntropyData(byte[] b, int i) {
        while (i + 1 < b.length) {
            if ((b[i] & 0xFF) == 0xFF) {
                int n = b[i + 1] & 0xFF;
                if (n != 0x00 && !(n >= 0xD0 && n <= 0xD7)) {
                    return i;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return b.length;
    }

    private static boolean endsWithEoi(byte[] b) {
        return b.length >= 4 && (b[b.length - 2] & 0xFF) == 0xFF && (b[b.length - 1] & 0xFF) == 0xD9;
    }

    private static boolean hasMarker(byte[] b, int marker) {
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == marker) {
                return true;
            }
        }
        return false;
    }

    /** Steps from chunk header to chunk header (length, type, data, CRC) until IEND. */
    private static boolean pngComplete(FileChannel ch, long size) throws IOException {
        long pos = PNG_SIGNATURE.length;
        while (pos + 8 <= size) {
            ByteBuffer h = ByteBuffer.wrap(read(ch, pos, 8));
            long len = h.getInt() & 0xFFFFFFFFL;
            int type = h.getInt();
            if (type == 0x49454E44) { // "IEND"
                return pos + 12 <= size;
            }
            pos += 12 + len;
        }
        return false;
    }

    private static byte[] read(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (ch.read(buf, pos + buf.position()) < 0) {
                break;
            }
        }
        return buf.array();
    }
}
