package dev.retinaj.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The record indices an epoch visits, in order: a pure function of the epoch (and the seed it was
 * made with), so any epoch can be recomputed on resume.
 */
public interface EpochOrder {
    int[] order(long epoch);

    /** {@code order(epoch).length}, possibly computed without building the order. */
    int length(long epoch);

    /** Whether every epoch has the same length (then iteration → epoch is a division). */
    boolean fixedLength();

    /** 0..n−1 every epoch (evaluation). */
    static EpochOrder inOrder(int n) {
        return new Fixed(n, Long.MIN_VALUE);
    }

    /** Each record once per epoch, shuffled by (seed, epoch). */
    static EpochOrder shuffled(int n, long seed) {
        return new Fixed(n, seed);
    }

    /** Shuffles {@code idx} by (seed, epoch): the one shuffle every training order uses. */
    static int[] shuffle(List<Integer> idx, long seed, long epoch) {
        Collections.shuffle(idx, new Random(Seeds.mix(seed, epoch)));
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A permutation of 0..n−1 (identity when {@code seed == Long.MIN_VALUE}). */
    record Fixed(int n, long seed) implements EpochOrder {
        @Override
        public int[] order(long epoch) {
            List<Integer> idx = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                idx.add(i);
            }
            return seed == Long.MIN_VALUE ? idx.stream().mapToInt(Integer::intValue).toArray()
                    : shuffle(idx, seed, epoch);
        }

        @Override
        public int length(long epoch) {
            return n;
        }

        @Override
        public boolean fixedLength() {
            return true;
        }
    }
}
