package dev.retinaj.train;

import java.io.IOException;
import java.util.List;

/** Calls hooks in order; closes them all, last first, even when one fails to close. */
final class Hooks implements TrainHook {
    private final List<TrainHook> hooks;

    Hooks(List<TrainHook> hooks) {
        this.hooks = List.copyOf(hooks);
    }

    /** One of the hook methods. */
    @FunctionalInterface
    private interface Call {
        void on(TrainHook hook) throws IOException;
    }

    private void each(Call call) throws IOException {
        for (TrainHook h : hooks) {
            call.on(h);
        }
    }

    @Override
    public void beforeTrain(TrainState s) throws IOException {
        each(h -> h.beforeTrain(s));
    }

    @Override
    public void beforeStep(TrainState s) throws IOException {
        each(h -> h.beforeStep(s));
    }

    @Override
    public void afterStep(TrainState s) throws IOException {
        each(h -> h.afterStep(s));
    }

    @Override
    public void afterTrain(TrainState s) throws IOException {
        each(h -> h.afterTrain(s));
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (int i = hooks.size() - 1; i >= 0; i--) {
            try {
                hooks.get(i).close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
