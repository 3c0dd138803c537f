package dev.retinaj.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.retinaj.anchors.Targets;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.engine.EngineSetup;
import dev.retinaj.engine.HostArrays;
import dev.retinaj.infer.Detector;
import dev.retinaj.loss.LossOutput;
import dev.retinaj.model.HeadOutputs;
import dev.retinaj.model.LevelShape;
import dev.retinaj.util.Spread;
import dev.retinaj.util.UsageException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code retinaj bench assign}: anchor assignment plus loss forward and backward (through leaf
 * logits and deltas standing in for the head) for a batch of random GT boxes, the per-step work
 * that happens besides the network itself.
 */
@Command(name = "assign", mixinStandardHelpOptions = true,
        description = "Time anchor assignment + loss forward/backward for one batch (median ms per batch).",
        footer = {"", "Example:", "  retinaj bench assign", "  retinaj bench assign --batch 2 --gt 20 --classes 80 --json"})
public final class BenchAssignCommand implements Runnable {
    @Mixin
    ConfigOptions config;

    @Option(names = "--height", defaultValue = "800", description = "Image height before padding (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--width", defaultValue = "1333", description = "Image width before padding (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--gt", defaultValue = "20", description = "GT boxes per image (default: ${DEFAULT-VALUE}).")
    int gt;

    @Mixin
    BenchBatch batch;

    @Mixin
    BenchTiming timing = new BenchTiming(10, 3);

    @Mixin
    CommonOptions common;

    @Override
    public void run() {
        timing.validate("bench assign");
        if (batch.images < 1 || gt < 0 || batch.classes < 1 || height < 1 || width < 1) {
            throw new UsageException("bench assign: sizes and counts must be positive");
        }
        EngineSetup.Placement placed = timing.start(config.load());
        Device device = placed.device();
        RetinaConfig cfg = placed.cfg();
        int div = cfg.data().sizeDivisibility();
        int padH = (height + div - 1) / div * div;
        int padW = (width + div - 1) / div * div;
        Detector detector = Detector.create(cfg, batch.classes);
        Timings t = time(detector, device, padH, padW);
        double[] total = t.totalMs();
        double[] assignMs = t.assignMs();
        double[] cpuMs = t.cpuMs();
        long anchorCount = t.anchors();
        double med = Spread.of(total).median();
        double medAssign = Spread.of(assignMs).median();
        double medCpu = Spread.of(cpuMs).median();
        PrintWriter out = common.out();
        if (timing.output.json) {
            out.printf("{\"bench\": \"assign\", \"batch\": %d, \"height\": %d, \"width\": %d, \"padded\": [%d, %d], "
                            + "\"anchors\": %d, \"gt_per_image\": %d, \"classes\": %d, \"iters\": %d, \"device\": \"%s\", "
                            + "\"ms_per_batch\": %.2f, \"assign_ms\": %.2f, \"loss_fwd_bwd_ms\": %.2f, \"cpu_ms_per_batch\": %.2f}%n",
                    batch.images, height, width, padH, padW, anchorCount, gt, batch.classes, timing.iters, device, med, medAssign,
                    med - medAssign, medCpu);
        } else {
            out.printf("assign + loss (fwd+bwd), batch %d at %dx%d (padded %dx%d), %d anchors, %d GT/image, K=%d, %s%n",
                    batch.images, height, width, padH, padW, anchorCount, gt, batch.classes, device);
            out.printf("  median over %d iterations: %.2f ms per batch (assign %.2f ms, loss fwd+bwd %.2f ms)%n",
                    timing.iters, med, medAssign, med - medAssign);
            out.printf("  process CPU time: %.2f ms per batch (all threads; wall time includes waiting for cores)%n", medCpu);
        }
        out.flush();
    }

    /** Per timed iteration: assign + loss forward/backward, assign alone, and process CPU time, in ms. */
    private record Timings(double[] totalMs, double[] assignMs, double[] cpuMs, long anchors) {}

    private Timings time(Detector detector, Device device, int padH, int padW) {
        List<LevelShape> levels = detector.levelShapes(padH, padW);
        Random rnd = new Random(0);
        int iters = timing.iters;
        int warmup = timing.warmup;
        int images = batch.images;
        int classes = batch.classes;
        double[] total = new double[iters];
        double[] assignMs = new double[iters];
        double[] cpuMs = new double[iters];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long anchorCount;
        try (NDManager m = NDManager.newBaseManager(device)) {
            anchorCount = levels.stream().mapToLong(l -> (long) l.locations() * detector.anchorsPerLocation()).sum();
            NDArray logits = m.randomNormal(-4.6f, 1f, new Shape(images, anchorCount, classes), DataType.FLOAT32);
            NDArray deltas = m.randomNormal(0f, 0.5f, new Shape(images, anchorCount, 4), DataType.FLOAT32);
            logits.setRequiresGradient(true);
            deltas.setRequiresGradient(true);
            for (int it = 0; it < warmup + iters; it++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray boxes = HostArrays.of(step, randomBoxes(rnd, images * gt, width, height), new Shape(images, gt, 4));
                    NDArray labels = HostArrays.of(step, rnd.ints(images * gt, 0, classes).toArray(), new Shape(images, gt));
                    NDArray ignore = step.zeros(new Shape(images, gt), DataType.BOOLEAN);
                    long c0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    NDArray anchors = detector.anchors(step, padH, padW);
                    Targets targets = detector.assign(anchors, boxes, labels, ignore);
                    targets.numPos().sum().getFloat(); // wait for the engine
                    long t1 = System.nanoTime();
                    try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                        LossOutput out = detector.loss().compute(new HeadOutputs(logits, deltas, levels, detector.anchorsPerLocation()),
                                targets, it + 1);
                        gc.backward(out.total());
                    }
                    logits.getGradient().get(0, 0, 0).getFloat();
                    long t2 = System.nanoTime();
                    if (it >= warmup) {
                        total[it - warmup] = (t2 - t0) / 1e6;
                        assignMs[it - warmup] = (t1 - t0) / 1e6;
                        cpuMs[it - warmup] = (os.getProcessCpuTime() - c0) / 1e6;
                    }
                }
            }
        }
        return new Timings(total, assignMs, cpuMs, anchorCount);
    }

    private static float[] randomBoxes(Random rnd, int n, int width, int height) {
        float[] b = new float[n * 4];
        for (int i = 0; i < n; i++) {
            float w = 8 + rnd.nextFloat() * width / 3f;
            float h = 8 + rnd.nextFloat() * height / 3f;
            float x = rnd.nextFloat() * (width - w);
            float y = rnd.nextFloat() * (height - h);
            b[4 * i] = x;
            b[4 * i + 1] = y;
            b[4 * i + 2] = x + w;
            b[4 * i + 3] = y + h;
        }
        return b;
    }
}
