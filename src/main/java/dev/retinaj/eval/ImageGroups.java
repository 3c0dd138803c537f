package dev.retinaj.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Ground-truth annotation indices and detections grouped by image, detections most confident first. */
final class ImageGroups {
    final int[][] truth;
    final List<List<Result>> detections;

    ImageGroups(GroundTruth gt, List<Result> results, double minScore) {
        int n = gt.numImages();
        int[] counts = new int[n];
        for (int a : gt.annImage) {
            counts[a]++;
        }
        truth = new int[n][];
        for (int i = 0; i < n; i++) {
            truth[i] = new int[counts[i]];
        }
        int[] fill = new int[n];
        for (int a = 0; a < gt.annImage.length; a++) {
            truth[gt.annImage[a]][fill[gt.annImage[a]]++] = a;
        }
        detections = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            detections.add(new ArrayList<>());
        }
        for (Result r : results) {
            int i = gt.imageIndex(r.imageId());
            if (i >= 0 && r.score() >= minScore) {
                detections.get(i).add(r);
            }
        }
        // stable: equal scores keep their input order
        detections.forEach(d -> d.sort(Comparator.comparingDouble(Result::score).reversed()));
    }

    static double iou(GroundTruth gt, int a, Result r) {
        return BoxIou.iou(r.x(), r.y(), r.w(), r.h(), gt, a, false);
    }
}
