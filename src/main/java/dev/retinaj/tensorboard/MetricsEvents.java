package dev.retinaj.tensorboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * metrics.jsonl rows as TensorBoard scalars, step = {@code iter}: training rows under {@code train/}
 * ({@code train/loss}, {@code train/lr} ...), evaluation rows ({@code "eval": true}) under
 * {@code val/} ({@code val/AP}, {@code val/mAP_voc10} ...). Undefined metrics (-1) are left out.
 */
public final class MetricsEvents {
    private static final Set<String> NOT_SCALARS = Set.of("iter", "eval");

    private MetricsEvents() {}

    /** The scalars of one row, tag to value. */
    public static Map<String, Double> scalars(JsonNode row) {
        boolean eval = row.path("eval").asBoolean(false);
        Map<String, Double> out = new LinkedHashMap<>();
        row.fields().forEachRemaining(f -> {
            JsonNode v = f.getValue();
            if (!NOT_SCALARS.contains(f.getKey()) && v.isNumber() && Double.isFinite(v.asDouble())
                    && !(eval && v.asDouble() < 0)) {
                out.put((eval ? "val/" : "train/") + f.getKey(), v.asDouble());
            }
        });
        return out;
    }

    /** Writes a row as one event; rows without {@code iter} are skipped. */
    public static void write(EventWriter w, JsonNode row) throws IOException {
        if (row.has("iter")) {
            Map<String, Double> s = scalars(row);
            if (!s.isEmpty()) {
                w.scalars(s, row.get("iter").asLong());
            }
        }
    }
}
