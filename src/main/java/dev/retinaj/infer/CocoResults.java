package dev.retinaj.infer;

import dev.retinaj.eval.Category;
import dev.retinaj.eval.EvalConversions;
import dev.retinaj.eval.Result;
import java.util.ArrayList;
import java.util.List;

/** Detections as COCO results: class index k becomes {@code categories.get(k)}'s id, corners become x, y, w, h. */
public final class CocoResults {
    private CocoResults() {}

    public static List<Result> of(List<Detections> detections, List<Category> categories) {
        List<Result> out = new ArrayList<>();
        for (Detections d : detections) {
            float[] box = d.boxes();
            for (int i = 0; i < d.size(); i++) {
                out.add(Result.ofCorners(d.imageId(), EvalConversions.category(categories, d.labels()[i]).id(),
                        box[4 * i], box[4 * i + 1], box[4 * i + 2], box[4 * i + 3], d.scores()[i]));
            }
        }
        return out;
    }
}
