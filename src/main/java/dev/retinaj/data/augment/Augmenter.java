package dev.retinaj.data.augment;

import dev.retinaj.config.AugmentConfig;
import dev.retinaj.data.Seeds;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Applies {@code data.augment} in its fixed order (mosaic, expand, scale jitter, crop, photometric).
 * Every choice comes from a generator seeded by (draw seed, transform), the draw seed being the
 * loader's per-(seed, epoch, image) seed: the same sample always gets the same augmentation, and
 * switching one transform on or off leaves the others' draws unchanged.
 */
public final class Augmenter {
    private static final int MOSAIC = 1;
    private static final int EXPAND = 2;
    private static final int SCALE = 3;
    private static final int CROP = 4;
    private static final int COLOUR = 5;

    private final AugmentConfig cfg;
    private final byte[] fill;

    /** @param fill the padding colour as RGB bytes (the normalisation mean, so padding normalises to 0) */
    public Augmenter(AugmentConfig cfg, byte[] fill) {
        this.cfg = cfg;
        this.fill = fill.clone();
    }

    /** The training augmenter of {@code data.augment}, or null when every probability is 0. */
    public static Augmenter of(dev.retinaj.config.DataConfig d) {
        if (!d.augment().any()) {
            return null;
        }
        float[] mean = new float[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = d.mean().get(c).floatValue();
        }
        return new Augmenter(d.augment(), fillOf(mean));
    }

    /** The RGB bytes of a 0..1 mean. */
    public static byte[] fillOf(float[] mean) {
        byte[] f = new byte[3];
        for (int c = 0; c < 3; c++) {
            f[c] = (byte) Math.round(Math.max(0, Math.min(1, mean[c])) * 255);
        }
        return f;
    }

    public Annotated apply(Annotated a, long drawSeed, Partners partners) {
        a = mosaic(a, rng(drawSeed, MOSAIC), partners);
        a = expand(a, rng(drawSeed, EXPAND));
        a = scaleJitter(a, rng(drawSeed, SCALE));
        a = crop(a, rng(drawSeed, CROP));
        return colour(a, rng(drawSeed, COLOUR));
    }

    private static SplittableRandom rng(long drawSeed, int transform) {
        return new SplittableRandom(Seeds.mix(drawSeed, transform));
    }

    private Annotated mosaic(Annotated a, SplittableRandom r, Partners partners) {
        AugmentConfig.Mosaic m = cfg.mosaic();
        if (!(r.nextDouble() < m.prob()) || partners == null || partners.size() == 0) {
            return a;
        }
        Annotated[] parts = new Annotated[4];
        int self = r.nextInt(4);
        for (int q = 0; q < 4; q++) {
            int pick = r.nextInt(partners.size());
            try {
                parts[q] = q == self ? a : partners.load(pick);
            } catch (IOException e) {
                return a; // an undecodable partner: this sample goes without mosaic
            }
        }
        int w = a.width();
        int h = a.height();
        int cx = w / 2 + r.nextInt(w + 1);
        int cy = h / 2 + r.nextInt(h + 1);
        return Geometric.mosaic(parts, w, h, cx, cy, fill, m.minVisible());
    }

    private Annotated expand(Annotated a, SplittableRandom r) {
        AugmentConfig.Expand e = cfg.expand();
        if (!(r.nextDouble() < e.prob())) {
            return a;
        }
        double ratio = 1 + r.nextDouble() * (e.maxRatio() - 1);
        int cw = (int) Math.round(a.width() * ratio);
        int ch = (int) Math.round(a.height() * ratio);
        return Geometric.expand(a, cw, ch, r.nextInt(cw - a.width() + 1), r.nextInt(ch - a.height() + 1), fill);
    }

    private Annotated scaleJitter(Annotated a, SplittableRandom r) {
        AugmentConfig.ScaleJitter s = cfg.scaleJitter();
        if (!(r.nextDouble() < s.prob())) {
            return a;
        }
        double f = s.minScale() + r.nextDouble() * (s.maxScale() - s.minScale());
        int sw = Math.max(1, (int) Math.round(a.width() * f));
        int sh = Math.max(1, (int) Math.round(a.height() * f));
        int dx = offset(r, a.width() - sw);
        int dy = offset(r, a.height() - sh);
        return Geometric.rescale(a, sw, sh, dx, dy, fill, s.minVisible());
    }

    /** A uniform offset between 0 and {@code slack} (either sign). */
    private static int offset(SplittableRandom r, int slack) {
        int v = r.nextInt(Math.abs(slack) + 1);
        return slack >= 0 ? v : -v;
    }

    private Annotated crop(Annotated a, SplittableRandom r) {
        AugmentConfig.Crop c = cfg.crop();
        if (!(r.nextDouble() < c.prob())) {
            return a;
        }
        int w = Math.max(1, (int) Math.round(a.width() * (c.minSize() + r.nextDouble() * (1 - c.minSize()))));
        int h = Math.max(1, (int) Math.round(a.height() * (c.minSize() + r.nextDouble() * (1 - c.minSize()))));
        return Geometric.crop(a, r.nextInt(a.width() - w + 1), r.nextInt(a.height() - h + 1), w, h, c.minVisible());
    }

    private Annotated colour(Annotated a, SplittableRandom r) {
        AugmentConfig.Photometric p = cfg.photometric();
        if (!(r.nextDouble() < p.prob())) {
            return a;
        }
        double b = 1 + p.brightness() * (2 * r.nextDouble() - 1);
        double c = 1 + p.contrast() * (2 * r.nextDouble() - 1);
        double s = 1 + p.saturation() * (2 * r.nextDouble() - 1);
        double h = p.hue() * (2 * r.nextDouble() - 1);
        return new Annotated(Photometric.apply(a.image(), b, c, s, h), a.boxes());
    }
}
