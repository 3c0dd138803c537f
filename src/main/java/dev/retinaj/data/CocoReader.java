package dev.retinaj.data;

import dev.retinaj.util.Interrupts;
import dev.retinaj.config.ConfigException;
import dev.retinaj.data.CocoJson.Annotation;
import dev.retinaj.data.CocoJson.Category;
import dev.retinaj.data.CocoJson.Content;
import dev.retinaj.data.CocoJson.Image;
import dev.retinaj.util.BadFileException;
import dev.retinaj.util.FileTrees;
import dev.retinaj.util.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * COCO instances JSON. Sparse category ids become classes 0..K-1 in ascending id order (the ids are
 * kept for writing results); {@code iscrowd} becomes the crowd flag; [x, y, w, h] becomes
 * (x, y, x + w, y + h). Read with a streaming parser, so segmentation polygons never sit in memory.
 */
public final class CocoReader {
    private CocoReader() {}

    /**
     * One instances JSON, the folder its {@code file_name}s are relative to, and the data root they
     * must stay inside.
     */
    public record Part(Path json, Path imageDir, DataPaths paths) {
        /** File names must stay inside {@code imageDir}. */
        public Part(Path json, Path imageDir) {
            this(json, imageDir, DataPaths.within(imageDir));
        }
    }

    /**
     * @param classes optional subset/order of category names (others are left out); null = all
     *                categories in ascending id order
     * @param keepEmpty keep images without any box
     */
    public static LoadedSplit read(List<Part> parts, List<String> classes, boolean keepEmpty, BadSamples bad) {
        TreeMap<Long, String> categories = null;
        List<Content> contents = new ArrayList<>();
        for (Part part : parts) {
            Content c = parse(part.json(), bad);
            if (c == null) {
                contents.add(null);
                continue;
            }
            TreeMap<Long, String> cats = categories(part.json(), c.categories(), bad);
            if (categories == null) {
                categories = cats;
            } else if (!categories.equals(cats)) {
                throw new BadFileException(part.json() + ": its categories differ from those of " + parts.get(0).json());
            }
            contents.add(c);
        }
        if (categories == null) {
            categories = new TreeMap<>();
        }
        List<String> classNames = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        Map<Long, Integer> index = new HashMap<>();
        if (classes == null || classes.isEmpty()) {
            for (var e : categories.entrySet()) {
                index.put(e.getKey(), classNames.size());
                classNames.add(e.getValue());
                ids.add(e.getKey());
            }
        } else {
            Map<String, Long> byName = new LinkedHashMap<>();
            categories.forEach((id, name) -> byName.putIfAbsent(name, id));
            for (String name : classes) {
                Long id = byName.get(name);
                if (id == null) {
                    throw new ConfigException("data.classes: '" + name + "' is not a category of "
                            + parts.get(0).json() + " (has: " + String.join(", ", byName.keySet()) + ")");
                }
                index.put(id, classNames.size());
                classNames.add(name);
                ids.add(id);
            }
        }
        List<DetectionRecord> records = new ArrayList<>();
        Set<Long> seenIds = new HashSet<>();
        Gathering g = new Gathering(categories.keySet(), index, keepEmpty, seenIds, records, bad);
        for (int p = 0; p < parts.size(); p++) {
            Content c = contents.get(p);
            if (c != null) {
                collect(parts.get(p), c, g);
            }
        }
        long[] catIds = ids.stream().mapToLong(Long::longValue).toArray();
        return new LoadedSplit(records, classNames, catIds, LoadReport.of(records, bad));
    }

    /** What the parts of one split share while their records are gathered. */
    private record Gathering(Set<Long> knownCategories, Map<Long, Integer> index, boolean keepEmpty,
                             Set<Long> seenIds, List<DetectionRecord> out, BadSamples bad) {}

    private static void collect(Part part, Content c, Gathering g) {
        String file = part.json().toString();
        BadSamples bad = g.bad();
        Map<Long, Image> images = uniqueImages(file, c, g);
        Map<Long, List<Annotation>> byImage = annotationsByImage(file, c, images.keySet(), g);
        String outer = Interrupts.enter("checking the images of " + file);
        try {
            for (Image im : images.values()) {
                Interrupts.check(); // each image file is read whole (ImageIntegrity)
                if (im.fileName() == null || im.fileName().isBlank()) {
                    bad.report(file, "image id " + im.id() + " has no file_name");
                    continue;
                }
                Path path = part.paths().entry(part.imageDir(), im.fileName(), "file_name", file, bad);
                if (path == null) {
                    continue;
                }
                if (!Files.isRegularFile(path)) {
                    bad.report(path, "image file not found (image id " + im.id() + " in " + part.json().getFileName() + ")");
                    continue;
                }
                if (!ImageIntegrity.check(path, bad)) {
                    continue;
                }
                int[] wh = size(im, path, bad);
                if (wh == null) {
                    continue;
                }
                RecordBuilder rb = new RecordBuilder(file + " (image id " + im.id() + ")", wh[0], wh[1], bad);
                for (Annotation a : byImage.getOrDefault(im.id(), List.of())) {
                    double[] b = a.bbox();
                    rb.add((float) b[0], (float) b[1], (float) (b[0] + b[2]), (float) (b[1] + b[3]),
                            g.index().get(a.categoryId()), a.crowd());
                }
                if (rb.size() == 0 && !g.keepEmpty()) {
                    continue;
                }
                g.seenIds().add(im.id());
                g.out().add(rb.build(im.id(), FileTrees.stem(Path.of(im.fileName())), path));
            }
        } finally {
            Interrupts.leave(outer);
        }
    }

    private static Map<Long, Image> uniqueImages(String file, Content c, Gathering g) {
        Map<Long, Image> images = new LinkedHashMap<>();
        for (Image im : c.images()) {
            if (images.containsKey(im.id()) || g.seenIds().contains(im.id())) {
                g.bad().report(file, "duplicate image id " + im.id() + " (" + im.fileName() + ")");
                continue;
            }
            images.put(im.id(), im);
        }
        return images;
    }

    private static Map<Long, List<Annotation>> annotationsByImage(String file, Content c, Set<Long> imageIds,
                                                                  Gathering g) {
        BadSamples bad = g.bad();
        Map<Long, List<Annotation>> byImage = new HashMap<>();
        for (Annotation a : c.annotations()) {
            if (!imageIds.contains(a.imageId())) {
                bad.report(file, "annotation " + a.id() + " refers to unknown image id " + a.imageId());
                continue;
            }
            if (!g.knownCategories().contains(a.categoryId())) {
                bad.report(file, "annotation " + a.id() + " has unknown category id " + a.categoryId());
                continue;
            }
            if (!g.index().containsKey(a.categoryId())) {
                continue; // a category left out by data.classes
            }
            if (a.bbox() == null || a.bbox().length != 4) {
                bad.report(file, "annotation " + a.id() + " has no 4-number bbox");
                continue;
            }
            byImage.computeIfAbsent(a.imageId(), k -> new ArrayList<>()).add(a);
        }
        return byImage;
    }

    /** Width and height from the JSON, else from the image header; null (reported) if neither. */
    private static int[] size(Image im, Path path, BadSamples bad) {
        if (im.width() > 0 && im.height() > 0) {
            return new int[] {im.width(), im.height()};
        }
        try {
            return ImageDecoder.size(path);
        } catch (IOException e) {
            bad.report(path, "no width/height in the JSON and the image header is unreadable");
            return null;
        }
    }

    /**
     * Category id → name. Two categories with one name would silently become one class (or one be
     * dropped by data.classes): the later one is a problem and left out, as is an id given twice;
     * their annotations are then reported as having an unknown category.
     */
    private static TreeMap<Long, String> categories(Path json, List<Category> list, BadSamples bad) {
        TreeMap<Long, String> cats = new TreeMap<>();
        Map<String, Long> byName = new HashMap<>();
        for (Category cat : list) {
            if (cats.containsKey(cat.id())) {
                bad.report(json, "category id " + cat.id() + " appears twice; the second ('" + cat.name() + "') is left out");
            } else if (byName.containsKey(cat.name())) {
                bad.report(json, "category id " + cat.id() + " has the same name '" + cat.name() + "' as category id "
                        + byName.get(cat.name()) + "; it is left out");
            } else {
                cats.put(cat.id(), cat.name());
                byName.put(cat.name(), cat.id());
            }
        }
        return cats;
    }

    private static Content parse(Path json, BadSamples bad) {
        if (!Files.isRegularFile(json)) {
            throw new UsageException(json + ": annotation file not found");
        }
        return CocoJson.parse(json, bad);
    }
}
