package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retinaj.TinyRun;
import dev.retinaj.plot.TrainingCurves;
import dev.retinaj.util.JsonLines;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CurvesHookTest {
    @Test
    void aRunsCurvesHoldLossLearningRateAndValidationPanels() throws Exception {
        RunDirectory run = new RunDirectory(TinyRun.run());
        BufferedImage written = ImageIO.read(run.curves().toFile());
        BufferedImage expected = TrainingCurves.render(JsonLines.read(run.metrics()));
        assertEquals(expected.getWidth(), written.getWidth());
        assertEquals(expected.getHeight(), written.getHeight());
        assertEquals(3 * 320, written.getHeight(), "loss, learning rate and validation panels of 320 px");
    }
}
