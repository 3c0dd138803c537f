package dev.retinaj.data;

import java.util.List;

/**
 * Loading summary: images kept, boxes kept, boxes clipped to their image, and the problems found
 * (each one a skipped image or a dropped box, with file and reason).
 */
public record LoadReport(int images, int boxes, int clippedBoxes, List<Problem> problems) {
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

    @Override
    public String toString() {
        return images + " images, " + boxes + " boxes, " + clippedBoxes + " clipped, "
                + problems.size() + " problems";
    }
}
