package dev.retinaj.serving;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.repository.zoo.ZooModel;
import dev.retinaj.draw.DetectionPainter;
import dev.retinaj.draw.PaintBoxes;
import dev.retinaj.infer.ClassMap;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Detects objects in one picture with a trained run and saves the picture with its boxes drawn. */
public final class ReadmeExample {
    public static void main(String[] args) throws Exception {
        Path run = Path.of(args.length > 0 ? args[0] : "runs/shapes_r18_fpn_demo");
        Path photo = Path.of(args.length > 1 ? args[1] : "data/shapes/val/000001.jpg");
        Path out = Path.of(args.length > 2 ? args[2] : "detections.png");
        double minScore = args.length > 3 ? Double.parseDouble(args[3]) : 0.5;
        CriteriaOptions options = CriteriaOptions.DEFAULT.withScoreThreshold(minScore).withTopK(20);
        List<String> classes = ClassMap.read(run).names();
        try (ZooModel<Image, DetectedObjects> model = RetinaJModels.criteria(run, options).loadModel();
             Predictor<Image, DetectedObjects> predictor = model.newPredictor()) {
            BufferedImage picture = ImageIO.read(photo.toFile());
            DetectedObjects found = predictor.predict(ImageFactory.getInstance().fromImage(picture));
            BufferedImage drawn = DetectionPainter.paint(picture,
                    PaintBoxes.of(found, picture.getWidth(), picture.getHeight(), classes));
            PaintBoxes.writePng(drawn, out);
            System.out.println(found.getNumberOfObjects() + " objects -> " + out);
        }
    }
}
