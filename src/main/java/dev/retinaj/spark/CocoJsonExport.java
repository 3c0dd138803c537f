package dev.retinaj.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * Streams the detections table into one COCO results JSON file (the layout of
 * {@code retinaj predict}'s detections.json: image_id, file, category_id, category, bbox, score), a
 * partition at a time, so the driver never holds more than one partition.
 */
final class CocoJsonExport {
    private CocoJsonExport() {
    }

    static long write(Iterator<Row> rows, Path file, Configuration conf) throws IOException {
        long n = 0;
        try (OutputStream os = file.getFileSystem(conf).create(file, true);
             JsonGenerator g = new JsonFactory().createGenerator(os)) {
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            while (rows.hasNext()) {
                Row r = rows.next();
                g.writeStartObject();
                g.writeNumberField("image_id", r.getLong(r.fieldIndex("image_id")));
                g.writeStringField("file", r.getString(r.fieldIndex("file")));
                g.writeNumberField("category_id", r.getLong(r.fieldIndex("category_id")));
                g.writeStringField("category", r.getString(r.fieldIndex("category")));
                g.writeArrayFieldStart("bbox");
                List<Float> b = r.getList(r.fieldIndex("bbox"));
                for (Float v : b) {
                    g.writeNumber(v.floatValue());
                }
                g.writeEndArray();
                g.writeNumberField("score", r.getFloat(r.fieldIndex("score")));
                g.writeEndObject();
                n++;
            }
            g.writeEndArray();
        }
        return n;
    }
}
