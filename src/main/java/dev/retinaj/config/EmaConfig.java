package dev.retinaj.config;

/**
 * {@code train.ema.*}: an exponential moving average of the weights, evaluated and exported instead
 * of the raw weights when {@code decay > 0}. The decay warms up as
 * {@code decay × (1 − exp(−t / tau))} over update t (Ultralytics' ModelEMA, mmdetection's EMAHook).
 */
public record EmaConfig(double decay, double tau) {
    public EmaConfig {
        Validate.range("decay", decay, 0, 1);
        if (decay >= 1) {
            throw ConfigException.field("decay", "must be below 1 (1 would never move), got " + decay);
        }
        Validate.atLeast("tau", tau, 0);
    }

    public boolean enabled() {
        return decay > 0;
    }
}
