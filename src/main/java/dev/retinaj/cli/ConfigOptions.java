package dev.retinaj.cli;

import dev.retinaj.util.UsageException;
import dev.retinaj.checkpoint.CheckpointStore;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.infer.WeightsSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code -c CONFIG [--set K=V ...]}: how commands that take a config read it. */
public final class ConfigOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "CONFIG", description = "YAML config file.")
    public Path config;

    @Option(names = "--set", paramLabel = "K=V", parameterConsumer = Pairs.class,
            description = "Override config keys, e.g. --set train.lr=0.02 train.max_iters=500 (one or more pairs; "
                    + "repeatable; lists as [1,2]).")
    public List<String> overrides = new ArrayList<>();

    /** Takes the K=V pairs that follow one --set (at least one), as mmdetection's --cfg-options does. */
    static final class Pairs implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            List<String> values = argSpec.getValue();
            int taken = 0;
            while (!args.isEmpty() && isPair(args.peek())) {
                values.add(args.pop());
                taken++;
            }
            if (taken == 0) {
                throw new ParameterException(commandSpec.commandLine(), "--set: expected K=V"
                        + (args.isEmpty() ? "" : ", got '" + args.peek() + "'"));
            }
        }

        private static boolean isPair(String arg) {
            return !arg.startsWith("-") && arg.indexOf('=') > 0;
        }
    }

    public RetinaConfig load() {
        return ConfigLoader.load(config, overrides);
    }

    /**
     * The config of the run that {@code w} (a run or checkpoint directory) belongs to: its config.yaml,
     * then {@code -c CONFIG} merged over it, then {@code --set}. Without a run, {@code -c} is required.
     *
     * @param option how {@code w} was given, for messages ("--weights", "RUN_DIR")
     */
    public RetinaConfig loadForRun(Path w, String option) {
        Path runDir = w == null ? null : Files.isRegularFile(w.resolve("config.yaml")) ? w
                : Files.isRegularFile(w.resolve(CheckpointStore.MODEL)) ? WeightsSource.resolve(w).runDir() : null;
        if (runDir == null && config != null) {
            return load();
        }
        return loadForRunDir(runDir == null ? w : runDir, option);
    }

    /** {@code runDir}'s config.yaml, then {@code -c CONFIG} merged over it, then {@code --set}. */
    public RetinaConfig loadForRunDir(Path runDir, String option) {
        if (runDir == null) {
            throw new UsageException("missing -c CONFIG, or a run directory to take its config.yaml from");
        }
        Path saved = runDir.resolve("config.yaml");
        if (!Files.isRegularFile(saved)) {
            throw new UsageException(option + " " + runDir + ": no config.yaml (not a run directory); give -c CONFIG");
        }
        return ConfigLoader.loadLayers(config == null ? List.of(saved) : List.of(saved, config), overrides);
    }

    /** Whether -c or --set was given. */
    public boolean given() {
        return config != null || !overrides.isEmpty();
    }

    public RetinaConfig loadRequired() {
        if (config == null) {
            throw new UsageException("missing -c CONFIG (a YAML file, e.g. configs/shapes_r18_fpn_demo.yaml)");
        }
        return load();
    }
}
