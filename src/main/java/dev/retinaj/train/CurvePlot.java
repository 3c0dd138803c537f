package dev.retinaj.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retinaj.util.LinePlot;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** {@code curves.png}: loss components over iterations (log scale) above AP over iterations. */
public final class CurvePlot {
    private CurvePlot() {}

    public static void write(Path metricsJsonl, Path png) throws IOException {
        List<JsonNode> rows = MetricsLog.read(metricsJsonl);
        LinePlot losses = new LinePlot("Training loss", "iteration", "loss").logY();
        for (String key : List.of("loss", "loss_cls", "loss_box")) {
            double[][] xy = series(rows, key);
            if (xy[0].length > 0) {
                losses.add(key, xy[0], xy[1]);
            }
        }
        LinePlot ap = new LinePlot("Validation", "iteration", "AP").yRange(0, 1);
        for (String key : List.of("AP", "AP50", "mAP")) {
            double[][] xy = series(rows, key);
            if (xy[0].length > 0) {
                ap.add(key, xy[0], xy[1]);
            }
        }
        int w = 900;
        int h = 360;
        BufferedImage img = new BufferedImage(w, 2 * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.drawImage(losses.render(w, h), 0, 0, null);
        g.drawImage(ap.render(w, h), 0, h, null);
        g.dispose();
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
        ImageIO.write(img, "png", tmp.toFile());
        java.nio.file.Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** (iter, value) pairs of the rows that have {@code key}. */
    public static double[][] series(List<JsonNode> rows, String key) {
        List<double[]> pts = new ArrayList<>();
        for (JsonNode r : rows) {
            if (r.has(key) && r.has("iter") && r.get(key).isNumber()) {
                pts.add(new double[] {r.get("iter").asDouble(), r.get(key).asDouble()});
            }
        }
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return new double[][] {x, y};
    }
}
