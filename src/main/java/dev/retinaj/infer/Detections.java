package dev.retinaj.infer;

/**
 * Final detections of one image in original-image pixels: {@code boxes} (x1, y1, x2, y2) flat,
 * {@code scores} descending, {@code labels} class indices 0..K-1.
 */
public record Detections(long imageId, float[] boxes, float[] scores, int[] labels) {
    public Detections {
        if (boxes.length != 4 * scores.length || labels.length != scores.length) {
            throw new IllegalArgumentException("boxes, scores and labels disagree in length");
        }
    }

    public int size() {
        return scores.length;
    }
}
