package dev.retinaj.report;

import dev.retinaj.data.DetectionRecord;
import dev.retinaj.data.ImageDecoder;
import dev.retinaj.draw.DetectionPainter;
import dev.retinaj.draw.PaintBox;
import dev.retinaj.draw.PaintBoxes;
import dev.retinaj.eval.ConfusionMatrix;
import dev.retinaj.eval.GroundTruth;
import dev.retinaj.eval.Result;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation images with ground truth (dashed) and predictions (solid, labelled), worst first: most
 * errors (missed boxes, wrong classes, detections on nothing) at the given score and IoU thresholds.
 */
public final class ValidationGrid {
    /** One drawn image: its file name, error count and picture. */
    public record Tile(String name, long errors, int truthBoxes, int predictions, BufferedImage image) {}

    private ValidationGrid() {}

    public static List<Tile> worst(RunArtifacts run, int count, double minScore, double iou, int maxSide)
            throws IOException {
        GroundTruth gt = run.truth();
        long[] errors = ConfusionMatrix.errorsPerImage(gt, run.detections(), minScore, iou);
        Map<Long, DetectionRecord> byId = new HashMap<>();
        run.val().records().forEach(r -> byId.put(r.id(), r));
        Map<Long, List<Result>> dets = new HashMap<>();
        run.detections().forEach(d -> dets.computeIfAbsent(d.imageId(), k -> new ArrayList<>()).add(d));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < gt.numImages(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> -errors[i]).thenComparingLong(gt::imageId));
        List<Tile> tiles = new ArrayList<>();
        for (int i : order.subList(0, Math.min(count, order.size()))) {
            DetectionRecord rec = byId.get(gt.imageId(i));
            if (rec == null) {
                continue;
            }
            List<PaintBox> truth = PaintBoxes.of(rec.boxes(), rec.labels(), null, run.val().classNames(), 0);
            List<PaintBox> preds = predictions(dets.getOrDefault(rec.id(), List.of()), run, minScore);
            BufferedImage img = PaintBoxes.image(ImageDecoder.decode(rec.image()));
            // drawn at the size shown, so that lines and labels keep their size on large and small images
            double s = (double) maxSide / Math.max(img.getWidth(), img.getHeight());
            BufferedImage drawn = DetectionPainter.paintComparison(resize(img, maxSide), scaled(truth, s),
                    scaled(preds, s));
            tiles.add(new Tile(rec.image().getFileName().toString(), errors[i], truth.size(), preds.size(), drawn));
        }
        return tiles;
    }

    private static List<PaintBox> predictions(List<Result> dets, RunArtifacts run, double minScore) {
        List<PaintBox> out = new ArrayList<>();
        List<String> names = run.val().classNames();
        long[] ids = run.val().categoryIds();
        for (Result d : dets) {
            int k = 0;
            while (k < ids.length && ids[k] != d.categoryId()) {
                k++;
            }
            if (d.score() >= minScore && k < ids.length) {
                out.add(new PaintBox((float) d.x(), (float) d.y(), (float) (d.x() + d.w()), (float) (d.y() + d.h()),
                        k, names.get(k), (float) d.score()));
            }
        }
        return out;
    }

    /** The tiles in rows of {@code columns} on white, 8 px apart: one picture (e.g. for TensorBoard). */
    public static BufferedImage mosaic(List<Tile> tiles, int columns) {
        int cell = tiles.stream().mapToInt(t -> Math.max(t.image().getWidth(), t.image().getHeight())).max().orElse(1);
        int cols = Math.max(1, Math.min(columns, tiles.size()));
        int rows = Math.max(1, (tiles.size() + cols - 1) / cols);
        BufferedImage out = new BufferedImage(cols * (cell + 8) + 8, rows * (cell + 8) + 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < tiles.size(); i++) {
            g.drawImage(tiles.get(i).image(), 8 + (i % cols) * (cell + 8), 8 + (i / cols) * (cell + 8), null);
        }
        g.dispose();
        return out;
    }

    private static List<PaintBox> scaled(List<PaintBox> boxes, double s) {
        float f = (float) s;
        return boxes.stream().map(b -> new PaintBox(b.x0() * f, b.y0() * f, b.x1() * f, b.y1() * f, b.classId(),
                b.name(), b.score())).toList();
    }

    /** Scaled so that the longer side is {@code maxSide}. */
    static BufferedImage resize(BufferedImage img, int maxSide) {
        double s = (double) maxSide / Math.max(img.getWidth(), img.getHeight());
        if (s == 1) {
            return img;
        }
        int w = Math.max(1, (int) Math.round(img.getWidth() * s));
        int h = Math.max(1, (int) Math.round(img.getHeight() * s));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
