package dev.retinaj.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.tensorboard.proto.Event;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void rowsBecomeTaggedScalars() throws Exception {
        Map<String, Double> train = MetricsEvents.scalars(JSON.readTree(
                "{\"iter\":5,\"lr\":0.01,\"loss\":1.5,\"skipped\":false,\"note\":\"x\"}"));
        assertEquals(Map.of("train/lr", 0.01, "train/loss", 1.5), train);
        Map<String, Double> val = MetricsEvents.scalars(JSON.readTree(
                "{\"iter\":10,\"eval\":true,\"AP\":0.4,\"APl\":-1.0,\"mAP_voc10\":0.6}"));
        assertEquals(Map.of("val/AP", 0.4, "val/mAP_voc10", 0.6), val);

        Path file;
        try (EventWriter w = EventWriter.open(dir)) {
            file = w.file();
            MetricsEvents.write(w, JSON.readTree("{\"iter\":10,\"eval\":true,\"AP\":0.4}"));
            MetricsEvents.write(w, JSON.readTree("{\"AP\":0.4}")); // no iter: skipped
        }
        List<byte[]> records;
        try (InputStream in = Files.newInputStream(file)) {
            records = TfRecord.readAll(in);
        }
        assertEquals(2, records.size());
        Event e = Event.parseFrom(records.get(1));
        assertEquals(10, e.getStep());
        assertEquals("val/AP", e.getSummary().getValue(0).getTag());
        assertEquals(0.4f, e.getSummary().getValue(0).getSimpleValue());
    }
}
