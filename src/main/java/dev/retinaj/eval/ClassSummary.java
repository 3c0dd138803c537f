package dev.retinaj.eval;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per class, in ascending category id order: its ground-truth count ({@code gt}: boxes that count,
 * {@code gt_ignored}: crowd or difficult ones) and the AP of every metric given: {@code AP} and
 * {@code AP50} for COCO, {@code AP_voc07} or {@code AP_voc10} for VOC; -1 where undefined.
 */
public final class ClassSummary {
    private ClassSummary() {}

    public static Map<String, Map<String, Number>> of(GroundTruth gt, Collection<Metrics> metrics) {
        int[] ids = gt.sortedCategoryIds();
        String[] names = ClassNames.of(gt, ids);
        long[] counted = new long[ids.length];
        long[] ignored = new long[ids.length];
        for (int a = 0; a < gt.annCategory.length; a++) {
            int k = gt.categoryIndex(gt.annCategory[a]);
            if (gt.crowd[a]) {
                ignored[k]++;
            } else {
                counted[k]++;
            }
        }
        Map<String, Map<String, Number>> out = new LinkedHashMap<>();
        for (int k = 0; k < ids.length; k++) {
            Map<String, Number> row = new LinkedHashMap<>();
            row.put("gt", counted[k]);
            row.put("gt_ignored", ignored[k]);
            out.put(names[k], row);
        }
        for (Metrics m : metrics) {
            if (m instanceof CocoMetrics c) {
                put(out, "AP", c.perClass());
                put(out, "AP50", c.perClassAp50());
            } else if (m instanceof VocMetrics v) {
                put(out, "AP_" + v.variantKey().substring("mAP_".length()), v.perClass());
            }
        }
        return out;
    }

    private static void put(Map<String, Map<String, Number>> out, String key, Map<String, Double> values) {
        values.forEach((name, v) -> out.get(name).put(key, v));
    }
}
