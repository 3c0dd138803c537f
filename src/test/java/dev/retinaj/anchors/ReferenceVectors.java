package dev.retinaj.anchors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads torchvision's reference vectors (../shared/reference/vectors, found through the system
 * property {@code retinaj.shared}) and turns their nested lists into NDArrays.
 */
public final class ReferenceVectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceVectors() {}

    public static JsonNode load(String name) {
        String shared = System.getProperty("retinaj.shared", "../shared");
        Path file = Path.of(shared, "reference", "vectors", name + ".json");
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference vector " + file, e);
        }
    }

    /** A nested list of numbers as a float32 array of the same shape. */
    public static NDArray floats(NDManager m, JsonNode node) {
        List<Long> dims = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        flatten(node, 0, dims, values);
        float[] data = new float[values.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = values.get(i).floatValue();
        }
        return m.create(data, shape(dims));
    }

    /** A nested list of integers as an int32 array of the same shape. */
    public static NDArray ints(NDManager m, JsonNode node) {
        return m.create(intArray(node), shape(dims(node))).toType(DataType.INT32, false);
    }

    public static int[] intArray(JsonNode node) {
        List<Long> dims = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        flatten(node, 0, dims, values);
        return values.stream().mapToInt(Double::intValue).toArray();
    }

    public static double[] doubleArray(JsonNode node) {
        List<Long> dims = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        flatten(node, 0, dims, values);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Long> dims(JsonNode node) {
        List<Long> dims = new ArrayList<>();
        flatten(node, 0, dims, new ArrayList<>());
        return dims;
    }

    private static Shape shape(List<Long> dims) {
        return new Shape(dims.stream().mapToLong(Long::longValue).toArray());
    }

    private static void flatten(JsonNode node, int depth, List<Long> dims, List<Double> out) {
        if (node.isArray()) {
            if (dims.size() == depth) {
                dims.add((long) node.size());
            } else if (dims.get(depth) != node.size()) {
                throw new IllegalArgumentException("ragged list at depth " + depth);
            }
            for (JsonNode e : node) {
                flatten(e, depth + 1, dims, out);
            }
        } else {
            out.add(node.asDouble());
        }
    }

    /** Largest |a − b| over two float arrays of equal length. */
    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
