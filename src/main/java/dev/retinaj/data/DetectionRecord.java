package dev.retinaj.data;

import java.nio.file.Path;

/**
 * One annotated image as the readers produce it. Boxes are (x1, y1, x2, y2) float pixels of the
 * original image, {@code boxes.length == 4 * labels.length}; labels are contiguous class indices
 * 0..K-1; {@code crowd[i]} marks a COCO crowd region or a VOC difficult object (never a positive,
 * ignored in evaluation). {@code id} is the COCO image id, or a 1-based sequence number for formats
 * without numeric ids; {@code name} is the file stem (VOC id). Arrays are owned by the record: do
 * not modify them.
 */
public record DetectionRecord(long id, String name, Path image, int width, int height,
                              float[] boxes, int[] labels, boolean[] crowd) {
    public DetectionRecord {
        if (boxes.length != 4 * labels.length || crowd.length != labels.length) {
            throw new IllegalArgumentException("boxes, labels and crowd flags disagree in length");
        }
    }

    public int numBoxes() {
        return labels.length;
    }
}
