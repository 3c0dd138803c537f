package dev.retinaj.report;

import dev.retinaj.util.AtomicFile;
import com.fasterxml.jackson.databind.JsonNode;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.DatasetStats;
import dev.retinaj.eval.CocoMetrics;
import dev.retinaj.eval.ConfusionMatrix;
import dev.retinaj.eval.Evaluation;
import dev.retinaj.eval.Metrics;
import dev.retinaj.eval.PrFigure;
import dev.retinaj.eval.ScoreCurves;
import dev.retinaj.plot.Charts;
import dev.retinaj.plot.ConfusionChart;
import dev.retinaj.plot.DatasetCharts;
import dev.retinaj.plot.EvalPlots;
import dev.retinaj.plot.PrPlotter;
import dev.retinaj.plot.ScoreCurvesChart;
import dev.retinaj.plot.TrainingCurves;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (pictures inlined) about a run — summary, config,
 * validation data, training curves, per-class AP for COCO and both VOC variants, PR curves, the
 * confusion matrix, precision / recall / F1 against confidence, and the validation images with the
 * most errors, predictions drawn over the ground truth.
 */
public final class ReportWriter {
    public static final String FILE = "report.html";
    static final int GRID_IMAGES = 24;
    static final int GRID_SIDE = 320;

    private ReportWriter() {}

    /** Writes the report of {@code runDir} to {@code out} (null: RUN_DIR/report.html); returns the file. */
    public static Path write(Path runDir, Path out) throws IOException {
        return write(runDir, out, null);
    }

    /** As {@link #write(Path, Path)}, reading the data with {@code cfg} (null: the run's config.yaml). */
    public static Path write(Path runDir, Path out, RetinaConfig cfg) throws IOException {
        RunArtifacts run = RunArtifacts.load(runDir, cfg);
        Path file = out != null ? out : runDir.resolve(FILE);
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        String page = html(run);
        AtomicFile.write(abs, tmp -> Files.writeString(tmp, page));
        return file;
    }

    static String html(RunArtifacts run) throws IOException {
        Map<String, Metrics> metrics = new LinkedHashMap<>();
        for (String m : Evaluation.METRICS) {
            metrics.put(m, Evaluation.run(m, run.truth(), run.detections()));
        }
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        String name = run.runDir().toAbsolutePath().normalize().getFileName().toString();
        b.append("<title>RetinaJ run ").append(Html.esc(name)).append("</title>").append(Html.STYLE).append("</head><body>");
        b.append("<h1>RetinaJ run ").append(Html.esc(name)).append("</h1>").append(summary(run, metrics));
        b.append("<h2>Training curves</h2>").append(Html.img(TrainingCurves.render(run.metrics()), "training curves"));
        b.append("<h2>Average precision per class</h2>").append(apTable(run, metrics));
        b.append("<h2>Precision-recall curves</h2><div class=\"grid pr\">");
        List<PrFigure> coco = metrics.get("coco").prFigures();
        List<PrFigure> figures = new java.util.ArrayList<>(metrics.get("voc").prFigures());
        coco.stream().filter(f -> f.name().equals("overall")).forEach(figures::add);
        for (PrFigure f : figures) {
            b.append(Html.img(Charts.image(PrPlotter.chart(f.title(), f.curves(), null)), f.title()));
        }
        b.append("</div>");
        ConfusionMatrix cm = ConfusionMatrix.compute(run.truth(), run.detections(), EvalPlots.CONFUSION_SCORE,
                EvalPlots.CONFUSION_IOU);
        b.append("<h2>Confusion matrix</h2>").append(Html.img(ConfusionChart.render(cm), "confusion matrix"));
        b.append("<h2>Precision, recall and F1 against confidence</h2>").append(Html.img(ScoreCurvesChart.render(
                ScoreCurves.compute(run.truth(), run.detections(), EvalPlots.CONFUSION_IOU)), "score curves"));
        b.append(grid(run));
        b.append(dataSection(run)).append("<h2>Config</h2><pre>").append(Html.esc(run.configText())).append("</pre>");
        return b.append(Html.LOAD_CHECK).append("</body></html>").toString();
    }

    private static String summary(RunArtifacts run, Map<String, Metrics> metrics) {
        StringBuilder b = new StringBuilder("<table>");
        JsonNode r = run.result();
        row(b, "status", r == null ? "running (no result.json yet)" : "finished");
        if (r != null) {
            row(b, "iterations", r.path("iterations").asText());
            row(b, "minutes", String.format(java.util.Locale.ROOT, "%.1f", r.path("minutes").asDouble()));
        }
        row(b, "validation images", Integer.toString(run.truth().numImages()));
        row(b, "COCO AP / AP50", Html.num(metrics.get("coco").headline()) + " / "
                + Html.num(((CocoMetrics) metrics.get("coco")).stat("AP50")));
        row(b, "VOC mAP (voc07, 11-point) / (voc10, all points)", Html.num(metrics.get("voc07").headline()) + " / "
                + Html.num(metrics.get("voc").headline()));
        return b.append("</table>").toString();
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<tr><td>").append(Html.esc(k)).append("</td><td>").append(v).append("</td></tr>");
    }

    private static String apTable(RunArtifacts run, Map<String, Metrics> metrics) {
        StringBuilder b = new StringBuilder("<table><tr><th>class</th><th>ground-truth boxes</th><th>COCO AP</th>"
                + "<th>VOC07 AP (11-point)</th><th>VOC10 AP (all points)</th></tr>");
        DatasetStats st = DatasetStats.of(run.val());
        for (String cls : metrics.get("coco").perClass().keySet()) {
            b.append("<tr><td>").append(Html.esc(cls)).append("</td><td>").append(st.perClass().getOrDefault(cls, 0))
                    .append("</td>");
            for (String m : List.of("coco", "voc07", "voc")) {
                b.append("<td>").append(Html.num(metrics.get(m).perClass().getOrDefault(cls, -1.0))).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("<tr><th>mean</th><th>").append(st.boxes()).append("</th>");
        for (String m : List.of("coco", "voc07", "voc")) {
            b.append("<th>").append(Html.num(metrics.get(m).headline())).append("</th>");
        }
        return b.append("</tr></table>").toString();
    }

    private static String grid(RunArtifacts run) throws IOException {
        StringBuilder b = new StringBuilder("<h2>Validation images, most errors first</h2><p>Ground truth dashed, "
                + "predictions scoring at least " + EvalPlots.CONFUSION_SCORE + " solid; errors = missed boxes + wrong "
                + "classes + detections on nothing, at IoU " + EvalPlots.CONFUSION_IOU + ".</p><div class=\"grid\">");
        for (ValidationGrid.Tile t : ValidationGrid.worst(run, GRID_IMAGES, EvalPlots.CONFUSION_SCORE,
                EvalPlots.CONFUSION_IOU, GRID_SIDE)) {
            b.append("<figure>").append(Html.img(t.image(), t.name())).append("<figcaption>")
                    .append(Html.esc(t.name())).append(": ").append(t.errors()).append(" errors, ")
                    .append(t.truthBoxes()).append(" boxes, ").append(t.predictions()).append(" predictions")
                    .append("</figcaption></figure>");
        }
        return b.append("</div>").toString();
    }

    private static String dataSection(RunArtifacts run) throws IOException {
        DatasetStats st = DatasetStats.of(run.val());
        StringWriter text = new StringWriter();
        st.print(new PrintWriter(text));
        return "<h2>Validation data (" + Html.esc(String.join(", ", run.config().data().val())) + ")</h2><pre>"
                + Html.esc(text.toString()) + "</pre><div class=\"grid\">"
                + Html.img(DatasetCharts.labels(st), "boxes per class")
                + Html.img(DatasetCharts.sizes(st), "box sizes") + "</div>";
    }
}
