package dev.retinaj.eval;

/**
 * What {@link CocoImageMatcher} found for one category: the {@code n} kept detections (images in
 * ascending id order, each image's sorted by score) with their scores, their rank within their image,
 * their state per area range and IoU threshold ({@code state[a * T + t][detection]}), and the number of
 * non-ignored ground truths per area range.
 */
record CocoCategoryMatches(int n, double[] keptScore, int[] keptRank, byte[][] state, int[] npig) {
    static final byte FP = 0;
    static final byte TP = 1;
    static final byte IGNORED = 2;
}
