package dev.retinaj.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.tensorboard.proto.Event;
import dev.retinaj.tensorboard.proto.Summary;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventWriterTest {
    @TempDir
    Path dir;

    @Test
    void maskedCrcMatchesTensorFlowsDefinition() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        // CRC-32C("123456789") = 0xE3069283 (the standard check value); masked: rotr 15 + 0xa282ead8
        assertEquals(0xc78ab0e5, TfRecord.maskedCrc(check, 0, check.length));
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x191c1fbb, TfRecord.maskedCrc(hello, 0, hello.length));
    }

    @Test
    void framingByteForByte() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TfRecord.write(buf, "hello".getBytes(StandardCharsets.US_ASCII));
        byte[] b = buf.toByteArray();
        assertEquals(8 + 4 + 5 + 4, b.length);
        assertEquals(5, b[0]);
        for (int i = 1; i < 8; i++) {
            assertEquals(0, b[i]);
        }
        // masked CRC-32C of the 8 length bytes 05 00 .. 00, little-endian: 0x3e04b2ea
        assertEquals(0xea, b[8] & 0xff);
        assertEquals(0x3e, b[11] & 0xff);
        assertEquals("hello", new String(b, 12, 5, StandardCharsets.US_ASCII));
        assertEquals(0xbb, b[17] & 0xff);
        b[13] ^= 1;
        assertThrows(java.io.IOException.class, () -> TfRecord.readAll(new ByteArrayInputStream(b)));
    }

    @Test
    void scalarsAndAnImageReadBack() throws Exception {
        Path file;
        try (EventWriter w = EventWriter.open(dir.resolve("tb"))) {
            file = w.file();
            w.scalar("loss", 1.25, 10);
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("AP", 0.5);
            row.put("lr", 0.001);
            w.scalars(row, 20);
            BufferedImage img = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
            img.setRGB(3, 2, 0xff0000);
            w.image("samples", img, 20);
        }
        assertTrue(file.getFileName().toString().startsWith("events.out.tfevents."));
        List<byte[]> records;
        try (InputStream in = Files.newInputStream(file)) {
            records = TfRecord.readAll(in);
        }
        assertEquals(4, records.size());
        Event first = Event.parseFrom(records.get(0));
        assertEquals(EventWriter.FILE_VERSION, first.getFileVersion());
        assertTrue(Math.abs(first.getWallTime() - System.currentTimeMillis() / 1000.0) < 600);

        Event loss = Event.parseFrom(records.get(1));
        assertEquals(10, loss.getStep());
        assertEquals("loss", loss.getSummary().getValue(0).getTag());
        assertEquals(1.25f, loss.getSummary().getValue(0).getSimpleValue());

        Event metrics = Event.parseFrom(records.get(2));
        assertEquals(20, metrics.getStep());
        assertEquals(2, metrics.getSummary().getValueCount());
        assertEquals("lr", metrics.getSummary().getValue(1).getTag());
        assertEquals(0.001f, metrics.getSummary().getValue(1).getSimpleValue());

        Summary.Image image = Event.parseFrom(records.get(3)).getSummary().getValue(0).getImage();
        assertEquals(7, image.getWidth());
        assertEquals(5, image.getHeight());
        BufferedImage back = ImageIO.read(image.getEncodedImageString().newInput());
        assertEquals(0xff0000, back.getRGB(3, 2) & 0xffffff);
    }
}
