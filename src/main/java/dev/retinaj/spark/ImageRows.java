package dev.retinaj.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Row layouts of the predict job. Boxes are COCO's [x, y, w, h] in original-image pixels, as floats,
 * the same numbers {@code retinaj predict} writes.
 */
final class ImageRows {
    /** The job's input: one image file and its id. */
    static final StructType INPUT = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("image_id", DataTypes.LongType, true);

    static final StructType DETECTION = new StructType()
            .add("category_id", DataTypes.LongType, false)
            .add("category", DataTypes.StringType, false)
            .add("score", DataTypes.FloatType, false)
            .add("bbox", new ArrayType(DataTypes.FloatType, false), false);

    /** The job's result: one row per image, {@code error} set (and no detections) for an unreadable one. */
    static final StructType IMAGE = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("image_id", DataTypes.LongType, true)
            .add("error", DataTypes.StringType, true)
            .add("detections", new ArrayType(DETECTION, false), false);

    private ImageRows() {
    }

    static Row problem(String file, Long imageId, String error) {
        return RowFactory.create(file, imageId, error, seq(List.of()));
    }

    /** The image's detections with a score of at least {@code minScore}, in the detector's order. */
    static Row detections(String file, long imageId, ImageDetections d, ModelSpec spec, double minScore) {
        List<Row> rows = new ArrayList<>();
        float[] b = d.corners();
        for (int j = 0; j < d.size(); j++) {
            if (d.scores()[j] < minScore) {
                continue;
            }
            int k = d.classes()[j];
            Float[] box = {b[4 * j], b[4 * j + 1], b[4 * j + 2] - b[4 * j], b[4 * j + 3] - b[4 * j + 1]};
            rows.add(RowFactory.create(spec.categoryIds().get(k), name(spec, k), d.scores()[j], seq(Arrays.asList(box))));
        }
        return RowFactory.create(file, imageId, null, seq(rows));
    }

    /** Array columns of a Row are Scala sequences. */
    private static <T> scala.collection.Seq<T> seq(List<T> list) {
        return scala.collection.JavaConverters.asScalaBuffer(list).toList();
    }

    private static String name(ModelSpec spec, int k) {
        return k < spec.classNames().size() ? spec.classNames().get(k) : Integer.toString(k);
    }
}
