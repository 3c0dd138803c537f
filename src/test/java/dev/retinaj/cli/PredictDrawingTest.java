package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retinaj.data.RgbImage;
import dev.retinaj.draw.ClassPalette;
import dev.retinaj.infer.ClassMap;
import dev.retinaj.infer.Detections;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictDrawingTest {
    @Test
    void boxesTakeTheirClassColourAndLowScoresAreLeftOut() {
        byte[] white = new byte[3 * 64 * 64];
        Arrays.fill(white, (byte) 0xFF);
        Detections d = new Detections(1, new float[] {10, 10, 40, 40, 44, 44, 60, 60}, new float[] {0.9f, 0.1f},
                new int[] {2, 0});
        ClassMap classes = ClassMap.indices(3, List.of("circle", "square", "triangle"));
        BufferedImage out = PredictCommand.drawn(new RgbImage(64, 64, white), d, classes, 0.5);
        assertEquals(ClassPalette.color(2).getRGB(), out.getRGB(10, 25), "left edge of the triangle box");
        assertEquals(ClassPalette.color(2).getRGB(), out.getRGB(25, 40), "bottom edge of the triangle box");
        assertEquals(0xFFFFFFFF, out.getRGB(44, 52), "the 0.1 box is below --score 0.5");
        assertEquals(0xFFFFFFFF, out.getRGB(25, 25), "inside the box stays untouched");
    }
}
