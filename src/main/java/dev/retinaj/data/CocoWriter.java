package dev.retinaj.data;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Writes records as a COCO instances JSON: classes k → {@code categoryIds[k]}, boxes as
 * [x, y, w, h], area = w × h (no masks), the crowd flag as {@code iscrowd}.
 */
public final class CocoWriter {
    private CocoWriter() {}

    /** @param fileName each record's {@code file_name} (relative to the split's image folder) */
    public static void write(Path json, List<DetectionRecord> records, List<String> classNames, long[] categoryIds,
                             Function<DetectionRecord, String> fileName) throws IOException {
        Files.createDirectories(json.toAbsolutePath().getParent());
        try (JsonGenerator g = new JsonFactory().createGenerator(json.toFile(), JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("info");
            g.writeStringField("description", "written by retinaj");
            g.writeEndObject();
            g.writeArrayFieldStart("licenses");
            g.writeEndArray();
            g.writeArrayFieldStart("images");
            for (DetectionRecord r : records) {
                g.writeStartObject();
                g.writeNumberField("id", r.id());
                g.writeStringField("file_name", fileName.apply(r));
                g.writeNumberField("width", r.width());
                g.writeNumberField("height", r.height());
                g.writeEndObject();
                g.writeRaw('\n');
            }
            g.writeEndArray();
            g.writeArrayFieldStart("annotations");
            long annId = 1;
            for (DetectionRecord r : records) {
                float[] b = r.boxes();
                for (int i = 0; i < r.numBoxes(); i++) {
                    float w = b[4 * i + 2] - b[4 * i];
                    float h = b[4 * i + 3] - b[4 * i + 1];
                    g.writeStartObject();
                    g.writeNumberField("id", annId++);
                    g.writeNumberField("image_id", r.id());
                    g.writeNumberField("category_id", categoryIds[r.labels()[i]]);
                    g.writeArrayFieldStart("bbox");
                    g.writeNumber(b[4 * i]);
                    g.writeNumber(b[4 * i + 1]);
                    g.writeNumber(w);
                    g.writeNumber(h);
                    g.writeEndArray();
                    g.writeNumberField("area", w * h);
                    g.writeNumberField("iscrowd", r.crowd()[i] ? 1 : 0);
                    g.writeArrayFieldStart("segmentation");
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeRaw('\n');
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("categories");
            for (int k = 0; k < classNames.size(); k++) {
                g.writeStartObject();
                g.writeNumberField("id", categoryIds[k]);
                g.writeStringField("name", classNames.get(k));
                g.writeStringField("supercategory", "object");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
