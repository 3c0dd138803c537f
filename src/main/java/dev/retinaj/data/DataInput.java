package dev.retinaj.data;

import dev.retinaj.config.DataConfig.Format;
import dev.retinaj.util.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A data set named on the command line ({@code --format F --root PATH}) rather than by a config:
 * for voc the VOC20xx folder, for coco an instances JSON (images in {@code --images}, default the
 * folder beside {@code annotations/} named after the split) or a folder holding {@code annotations/},
 * for yolo the data.yaml. Paths the data set names must stay inside {@link #dataRoot()} unless
 * {@code allowOutsideRoot}.
 */
public record DataInput(Format format, Path root, Path images, List<String> classes, boolean allowOutsideRoot) {
    private static final Pattern INSTANCES = Pattern.compile("instances_(.+)\\.json");

    /** Contained in its data root. */
    public DataInput(Format format, Path root, Path images, List<String> classes) {
        this(format, root, images, classes, false);
    }

    public static Format format(String name) {
        return format("format", name);
    }

    /** @param option the option that gave {@code name}, named in the error (e.g. "--from") */
    public static Format format(String option, String name) {
        try {
            return Format.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": unknown format '" + name + "' (allowed: voc, coco, yolo)");
        }
    }

    /** The splits this input holds (used when none are asked for). */
    public List<String> splits() {
        return switch (format) {
            case VOC -> VocReader.splits(root);
            case COCO -> {
                if (Files.isDirectory(root)) {
                    Path ann = root.resolve("annotations");
                    try (Stream<Path> s = Files.list(ann)) {
                        yield s.map(p -> INSTANCES.matcher(p.getFileName().toString()))
                                .filter(Matcher::matches).map(m -> m.group(1)).sorted().toList();
                    } catch (java.io.IOException e) {
                        throw new UsageException(ann + ": cannot list instances_*.json: " + e.getMessage());
                    }
                }
                yield List.of(cocoSplit(root));
            }
            case YOLO -> List.copyOf(YoloDataYaml.parse(yaml(), allowOutsideRoot).splits().keySet());
        };
    }

    /**
     * Reads {@code splits} joined (empty = for voc every annotation, for coco the JSON given, for yolo
     * every split).
     */
    public LoadedSplit read(List<String> splits, BadSamples bad) {
        requireExists();
        return switch (format) {
            case VOC -> {
                List<VocReader.Part> parts = new ArrayList<>();
                DataPaths paths = DataPaths.within(root, allowOutsideRoot);
                if (splits.isEmpty()) {
                    parts.add(new VocReader.Part(root, null, paths));
                }
                splits.forEach(s -> parts.add(new VocReader.Part(root, s, paths)));
                yield VocReader.read(parts, classes, bad);
            }
            case COCO -> {
                List<CocoReader.Part> parts = new ArrayList<>();
                List<String> use = splits.isEmpty() ? splits() : splits;
                for (String s : use) {
                    Path json = Files.isDirectory(root) ? root.resolve("annotations/instances_" + s + ".json") : root;
                    if (!Files.isDirectory(root) && !splits.isEmpty() && !s.equals(cocoSplit(root))) {
                        throw new UsageException(root + ": holds split '" + cocoSplit(root) + "', not '" + s + "'");
                    }
                    parts.add(new CocoReader.Part(json, imagesFor(json, s), DataPaths.within(dataRoot(), allowOutsideRoot)));
                }
                yield CocoReader.read(parts, classes, true, bad);
            }
            case YOLO -> YoloReader.read(yaml(), splits, classes, bad, allowOutsideRoot);
        };
    }

    /**
     * The folder every path of the data set must stay inside: the VOC20xx folder; for coco the
     * {@code --images} folder if given, else {@link #cocoBase}; for yolo the data.yaml's folder.
     */
    public Path dataRoot() {
        return switch (format) {
            case VOC -> root;
            case YOLO -> yaml().toAbsolutePath().getParent();
            case COCO -> {
                if (images != null) {
                    yield images;
                }
                if (Files.isDirectory(root)) {
                    yield root;
                }
                yield cocoBase(root);
            }
        };
    }

    private void requireExists() {
        if (!Files.exists(root)) {
            throw new UsageException(root + ": not found");
        }
        if (format == Format.VOC && !Files.isDirectory(root.resolve("Annotations"))) {
            throw new UsageException(root + ": not a VOC20xx folder (no Annotations/ in it)" + vocHint(root));
        }
        if (format == Format.YOLO && !Files.isRegularFile(yaml())) {
            throw new UsageException(root + ": no data.yaml there (give the data.yaml file for yolo)");
        }
    }

    /**
     * A config's data.root for voc is the VOCdevkit folder, {@code --root} / {@code --in} one VOC20xx
     * folder inside it: given the former, name the latter.
     */
    static String vocHint(Path root) {
        if (!Files.isDirectory(root)) {
            return "";
        }
        try (Stream<Path> s = Files.list(root)) {
            List<String> years = s.filter(p -> Files.isDirectory(p.resolve("Annotations")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
            if (years.isEmpty()) {
                return "";
            }
            String all = years.size() > 1 ? " (it holds " + String.join(", ", years) + ")" : "";
            return "; give one of the VOC folders in it, e.g. " + root.resolve(years.get(0)) + all;
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** yolo: the data.yaml itself, or the one inside a folder given as root. */
    private Path yaml() {
        return Files.isDirectory(root) ? root.resolve("data.yaml") : root;
    }

    private Path imagesFor(Path json, String split) {
        if (images != null) {
            return images;
        }
        Path beside = cocoBase(json).resolve(split);
        return Files.isDirectory(beside) ? beside : json.toAbsolutePath().getParent();
    }

    /**
     * The data set folder of a COCO JSON: the folder holding {@code annotations/} when the JSON is in
     * one, else the JSON's own folder, so a JSON in ~/Downloads does not make ~ the data root.
     */
    static Path cocoBase(Path json) {
        Path dir = json.toAbsolutePath().getParent();
        boolean inAnnotations = dir.getFileName() != null
                && dir.getFileName().toString().equalsIgnoreCase("annotations") && dir.getParent() != null;
        return inAnnotations ? dir.getParent() : dir;
    }

    static String cocoSplit(Path json) {
        Matcher m = INSTANCES.matcher(json.getFileName().toString());
        if (m.matches()) {
            return m.group(1);
        }
        String n = json.getFileName().toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }
}
