package dev.retinaj.util;

import java.util.Arrays;
import java.util.Locale;

/** Median and range of repeated measurements, as every benchmark reports them. */
public record Spread(double median, double min, double max, int count) {
    public static Spread of(double[] values) {
        if (values.length == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new Spread(median, s[0], s[n - 1], n);
    }

    /** "1.234 s (1.200-1.300, 5 runs)". */
    public String seconds() {
        return String.format(Locale.ROOT, "%.3f s (%.3f-%.3f, %d runs)", median, min, max, count);
    }
}
