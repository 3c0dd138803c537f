package dev.retinaj.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.repository.zoo.ZooModel;
import dev.retinaj.TinyRun;
import dev.retinaj.draw.DetectionPainter;
import dev.retinaj.draw.PaintBoxes;
import dev.retinaj.infer.ClassMap;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example is this file's ReadmeExample, word for word, and it runs on a real run. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeShowsTheExampleClass() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/retinaj/serving/ReadmeExample.java"));
        String body = source.substring(source.indexOf("import "));
        assertTrue(Files.readString(Path.of("README.md")).contains(body.strip()),
                "README.md's Java example differs from ReadmeExample.java");
    }

    @Test
    void theExampleSavesThePictureWithItsDetections() throws Exception {
        Path run = TinyRun.run();
        Path photo;
        try (Stream<Path> s = Files.list(TinyRun.data().resolve("val"))) {
            photo = s.sorted().findFirst().orElseThrow();
        }
        Path out = dir.resolve("found.png");
        ReadmeExample.main(new String[] {run.toString(), photo.toString(), out.toString(), "0.1"});
        BufferedImage written = ImageIO.read(out.toFile());
        BufferedImage picture = ImageIO.read(photo.toFile());
        assertEquals(picture.getWidth(), written.getWidth());
        assertEquals(picture.getHeight(), written.getHeight());

        // the same detections through the plain API, at a threshold of 0: the example kept those >= 0.1
        CriteriaOptions all = CriteriaOptions.DEFAULT.withScoreThreshold(0).withTopK(1000);
        try (ZooModel<Image, DetectedObjects> model = RetinaJModels.criteria(run).loadModel();
             Predictor<Image, DetectedObjects> predictor = model.newPredictor()) {
            DetectedObjects raw = predictor.predict(ImageFactory.getInstance().fromImage(picture));
            DetectedObjects kept = CriteriaOptions.DEFAULT.withScoreThreshold(0.1).withTopK(20).filter(raw);
            long expected = raw.getProbabilities().stream().filter(p -> p >= 0.1).count();
            assertEquals(Math.min(20, expected), kept.getNumberOfObjects());
            assertTrue(kept.getNumberOfObjects() > 0, "the tiny run finds nothing at 0.1: the drawing is untested");
            assertEquals(raw.getNumberOfObjects(), all.filter(raw).getNumberOfObjects());
            CriteriaOptions three = CriteriaOptions.DEFAULT.withScoreThreshold(0.1).withTopK(3).withDevice("cpu");
            try (ZooModel<Image, DetectedObjects> top = RetinaJModels.criteria(run, three).loadModel();
                 Predictor<Image, DetectedObjects> p3 = top.newPredictor()) {
                DetectedObjects best = p3.predict(ImageFactory.getInstance().fromImage(picture));
                assertEquals(Math.min(3, expected), best.getNumberOfObjects());
                for (int i = 0; i < best.getNumberOfObjects(); i++) {
                    assertEquals(kept.item(i).getProbability(), best.item(i).getProbability(), 1e-6, "rank " + i);
                }
                assertEquals(ai.djl.Device.cpu(), top.getNDManager().getDevice());
            }
            BufferedImage again = DetectionPainter.paint(picture, PaintBoxes.of(kept, picture.getWidth(),
                    picture.getHeight(), ClassMap.read(run).names()));
            for (int y = 0; y < again.getHeight(); y++) {
                for (int x = 0; x < again.getWidth(); x++) {
                    assertEquals(again.getRGB(x, y), written.getRGB(x, y), "pixel " + x + "," + y);
                }
            }
        }
    }
}
