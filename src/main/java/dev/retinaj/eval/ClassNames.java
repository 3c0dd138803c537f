package dev.retinaj.eval;

import java.util.HashSet;
import java.util.Set;

/** Display names of categories in ascending id order, made unique by appending the id where names repeat. */
final class ClassNames {
    private ClassNames() {
    }

    static String[] of(GroundTruth gt, int[] catIds) {
        String[] names = new String[catIds.length];
        Set<String> seen = new HashSet<>();
        Set<String> dup = new HashSet<>();
        for (int id : catIds) {
            String n = gt.category(id).name();
            if (!seen.add(n)) {
                dup.add(n);
            }
        }
        for (int k = 0; k < catIds.length; k++) {
            String n = gt.category(catIds[k]).name();
            names[k] = dup.contains(n) ? n + "#" + catIds[k] : n;
        }
        return names;
    }
}
