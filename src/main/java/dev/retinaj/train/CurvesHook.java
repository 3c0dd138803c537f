package dev.retinaj.train;

import dev.retinaj.plot.TrainingCurves;
import java.io.IOException;

/** Hook: redraws {@code curves.png} from {@code metrics.jsonl} whenever a checkpoint has been written. */
final class CurvesHook implements TrainHook {
    @Override
    public void afterStep(TrainState s) throws IOException {
        if (s.checkpointedNow() != null) {
            TrainingCurves.write(s.run().metrics(), s.run().curves());
        }
    }
}
