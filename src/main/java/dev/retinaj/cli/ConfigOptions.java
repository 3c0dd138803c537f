package dev.retinaj.cli;

import dev.retinaj.util.UsageException;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
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

    public RetinaConfig loadRequired() {
        if (config == null) {
            throw new UsageException("missing -c CONFIG (a YAML file, e.g. configs/shapes_r18_fpn_demo.yaml)");
        }
        return load();
    }
}
