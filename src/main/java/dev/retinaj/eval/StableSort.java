package dev.retinaj.eval;

/**
 * Stable arg-sort by descending score: equal scores keep their input order, as numpy's
 * {@code argsort(-score, kind='mergesort')} and MATLAB's {@code sort(-score)} do. Comparisons use
 * {@code >} so that 0.0 and -0.0 tie, as they do after numpy's negation.
 */
final class StableSort {
    private StableSort() {
    }

    /** Indices 0..n-1 of {@code keys} ordered by descending key, ties in index order. */
    static int[] descending(double[] keys) {
        int n = keys.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        descending(idx, keys);
        return idx;
    }

    /** Reorders {@code idx} (indices into keys) by descending key, ties keep their current order. */
    static void descending(int[] idx, double[] keys) {
        if (idx.length < 2) {
            return;
        }
        int[] tmp = new int[idx.length];
        sort(idx, tmp, 0, idx.length, keys);
    }

    private static void sort(int[] a, int[] tmp, int lo, int hi, double[] keys) {
        if (hi - lo <= 16) {
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                double kv = keys[v];
                int j = i - 1;
                while (j >= lo && kv > keys[a[j]]) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        sort(a, tmp, lo, mid, keys);
        sort(a, tmp, mid, hi, keys);
        if (!(keys[a[mid]] > keys[a[mid - 1]])) {
            return; // already in order
        }
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (i >= mid) {
                a[k] = tmp[j++];
            } else if (j >= hi) {
                a[k] = tmp[i++];
            } else if (keys[tmp[j]] > keys[tmp[i]]) {
                a[k] = tmp[j++];
            } else {
                a[k] = tmp[i++];
            }
        }
    }
}
