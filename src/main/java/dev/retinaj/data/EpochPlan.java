package dev.retinaj.data;

/**
 * Which records, with which draw seeds, make each batch of each epoch: a pure function of (seed,
 * epoch, batch index), the last epoch's plan cached. Thread-safe.
 */
final class EpochPlan {
    /** One epoch's visiting order and each visit's draw seed. */
    record Plan(long epoch, int[] order, long[] draws) {}

    private final EpochOrder epochOrder;
    private final int records;
    private final int batchSize;
    private final long seed;
    private final boolean dropLast;
    private Plan cached;

    EpochPlan(EpochOrder epochOrder, int records, int batchSize, long seed, boolean dropLast) {
        this.epochOrder = epochOrder;
        this.records = records;
        this.batchSize = batchSize;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    /** Batches of {@code epoch}: dropping the last partial batch (but always at least one), or keeping it. */
    int batchesIn(long epoch) {
        // A varying length comes from the (cached) plan: computing it alone would redo the epoch's draws.
        int n = epochOrder.fixedLength() ? epochOrder.length(epoch) : plan(epoch).order().length;
        return dropLast ? Math.max(1, n / batchSize) : (n + batchSize - 1) / batchSize;
    }

    Plan plan(long epoch) {
        synchronized (this) {
            if (cached != null && cached.epoch() == epoch) {
                return cached;
            }
        }
        int[] order = epochOrder.order(epoch);
        long[] draws = new long[order.length];
        int[] seen = new int[records];
        for (int p = 0; p < order.length; p++) {
            int k = seen[order[p]]++;
            // The first visit keeps the (seed, epoch, index) draw of a shuffled epoch; repeats get their own.
            draws[p] = k == 0 ? Seeds.mix(seed, epoch, order[p]) : Seeds.mix(seed, epoch, order[p], k);
        }
        Plan plan = new Plan(epoch, order, draws);
        synchronized (this) {
            cached = plan;
        }
        return plan;
    }

    /** First position of batch {@code index} in the epoch's order. */
    int from(long epoch, int index) {
        if (index < 0 || index >= batchesIn(epoch)) {
            throw new IndexOutOfBoundsException("batch " + index + " of " + batchesIn(epoch));
        }
        return index * batchSize;
    }

    /** One past the last position of batch {@code index}. */
    int to(long epoch, int index) {
        return Math.min(plan(epoch).order().length, index * batchSize + batchSize);
    }

    /** (epoch, batch) of the {@code iteration}-th batch counted from batch 0 of epoch 0. */
    long[] locate(long iteration) {
        long epoch = 0;
        long rest = iteration;
        if (epochOrder.fixedLength()) {
            epoch = rest / batchesIn(0);
            rest -= epoch * batchesIn(0);
        }
        while (rest >= batchesIn(epoch)) {
            rest -= batchesIn(epoch++);
        }
        return new long[] {epoch, rest};
    }
}
