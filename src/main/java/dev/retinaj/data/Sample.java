package dev.retinaj.data;

/**
 * One transformed image ready for batching: normalised float CHW of {@code width × height}, its boxes
 * in that image's pixels, labels, crowd flags, and where it came from.
 */
public record Sample(float[] chw, int width, int height, float[] boxes, int[] labels, boolean[] crowd,
                     ImageInfo info) {}
