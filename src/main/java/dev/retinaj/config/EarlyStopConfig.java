package dev.retinaj.config;

/**
 * {@code train.early_stop.*}: stop when validation {@code metric} (a headline name: AP, AP50, AP75,
 * APs, APm, APl or mAP) has not improved by more than {@code min_delta} over {@code patience}
 * evaluations in a row; {@code patience: 0} = off.
 */
public record EarlyStopConfig(String metric, int patience, double minDelta) {
    public EarlyStopConfig {
        if (metric == null || metric.isBlank()) {
            throw ConfigException.field("metric", "must name a validation metric, e.g. AP or AP50");
        }
        Validate.atLeast("patience", patience, 0);
        Validate.atLeast("min_delta", minDelta, 0);
    }

    public boolean enabled() {
        return patience > 0;
    }
}
