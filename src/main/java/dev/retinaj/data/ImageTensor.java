package dev.retinaj.data;

/**
 * RGB bytes → normalised float CHW in one pass: bilinear resize (half-pixel centres, as torch's
 * interpolate with align_corners=False, no antialias — what torchvision's detection transform does),
 * optional horizontal flip, then ((v / 255) − mean) / std per channel.
 */
public final class ImageTensor {
    private ImageTensor() {}

    public static float[] of(RgbImage img, int outW, int outH, boolean flip, float[] mean, float[] std) {
        int inW = img.width();
        int inH = img.height();
        byte[] src = img.rgb();
        float[] out = new float[3 * outW * outH];
        float[] mul = new float[3];
        float[] add = new float[3];
        for (int c = 0; c < 3; c++) {
            mul[c] = 1f / (255f * std[c]);
            add[c] = -mean[c] / std[c];
        }
        int plane = outW * outH;
        if (inW == outW && inH == outH) {
            for (int y = 0; y < outH; y++) {
                for (int x = 0; x < outW; x++) {
                    int s = 3 * (y * inW + x);
                    int d = y * outW + (flip ? outW - 1 - x : x);
                    out[d] = (src[s] & 0xFF) * mul[0] + add[0];
                    out[plane + d] = (src[s + 1] & 0xFF) * mul[1] + add[1];
                    out[2 * plane + d] = (src[s + 2] & 0xFF) * mul[2] + add[2];
                }
            }
            return out;
        }
        int[] x0 = new int[outW];
        int[] x1 = new int[outW];
        float[] lx = new float[outW];
        axis(inW, outW, x0, x1, lx);
        int[] y0 = new int[outH];
        int[] y1 = new int[outH];
        float[] ly = new float[outH];
        axis(inH, outH, y0, y1, ly);
        for (int y = 0; y < outH; y++) {
            int r0 = 3 * y0[y] * inW;
            int r1 = 3 * y1[y] * inW;
            float wy = ly[y];
            for (int x = 0; x < outW; x++) {
                int a = r0 + 3 * x0[x];
                int b = r0 + 3 * x1[x];
                int c = r1 + 3 * x0[x];
                int e = r1 + 3 * x1[x];
                float wx = lx[x];
                int d = y * outW + (flip ? outW - 1 - x : x);
                for (int ch = 0; ch < 3; ch++) {
                    float top = (src[a + ch] & 0xFF) + wx * ((src[b + ch] & 0xFF) - (src[a + ch] & 0xFF));
                    float bot = (src[c + ch] & 0xFF) + wx * ((src[e + ch] & 0xFF) - (src[c + ch] & 0xFF));
                    out[ch * plane + d] = (top + wy * (bot - top)) * mul[ch] + add[ch];
                }
            }
        }
        return out;
    }

    /** Source indices and weights per output index: src = (dst + 0.5) × in/out − 0.5, clamped at 0. */
    public static void axis(int in, int out, int[] i0, int[] i1, float[] lambda) {
        float ratio = (float) in / out;
        for (int d = 0; d < out; d++) {
            float s = Math.max(0f, (d + 0.5f) * ratio - 0.5f);
            int lo = Math.min((int) s, in - 1);
            i0[d] = lo;
            i1[d] = Math.min(lo + 1, in - 1);
            lambda[d] = s - lo;
        }
    }
}
