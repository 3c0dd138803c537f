package dev.retinaj.eval;

import dev.retinaj.data.DetectionRecord;
import dev.retinaj.infer.Detections;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds evaluator inputs from the pipeline's types: class index k is {@code categories.get(k)}.
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

    public static List<Result> results(List<Detections> detections, List<Category> categories) {
        List<Result> out = new ArrayList<>();
        for (Detections d : detections) {
            float[] box = d.boxes();
            for (int i = 0; i < d.size(); i++) {
                out.add(Result.ofCorners(d.imageId(), category(categories, d.labels()[i]).id(),
                        box[4 * i], box[4 * i + 1], box[4 * i + 2], box[4 * i + 3], d.scores()[i]));
            }
        }
        return out;
    }

    private static Category category(List<Category> categories, int label) {
        if (label < 0 || label >= categories.size()) {
            throw new IllegalArgumentException("class index " + label + " outside 0.." + (categories.size() - 1));
        }
        return categories.get(label);
    }
}
