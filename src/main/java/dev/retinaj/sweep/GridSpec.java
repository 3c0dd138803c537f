package dev.retinaj.sweep;

import dev.retinaj.util.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code --grid K=V1,V2,...} axis. Values are split at top-level commas, so list values stay
 * whole: {@code loss.cls.alpha=[0.1,0.9],auto} has two values.
 */
public record GridSpec(String key, List<String> values) {
    public GridSpec {
        values = List.copyOf(values);
    }

    public static GridSpec parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new UsageException("--grid " + text + ": expected KEY=V1,V2,..., e.g. loss.cls.gamma=0,1,2");
        }
        String key = text.substring(0, eq).trim();
        List<String> values = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : text.substring(eq + 1).toCharArray()) {
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                values.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        values.add(cur.toString().trim());
        if (values.stream().anyMatch(String::isEmpty) || depth != 0) {
            throw new UsageException("--grid " + text + ": an empty or unbalanced value");
        }
        if (values.stream().distinct().count() != values.size()) {
            throw new UsageException("--grid " + text + ": a value is listed twice");
        }
        return new GridSpec(key, values);
    }

    /** Every combination, the first axis varying slowest; each is a list of K=V overrides. */
    public static List<List<String>> product(List<GridSpec> axes) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (GridSpec a : axes) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String v : a.values()) {
                    List<String> row = new ArrayList<>(prefix);
                    row.add(a.key() + "=" + v);
                    next.add(row);
                }
            }
            out = next;
        }
        return out;
    }

    /** A directory name for one combination: last key segments and values, e.g. gamma-2_alpha-0.25. */
    public static String runName(List<String> overrides) {
        List<String> parts = new ArrayList<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            String key = o.substring(0, eq);
            String last = key.substring(key.lastIndexOf('.') + 1);
            String value = o.substring(eq + 1).replaceAll("[^A-Za-z0-9.+-]+", "_").replaceAll("^_|_$", "");
            parts.add(last + "-" + value);
        }
        return parts.isEmpty() ? "base" : String.join("_", parts);
    }
}
