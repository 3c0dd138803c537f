package dev.retinaj.tensorboard;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, as TensorBoard reads event files: per record a little-endian uint64 length, the
 * masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data.
 */
public final class TfRecord {
    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecord() {}

    /** TensorFlow's masked CRC: the CRC-32C rotated right by 15 bits, plus a constant. */
    public static int maskedCrc(byte[] data, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(data, off, len);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    public static void write(OutputStream out, byte[] data) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(data.length);
        header.putInt(maskedCrc(header.array(), 0, 8));
        out.write(header.array());
        out.write(data);
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(maskedCrc(data, 0, data.length)).array());
    }

    /**
     * Every record of {@code in}, each checked against both of its CRCs.
     *
     * @throws IOException on a CRC mismatch or a record cut short
     */
    public static List<byte[]> readAll(InputStream in) throws IOException {
        List<byte[]> out = new ArrayList<>();
        String problem = read(in, out);
        if (problem != null) {
            throw new IOException(problem);
        }
        return out;
    }

    /** The records of {@code in} up to the first one that is cut short or fails its CRC (a killed writer's tail). */
    public static List<byte[]> readIntact(InputStream in) throws IOException {
        List<byte[]> out = new ArrayList<>();
        read(in, out);
        return out;
    }

    /** Adds the intact records of {@code in} to {@code out}; returns why it stopped early, or null at the end. */
    private static String read(InputStream in, List<byte[]> out) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] header = new byte[12];
        while (true) {
            int first = d.read();
            if (first < 0) {
                return null;
            }
            header[0] = (byte) first;
            byte[] data;
            byte[] crc = new byte[4];
            try {
                d.readFully(header, 1, 11);
                ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                long len = h.getLong(0);
                if (h.getInt(8) != maskedCrc(header, 0, 8)) {
                    return "record " + out.size() + ": length CRC mismatch";
                }
                if (len < 0 || len > Integer.MAX_VALUE) {
                    return "record " + out.size() + ": bad length " + len;
                }
                data = new byte[(int) len];
                d.readFully(data);
                d.readFully(crc);
            } catch (EOFException e) {
                return "record " + out.size() + ": cut short";
            }
            if (ByteBuffer.wrap(crc).order(ByteOrder.LITTLE_ENDIAN).getInt() != maskedCrc(data, 0, data.length)) {
                return "record " + out.size() + ": data CRC mismatch";
            }
            out.add(data);
        }
    }
}
