package dev.retinaj.eval;

import java.util.Arrays;

/** Groups item indices by category, and within a category by image position, keeping input order. */
final class Grouping {
    private Grouping() {
    }

    /**
     * @param category category index (0..numCategories-1) of each item, or -1 to drop it
     * @param imagePos image position of each item (ascending image id order)
     * @return for each category, item indices sorted by image position, ties in input order
     */
    static int[][] byCategoryThenImage(int numCategories, int[] category, int[] imagePos) {
        int[] counts = new int[numCategories];
        for (int c : category) {
            if (c >= 0) {
                counts[c]++;
            }
        }
        int[][] groups = new int[numCategories][];
        for (int k = 0; k < numCategories; k++) {
            groups[k] = new int[counts[k]];
        }
        int[] fill = new int[numCategories];
        for (int i = 0; i < category.length; i++) {
            int c = category[i];
            if (c >= 0) {
                groups[c][fill[c]++] = i;
            }
        }
        for (int[] g : groups) {
            long[] packed = new long[g.length];
            for (int j = 0; j < g.length; j++) {
                packed[j] = ((long) imagePos[g[j]] << 32) | j;
            }
            Arrays.sort(packed);
            int[] copy = g.clone();
            for (int j = 0; j < g.length; j++) {
                g[j] = copy[(int) (packed[j] & 0xffffffffL)];
            }
        }
        return groups;
    }
}
