package dev.retinaj.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loading summary: images kept, boxes kept, boxes clipped to their image, and the problems found
 * (each one a skipped image or a dropped box, with file and reason). {@link #skipped()} and
 * {@link #firstSkipped()} are what a run log and result.json print.
 */
public record LoadReport(int images, int boxes, int clippedBoxes, List<Problem> problems) {
    /** How many skipped samples a summary lists by path. */
    public static final int FIRST = 20;

    public LoadReport {
        problems = List.copyOf(problems);
    }

    static LoadReport of(List<DetectionRecord> records, BadSamples bad) {
        int boxes = 0;
        for (DetectionRecord r : records) {
            boxes += r.numBoxes();
        }
        return new LoadReport(records.size(), boxes, bad.clippedBoxes(), bad.problems());
    }

    /** Every skipped image or dropped box. */
    public int skipped() {
        return problems.size();
    }

    /** The first {@link #FIRST} problems as "file: reason" lines. */
    public List<String> firstSkipped() {
        return problems.stream().limit(FIRST).map(Problem::toString).toList();
    }

    /** The same report with problems found later (e.g. images that failed to decode in training) added. */
    public LoadReport plus(List<Problem> more) {
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(more);
        return new LoadReport(images, boxes, clippedBoxes, all);
    }

    /** For result.json: images, boxes, clipped, skipped (count) and first_skipped (up to 20 lines). */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("images", images);
        m.put("boxes", boxes);
        m.put("clipped", clippedBoxes);
        m.put("skipped", skipped());
        m.put("first_skipped", firstSkipped());
        return m;
    }

    @Override
    public String toString() {
        return images + " images, " + boxes + " boxes, " + clippedBoxes + " clipped, "
                + problems.size() + " problems" + (problems.isEmpty() ? "" : " (first: " + problems.get(0) + ")");
    }
}
