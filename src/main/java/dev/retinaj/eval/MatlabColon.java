package dev.retinaj.eval;

/**
 * MATLAB's colon operator {@code a:d:b}, as MathWorks documents it (colonop.m): the first half is
 * a + k*d, the second half is counted back from the end point, c - k*d, and an odd middle element is
 * (a + c) / 2. So {@code 0:0.1:1} is [0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]:
 * unlike 0.1 * k (0.6000000000000001, 0.7000000000000001) its 0.6 and 0.7 equal the doubles nearest
 * 0.6 and 0.7, so a recall of exactly 0.6 or 0.7 reaches them.
 */
final class MatlabColon {
    private MatlabColon() {
    }

    static double[] range(double a, double d, double b) {
        if (d == 0 || (a < b && d < 0) || (b < a && d > 0)) {
            return new double[0];
        }
        double tol = 2.0 * Math.ulp(1.0) * Math.max(Math.abs(a), Math.abs(b));
        double sig = Math.signum(d);
        int n;
        if (a == Math.floor(a) && d == 1) {
            n = (int) (Math.floor(b) - a);
        } else if (a == Math.floor(a) && d == Math.floor(d)) {
            double q = Math.floor(a / d);
            double r = a - q * d;
            n = (int) (Math.floor((b - r) / d) - q);
        } else {
            n = (int) Math.round((b - a) / d);
            if (sig * (a + n * d - b) > tol) {
                n--;
            }
        }
        double c = a + n * d;
        if (sig * (c - b) > -tol) {
            c = b;
        }
        double[] v = new double[n + 1];
        for (int k = 0; k <= n / 2; k++) {
            v[k] = a + k * d;
            v[n - k] = c - k * d;
        }
        if (n % 2 == 0) {
            v[n / 2] = (a + c) / 2;
        }
        return v;
    }
}
