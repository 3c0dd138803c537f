package dev.retinaj.spark;

/**
 * Detections of one image in original-image pixels, as the job writes them: corners (x1, y1, x2, y2)
 * flat, scores descending, class indices into the {@link ModelSpec}'s class map.
 */
public record ImageDetections(float[] corners, float[] scores, int[] classes) {
    public int size() {
        return scores.length;
    }
}
