package dev.retinaj.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.data.DatasetStats;
import dev.retinaj.draw.ClassPalette;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetChartsTest {
    private static int pixels(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xffffff) == (rgb & 0xffffff) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void eachClassBarHasItsBoxColourAndItsHeight() {
        Map<String, Integer> perClass = new LinkedHashMap<>();
        perClass.put("cat", 10);
        perClass.put("dog", 40);
        perClass.put("owl", 20);
        DatasetStats st = new DatasetStats(7, 70, 0, 0, perClass, 0, 0, 0, 0, 10, 20, Map.of(), 0, List.of(), null);
        BufferedImage img = DatasetCharts.labels(st);
        int cat = pixels(img, ClassPalette.color(0).getRGB());
        int dog = pixels(img, ClassPalette.color(1).getRGB());
        int owl = pixels(img, ClassPalette.color(2).getRGB());
        assertTrue(cat > 500, "the cat bar in class 0's colour: " + cat + " pixels");
        // bars of one width: the areas go as the counts 10 : 40 : 20 (the value labels take a few pixels)
        assertEquals(4.0, (double) dog / cat, 0.4);
        assertEquals(2.0, (double) owl / cat, 0.2);
        assertEquals(0, pixels(img, ClassPalette.color(3).getRGB()), "no fourth class");
    }
}
