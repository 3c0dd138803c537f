package dev.retinaj.config;

import java.util.regex.Pattern;

/**
 * The whole resolved configuration of a run. Keys are the snake_case forms of the component names;
 * defaults live in {@code retinaj/defaults.yaml}, the implicit first base of every config.
 */
public record RetinaConfig(
        String device,
        long seed,
        int threads,
        Precision precision,
        DataConfig data,
        ModelConfig model,
        AssignerConfig assigner,
        LossConfig loss,
        TrainConfig train,
        TestConfig test,
        EvalConfig eval) {

    private static final Pattern DEVICE = Pattern.compile("auto|cpu|gpu|gpu:\\d+(,\\d+)*");

    public RetinaConfig {
        if (device == null || !DEVICE.matcher(device).matches()) {
            throw ConfigException.field("device", "must be auto, cpu, gpu or gpu:N[,M...], got '" + device + "'");
        }
        Validate.atLeast("threads", threads, 0);
        if (precision == null) {
            throw ConfigException.field("precision", "must be auto, fp32, bf16 or fp16");
        }
    }

    /** This config with {@code precision} replaced. */
    public RetinaConfig withPrecision(Precision p) {
        return new RetinaConfig(device, seed, threads, p, data, model, assigner, loss, train, test, eval);
    }
}
