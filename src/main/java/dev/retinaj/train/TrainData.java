package dev.retinaj.train;

import dev.retinaj.config.ConfigException;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.DataSource;
import dev.retinaj.data.LoadedSplit;
import dev.retinaj.infer.ClassMap;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The splits a run trains and evaluates on, and the number of classes it learns. */
record TrainData(LoadedSplit train, LoadedSplit val, int numClasses) {
    private static final Logger LOG = LoggerFactory.getLogger(TrainData.class);

    /** Loads {@code data.train} and {@code data.val} (null if empty) and saves the class map into the run. */
    static TrainData load(RetinaConfig cfg, Path runDir) throws IOException {
        LoadedSplit train = DataSource.train(cfg.data());
        LoadedSplit val = cfg.data().val().isEmpty() ? null : DataSource.val(cfg.data());
        LOG.info("train: {}; val: {}", train.report(), val == null ? "none" : val.report());
        int numClasses = cfg.model().numClasses() > 0 ? cfg.model().numClasses() : train.numClasses();
        if (numClasses < train.numClasses()) {
            throw new ConfigException("model.num_classes", "model.num_classes is " + numClasses + " but the data set has "
                    + train.numClasses() + " classes " + train.classNames());
        }
        ClassMap.of(train).write(runDir);
        return new TrainData(train, val, numClasses);
    }

    /** Non-crowd boxes per class of the training set. */
    double[] classFrequencies() {
        double[] counts = new double[numClasses];
        train.records().forEach(r -> {
            for (int i = 0; i < r.numBoxes(); i++) {
                if (!r.crowd()[i]) {
                    counts[r.labels()[i]]++;
                }
            }
        });
        return counts;
    }
}
