package dev.retinaj.data;

import dev.retinaj.util.Interrupts;
import dev.retinaj.util.BadFileException;
import dev.retinaj.util.FileTrees;
import dev.retinaj.util.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * YOLO (ultralytics) layout: a {@code data.yaml} with {@code path}, split entries (a folder of images,
 * a .txt list of images, or a list of either) and {@code names} (a list or an index → name map); or
 * a {@code classes.txt} beside it. Labels sit in the {@code labels/} folder parallel to
 * {@code images/}, one {@code class cx cy w h} line per box, normalised to the image size.
 */
public final class YoloReader {
    static final List<String> IMAGE_EXTS = List.of("jpg", "jpeg", "png", "bmp");

    private YoloReader() {}

    /**
     * @param splits split names of the data.yaml (empty = all it has)
     * @param classes names overriding the yaml's (null = the yaml's or classes.txt)
     */
    public static LoadedSplit read(Path yaml, List<String> splits, List<String> classes, BadSamples bad) {
        return read(yaml, splits, classes, bad, false);
    }

    /** @param allowOutside {@code data.allow_outside_root}: paths may leave the yaml's folder */
    public static LoadedSplit read(Path yaml, List<String> splits, List<String> classes, BadSamples bad,
                                   boolean allowOutside) {
        String outer = Interrupts.enter("reading " + yaml);
        try {
            return readNow(yaml, splits, classes, bad, allowOutside);
        } finally {
            Interrupts.leave(outer);
        }
    }

    private static LoadedSplit readNow(Path yaml, List<String> splits, List<String> classes, BadSamples bad,
                                       boolean allowOutside) {
        YoloDataYaml dy = YoloDataYaml.parse(yaml, allowOutside);
        List<String> names = classes != null && !classes.isEmpty() ? classes : dy.names();
        List<String> use = splits == null || splits.isEmpty() ? List.copyOf(dy.splits().keySet()) : splits;
        List<Path> images = new ArrayList<>();
        for (String s : use) {
            List<String> entries = dy.splits().get(s);
            if (entries == null) {
                throw new UsageException(yaml + ": has no split '" + s + "' (has: " + String.join(", ", dy.splits().keySet()) + ")");
            }
            if (dy.root() == null) {
                bad.report(yaml, dy.rootEscape());
                break;
            }
            for (String e : entries) {
                images.addAll(listImages(dy, s, e, bad));
            }
        }
        java.util.Set<Path> seen = new java.util.HashSet<>();
        int maxLabel = -1;
        List<Parsed> parsed = new ArrayList<>();
        for (Path img : images) {
            Interrupts.check();
            if (!seen.add(img.toAbsolutePath().normalize())) {
                bad.report(img, "duplicate image (listed twice)");
                continue;
            }
            Parsed p = parse(img, dy.paths(), bad);
            if (p != null) {
                parsed.add(p);
                for (float[] l : p.lines) {
                    maxLabel = Math.max(maxLabel, (int) l[0]);
                }
            }
        }
        if (names == null) {
            names = new ArrayList<>();
            for (int k = 0; k <= maxLabel; k++) {
                names.add(Integer.toString(k));
            }
        }
        List<DetectionRecord> records = records(parsed, names, badNames(yaml, names, bad), bad);
        return new LoadedSplit(records, names, LoadedSplit.sequentialIds(names.size()), LoadReport.of(records, bad));
    }

    /**
     * Classes whose name is empty or repeats an earlier one (two labels that would show as one class):
     * reported once here, and each of their boxes is left out.
     */
    private static boolean[] badNames(Path yaml, List<String> names, BadSamples bad) {
        boolean[] badName = new boolean[names.size()];
        java.util.Map<String, Integer> first = new java.util.HashMap<>();
        for (int k = 0; k < names.size(); k++) {
            String n = names.get(k) == null ? "" : names.get(k).trim();
            Integer earlier = first.putIfAbsent(n, k);
            if (n.isEmpty() || earlier != null) {
                badName[k] = true;
                bad.report(yaml, "names: class " + k + (n.isEmpty() ? " has an empty name"
                        : " '" + n + "' repeats class " + earlier) + "; its boxes are left out");
            }
        }
        return badName;
    }

    private static List<DetectionRecord> records(List<Parsed> parsed, List<String> names, boolean[] badName,
                                                 BadSamples bad) {
        List<DetectionRecord> records = new ArrayList<>();
        for (Parsed p : parsed) {
            RecordBuilder rb = new RecordBuilder(p.label.toString(), p.width, p.height, bad);
            for (float[] l : p.lines) {
                int k = (int) l[0];
                if (k != l[0] || k < 0 || k >= names.size()) {
                    bad.report(p.label, "unknown class index " + l[0] + " (" + names.size() + " classes)");
                    continue;
                }
                if (badName[k]) {
                    bad.report(p.label, "class " + k + " has an empty or repeated name (see names); box left out");
                    continue;
                }
                float cx = l[1] * p.width;
                float cy = l[2] * p.height;
                float w = l[3] * p.width;
                float h = l[4] * p.height;
                rb.add(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, k, false);
            }
            records.add(rb.build(records.size() + 1, FileTrees.stem(p.image), p.image));
        }
        return records;
    }

    /** The label file of an image: the last {@code images} folder of its path replaced by {@code labels}. */
    public static Path labelFor(Path image) {
        Path abs = image.toAbsolutePath().normalize();
        int n = abs.getNameCount();
        int at = -1;
        for (int i = n - 2; i >= 0; i--) {
            if (abs.getName(i).toString().equals("images")) {
                at = i;
                break;
            }
        }
        String txt = FileTrees.stem(abs) + ".txt";
        if (at < 0) {
            return abs.resolveSibling(txt);
        }
        Path out = abs.getRoot();
        for (int i = 0; i < n - 1; i++) {
            out = out.resolve(i == at ? "labels" : abs.getName(i).toString());
        }
        return out.resolve(txt);
    }

    private static List<Path> listImages(YoloDataYaml dy, String split, String entry, BadSamples bad) {
        Path root = dy.root();
        Path p = dy.paths().entry(root, entry, "split entry " + split + ":", dy.file(), bad);
        if (p == null) {
            return List.of();
        }
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                return s.filter(Files::isRegularFile).filter(YoloReader::isImage).sorted().toList();
            } catch (IOException e) {
                throw new BadFileException(p + ": cannot list: " + e.getMessage());
            }
        }
        if (Files.isRegularFile(p) && p.toString().endsWith(".txt")) {
            try {
                List<Path> out = new ArrayList<>();
                for (String line : Files.readAllLines(p)) {
                    String t = line.trim();
                    if (!t.isEmpty()) {
                        Path img = t.startsWith("./") ? dy.paths().entry(p.getParent(), t.substring(2), "list entry", p, bad)
                                : dy.paths().entry(root, t, "list entry", p, bad);
                        if (img != null) {
                            out.add(img);
                        }
                    }
                }
                return out;
            } catch (IOException e) {
                throw new BadFileException(p + ": cannot read: " + e.getMessage());
            }
        }
        throw new UsageException(p + ": split entry '" + entry + "' is neither a folder nor a .txt list");
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private record Parsed(Path image, Path label, int width, int height, List<float[]> lines) {}

    private static Parsed parse(Path image, DataPaths paths, BadSamples bad) {
        if (paths.file(image, image, bad) == null) {
            return null;
        }
        if (!Files.isRegularFile(image)) {
            bad.report(image, "image file not found");
            return null;
        }
        if (!ImageIntegrity.check(image, bad)) {
            return null;
        }
        int[] wh;
        try {
            wh = ImageDecoder.size(image);
        } catch (IOException e) {
            bad.report(image, "unreadable image header: " + e.getMessage());
            return null;
        }
        Path label = labelFor(image);
        if (paths.file(label, label, bad) == null) {
            return null;
        }
        List<float[]> lines = new ArrayList<>();
        if (Files.isRegularFile(label)) {
            try {
                int ln = 0;
                for (String line : Files.readAllLines(label)) {
                    ln++;
                    String t = line.trim();
                    if (t.isEmpty()) {
                        continue;
                    }
                    String[] f = t.split("\\s+");
                    if (f.length < 5 || (f.length > 5 && f.length % 2 == 0)) {
                        bad.report(label, "line " + ln + ": expected 'class cx cy w h', got '" + t + "'");
                        return null;
                    }
                    float[] v = new float[f.length];
                    for (int i = 0; i < f.length; i++) {
                        v[i] = Float.parseFloat(f[i]);
                    }
                    lines.add(f.length == 5 ? v : polygonToBox(v));
                }
            } catch (NumberFormatException e) {
                bad.report(label, "a value is not a number: " + e.getMessage());
                return null;
            } catch (IOException e) {
                bad.report(label, "cannot read: " + e.getMessage());
                return null;
            }
        }
        return new Parsed(image, label, wh[0], wh[1], lines);
    }

    /** A segment line (class x1 y1 x2 y2 ...) as its bounding box in (class cx cy w h) form. */
    private static float[] polygonToBox(float[] v) {
        float x1 = Float.MAX_VALUE;
        float y1 = Float.MAX_VALUE;
        float x2 = -Float.MAX_VALUE;
        float y2 = -Float.MAX_VALUE;
        for (int i = 1; i + 1 < v.length; i += 2) {
            x1 = Math.min(x1, v[i]);
            x2 = Math.max(x2, v[i]);
            y1 = Math.min(y1, v[i + 1]);
            y2 = Math.max(y2, v[i + 1]);
        }
        return new float[] {v[0], (x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1};
    }
}
