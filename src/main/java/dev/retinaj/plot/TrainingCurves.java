package dev.retinaj.plot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retinaj.util.JsonLines;
import java.awt.BasicStroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code curves.png} from {@code metrics.jsonl}: three panels sharing the iteration axis — loss
 * components (log scale once they span two powers of ten, else linear), learning rate, and validation
 * metrics (COCO AP, AP50, AP75 solid, VOC mAP dashed with its own markers, so AP50 and mAP stay
 * visible where they coincide).
 */
public final class TrainingCurves {
    public static final List<String> LOSSES = List.of("loss", "loss_cls", "loss_box");
    public static final List<String> METRICS = List.of("AP", "AP50", "AP75", "mAP_voc07", "mAP_voc10", "mAP");
    private static final int WIDTH = 960;
    private static final int HEIGHT = 320;
    private static final BasicStroke WIDE = new BasicStroke(5f);
    private static final BasicStroke THIN_DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {6f, 4f}, 0f);

    private TrainingCurves() {}

    public static void write(Path metricsJsonl, Path png) throws IOException {
        Charts.writePng(render(JsonLines.read(metricsJsonl)), png);
    }

    public static BufferedImage render(List<JsonNode> rows) {
        List<JsonNode> train = rows.stream().filter(r -> !r.path("eval").asBoolean(false)).toList();
        List<JsonNode> evals = rows.stream().filter(r -> r.path("eval").asBoolean(false)).toList();
        List<BufferedImage> panels = new ArrayList<>();
        double lastIter = rows.stream().mapToDouble(r -> r.path("iter").asDouble(0)).max().orElse(1);
        List<double[][]> losses = LOSSES.stream().map(k -> series(train, k, Double.MIN_VALUE)).toList();
        boolean log = logReadable(losses);
        XYChart loss = panel("Training loss", log ? "loss (log)" : "loss", lastIter);
        if (log) {
            loss.getStyler().setYAxisLogarithmic(true);
            // XChart places a formatted axis's ticks linearly, so a log axis labelled 2, 4, 6, 8 put 1.7 near "4"
            loss.getStyler().setyAxisTickLabelsFormattingFunction(null);
        }
        for (int i = 0; i < LOSSES.size(); i++) {
            add(loss, LOSSES.get(i), losses.get(i), SeriesMarkers.NONE, Charts.SOLID);
        }
        addIfDrawn(panels, loss);
        double[][] lrs = series(train, "lr", 0);
        int e = lrExponent(lrs[1]);
        XYChart lr = panel("Learning rate", e == 0 ? "lr" : "lr (\u00d7 1e" + e + ")", lastIter);
        double unit = Math.pow(10, e);
        add(lr, "lr", new double[][] {lrs[0], Arrays.stream(lrs[1]).map(v -> v / unit).toArray()}, SeriesMarkers.NONE,
                Charts.SOLID);
        addIfDrawn(panels, lr);
        XYChart val = panel("Validation", "AP", lastIter);
        val.getStyler().setYAxisMin(0.0);
        val.getStyler().setYAxisMax(1.0);
        boolean voc = false;
        for (String k : METRICS) {
            if (k.equals("mAP") && voc) {
                continue; // the old key repeats mAP_voc07 / mAP_voc10
            }
            boolean isVoc = k.startsWith("mAP");
            // VOC mAP is close to AP50 (both at IoU 0.5): AP50 wide underneath, mAP thin and dashed on top
            BasicStroke stroke = isVoc ? THIN_DASHED : k.equals("AP50") ? WIDE : Charts.SOLID;
            boolean added = add(val, k, series(evals, k, 0), isVoc ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE,
                    stroke);
            voc |= isVoc && added;
        }
        addIfDrawn(panels, val);
        return panels.isEmpty() ? Charts.note("no metrics yet", WIDTH, 80) : Charts.stack(panels);
    }

    /**
     * The power of ten the lr panel is drawn in (lr 1.5e-4 is drawn as 1.5 on an "lr (× 1e-4)" axis):
     * XChart takes values whose sorted gaps agree within 0.0001 for equally spaced and ticks them at
     * the data values themselves, so a short run's lr (0 to 1.56e-4) was ticked 3.38286e-5, 0.000101598 ...
     */
    static int lrExponent(double[] lr) {
        double max = Arrays.stream(lr).map(Math::abs).max().orElse(0);
        return max > 0 && max < 1 ? (int) Math.floor(Math.log10(max) + 1e-9) : 0;
    }

    /**
     * Whether the loss panel gets a log axis: only when the values span two powers of ten. XChart
     * labels a log axis at powers of ten alone, so losses from 1.7 to 0.28 showed the single label "1".
     */
    static boolean logReadable(List<double[][]> series) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double[][] xy : series) {
            for (double v : xy[1]) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return max > 0 && Math.floor(Math.log10(max) + 1e-9) - Math.ceil(Math.log10(min) - 1e-9) >= 1;
    }

    private static void addIfDrawn(List<BufferedImage> panels, XYChart c) {
        if (!c.getSeriesMap().isEmpty()) {
            panels.add(Charts.image(c));
        }
    }

    /** A panel on the common iteration axis, legend below so that every panel's plot is as wide. */
    private static XYChart panel(String title, String yLabel, double lastIter) {
        XYChart c = Charts.xy(title, "iteration", yLabel, WIDTH, HEIGHT);
        Charts.integerX(c);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(Math.max(1, lastIter));
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return c;
    }

    private static boolean add(XYChart c, String name, double[][] xy, Marker marker, BasicStroke stroke) {
        if (xy[0].length == 0) {
            return false;
        }
        XYSeries s = c.addSeries(name, xy[0], xy[1]);
        s.setMarker(marker);
        s.setLineStyle(stroke);
        return true;
    }

    /**
     * (iteration, value) of the rows holding {@code key}, one point per iteration (the last row wins,
     * so a repeated final evaluation is drawn once), values below {@code min} left out (AP -1 means
     * undefined; a log axis takes positive values only).
     */
    public static double[][] series(List<JsonNode> rows, String key, double min) {
        TreeMap<Long, Double> pts = new TreeMap<>();
        for (JsonNode r : rows) {
            JsonNode v = r.get(key);
            if (v != null && v.isNumber() && r.has("iter") && Double.isFinite(v.asDouble()) && v.asDouble() >= min) {
                pts.put(r.get("iter").asLong(), v.asDouble());
            }
        }
        double[] x = pts.keySet().stream().mapToDouble(Long::doubleValue).toArray();
        double[] y = pts.values().stream().mapToDouble(Double::doubleValue).toArray();
        return new double[][] {x, y};
    }
}
