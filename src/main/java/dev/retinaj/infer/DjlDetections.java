package dev.retinaj.infer;

import ai.djl.modality.cv.output.BoundingBox;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.modality.cv.output.Rectangle;
import java.util.ArrayList;
import java.util.List;

/** {@link Detections} as DJL's {@link DetectedObjects}: boxes normalised to [0, 1] of the image, as DJL has them. */
public final class DjlDetections {
    private DjlDetections() {}

    /**
     * @param width  the original image's width in pixels (the detections' frame)
     * @param height its height
     * @param minScore detections scoring below this are left out
     */
    public static DetectedObjects of(Detections d, ClassMap classes, int width, int height, double minScore) {
        List<String> names = new ArrayList<>();
        List<Double> probs = new ArrayList<>();
        List<BoundingBox> boxes = new ArrayList<>();
        float[] b = d.boxes();
        double w = width;
        double h = height;
        for (int j = 0; j < d.size(); j++) {
            if (d.scores()[j] >= minScore) {
                names.add(classes.name(d.labels()[j]));
                probs.add((double) d.scores()[j]);
                boxes.add(new Rectangle(b[4 * j] / w, b[4 * j + 1] / h, (b[4 * j + 2] - b[4 * j]) / w,
                        (b[4 * j + 3] - b[4 * j + 1]) / h));
            }
        }
        return new DetectedObjects(names, probs, boxes);
    }
}
