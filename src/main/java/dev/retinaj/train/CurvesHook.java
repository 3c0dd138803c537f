package dev.retinaj.train;

import dev.retinaj.util.OutputFolder;
import dev.retinaj.plot.TrainingCurves;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hook: redraws {@code curves.png} from {@code metrics.jsonl} whenever a checkpoint has been written.
 * A plot that cannot be written is one WARN line (its .tmp removed), not the end of the run.
 */
final class CurvesHook implements TrainHook {
    private static final Logger LOG = LoggerFactory.getLogger(CurvesHook.class);

    @Override
    public void afterStep(TrainState s) {
        if (s.checkpointedNow() == null) {
            return;
        }
        Path png = s.run().curves();
        try {
            TrainingCurves.write(s.run().metrics(), png);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(png.resolveSibling(png.getFileName() + ".tmp"));
            } catch (IOException ignored) {
                // the WARN below names the folder already
            }
            LOG.warn("{}: cannot write the curves ({}); training goes on", png, OutputFolder.reason(e));
        }
    }
}
