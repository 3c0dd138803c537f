package dev.retinaj.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code retinaj data stats} reports: images, boxes (crowd/difficult included), empty images,
 * boxes per class, COCO size buckets of box area (small &lt; 32², medium &lt; 96², large), boxes per
 * image, aspect ratios (w / h buckets), and the problems found while reading.
 */
public record DatasetStats(int images, int boxes, int emptyImages, int crowdBoxes, Map<String, Integer> perClass,
                           int small, int medium, int large, int minBoxesPerImage, double meanBoxesPerImage,
                           int maxBoxesPerImage, Map<String, Integer> aspectRatios, int clippedBoxes,
                           List<Problem> problems, ShapeStats shapes) {

    static final double[] ASPECT_EDGES = {1 / 3.0, 1 / 2.0, 1 / 1.5, 1.5, 2.0, 3.0};
    static final String[] ASPECT_NAMES = {"<1/3", "1/3-1/2", "1/2-2/3", "2/3-3/2", "3/2-2", "2-3", ">3"};

    public static DatasetStats of(LoadedSplit s) {
        Map<String, Integer> perClass = new LinkedHashMap<>();
        s.classNames().forEach(n -> perClass.put(n, 0));
        int[] aspect = new int[ASPECT_NAMES.length];
        int boxes = 0;
        int empty = 0;
        int crowd = 0;
        int small = 0;
        int medium = 0;
        int large = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (DetectionRecord r : s.records()) {
            int n = r.numBoxes();
            boxes += n;
            empty += n == 0 ? 1 : 0;
            min = Math.min(min, n);
            max = Math.max(max, n);
            float[] b = r.boxes();
            for (int i = 0; i < n; i++) {
                perClass.merge(s.classNames().get(r.labels()[i]), 1, Integer::sum);
                crowd += r.crowd()[i] ? 1 : 0;
                double w = b[4 * i + 2] - b[4 * i];
                double h = b[4 * i + 3] - b[4 * i + 1];
                double area = w * h;
                if (area < 32 * 32) {
                    small++;
                } else if (area < 96 * 96) {
                    medium++;
                } else {
                    large++;
                }
                double ar = w / h;
                int k = 0;
                while (k < ASPECT_EDGES.length && ar >= ASPECT_EDGES[k]) {
                    k++;
                }
                aspect[k]++;
            }
        }
        Map<String, Integer> aspects = new LinkedHashMap<>();
        for (int k = 0; k < aspect.length; k++) {
            aspects.put(ASPECT_NAMES[k], aspect[k]);
        }
        int images = s.records().size();
        return new DatasetStats(images, boxes, empty, crowd, perClass, small, medium, large,
                images == 0 ? 0 : min, images == 0 ? 0 : (double) boxes / images, max, aspects,
                s.report().clippedBoxes(), s.report().problems(), ShapeStats.of(s));
    }

    /** The {@code data stats --json} object (docs/cli.md's keys first, then the extras). */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("images", images);
        m.put("boxes", boxes);
        m.put("empty_images", emptyImages);
        m.put("per_class", perClass);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("small", small);
        sizes.put("medium", medium);
        sizes.put("large", large);
        m.put("sizes", sizes);
        List<Map<String, String>> ps = new ArrayList<>();
        for (Problem p : problems) {
            Map<String, String> pm = new LinkedHashMap<>();
            pm.put("file", p.file());
            pm.put("reason", p.reason());
            ps.add(pm);
        }
        m.put("problems", ps);
        m.put("crowd_boxes", crowdBoxes);
        m.put("clipped_boxes", clippedBoxes);
        Map<String, Object> per = new LinkedHashMap<>();
        per.put("min", minBoxesPerImage);
        per.put("mean", Math.round(meanBoxesPerImage * 1000) / 1000.0);
        per.put("max", maxBoxesPerImage);
        m.put("boxes_per_image", per);
        m.put("aspect_ratios", aspectRatios);
        m.putAll(shapes.toJsonMap());
        return m;
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJsonMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Boxes per bin of {@link ShapeStats#EDGES} (square root of box area). */
    public int[] sizeHistogram() {
        return shapes.histogram();
    }

    public static String sizeBinLabel(int k) {
        return ShapeStats.binLabel(k);
    }

    public void print(PrintWriter out) {
        out.printf("images:          %d (%d without boxes)%n", images, emptyImages);
        out.printf("boxes:           %d (%d crowd/difficult, %d clipped to their image)%n", boxes, crowdBoxes, clippedBoxes);
        out.printf("boxes per image: min %d, mean %.2f, max %d%n", minBoxesPerImage, meanBoxesPerImage, maxBoxesPerImage);
        out.printf("sizes:           small %d, medium %d, large %d (area < 32², < 96², larger)%n", small, medium, large);
        out.println("per class:");
        int width = perClass.keySet().stream().mapToInt(String::length).max().orElse(5);
        perClass.forEach((k, v) -> out.printf("  %-" + width + "s %8d%n", k, v));
        out.printf("image sides:     short %s, long %s (min / 5%% / median / 95%% / max)%n",
                range(shapes.shortSide()), range(shapes.longSide()));
        out.printf("box size:        %s px (square root of area)%n", range(shapes.boxSize()));
        out.println("aspect ratios (w/h):");
        aspectRatios.forEach((k, v) -> out.printf("  %-8s %8d%n", k, v));
        out.printf("problems:        %d%n", problems.size());
        int shown = 0;
        for (Problem p : problems) {
            if (shown++ == 20) {
                out.printf("  ... and %d more (--json lists all)%n", problems.size() - 20);
                break;
            }
            out.println("  " + p);
        }
        out.flush();
    }

    private static String range(double[] q) {
        StringBuilder b = new StringBuilder();
        for (double v : q) {
            b.append(b.length() == 0 ? "" : " / ").append(Math.round(v));
        }
        return b.toString();
    }
}
