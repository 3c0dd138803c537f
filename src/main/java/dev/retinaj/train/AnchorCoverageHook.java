package dev.retinaj.train;

import dev.retinaj.data.LoadedSplit;

/** Hook: before training, logs how well the anchors cover the training set's boxes ({@link AnchorCoverage}). */
final class AnchorCoverageHook implements TrainHook {
    private final LoadedSplit train;

    AnchorCoverageHook(LoadedSplit train) {
        this.train = train;
    }

    @Override
    public void beforeTrain(TrainState s) {
        AnchorCoverage.report(train, s.cfg(), s.detector());
    }
}
