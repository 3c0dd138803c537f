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
        DataInputStream d = new DataInputStream(in);
        List<byte[]> out = new ArrayList<>();
        byte[] header = new byte[12];
        while (true) {
            int first = d.read();
            if (first < 0) {
                return out;
            }
            header[0] = (byte) first;
            d.readFully(header, 1, 11);
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            long len = h.getLong(0);
            if (h.getInt(8) != maskedCrc(header, 0, 8)) {
                throw new IOException("record " + out.size() + ": length CRC mismatch");
            }
            if (len < 0 || len > Integer.MAX_VALUE) {
                throw new IOException("record " + out.size() + ": bad length " + len);
            }
            byte[] data = new byte[(int) len];
            byte[] crc = new byte[4];
            try {
                d.readFully(data);
                d.readFully(crc);
            } catch (EOFException e) {
                throw new IOException("record " + out.size() + ": cut short");
            }
            if (ByteBuffer.wrap(crc).order(ByteOrder.LITTLE_ENDIAN).getInt() != maskedCrc(data, 0, data.length)) {
                throw new IOException("record " + out.size() + ": data CRC mismatch");
            }
            out.add(data);
        }
    }
}
