package dev.retinaj.draw;

import java.awt.Color;

/**
 * A fixed colour per class id, the same in every image: twenty colours picked to stay apart from
 * each other and readable under white label text, indexed by {@code classId mod 20}.
 */
public final class ClassPalette {
    private static final int[] RGB = {
        0x1f77b4, 0xe6194b, 0x3cb44b, 0xf58231, 0x911eb4, 0x008080, 0xf032e6, 0x9a6324,
        0x000075, 0x808000, 0x800000, 0x4363d8, 0xd62728, 0x2ca02c, 0x8c564b, 0x17becf,
        0xbcbd22, 0x7f7f7f, 0xe377c2, 0x469990};
    /** Ground truth with no class of its own to show (e.g. a missed box) is drawn in this. */
    public static final Color NEUTRAL = new Color(0x202020);

    private ClassPalette() {}

    public static int size() {
        return RGB.length;
    }

    public static Color color(int classId) {
        return new Color(RGB[Math.floorMod(classId, RGB.length)]);
    }

    /** Black or white, whichever reads better on {@code background}. */
    public static Color textOn(Color background) {
        double luma = 0.299 * background.getRed() + 0.587 * background.getGreen() + 0.114 * background.getBlue();
        return luma > 150 ? Color.BLACK : Color.WHITE;
    }
}
