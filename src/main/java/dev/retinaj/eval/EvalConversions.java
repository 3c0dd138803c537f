package dev.retinaj.eval;

import dev.retinaj.data.DetectionRecord;
import java.util.List;

/**
 * Builds the evaluator's ground truth from data-set records: class index k is {@code categories.get(k)}.
 * Ground-truth areas are box areas (records carry no segmentation area), so for COCO size ranges
 * identical to pycocotools' on a COCO data set, read the instances JSON with
 * {@link CocoGroundTruthReader} instead.
 */
public final class EvalConversions {
    private EvalConversions() {
    }

    public static GroundTruth groundTruth(List<DetectionRecord> records, List<Category> categories) {
        GroundTruth.Builder b = GroundTruth.builder().categories(categories);
        for (DetectionRecord r : records) {
            b.addImage(r.id(), r.width(), r.height());
            float[] box = r.boxes();
            for (int i = 0; i < r.numBoxes(); i++) {
                b.addBox(r.id(), category(categories, r.labels()[i]).id(),
                        box[4 * i], box[4 * i + 1], box[4 * i + 2], box[4 * i + 3], r.crowd()[i]);
            }
        }
        return b.build();
    }

    /** The category of class index {@code label}. */
    public static Category category(List<Category> categories, int label) {
        if (label < 0 || label >= categories.size()) {
            throw new IllegalArgumentException("class index " + label + " outside 0.." + (categories.size() - 1));
        }
        return categories.get(label);
    }
}
