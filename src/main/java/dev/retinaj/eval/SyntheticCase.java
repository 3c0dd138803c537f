package dev.retinaj.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, COCO-like evaluation case for benchmarks: images of 640 x 480 with 0-14 objects of random
 * classes and sizes (about 7 on average, 3% crowd), and exactly {@code detsPerImage} detections each:
 * about half are jittered copies of the image's objects (sometimes with the wrong class), the rest
 * random boxes; scores are quantised to 1/1000 so that ties occur.
 */
public record SyntheticCase(GroundTruth groundTruth, List<Result> results) {

    public static SyntheticCase generate(int images, int detsPerImage, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        GroundTruth.Builder b = GroundTruth.builder();
        for (int c = 1; c <= classes; c++) {
            b.addCategory(c, "class" + c);
        }
        List<Result> results = new ArrayList<>(images * detsPerImage);
        long annId = 0;
        double[] box = new double[4];
        for (int i = 0; i < images; i++) {
            long id = i + 1;
            b.addImage(id, 640, 480);
            int objects = rng.nextInt(15);
            double[][] objs = new double[objects][];
            int[] objCat = new int[objects];
            for (int o = 0; o < objects; o++) {
                randomBox(rng, box);
                objs[o] = box.clone();
                objCat[o] = 1 + rng.nextInt(classes);
                b.addAnnotation(new GroundTruth.Annotation(++annId, id, objCat[o], objs[o], box[2] * box[3],
                        rng.nextDouble() < 0.03));
            }
            for (int d = 0; d < detsPerImage; d++) {
                int cat;
                if (objects > 0 && rng.nextBoolean()) {
                    int o = rng.nextInt(objects);
                    double[] g = objs[o];
                    double s = 0.15 * rng.nextDouble();
                    box[0] = Math.max(0, g[0] + s * g[2] * (rng.nextDouble() - 0.5));
                    box[1] = Math.max(0, g[1] + s * g[3] * (rng.nextDouble() - 0.5));
                    box[2] = g[2] * (1 + s * (rng.nextDouble() - 0.5));
                    box[3] = g[3] * (1 + s * (rng.nextDouble() - 0.5));
                    cat = rng.nextDouble() < 0.9 ? objCat[o] : 1 + rng.nextInt(classes);
                } else {
                    randomBox(rng, box);
                    cat = 1 + rng.nextInt(classes);
                }
                double score = Math.rint(rng.nextDouble() * 1000) / 1000;
                results.add(new Result(id, cat, box[0], box[1], box[2], box[3], score));
            }
        }
        return new SyntheticCase(b.build(), results);
    }

    private static void randomBox(SplittableRandom rng, double[] box) {
        double size = 8 * Math.pow(40, rng.nextDouble()); // 8 .. 320 px, log-uniform
        box[2] = Math.min(639, size * (0.5 + rng.nextDouble()));
        box[3] = Math.min(479, size * (0.5 + rng.nextDouble()));
        box[0] = rng.nextDouble() * (640 - box[2]);
        box[1] = rng.nextDouble() * (480 - box[3]);
    }
}
