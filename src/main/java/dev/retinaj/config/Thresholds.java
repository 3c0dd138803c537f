package dev.retinaj.config;

/**
 * Checks for threshold values that arrive outside a config, e.g. {@code predict --score}: the same
 * rule as {@code test.score_thresh} (a number in [0, 1]; NaN is not one), the same one-line error.
 */
public final class Thresholds {
    private Thresholds() {}

    /**
     * @param name what the value is called on the command line, e.g. "--score"
     * @return {@code v}, if it lies in [0, 1]
     * @throws ConfigException (exit code 2) naming {@code name} otherwise
     */
    public static double probability(String name, double v) {
        try {
            return Validate.range(name, v, 0, 1);
        } catch (ConfigException e) {
            throw new ConfigException(name, name + ": " + e.getMessage());
        }
    }
}
