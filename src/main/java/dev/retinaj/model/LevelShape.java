package dev.retinaj.model;

/** The size of one FPN level's feature map and its stride in input pixels. */
public record LevelShape(int height, int width, int stride) {
    /**
     * Feature-map shapes for an input of {@code height × width}: each stride-2 step (3×3 or 7×7 conv
     * with padding k/2, 3×3 max-pool with padding 1) maps n to ceil(n / 2), and nested ceilings of
     * halves equal one ceiling, so the level of stride s has ceil(n / s) rows and columns.
     */
    public static java.util.List<LevelShape> forInput(int height, int width, java.util.List<Integer> strides) {
        java.util.List<LevelShape> out = new java.util.ArrayList<>(strides.size());
        for (int s : strides) {
            out.add(new LevelShape(-Math.floorDiv(-height, s), -Math.floorDiv(-width, s), s));
        }
        return java.util.List.copyOf(out);
    }

    public int locations() {
        return height * width;
    }
}
