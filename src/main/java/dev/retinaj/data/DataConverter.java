package dev.retinaj.data;

import dev.retinaj.config.DataConfig.Format;
import dev.retinaj.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code retinaj data convert}: reads every split of a data set with one class list (so class k
 * means the same in every split) and writes it in another format. Boxes and classes carry over
 * exactly; crowd ↔ difficult; YOLO cannot hold crowd boxes, so they are left out and counted.
 * Images are hard-linked (or copied) into the new layout.
 */
public final class DataConverter {
    private DataConverter() {}

    public record Result(Map<String, Integer> imagesPerSplit, int boxes, int droppedCrowd, List<Problem> problems) {}

    public static Result convert(DataInput in, List<String> splits, Format to, Path out, BadSamples bad) {
        if (Files.exists(out) && !isEmptyDir(out)) {
            throw new UserError(out + ": already exists and is not empty; choose a new --out", 2);
        }
        List<String> use = splits.isEmpty() ? in.splits() : splits;
        boolean wholeVoc = use.isEmpty() && in.format() == Format.VOC;
        if (use.isEmpty() && !wholeVoc) {
            throw new UserError(in.root() + ": no splits found to convert", 2);
        }
        LoadedSplit union = in.read(in.format() == Format.VOC || splits.isEmpty() ? List.of() : use,
                BadSamples.collecting());
        List<String> classes = union.classNames();
        Map<String, Long> idByName = new HashMap<>();
        union.records().forEach(r -> idByName.putIfAbsent(r.name(), r.id()));
        DataInput fixed = new DataInput(in.format(), in.root(), in.images(), classes);
        Map<String, List<DetectionRecord>> bySplit = new LinkedHashMap<>();
        if (wholeVoc) {
            bySplit.put("all", fixed.read(List.of(), bad).records());
        } else {
            for (String s : use) {
                List<DetectionRecord> recs = fixed.read(List.of(s), bad).records();
                if (in.format() != Format.COCO) {
                    recs = recs.stream().map(r -> withId(r, idByName.getOrDefault(r.name(), r.id()))).toList();
                }
                bySplit.put(s, recs);
            }
        }
        int boxes = 0;
        int dropped = 0;
        Map<String, Integer> counts = new LinkedHashMap<>();
        try {
            for (var e : bySplit.entrySet()) {
                String s = e.getKey();
                List<DetectionRecord> recs = e.getValue();
                counts.put(s, recs.size());
                boxes += recs.stream().mapToInt(DetectionRecord::numBoxes).sum();
                switch (to) {
                    case COCO -> {
                        Path dir = out.resolve(s);
                        for (DetectionRecord r : recs) {
                            ImageFiles.place(r.image(), dir.resolve(fileName(r)));
                        }
                        CocoWriter.write(out.resolve("annotations").resolve("instances_" + s + ".json"), recs, classes,
                                union.categoryIds(), DataConverter::fileName);
                    }
                    case VOC -> VocWriter.writeSplit(out, s, VocWriter.writeAnnotations(out, recs, classes, true));
                    case YOLO -> dropped += YoloWriter.writeSplit(out, s, recs);
                }
            }
            if (to == Format.YOLO) {
                YoloWriter.writeYaml(out, List.copyOf(bySplit.keySet()), classes);
            }
        } catch (IOException e) {
            throw new UserError(out + ": cannot write: " + e.getMessage());
        }
        return new Result(counts, boxes, dropped, bad.problems());
    }

    static String fileName(DetectionRecord r) {
        return r.name() + ImageFiles.extension(r.image());
    }

    private static DetectionRecord withId(DetectionRecord r, long id) {
        return new DetectionRecord(id, r.name(), r.image(), r.width(), r.height(), r.boxes(), r.labels(), r.crowd());
    }

    private static boolean isEmptyDir(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
