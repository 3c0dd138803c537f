package dev.retinaj.data;

import java.nio.file.Path;

/**
 * Where one image of a batch came from and how it was transformed: original size, the resized size
 * (before padding), the scale applied (resized = original × scale) and whether it was flipped.
 */
public record ImageInfo(long id, String name, Path path, int origWidth, int origHeight,
                        int width, int height, double scale, boolean flipped) {}
