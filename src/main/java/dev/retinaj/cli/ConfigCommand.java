package dev.retinaj.cli;

import dev.retinaj.config.ConfigWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code retinaj config ...}. */
@Command(name = "config", description = "Inspect configs.",
        mixinStandardHelpOptions = true,
        subcommands = {ConfigCommand.Show.class},
        footer = {"", "Example:", "  retinaj config show -c configs/retinanet_r50_fpn_1x_coco.yaml --set train.lr=0.02"})
public final class ConfigCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the fully resolved config (bases merged, overrides applied, defaults filled) as YAML.",
            footer = {"", "Example:", "  retinaj config show -c configs/retinanet_r50_fpn_1x_coco.yaml --set train.lr=0.02"})
    static final class Show implements Runnable {
        @Mixin
        ConfigOptions config;
        @Mixin
        CommonOptions common;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().print(ConfigWriter.toYaml(config.loadRequired()));
            spec.commandLine().getOut().flush();
        }
    }
}
