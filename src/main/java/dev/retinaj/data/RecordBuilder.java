package dev.retinaj.data;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Collects the boxes of one image while a reader parses it, with the checks every format shares:
 * boxes reaching outside the image are clipped (counted), degenerate boxes (width or height under
 * one pixel, or nothing left after clipping) are bad annotations (reported, dropped).
 */
final class RecordBuilder {
    private final String file;
    private final int width;
    private final int height;
    private final BadSamples bad;
    private float[] boxes = new float[16];
    private int[] labels = new int[4];
    private boolean[] crowd = new boolean[4];
    private int n;

    /** @param file the annotation file named in problem reports */
    RecordBuilder(String file, int width, int height, BadSamples bad) {
        this.file = file;
        this.width = width;
        this.height = height;
        this.bad = bad;
    }

    /** Adds a box in (x1, y1, x2, y2) pixels; returns false if it was dropped as bad. */
    boolean add(float x1, float y1, float x2, float y2, int label, boolean isCrowd) {
        if (!(Float.isFinite(x1) && Float.isFinite(y1) && Float.isFinite(x2) && Float.isFinite(y2))) {
            bad.report(file, "box " + fmt(x1, y1, x2, y2) + " is not a number");
            return false;
        }
        if (x2 - x1 < 1 || y2 - y1 < 1) {
            bad.report(file, "degenerate box " + fmt(x1, y1, x2, y2) + " (width or height < 1 px)");
            return false;
        }
        float cx1 = clamp(x1, width);
        float cy1 = clamp(y1, height);
        float cx2 = clamp(x2, width);
        float cy2 = clamp(y2, height);
        if (cx1 != x1 || cy1 != y1 || cx2 != x2 || cy2 != y2) {
            if (cx2 - cx1 < 1 || cy2 - cy1 < 1) {
                bad.report(file, "box " + fmt(x1, y1, x2, y2) + " lies outside the " + width + "x" + height + " image");
                return false;
            }
            bad.countClipped();
        }
        if (n == labels.length) {
            labels = Arrays.copyOf(labels, 2 * n);
            crowd = Arrays.copyOf(crowd, 2 * n);
            boxes = Arrays.copyOf(boxes, 8 * n);
        }
        boxes[4 * n] = cx1;
        boxes[4 * n + 1] = cy1;
        boxes[4 * n + 2] = cx2;
        boxes[4 * n + 3] = cy2;
        labels[n] = label;
        crowd[n] = isCrowd;
        n++;
        return true;
    }

    int size() {
        return n;
    }

    DetectionRecord build(long id, String name, Path image) {
        return new DetectionRecord(id, name, image, width, height,
                Arrays.copyOf(boxes, 4 * n), Arrays.copyOf(labels, n), Arrays.copyOf(crowd, n));
    }

    private static float clamp(float v, int hi) {
        return Math.max(0f, Math.min(hi, v));
    }

    static String fmt(float x1, float y1, float x2, float y2) {
        return "[" + num(x1) + ", " + num(y1) + ", " + num(x2) + ", " + num(y2) + "]";
    }

    private static String num(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Float.toString(v);
    }
}
