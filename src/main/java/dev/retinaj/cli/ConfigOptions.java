package dev.retinaj.cli;

import dev.retinaj.util.UserError;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -c CONFIG [--set K=V ...]}: how commands that take a config read it. */
public final class ConfigOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "CONFIG", description = "YAML config file.")
    public Path config;

    @Option(names = "--set", paramLabel = "K=V",
            description = "Override a config key, e.g. --set train.lr=0.02 (repeatable; lists as [1,2]).")
    public List<String> overrides = new ArrayList<>();

    public RetinaConfig load() {
        return ConfigLoader.load(config, overrides);
    }

    public RetinaConfig loadRequired() {
        if (config == null) {
            throw new UserError("missing -c CONFIG (a YAML file, e.g. configs/shapes_r18_fpn_demo.yaml)", 2);
        }
        return load();
    }
}
