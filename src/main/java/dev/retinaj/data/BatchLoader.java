package dev.retinaj.data;

import dev.retinaj.config.RetinaConfig;
import dev.retinaj.util.UserError;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns records into {@link HostBatch}es on background threads, {@code prefetch} batches ahead.
 *
 * <p>Training: each epoch visits the records in a shuffled order that is a pure function of
 * (seed, epoch); the last partial batch is dropped; each image's scale choice and flip are a pure
 * function of (seed, epoch, record index). So iteration i always yields the same batch, and a run
 * resumed at iteration i continues exactly ({@link #iterate(long)}). Evaluation: records in order,
 * no flip, one scale, the last partial batch kept ({@link #epoch(int)}).
 *
 * <p>An image that cannot be decoded is a bad sample: under {@code skip} it is left out of its batch
 * (counted, logged once) and a batch left empty is passed over; under {@code fail} the consumer gets
 * the one-line {@link UserError}.
 */
public final class BatchLoader implements AutoCloseable {
    private final List<DetectionRecord> records;
    private final SampleLoader loader;
    private final int batchSize;
    private final long seed;
    private final boolean train;
    private final int workers;
    private final int prefetch;
    private final BadSamples bad;
    private final Set<Integer> knownBad = ConcurrentHashMap.newKeySet();
    private final AtomicLong skipped = new AtomicLong();
    private ExecutorService pool;
    private volatile boolean closed;
    private long cachedEpoch = Long.MIN_VALUE;
    private int[] cachedOrder;

    public BatchLoader(List<DetectionRecord> records, SampleLoader loader, int batchSize, long seed, boolean train,
                       int workers, int prefetch, BadSamples bad) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no records to batch");
        }
        if (batchSize < 1 || workers < 0 || prefetch < 1) {
            throw new IllegalArgumentException("batch size and prefetch must be >= 1, workers >= 0");
        }
        this.records = List.copyOf(records);
        this.loader = loader;
        this.batchSize = batchSize;
        this.seed = seed;
        this.train = train;
        this.workers = workers;
        this.prefetch = prefetch;
        this.bad = bad;
    }

    /** The training loader of a run: {@code train.batch_size}, {@code seed}, {@code data.*} transforms. */
    public static BatchLoader training(LoadedSplit split, RetinaConfig cfg) {
        return new BatchLoader(split.records(), new SampleLoader(TransformSpec.train(cfg.data())),
                cfg.train().batchSize(), cfg.seed(), true, cfg.data().workers(), cfg.data().prefetch(),
                new BadSamples(cfg.data().onBadSample()));
    }

    /** The evaluation loader: {@code test.batch_size}, {@code test.min_size}/{@code max_size}, in order. */
    public static BatchLoader evaluation(LoadedSplit split, RetinaConfig cfg) {
        return new BatchLoader(split.records(), new SampleLoader(TransformSpec.eval(cfg.data(), cfg.test())),
                cfg.test().batchSize(), cfg.seed(), false, cfg.data().workers(), cfg.data().prefetch(),
                new BadSamples(cfg.data().onBadSample()));
    }

    public int size() {
        return records.size();
    }

    /** Batches per epoch: training drops the last partial batch (but always has at least one). */
    public int batchesPerEpoch() {
        int n = records.size();
        return train ? Math.max(1, n / batchSize) : (n + batchSize - 1) / batchSize;
    }

    /** The record indices of an epoch in visiting order: shuffled by (seed, epoch) when training. */
    public int[] order(long epoch) {
        synchronized (this) {
            if (epoch == cachedEpoch) {
                return cachedOrder.clone();
            }
        }
        int[] out = computeOrder(epoch);
        synchronized (this) {
            cachedEpoch = epoch;
            cachedOrder = out;
        }
        return out.clone();
    }

    private int[] computeOrder(long epoch) {
        int n = records.size();
        List<Integer> idx = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            idx.add(i);
        }
        if (train) {
            Collections.shuffle(idx, new Random(Seeds.mix(seed, epoch)));
        }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The record indices of batch {@code index} of {@code epoch}. */
    public int[] batchIndices(long epoch, int index) {
        int[] order;
        synchronized (this) {
            order = epoch == cachedEpoch ? cachedOrder : null;
        }
        if (order == null) {
            order = order(epoch);
        }
        int from = index * batchSize;
        int to = Math.min(order.length, from + batchSize);
        if (index < 0 || index >= batchesPerEpoch()) {
            throw new IndexOutOfBoundsException("batch " + index + " of " + batchesPerEpoch());
        }
        int[] out = new int[to - from];
        System.arraycopy(order, from, out, 0, out.length);
        return out;
    }

    /** Loads one batch on the calling thread (null if every image of it was a skipped bad sample). */
    public HostBatch load(long epoch, int index) {
        return build(epoch, batchIndices(epoch, index));
    }

    /**
     * Training iteration stream, endless: iteration i is batch {@code i % batchesPerEpoch()} of epoch
     * {@code i / batchesPerEpoch()}. Start at the iteration to run next (0 for a fresh run).
     */
    public Iterator<HostBatch> iterate(long startIteration) {
        long bpe = batchesPerEpoch();
        return new Prefetcher(startIteration, Long.MAX_VALUE, bpe);
    }

    /** Resumes mid-epoch: the same stream as {@code iterate(epoch × batchesPerEpoch + batchIndex)}. */
    public Iterator<HostBatch> startAt(long epoch, int batchIndex) {
        return iterate(epoch * batchesPerEpoch() + batchIndex);
    }

    /** One pass over epoch {@code epoch} (evaluation: every record once, in order). */
    public Iterator<HostBatch> epoch(int epoch) {
        long bpe = batchesPerEpoch();
        return new Prefetcher(epoch * bpe, (epoch + 1) * bpe, bpe);
    }

    /** Samples left out so far because their image could not be decoded (each occurrence). */
    public long skippedSamples() {
        return skipped.get();
    }

    public BadSamples badSamples() {
        return bad;
    }

    private HostBatch build(long epoch, int[] indices) {
        List<Sample> samples = new ArrayList<>(indices.length);
        List<Integer> sizes = loader.spec().minSizes();
        for (int ri : indices) {
            DetectionRecord r = records.get(ri);
            int minSize = sizes.get(0);
            boolean flip = false;
            if (train) {
                SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, epoch, ri));
                minSize = sizes.get(rng.nextInt(sizes.size()));
                flip = rng.nextDouble() < loader.spec().flipProb();
            }
            if (knownBad.contains(ri)) {
                skipped.incrementAndGet();
                continue;
            }
            if (closed || Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("batch loader closed");
            }
            try {
                samples.add(loader.load(r, minSize, flip));
            } catch (IOException | RuntimeException e) {
                if (e instanceof UserError) {
                    throw (UserError) e;
                }
                if (closed || Thread.currentThread().isInterrupted()
                        || e instanceof java.nio.channels.ClosedByInterruptException) {
                    throw new java.util.concurrent.CancellationException("batch loader closed");
                }
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (knownBad.add(ri)) {
                    bad.report(r.image(), "undecodable image: " + VocReader.oneLine(reason));
                }
                skipped.incrementAndGet();
            }
        }
        return samples.isEmpty() ? null : HostBatch.collate(samples, loader.spec().sizeDivisibility());
    }

    private synchronized ExecutorService pool() {
        if (closed) {
            throw new IllegalStateException("batch loader is closed");
        }
        if (pool == null) {
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "retinaj-data-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    /** Stops the workers and waits (briefly) for them, so no file is touched after close returns. */
    @Override
    public void close() {
        ExecutorService p;
        synchronized (this) {
            closed = true;
            p = pool;
            pool = null;
        }
        if (p != null) {
            for (Runnable queued : p.shutdownNow()) {
                if (queued instanceof Future<?> f) {
                    f.cancel(false); // a consumer blocked on it gets a CancellationException, not a hang
                }
            }
            try {
                p.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Positions [next, end) in iteration space, loaded {@code prefetch} ahead on the pool. */
    private final class Prefetcher implements Iterator<HostBatch> {
        private final long end;
        private final long bpe;
        private final ArrayDeque<Future<HostBatch>> ahead = new ArrayDeque<>();
        private long submitted;
        private HostBatch next;

        Prefetcher(long start, long end, long bpe) {
            this.submitted = start;
            this.end = end;
            this.bpe = bpe;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                fill();
                if (ahead.isEmpty()) {
                    return false;
                }
                next = take(ahead.poll());
            }
            return true;
        }

        @Override
        public HostBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            HostBatch b = next;
            next = null;
            return b;
        }

        private void fill() {
            while (ahead.size() < (workers == 0 ? 1 : prefetch) && submitted < end) {
                long pos = submitted++;
                long epoch = pos / bpe;
                int[] idx = batchIndices(epoch, (int) (pos % bpe));
                if (workers == 0) {
                    ahead.add(java.util.concurrent.CompletableFuture.completedFuture(build(epoch, idx)));
                } else {
                    ahead.add(pool().submit(() -> build(epoch, idx)));
                }
            }
        }

        private HostBatch take(Future<HostBatch> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a batch", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("batch loading failed: " + c, c);
            }
        }
    }
}
