package dev.retinaj.sweep;

import dev.retinaj.plot.LinePlot;
import dev.retinaj.plot.TrainingCurves;
import dev.retinaj.train.RunResult;
import dev.retinaj.util.JsonLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code summary.md}, {@code summary.csv} and the plots of a sweep: AP against each swept key, and
 * every run's training loss overlaid.
 */
public final class SweepSummary {
    static final List<String> METRICS = List.of("AP", "AP50", "AP75", "APs", "APm", "APl");
    static final List<String> LOSSES = List.of("loss", "loss_cls", "loss_box");

    /** One run of the sweep: its overrides and, when finished, its result. */
    public record Row(String name, List<String> overrides, Path dir, RunResult result) {}

    private SweepSummary() {}

    public static void write(Path out, List<GridSpec> axes, List<Row> rows) throws IOException {
        Files.writeString(out.resolve("summary.csv"), csv(axes, rows));
        Files.writeString(out.resolve("summary.md"), markdown(axes, rows));
        for (GridSpec axis : axes) {
            plotAgainst(axis, rows, out.resolve("ap_vs_" + axis.key().replace('.', '_') + ".png"));
        }
        LinePlot curves = new LinePlot("Training loss of each run", "iteration", "loss").logY();
        for (Row r : rows) {
            double[][] xy = curveOf(r.dir());
            if (xy[0].length > 0) {
                curves.add(r.name(), xy[0], xy[1]);
            }
        }
        curves.write(out.resolve("curves.png"), 900, 480);
    }

    private static double[][] curveOf(Path dir) throws IOException {
        return TrainingCurves.series(JsonLines.read(dir.resolve("metrics.jsonl")), "loss", Double.NEGATIVE_INFINITY);
    }

    static String csv(List<GridSpec> axes, List<Row> rows) {
        StringBuilder b = new StringBuilder("run");
        axes.forEach(a -> b.append(',').append(a.key()));
        METRICS.forEach(m -> b.append(',').append(m));
        LOSSES.forEach(m -> b.append(',').append(m));
        b.append(",minutes\n");
        for (Row r : rows) {
            b.append(r.name());
            for (String o : r.overrides()) {
                b.append(',').append(quote(o.substring(o.indexOf('=') + 1)));
            }
            appendNumbers(b, r.result(), ",", "");
            b.append('\n');
        }
        return b.toString();
    }

    static String markdown(List<GridSpec> axes, List<Row> rows) {
        StringBuilder b = new StringBuilder("| run |");
        axes.forEach(a -> b.append(' ').append(a.key()).append(" |"));
        METRICS.forEach(m -> b.append(' ').append(m).append(" |"));
        LOSSES.forEach(m -> b.append(' ').append(m).append(" |"));
        b.append(" minutes |\n|---|");
        int cols = axes.size() + METRICS.size() + LOSSES.size() + 1;
        b.append("---:|".repeat(cols)).append('\n');
        for (Row r : rows) {
            b.append("| ").append(r.name()).append(" |");
            for (String o : r.overrides()) {
                b.append(' ').append(o.substring(o.indexOf('=') + 1)).append(" |");
            }
            appendNumbers(b, r.result(), " ", " |");
            b.append('\n');
        }
        return b.toString();
    }

    private static void appendNumbers(StringBuilder b, RunResult r, String pre, String post) {
        for (String m : METRICS) {
            b.append(pre).append(r == null ? "" : fmt(r.metrics().get(m), 4)).append(post);
        }
        for (String m : LOSSES) {
            b.append(pre).append(r == null ? "" : fmt(r.finalLosses().get(m), 4)).append(post);
        }
        b.append(pre).append(r == null ? "unfinished" : fmt(r.minutes(), 1)).append(post);
    }

    private static String fmt(Double v, int digits) {
        return v == null ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static String quote(String v) {
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** AP and AP50 against one key's values (positions in grid order when values are not numbers). */
    private static void plotAgainst(GridSpec axis, List<Row> rows, Path png) throws IOException {
        boolean numeric = axis.values().stream().allMatch(v -> v.matches("-?[0-9.eE+-]+"));
        LinePlot plot = new LinePlot("AP against " + axis.key(), axis.key(), "AP").yRange(0, 1);
        if (!numeric) {
            plot.xNames(axis.values());
        }
        for (String metric : List.of("AP", "AP50")) {
            List<double[]> pts = new ArrayList<>();
            for (int vi = 0; vi < axis.values().size(); vi++) {
                String v = axis.values().get(vi);
                double sum = 0;
                int n = 0;
                for (Row r : rows) {
                    if (r.result() != null && r.overrides().contains(axis.key() + "=" + v)
                            && r.result().metrics().get(metric) != null) {
                        sum += r.result().metrics().get(metric);
                        n++;
                    }
                }
                if (n > 0) {
                    pts.add(new double[] {numeric ? Double.parseDouble(v) : vi, sum / n});
                }
            }
            double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
            plot.add(metric + (rows.size() > axis.values().size() ? " (mean over other keys)" : ""), x, y);
        }
        plot.write(png, 720, 420);
    }
}
