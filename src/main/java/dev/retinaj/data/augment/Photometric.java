package dev.retinaj.data.augment;

import dev.retinaj.data.RgbImage;

/**
 * Brightness, contrast, saturation and hue as one affine colour map per image (v' = M v + o, then
 * rounded and clamped): brightness scales, contrast blends with the image's mean grey, saturation
 * blends with each pixel's grey (ITU-R 601 luma, as torchvision), hue rotates the chroma plane of YIQ
 * (the linear form of a hue shift). Factors of 1 and a shift of 0 return the image unchanged.
 */
public final class Photometric {
    private static final double[] LUMA = {0.299, 0.587, 0.114};

    private Photometric() {}

    /** @param hue the shift as a fraction of the colour circle, in [−0.5, 0.5] */
    public static RgbImage apply(RgbImage img, double brightness, double contrast, double saturation, double hue) {
        if (brightness == 1 && contrast == 1 && saturation == 1 && hue == 0) {
            return img;
        }
        double meanGrey = brightness * meanGrey(img);
        double[][] m = scaled(identity(), brightness * contrast);
        double offset = (1 - contrast) * meanGrey; // a grey (k, k, k) offset: saturation and hue keep it
        m = multiply(saturationMatrix(saturation), m);
        if (hue != 0) {
            m = multiply(hueMatrix(hue), m);
        }
        byte[] in = img.rgb();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += 3) {
            int r = in[i] & 0xFF;
            int g = in[i + 1] & 0xFF;
            int b = in[i + 2] & 0xFF;
            for (int c = 0; c < 3; c++) {
                long v = Math.round(m[c][0] * r + m[c][1] * g + m[c][2] * b + offset);
                out[i + c] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
        return new RgbImage(img.width(), img.height(), out);
    }

    static double meanGrey(RgbImage img) {
        byte[] p = img.rgb();
        double s = 0;
        for (int i = 0; i < p.length; i += 3) {
            s += LUMA[0] * (p[i] & 0xFF) + LUMA[1] * (p[i + 1] & 0xFF) + LUMA[2] * (p[i + 2] & 0xFF);
        }
        return s / (p.length / 3);
    }

    static double[][] saturationMatrix(double s) {
        double[][] m = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                m[r][c] = (r == c ? s : 0) + (1 - s) * LUMA[c];
            }
        }
        return m;
    }

    /** RGB → YIQ, rotate (I, Q) by 2π·hue, back to RGB. */
    static double[][] hueMatrix(double hue) {
        double[][] toYiq = {{0.299, 0.587, 0.114}, {0.596, -0.274, -0.322}, {0.211, -0.523, 0.312}};
        double[][] fromYiq = inverse(toYiq);
        double a = 2 * Math.PI * hue;
        double[][] rot = {{1, 0, 0}, {0, Math.cos(a), -Math.sin(a)}, {0, Math.sin(a), Math.cos(a)}};
        return multiply(fromYiq, multiply(rot, toYiq));
    }

    static double[][] inverse(double[][] m) {
        double[][] out = new double[3][3];
        double det = 0;
        for (int c = 0; c < 3; c++) {
            det += m[0][c] * (m[1][(c + 1) % 3] * m[2][(c + 2) % 3] - m[1][(c + 2) % 3] * m[2][(c + 1) % 3]);
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                out[c][r] = (m[(r + 1) % 3][(c + 1) % 3] * m[(r + 2) % 3][(c + 2) % 3]
                        - m[(r + 1) % 3][(c + 2) % 3] * m[(r + 2) % 3][(c + 1) % 3]) / det;
            }
        }
        return out;
    }

    private static double[][] identity() {
        return new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    }

    private static double[][] scaled(double[][] m, double k) {
        double[][] out = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                out[r][c] = m[r][c] * k;
            }
        }
        return out;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        double[][] out = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                out[r][c] = a[r][0] * b[0][c] + a[r][1] * b[1][c] + a[r][2] * b[2][c];
            }
        }
        return out;
    }
}
