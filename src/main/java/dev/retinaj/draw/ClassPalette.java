package dev.retinaj.draw;

import java.awt.Color;

/**
 * A fixed colour per class id, the same in every image, indexed by {@code classId mod 20}. The
 * twenty are at least 25 apart in CIELAB (ΔE76; about 2.3 is a just-noticeable difference) and
 * none is lighter than L* 75, so boxes show on light pictures; each colour is as far as possible
 * from those before it, so a data set with few classes gets the most distinct ones. (The previous
 * list paired near-twins such as 0x3cb44b / 0x2ca02c, ΔE 9, classes 2 and 13 of VOC.)
 */
public final class ClassPalette {
    private static final int[] RGB = {
        0x1f77b4, 0xe6194b, 0x3cb44b, 0xf58231, 0xf032e6, 0xc49c94, 0xa55194, 0xbcbd22,
        0x469990, 0x4363d8, 0x843c39, 0x637939, 0x9a6324, 0x393b79, 0x911eb4, 0x800000,
        0xde9ed6, 0xe69f00, 0xd6616b, 0x808000};
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
