package dev.retinaj.spark;

import dev.retinaj.eval.CocoJsonWriter;
import dev.retinaj.eval.CocoJsonWriter.ResultLine;
import dev.retinaj.eval.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * Streams the detections table into one COCO results JSON file through {@link CocoJsonWriter}, the
 * layout of {@code retinaj predict}'s detections.json (image_id, category_id, bbox, score, file,
 * category), a partition at a time, so the driver never holds more than one partition.
 */
final class CocoJsonExport {
    private CocoJsonExport() {
    }

    static long write(Iterator<Row> rows, Path file, Configuration conf) throws IOException {
        try (OutputStream os = file.getFileSystem(conf).create(file, true)) {
            return CocoJsonWriter.writeResults(new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public ResultLine next() {
                    return line(rows.next());
                }
            }, os);
        }
    }

    private static ResultLine line(Row r) {
        List<Float> b = r.getList(r.fieldIndex("bbox"));
        Result result = new Result(r.getLong(r.fieldIndex("image_id")), (int) r.getLong(r.fieldIndex("category_id")),
                b.get(0), b.get(1), b.get(2), b.get(3), r.getFloat(r.fieldIndex("score")));
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("file", r.getString(r.fieldIndex("file")));
        extra.put("category", r.getString(r.fieldIndex("category")));
        return new ResultLine(result, extra);
    }
}
