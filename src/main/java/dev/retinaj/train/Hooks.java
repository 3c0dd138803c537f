package dev.retinaj.train;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Calls hooks in order; closes them all, last first, even when one fails to close. */
final class Hooks implements Closeable {
    private final List<TrainHook> hooks;

    Hooks(List<TrainHook> hooks) {
        this.hooks = List.copyOf(hooks);
    }

    /** A hook method, e.g. {@code TrainHook::afterStep}. */
    @FunctionalInterface
    interface Call {
        void on(TrainHook hook, TrainState s) throws IOException;
    }

    /** Calls {@code call} on every hook, in order. */
    void each(Call call, TrainState s) throws IOException {
        for (TrainHook h : hooks) {
            call.on(h, s);
        }
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
