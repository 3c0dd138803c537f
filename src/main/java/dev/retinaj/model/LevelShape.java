package dev.retinaj.model;

/** The size of one FPN level's feature map and its stride in input pixels. */
public record LevelShape(int height, int width, int stride) {
    public int locations() {
        return height * width;
    }
}
