package dev.retinaj.data;

import dev.retinaj.config.DataConfig.Format;
import dev.retinaj.util.BadFileException;
import dev.retinaj.util.Interrupts;
import dev.retinaj.util.OutputFolder;
import dev.retinaj.util.StagedFolder;
import dev.retinaj.util.UsageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code retinaj data convert}: reads every split of a data set with one class list (so class k
 * means the same in every split) and writes it in another format. Boxes and classes carry over
 * exactly; crowd ↔ difficult; YOLO cannot hold crowd boxes, so they are left out and counted.
 * Images are copied into the new layout (hard-linked with {@code link}). The output appears whole or
 * not at all ({@link StagedFolder}): a failure or Ctrl-C leaves no half-written folder. A data set is untrusted: an
 * image outside the input's data root is never copied or linked, even if the reader was allowed to
 * read it ({@code data.allow_outside_root}); it is a problem and left out.
 */
public final class DataConverter {
    private DataConverter() {}

    public record Result(Map<String, Integer> imagesPerSplit, int boxes, int droppedCrowd, List<Problem> problems) {}

    public static Result convert(DataInput in, List<String> splits, Format to, Path out, BadSamples bad) {
        return convert(in, splits, to, out, bad, false);
    }

    /** @param link hard-link images instead of copying them (falls back to a copy across file systems) */
    public static Result convert(DataInput in, List<String> splits, Format to, Path out, BadSamples bad,
                                 boolean link) {
        OutputFolder.check("--out", out, true);
        List<String> use = splits.isEmpty() ? in.splits() : splits;
        boolean wholeVoc = use.isEmpty() && in.format() == Format.VOC;
        if (use.isEmpty() && !wholeVoc) {
            throw new UsageException(in.root() + ": no splits found to convert");
        }
        LoadedSplit union = in.read(in.format() == Format.VOC || splits.isEmpty() ? List.of() : use,
                BadSamples.collecting());
        Map<String, List<DetectionRecord>> bySplit = readSplits(in, wholeVoc ? null : use, union, bad);
        DataPaths inside = DataPaths.within(in.dataRoot());
        bySplit.replaceAll((s, recs) -> recs.stream().filter(r -> copyable(r, inside, bad)).toList());
        if (bySplit.values().stream().allMatch(List::isEmpty)) {
            List<Problem> ps = bad.problems();
            throw new BadFileException(in.root() + ": nothing to convert, no usable images"
                    + (ps.isEmpty() ? "" : " (" + ps.size() + " problems, first: " + ps.get(0) + ")"));
        }
        ImageFiles.Placement how = link ? ImageFiles.Placement.LINK : ImageFiles.Placement.COPY;
        String outer = Interrupts.enter("writing " + out);
        int[] dropped = {0};
        try {
            StagedFolder.write(out, dir -> dropped[0] = write(bySplit, to, dir, union, how));
        } catch (IOException e) {
            throw new BadFileException("--out " + out + ": cannot write: " + OutputFolder.reason(e));
        } finally {
            Interrupts.leave(outer);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        bySplit.forEach((s, recs) -> counts.put(s, recs.size()));
        int boxes = bySplit.values().stream().flatMap(List::stream).mapToInt(DetectionRecord::numBoxes).sum();
        return new Result(counts, boxes, dropped[0], bad.problems());
    }

    /** Writes every split into {@code out}; returns the crowd boxes YOLO had to leave out. */
    private static int write(Map<String, List<DetectionRecord>> bySplit, Format to, Path out, LoadedSplit union,
                             ImageFiles.Placement how) throws IOException {
        List<String> classes = union.classNames();
        int dropped = 0;
        for (var e : bySplit.entrySet()) {
            String s = e.getKey();
            List<DetectionRecord> recs = e.getValue();
            switch (to) {
                case COCO -> {
                    Path dir = out.resolve(s);
                    for (DetectionRecord r : recs) {
                        ImageFiles.place(r.image(), dir.resolve(fileName(r)), how);
                    }
                    CocoWriter.write(out.resolve("annotations").resolve("instances_" + s + ".json"), recs, classes,
                            union.categoryIds(), DataConverter::fileName);
                }
                case VOC -> VocWriter.writeSplit(out, s, VocWriter.writeAnnotations(out, recs, classes, how));
                case YOLO -> dropped += YoloWriter.writeSplit(out, s, recs, how);
            }
        }
        if (to == Format.YOLO) {
            YoloWriter.writeYaml(out, List.copyOf(bySplit.keySet()), classes);
        }
        return dropped;
    }

    /**
     * Each split's records (one "all" split for a whole VOC folder, {@code use == null}), read with the
     * class list of the union so every split numbers classes alike; VOC and YOLO records get the ids
     * the union gave them.
     */
    private static Map<String, List<DetectionRecord>> readSplits(DataInput in, List<String> use, LoadedSplit union,
                                                                 BadSamples bad) {
        Map<String, Long> idByName = new HashMap<>();
        union.records().forEach(r -> idByName.putIfAbsent(r.name(), r.id()));
        DataInput fixed = new DataInput(in.format(), in.root(), in.images(), union.classNames(), in.allowOutsideRoot());
        Map<String, List<DetectionRecord>> bySplit = new LinkedHashMap<>();
        if (use == null) {
            bySplit.put("all", fixed.read(List.of(), bad).records());
            return bySplit;
        }
        for (String s : use) {
            List<DetectionRecord> recs = fixed.read(List.of(s), bad).records();
            if (in.format() != Format.COCO) {
                recs = recs.stream().map(r -> withId(r, idByName.getOrDefault(r.name(), r.id()))).toList();
            }
            bySplit.put(s, recs);
        }
        return bySplit;
    }

    /** Only image files inside the input's root, under a plain file name, reach the output. */
    private static boolean copyable(DetectionRecord r, DataPaths inside, BadSamples bad) {
        String n = r.name();
        if (n.isEmpty() || n.contains("/") || n.contains("\\") || n.equals("..") || n.equals(".")) {
            bad.report(r.image(), "image name '" + n + "' is not a plain file name; not converted");
            return false;
        }
        String why = inside.fileEscape(r.image());
        if (why != null) {
            bad.report(r.image(), why + "; data convert never copies or links such files");
            return false;
        }
        if (!YoloReader.isImage(r.image())) {
            bad.report(r.image(), "not an image file (allowed: " + String.join(", ", YoloReader.IMAGE_EXTS) + "); not converted");
            return false;
        }
        return true;
    }

    static String fileName(DetectionRecord r) {
        return r.name() + ImageFiles.extension(r.image());
    }

    private static DetectionRecord withId(DetectionRecord r, long id) {
        return new DetectionRecord(id, r.name(), r.image(), r.width(), r.height(), r.boxes(), r.labels(), r.crowd());
    }
}
