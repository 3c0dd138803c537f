package dev.retinaj.data.augment;

import java.util.Arrays;
import java.util.List;

/**
 * Boxes (x1, y1, x2, y2) with their labels and crowd/difficult flags, kept in step through the
 * geometric transforms.
 */
public record Boxes(float[] xyxy, int[] labels, boolean[] crowd) {
    public Boxes {
        if (xyxy.length != 4 * labels.length || crowd.length != labels.length) {
            throw new IllegalArgumentException("boxes, labels and crowd flags disagree in length");
        }
    }

    public int size() {
        return labels.length;
    }

    /**
     * Scales by (sx, sy), shifts by (dx, dy), clips to {@code clip} (its edges included), and keeps the
     * boxes that still cover at least {@code minVisible} of their scaled area (and a non-empty area).
     */
    public Boxes placed(double sx, double sy, double dx, double dy, Window clip, double minVisible) {
        double x0 = clip.x0();
        double y0 = clip.y0();
        double x1 = clip.x1();
        double y1 = clip.y1();
        int n = size();
        float[] out = new float[4 * n];
        int[] keep = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double bx1 = xyxy[4 * i] * sx + dx;
            double by1 = xyxy[4 * i + 1] * sy + dy;
            double bx2 = xyxy[4 * i + 2] * sx + dx;
            double by2 = xyxy[4 * i + 3] * sy + dy;
            double area = (bx2 - bx1) * (by2 - by1);
            double cx1 = Math.max(bx1, x0);
            double cy1 = Math.max(by1, y0);
            double cx2 = Math.min(bx2, x1);
            double cy2 = Math.min(by2, y1);
            if (cx2 <= cx1 || cy2 <= cy1 || area <= 0 || (cx2 - cx1) * (cy2 - cy1) < minVisible * area) {
                continue;
            }
            out[4 * k] = (float) cx1;
            out[4 * k + 1] = (float) cy1;
            out[4 * k + 2] = (float) cx2;
            out[4 * k + 3] = (float) cy2;
            keep[k++] = i;
        }
        int[] labelsOut = new int[k];
        boolean[] crowdOut = new boolean[k];
        for (int j = 0; j < k; j++) {
            labelsOut[j] = labels[keep[j]];
            crowdOut[j] = crowd[keep[j]];
        }
        return new Boxes(Arrays.copyOf(out, 4 * k), labelsOut, crowdOut);
    }

    /** The boxes of several parts, in order. */
    public static Boxes concat(List<Boxes> parts) {
        int n = parts.stream().mapToInt(Boxes::size).sum();
        float[] b = new float[4 * n];
        int[] l = new int[n];
        boolean[] c = new boolean[n];
        int at = 0;
        for (Boxes p : parts) {
            System.arraycopy(p.xyxy, 0, b, 4 * at, 4 * p.size());
            System.arraycopy(p.labels, 0, l, at, p.size());
            System.arraycopy(p.crowd, 0, c, at, p.size());
            at += p.size();
        }
        return new Boxes(b, l, c);
    }
}
