package dev.retinaj.plot;

import dev.retinaj.data.DatasetStats;
import dev.retinaj.draw.ClassPalette;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** {@code data stats --plots DIR}: boxes per class, and box sizes (square root of area) as a histogram. */
public final class DatasetCharts {
    private DatasetCharts() {}

    /** Writes {@code labels.png} and {@code box_sizes.png} into {@code dir}; returns them. */
    public static List<Path> write(DatasetStats stats, Path dir) throws IOException {
        Path labels = dir.resolve("labels.png");
        Path sizes = dir.resolve("box_sizes.png");
        Charts.writePng(labels(stats), labels);
        Charts.writePng(sizes(stats), sizes);
        return List.of(labels, sizes);
    }

    public static BufferedImage labels(DatasetStats stats) {
        CategoryChart c = bars("Boxes per class (" + stats.boxes() + " boxes, " + stats.images() + " images)",
                "class", "boxes", Math.max(640, 120 + 48 * stats.perClass().size()));
        List<String> names = new ArrayList<>(stats.perClass().keySet());
        List<Integer> counts = new ArrayList<>(stats.perClass().values());
        if (names.isEmpty()) {
            return Charts.note("no classes", 640, 80);
        }
        // one series per class, empty (null) at the other classes, stacked: each bar in its class's box colour
        c.getStyler().setStacked(true);
        for (int i = 0; i < names.size(); i++) {
            List<Integer> only = new ArrayList<>(java.util.Collections.nCopies(names.size(), (Integer) null));
            only.set(i, counts.get(i));
            c.addSeries(names.get(i), names, only).setFillColor(ClassPalette.color(i));
        }
        return Charts.image(c);
    }

    public static BufferedImage sizes(DatasetStats stats) {
        CategoryChart c = bars("Box size: square root of area in pixels (COCO small < 32 <= medium < 96 <= large)",
                "box size (px)", "boxes", 960);
        List<String> bins = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        int[] h = stats.sizeHistogram();
        for (int i = 0; i < h.length; i++) {
            bins.add(DatasetStats.sizeBinLabel(i));
            counts.add(h[i]);
        }
        c.addSeries("boxes", bins, counts);
        return Charts.image(c);
    }

    private static CategoryChart bars(String title, String x, String y, int width) {
        CategoryChart c = new CategoryChartBuilder().width(width).height(400).title(title).xAxisTitle(x)
                .yAxisTitle(y).build();
        Charts.style(c.getStyler());
        c.getStyler().setLegendVisible(false);
        c.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setPlotGridVerticalLinesVisible(false);
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setyAxisTickLabelsFormattingFunction(Charts.integerTicks());
        c.getStyler().setAvailableSpaceFill(0.8);
        return c;
    }
}
