package dev.retinaj.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.eval.CocoGroundTruthReader;
import dev.retinaj.eval.Evaluation;
import dev.retinaj.eval.GroundTruth;
import dev.retinaj.eval.Metrics;
import dev.retinaj.eval.Result;
import dev.retinaj.util.BadFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code --gt}: the job's detections scored against a COCO instances file with the project's own
 * evaluators, on the driver. Image ids are the ground truth's, found by file name. The results are
 * built from the numbers as the COCO results JSON spells them (a float's shortest decimal, read as a
 * double), so the metrics are identical to {@code retinaj eval --gt GT --detections OUT/detections.json}.
 */
final class GtEvaluation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final GroundTruth truth;
    private final Map<String, Long> idsByName;

    private GtEvaluation(Path file, GroundTruth truth, Map<String, Long> idsByName) {
        this.file = file;
        this.truth = truth;
        this.idsByName = idsByName;
    }

    /** Reads the ground truth and its images' file names (a name may appear once). */
    static GtEvaluation read(Path file) throws IOException {
        GroundTruth truth = CocoGroundTruthReader.read(file);
        Map<String, Long> ids = new HashMap<>();
        for (JsonNode im : JSON.readTree(file.toFile()).path("images")) {
            String name = baseName(im.path("file_name").asText(""));
            if (!name.isEmpty() && ids.put(name, im.path("id").asLong()) != null) {
                throw new BadFileException(file + ": two images named " + name + " (ids are matched by file name)");
            }
        }
        return new GtEvaluation(file, truth, ids);
    }

    static String baseName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    /** The ground truth's image ids for the input files; files it does not name get a null id. */
    Dataset<Row> withGtIds(SparkSession spark, Dataset<Row> inputs) {
        List<Row> rows = new ArrayList<>(idsByName.size());
        idsByName.forEach((n, id) -> rows.add(RowFactory.create(n, id)));
        StructType schema = new StructType().add("gt_name", DataTypes.StringType).add("gt_id", DataTypes.LongType);
        Dataset<Row> names = spark.createDataFrame(rows, schema);
        Dataset<Row> in = inputs.withColumn("gt_name", org.apache.spark.sql.functions.element_at(
                org.apache.spark.sql.functions.split(inputs.col("file"), "/"), -1));
        return in.join(org.apache.spark.sql.functions.broadcast(names), "gt_name", "left_outer")
                .selectExpr("file", "gt_id AS image_id");
    }

    /** Every metric over the detections table (rows in image and rank order, as the JSON has them). */
    Map<String, Metrics> evaluate(Iterator<Row> detections, List<String> metrics) {
        List<Result> results = new ArrayList<>();
        while (detections.hasNext()) {
            Row r = detections.next();
            List<Float> b = r.getList(r.fieldIndex("bbox"));
            results.add(new Result(r.getLong(r.fieldIndex("image_id")), (int) r.getLong(r.fieldIndex("category_id")),
                    asJson(b.get(0)), asJson(b.get(1)), asJson(b.get(2)), asJson(b.get(3)),
                    asJson(r.getFloat(r.fieldIndex("score")))));
        }
        Map<String, Metrics> out = new LinkedHashMap<>();
        for (String m : metrics) {
            try {
                out.put(m, Evaluation.run(m, truth, results));
            } catch (IllegalArgumentException e) {
                throw new BadFileException(file + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** A float as the results JSON carries it: its shortest decimal form, read back as a double. */
    private static double asJson(float f) {
        return Double.parseDouble(Float.toString(f));
    }
}
