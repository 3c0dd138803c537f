package dev.retinaj.data;

import java.util.List;

/**
 * What a reader gives the trainer, evaluator and tools: one record per usable image, the class names
 * (index k = model class k), each class's id in the data set ({@code categoryIds[k]}: COCO category
 * ids in ascending order, 1..K for formats without ids; used when writing results) and what loading
 * found wrong.
 */
public record LoadedSplit(List<DetectionRecord> records, List<String> classNames, long[] categoryIds,
                          LoadReport report) {
    public LoadedSplit {
        records = List.copyOf(records);
        classNames = List.copyOf(classNames);
        if (categoryIds.length != classNames.size()) {
            throw new IllegalArgumentException("categoryIds and classNames disagree in length");
        }
    }

    public int numClasses() {
        return classNames.size();
    }

    /** Ids 1..K, for formats without their own category ids. */
    static long[] sequentialIds(int k) {
        long[] ids = new long[k];
        for (int i = 0; i < k; i++) {
            ids[i] = i + 1;
        }
        return ids;
    }
}
