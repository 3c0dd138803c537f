package dev.retinaj.data;

import dev.retinaj.config.DataConfig;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.augment.Augmenter;
import dev.retinaj.util.RetinaJException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
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
 * <p>Training: each epoch visits the records in an {@link EpochOrder} that is a pure function of
 * (seed, epoch) (a shuffle, or repeat-factor sampling); the last partial batch is dropped; each
 * image's scale choice, flip and augmentations are a pure function of (seed, epoch, record index,
 * and which repeat of the record it is). So iteration i always yields the same batch, and a run
 * resumed at iteration i continues exactly ({@link #iterate(long)}). Evaluation: records in order,
 * no flip, one scale, the last partial batch kept ({@link #epoch(int)}).
 *
 * <p>An image that cannot be decoded is a bad sample: under {@code skip} it is left out of its batch
 * (counted, logged once) and a batch left empty is passed over; under {@code fail} the consumer gets
 * the one-line {@link dev.retinaj.util.BadFileException}.
 */
public final class BatchLoader implements AutoCloseable {
    private final List<DetectionRecord> records;
    private final SampleLoader loader;
    private final EpochPlan plans;
    private final boolean train;
    private final int workers;
    private final int prefetch;
    private final BadSamples bad;
    private final Set<Integer> knownBad = ConcurrentHashMap.newKeySet();
    private final AtomicLong skipped = new AtomicLong();
    private ExecutorService pool;
    private volatile boolean closed;

    /**
     * How batches are made: images per batch, the seed of the order and augmentations, training (shuffled,
     * flipped, last partial batch dropped) or evaluation, worker threads, batches loaded ahead, bad samples.
     */
    public record Options(int batchSize, long seed, boolean train, int workers, int prefetch, BadSamples bad) {}

    /** Training: records shuffled per epoch; evaluation: in order. */
    public BatchLoader(List<DetectionRecord> records, SampleLoader loader, Options o) {
        this(records, loader,
                o.train() ? EpochOrder.shuffled(records.size(), o.seed()) : EpochOrder.inOrder(records.size()), o);
    }

    public BatchLoader(List<DetectionRecord> records, SampleLoader loader, EpochOrder epochOrder, Options o) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no records to batch");
        }
        if (o.batchSize() < 1 || o.workers() < 0 || o.prefetch() < 1) {
            throw new IllegalArgumentException("batch size and prefetch must be >= 1, workers >= 0");
        }
        this.records = List.copyOf(records);
        this.loader = loader;
        this.plans = new EpochPlan(epochOrder, records.size(), o.batchSize(), o.seed(), o.train());
        this.train = o.train();
        this.workers = o.workers();
        this.prefetch = o.prefetch();
        this.bad = o.bad();
    }

    /**
     * The training loader of a run: {@code train.batch_size}, {@code seed}, {@code data.*} transforms,
     * augmentations and sampler.
     */
    public static BatchLoader training(LoadedSplit split, RetinaConfig cfg) {
        DataConfig d = cfg.data();
        List<DetectionRecord> recs = split.records();
        EpochOrder order = d.sampler() == DataConfig.Sampler.REPEAT_FACTOR
                ? RepeatFactorOrder.of(recs, d.repeatThreshold(), cfg.seed())
                : EpochOrder.shuffled(recs.size(), cfg.seed());
        return new BatchLoader(recs, new SampleLoader(TransformSpec.train(d), Augmenter.of(d)), order,
                new Options(cfg.train().batchSize(), cfg.seed(), true, d.workers(), d.prefetch(),
                        new BadSamples(d.onBadSample())));
    }

    /** The evaluation loader: {@code test.batch_size}, {@code test.min_size}/{@code max_size}, in order. */
    public static BatchLoader evaluation(LoadedSplit split, RetinaConfig cfg) {
        return new BatchLoader(split.records(), new SampleLoader(TransformSpec.eval(cfg.data(), cfg.test())),
                new Options(cfg.test().batchSize(), cfg.seed(), false, cfg.data().workers(), cfg.data().prefetch(),
                        new BadSamples(cfg.data().onBadSample())));
    }

    public int size() {
        return records.size();
    }

    /** Batches of epoch 0 (of every epoch unless the sampler varies the epoch length). */
    public int batchesPerEpoch() {
        return batchesIn(0);
    }

    /** Batches of {@code epoch}: training drops the last partial batch (but always has at least one). */
    public int batchesIn(long epoch) {
        return plans.batchesIn(epoch);
    }

    /** The record indices of an epoch in visiting order. */
    public int[] order(long epoch) {
        return plans.plan(epoch).order().clone();
    }

    /** The record indices of batch {@code index} of {@code epoch}. */
    public int[] batchIndices(long epoch, int index) {
        return java.util.Arrays.copyOfRange(plans.plan(epoch).order(), plans.from(epoch, index), plans.to(epoch, index));
    }

    /** Loads one batch on the calling thread (null if every image of it was a skipped bad sample). */
    public HostBatch load(long epoch, int index) {
        return build(plans.plan(epoch), plans.from(epoch, index), plans.to(epoch, index));
    }

    /**
     * Training iteration stream, endless: iteration i is the batch reached by counting i batches
     * from batch 0 of epoch 0. Start at the iteration to run next (0 for a fresh run).
     */
    public Iterator<HostBatch> iterate(long startIteration) {
        long[] at = plans.locate(startIteration);
        return new Prefetcher(at[0], (int) at[1], Long.MAX_VALUE);
    }

    /** Resumes mid-epoch at batch {@code batchIndex} of {@code epoch}. */
    public Iterator<HostBatch> startAt(long epoch, int batchIndex) {
        return new Prefetcher(epoch, batchIndex, Long.MAX_VALUE);
    }

    /** One pass over epoch {@code epoch} (evaluation: every record once, in order). */
    public Iterator<HostBatch> epoch(int epoch) {
        return new Prefetcher(epoch, 0, batchesIn(epoch));
    }

    /** Samples left out so far because their image could not be decoded (each occurrence). */
    public long skippedSamples() {
        return skipped.get();
    }

    public BadSamples badSamples() {
        return bad;
    }

    private HostBatch build(EpochPlan.Plan plan, int from, int to) {
        List<Sample> samples = new ArrayList<>(to - from);
        for (int p = from; p < to; p++) {
            int ri = plan.order()[p];
            if (knownBad.contains(ri)) {
                skipped.incrementAndGet();
                continue;
            }
            if (closed || Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("batch loader closed");
            }
            DetectionRecord r = records.get(ri);
            try {
                samples.add(train ? loader.loadTraining(r, plan.draws()[p], records)
                        : loader.load(r, loader.spec().minSizes().get(0), false));
            } catch (IOException | RuntimeException e) {
                badSample(ri, r, e);
            }
        }
        return samples.isEmpty() ? null : HostBatch.collate(samples, loader.spec().sizeDivisibility());
    }

    private void badSample(int ri, DetectionRecord r, Exception e) {
        if (e instanceof RetinaJException re) {
            throw re;
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

    /** Batches from (epoch, batch) on, {@code limit} of them at most, loaded {@code prefetch} ahead on the pool. */
    private final class Prefetcher implements Iterator<HostBatch> {
        private final ArrayDeque<Future<HostBatch>> ahead = new ArrayDeque<>();
        private long epoch;
        private int batch;
        private long left;
        private HostBatch next;

        Prefetcher(long epoch, int batch, long limit) {
            this.epoch = epoch;
            this.batch = batch;
            this.left = limit;
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
            while (ahead.size() < (workers == 0 ? 1 : prefetch) && left > 0) {
                EpochPlan.Plan plan = plans.plan(epoch);
                int from = plans.from(epoch, batch);
                int to = plans.to(epoch, batch);
                left--;
                if (++batch == batchesIn(epoch)) {
                    epoch++;
                    batch = 0;
                }
                if (workers == 0) {
                    ahead.add(java.util.concurrent.CompletableFuture.completedFuture(build(plan, from, to)));
                } else {
                    ahead.add(pool().submit(() -> build(plan, from, to)));
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
