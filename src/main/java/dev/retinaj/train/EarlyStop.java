package dev.retinaj.train;

import dev.retinaj.config.ConfigException;
import dev.retinaj.config.EarlyStopConfig;
import java.util.Locale;
import java.util.Map;

/**
 * {@code train.early_stop}: after each validation, {@link #observe} compares the metric with the
 * best so far; an evaluation improves when it beats the best by more than {@code min_delta}
 * (the first always does, a NaN never does). After {@code patience} evaluations in a row without
 * an improvement the run should stop, keeping the best checkpoint. Its {@link State} goes into
 * checkpoints so a resumed run counts on from where it was.
 */
public final class EarlyStop {
    private final String metric;
    private final int patience;
    private final double minDelta;
    private State state = State.INITIAL;

    /**
     * What the count is after some evaluations: the best value and its iteration (−1: none yet), and
     * evaluations since the best. A record, so it serialises to JSON as it is.
     */
    public record State(double best, long bestIteration, int sinceBest) {
        public static final State INITIAL = new State(Double.NEGATIVE_INFINITY, -1, 0);
    }

    /** One evaluation's outcome and its log line. */
    public record Decision(boolean improved, boolean stop, String message) {}

    public EarlyStop(String metric, int patience, double minDelta) {
        if (patience < 1 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("patience must be >= 1 and min_delta >= 0");
        }
        this.metric = metric;
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /** The early stop of {@code train.early_stop}, or null when {@code patience} is 0. */
    public static EarlyStop of(EarlyStopConfig cfg) {
        return cfg.enabled() ? new EarlyStop(cfg.metric(), cfg.patience(), cfg.minDelta()) : null;
    }

    public String metric() {
        return metric;
    }

    /**
     * Takes the headline metrics of the evaluation at {@code iteration}.
     *
     * @throws ConfigException (train.early_stop.metric) if they hold no {@code metric}
     */
    public Decision observe(long iteration, Map<String, Double> metrics) {
        Double v = metrics.get(metric);
        if (v == null) {
            throw new ConfigException("train.early_stop.metric", "train.early_stop.metric: the evaluation has no " + metric
                    + " (it has " + String.join(", ", metrics.keySet()) + ")");
        }
        double value = v;
        if (value > state.best() + minDelta) { // NaN never is; the first finite value always is
            state = new State(value, iteration, 0);
            return new Decision(true, false, String.format(Locale.ROOT, "early stop: %s %.4f at iteration %d is the best so far",
                    metric, value, iteration));
        }
        state = new State(state.best(), state.bestIteration(), state.sinceBest() + 1);
        boolean stop = state.sinceBest() >= patience;
        String msg = stop
                ? String.format(Locale.ROOT, "early stop at iteration %d: %s has not improved by more than %s for %d "
                        + "evaluations (best %.4f at iteration %d); stopping and keeping that checkpoint",
                        iteration, metric, minDelta, patience, state.best(), state.bestIteration())
                : String.format(Locale.ROOT, "early stop: %s %.4f at iteration %d, best %.4f at iteration %d "
                        + "(%d of %d evaluations without improvement)", metric, value, iteration, state.best(),
                        state.bestIteration(), state.sinceBest(), patience);
        return new Decision(false, stop, msg);
    }

    public State state() {
        return state;
    }

    /** Continues from a checkpoint's state. */
    public void restore(State s) {
        state = s;
    }
}
