package dev.retinaj.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Utils;
import dev.retinaj.config.Precision;
import dev.retinaj.engine.EngineSetup;
import dev.retinaj.engine.PrecisionSupport;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retinaj env}: what this machine gives RetinaJ. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Show the engine, its version, devices, thread counts, DJL cache dir and Java version.",
        footer = {"", "Example:", "  retinaj env", "  retinaj env --device auto --threads 2"})
public final class EnvCommand implements Runnable {
    @Option(names = "--device", defaultValue = "auto", description = "Device spec to resolve (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--threads", defaultValue = "0", description = "Intra-op threads (0 = engine default).")
    int threads;

    @Mixin
    CommonOptions common;

    @Override
    public void run() {
        Engine engine = EngineSetup.start(threads);
        PrintWriter out = common.out();
        out.printf("engine:          %s %s%n", engine.getEngineName(), engine.getVersion());
        out.printf("djl:             %s%n", Engine.getDjlVersion());
        String cuda = EngineSetup.cudaVersion();
        out.printf("cuda:            %s%n", cuda == null ? "not available" : cuda);
        out.printf("gpus:            %d%n", engine.getGpuCount());
        List<Device> devices = EngineSetup.resolve(device, engine);
        out.printf("devices (%s): %s%n", device, devices);
        out.printf("default device:  %s%n", engine.defaultDevice());
        for (Device d : devices) {
            out.printf("precision (%s): %s%n", d, precisions(d));
        }
        out.printf("intra-op threads: %d%n", JniUtils.getNumThreads());
        out.printf("inter-op threads: %d%n", JniUtils.getNumInteropThreads());
        out.printf("cpu cores:       %d%n", Runtime.getRuntime().availableProcessors());
        out.printf("djl cache dir:   %s%n", Utils.getCacheDir());
        out.printf("engine cache:    %s%n", Utils.getEngineCacheDir());
        out.printf("offline:         %s%n", Utils.isOfflineMode());
        out.printf("java:            %s (%s)%n", System.getProperty("java.version"), System.getProperty("java.vm.name"));
        out.printf("max heap:        %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
        out.printf("allocator:       %s%n", dev.retinaj.engine.Allocator.describe());
        out.flush();
    }

    /** "fp32 yes, bf16 yes (avx512_bf16), fp16 no: needs ..." for the {@code precision} key. */
    static String precisions(Device d) {
        StringBuilder b = new StringBuilder();
        for (Precision p : Precision.values()) {
            if (p == Precision.AUTO) {
                b.append("; auto means ").append(PrecisionSupport.concrete(p, java.util.List.of(d)).key());
                continue;
            }
            String lack = PrecisionSupport.lack(p, d);
            String how = Device.Type.CPU.equals(d.getDeviceType()) && p != Precision.FP32
                    ? " (" + PrecisionSupport.cpuInstruction(p) + ")" : "";
            b.append(b.length() == 0 ? "" : "; ").append(p.key())
                    .append(lack == null ? " yes" + how : " no, " + lack);
        }
        return b.toString();
    }
}
