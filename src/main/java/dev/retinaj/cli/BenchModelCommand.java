package dev.retinaj.cli;

import dev.retinaj.util.UsageException;
import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.HostBatch;
import dev.retinaj.data.ImageInfo;
import dev.retinaj.engine.EngineSetup;
import dev.retinaj.engine.EngineThreads;
import dev.retinaj.engine.ProcessStats;
import dev.retinaj.infer.Detector;
import dev.retinaj.model.ModelTiming;
import dev.retinaj.model.RetinaNet;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retinaj bench model}: seconds per batch of the model's forward and forward + backward. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Time inference (forward + post-processing) and forward + backward (training step without "
                + "the optimiser, loss = sum of outputs) on random square images; report medians with their range, "
                + "peak RSS of each, thread settings, images/s, the "
                + "model's conv FLOPs per image (2 x multiply-accumulates, from the layer shapes) and the achieved "
                + "GFLOP/s. The model is the config's (defaults: frozen BN, freeze_at 2, 256-channel FPN and heads)."},
        footer = {"", "Example:", "  retinaj bench model --backbone r50 --size 512 --batch 2",
                "  retinaj bench model --backbone r18 -c configs/shapes_r18_fpn_demo.yaml --json"})
public final class BenchModelCommand implements Runnable {
    @Mixin
    ConfigOptions config;

    @Option(names = "--backbone", paramLabel = "r18|r34|r50|r101",
            description = "Backbone (default: the config's model.backbone.name).")
    String backbone;

    @Option(names = "--size", defaultValue = "512", description = "Image side in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Mixin
    BenchBatch batch;

    @Option(names = "--profile", paramLabel = "TRACE.json",
            description = "Record the engine's op profile of the timed inference passes as a Chrome trace (slows them down).")
    java.nio.file.Path profile;

    /** Passes of each kind (inference, forward + backward). */
    @Mixin
    BenchTiming timing = new BenchTiming(3, 1);

    @Mixin
    CommonOptions common;

    @Override
    public void run() {
        timing.validate("bench model");
        if (size < 32 || batch.images < 1 || batch.classes < 1) {
            throw new UsageException("need --size >= 32, --batch >= 1, --classes >= 1");
        }
        List<String> overrides = new ArrayList<>(config.overrides);
        if (backbone != null) {
            overrides.add("model.backbone.name=" + backboneName(backbone));
        }
        config.overrides = overrides;
        EngineSetup.Placement placed = timing.start(config.load());
        Device device = placed.device();
        RetinaConfig cfg = placed.cfg();
        Detector detector = Detector.create(cfg, batch.classes);
        RetinaNet net = detector.net();
        ModelTiming.Result r;
        try (NDManager m = NDManager.newBaseManager(device)) {
            net.initialize(m);
            r = ModelTiming.time(net, m, device, batch.images, size, new ModelTiming.Passes(timing.warmup, timing.iters, profile),
                    postProcessing(detector, m));
        }
        String name = cfg.model().backbone().name().name().toLowerCase().replace("resnet", "r");
        report(r, name, device);
    }

    /** Prints the timings {@code r} of backbone {@code name} on {@code device}, as JSON with --json. */
    private void report(ModelTiming.Result r, String name, Device device) {
        int images = batch.images;
        EngineThreads threadsNow = EngineThreads.current();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("backbone", name);
        o.put("size", size);
        o.put("batch", images);
        o.put("forward_s", round(r.forward().median()));
        o.put("forward_min_s", round(r.forward().min()));
        o.put("forward_max_s", round(r.forward().max()));
        o.put("train_step_s", round(r.trainStep().median()));
        o.put("train_step_min_s", round(r.trainStep().min()));
        o.put("train_step_max_s", round(r.trainStep().max()));
        o.put("images_per_s", round(images / r.forward().median()));
        o.put("train_images_per_s", round(images / r.trainStep().median()));
        o.put("gflops_per_image", round(r.gflopsPerImage()));
        o.put("achieved_gflops_per_s", round(r.gflopsPerImage() * images / r.forward().median()));
        o.put("forward_peak_rss_gib", round(r.forwardPeakRss() / (double) (1L << 30)));
        o.put("train_peak_rss_gib", round(r.trainPeakRss() / (double) (1L << 30)));
        o.put("intra_op_threads", threadsNow.intraOp());
        o.put("inter_op_threads", threadsNow.interOp());
        o.put("allocator", threadsNow.allocator());
        o.put("device", device.toString());
        PrintWriter out = common.out();
        if (timing.output.json) {
            try {
                out.println(new ObjectMapper().writeValueAsString(o));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.printf("model:            RetinaNet %s, %d classes, %s%n", name, batch.classes, device);
            out.printf("input:            %d x 3 x %d x %d, %d warm-up + %d timed passes (median, min-max)%n",
                    images, size, size, timing.warmup, timing.iters);
            out.printf("inference:        %s per batch, %.2f images/s, peak RSS %s%n", r.forward().seconds(),
                    images / r.forward().median(), ProcessStats.gib(r.forwardPeakRss()));
            out.printf("forward+backward: %s per batch, %.2f images/s, peak RSS %s%n", r.trainStep().seconds(),
                    images / r.trainStep().median(), ProcessStats.gib(r.trainPeakRss()));
            out.printf("conv FLOPs:       %.1f GFLOP/image (2 x MACs)%n", r.gflopsPerImage());
            out.printf("achieved:         %.1f GFLOP/s (forward)%n", r.gflopsPerImage() * images / r.forward().median());
            out.printf("engine:           %s%n", threadsNow);
        }
        out.flush();
    }

    /** The detector's post-processing (decode, score threshold, top-k, NMS) of a batch of square images. */
    private java.util.function.Consumer<NDList> postProcessing(Detector detector, NDManager m) {
        int images = batch.images;
        List<ImageInfo> infos = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            infos.add(new ImageInfo(i, "random", null, size, size, size, size, 1.0, false));
        }
        HostBatch shape = new HostBatch(null, images, size, size, new float[images * 4], new int[images],
                new boolean[images], 1, infos);
        return out -> detector.postProcess(out, shape, m);
    }

    static String backboneName(String s) {
        return switch (s.toLowerCase()) {
            case "r18", "resnet18" -> "resnet18";
            case "r34", "resnet34" -> "resnet34";
            case "r50", "resnet50" -> "resnet50";
            case "r101", "resnet101" -> "resnet101";
            default -> throw new UsageException("--backbone: expected r18, r34, r50 or r101, got " + s);
        };
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
