package dev.retinaj.train;

/** Test hook: throws after iteration {@code n} (after its checkpoint, if one is due), as a crash would. */
final class CrashAfter implements TrainHook {
    private final long n;

    CrashAfter(long n) {
        this.n = n;
    }

    @Override
    public void afterStep(TrainState s) {
        if (s.iteration() == n) {
            throw new IllegalStateException("simulated crash after iteration " + n);
        }
    }
}
