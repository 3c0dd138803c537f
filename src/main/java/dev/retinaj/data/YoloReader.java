package dev.retinaj.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.retinaj.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * YOLO (ultralytics) layout: a {@code data.yaml} with {@code path}, split entries (a folder of images,
 * a .txt list of images, or a list of either) and {@code names} (a list or an index → name map); or
 * a {@code classes.txt} beside it. Labels sit in the {@code labels/} folder parallel to
 * {@code images/}, one {@code class cx cy w h} line per box, normalised to the image size.
 */
public final class YoloReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final List<String> IMAGE_EXTS = List.of("jpg", "jpeg", "png", "bmp");
    /** data.yaml keys that are not splits (ultralytics uses train/val/test; any other list-valued key counts too). */
    private static final java.util.Set<String> NOT_SPLITS = java.util.Set.of("path", "names", "nc", "download", "yaml_file");

    private YoloReader() {}

    /** A parsed data.yaml: its dataset root, split entries and class names (null if it has none). */
    public record DataYaml(Path file, Path root, Map<String, List<String>> splits, List<String> names) {}

    public static DataYaml parseYaml(Path yaml) {
        if (!Files.isRegularFile(yaml)) {
            throw new UserError(yaml + ": data.yaml not found", 2);
        }
        JsonNode n;
        try {
            n = YAML.readTree(yaml.toFile());
        } catch (IOException e) {
            throw new UserError(yaml + ": malformed YAML: " + VocReader.oneLine(e.getMessage()));
        }
        if (n == null || !n.isObject()) {
            throw new UserError(yaml + ": not a YAML mapping");
        }
        Path dir = yaml.toAbsolutePath().getParent();
        Path root = n.hasNonNull("path") ? dir.resolve(n.get("path").asText()).normalize() : dir;
        Map<String, List<String>> splits = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            var field = it.next();
            String s = field.getKey();
            JsonNode v = field.getValue();
            if (NOT_SPLITS.contains(s) || v == null || !(v.isTextual() || v.isArray())) {
                continue;
            }
            List<String> entries = new ArrayList<>();
            if (v.isArray()) {
                v.forEach(e -> entries.add(e.asText()));
            } else {
                entries.add(v.asText());
            }
            splits.put(s, entries);
        }
        List<String> names = null;
        JsonNode nm = n.get("names");
        if (nm != null && nm.isArray()) {
            names = new ArrayList<>();
            for (JsonNode e : nm) {
                names.add(e.asText());
            }
        } else if (nm != null && nm.isObject()) {
            TreeMap<Integer, String> byIndex = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = nm.fields(); it.hasNext(); ) {
                var e = it.next();
                byIndex.put(Integer.parseInt(e.getKey().trim()), e.getValue().asText());
            }
            names = new ArrayList<>();
            for (var e : byIndex.entrySet()) {
                if (e.getKey() != names.size()) {
                    throw new UserError(yaml + ": names must be numbered 0..K-1 without gaps");
                }
                names.add(e.getValue());
            }
        } else {
            Path classesTxt = dir.resolve("classes.txt");
            if (Files.isRegularFile(classesTxt)) {
                try {
                    names = Files.readAllLines(classesTxt).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
                } catch (IOException e) {
                    throw new UserError(classesTxt + ": cannot read: " + e.getMessage());
                }
            }
        }
        return new DataYaml(yaml, root, splits, names);
    }

    /**
     * @param splits split names of the data.yaml (empty = all it has)
     * @param classes names overriding the yaml's (null = the yaml's or classes.txt)
     */
    public static LoadedSplit read(Path yaml, List<String> splits, List<String> classes, BadSamples bad) {
        DataYaml dy = parseYaml(yaml);
        List<String> names = classes != null && !classes.isEmpty() ? classes : dy.names();
        List<String> use = splits == null || splits.isEmpty() ? List.copyOf(dy.splits().keySet()) : splits;
        List<Path> images = new ArrayList<>();
        for (String s : use) {
            List<String> entries = dy.splits().get(s);
            if (entries == null) {
                throw new UserError(yaml + ": has no split '" + s + "' (has: " + String.join(", ", dy.splits().keySet()) + ")", 2);
            }
            for (String e : entries) {
                images.addAll(listImages(dy.root(), e));
            }
        }
        List<DetectionRecord> records = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        int maxLabel = -1;
        List<Parsed> parsed = new ArrayList<>();
        for (Path img : images) {
            if (!seen.add(img.toAbsolutePath().normalize())) {
                bad.report(img, "duplicate image (listed twice)");
                continue;
            }
            Parsed p = parse(img, bad);
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
        for (Parsed p : parsed) {
            RecordBuilder rb = new RecordBuilder(p.label.toString(), p.width, p.height, bad);
            for (float[] l : p.lines) {
                int k = (int) l[0];
                if (k != l[0] || k < 0 || k >= names.size()) {
                    bad.report(p.label, "unknown class index " + l[0] + " (" + names.size() + " classes)");
                    continue;
                }
                float cx = l[1] * p.width;
                float cy = l[2] * p.height;
                float w = l[3] * p.width;
                float h = l[4] * p.height;
                rb.add(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, k, false);
            }
            records.add(rb.build(records.size() + 1, CocoReader.stem(p.image.getFileName().toString()), p.image));
        }
        return new LoadedSplit(records, names, LoadedSplit.sequentialIds(names.size()), LoadReport.of(records, bad));
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
        String file = abs.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String txt = (dot > 0 ? file.substring(0, dot) : file) + ".txt";
        if (at < 0) {
            return abs.resolveSibling(txt);
        }
        Path out = abs.getRoot();
        for (int i = 0; i < n - 1; i++) {
            out = out.resolve(i == at ? "labels" : abs.getName(i).toString());
        }
        return out.resolve(txt);
    }

    private static List<Path> listImages(Path root, String entry) {
        Path p = root.resolve(entry).normalize();
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                return s.filter(Files::isRegularFile).filter(YoloReader::isImage).sorted().toList();
            } catch (IOException e) {
                throw new UserError(p + ": cannot list: " + e.getMessage());
            }
        }
        if (Files.isRegularFile(p) && p.toString().endsWith(".txt")) {
            try {
                List<Path> out = new ArrayList<>();
                for (String line : Files.readAllLines(p)) {
                    String t = line.trim();
                    if (!t.isEmpty()) {
                        out.add(t.startsWith("./") ? p.getParent().resolve(t.substring(2)).normalize() : root.resolve(t).normalize());
                    }
                }
                return out;
            } catch (IOException e) {
                throw new UserError(p + ": cannot read: " + e.getMessage());
            }
        }
        throw new UserError(p + ": split entry '" + entry + "' is neither a folder nor a .txt list", 2);
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private record Parsed(Path image, Path label, int width, int height, List<float[]> lines) {}

    private static Parsed parse(Path image, BadSamples bad) {
        if (!Files.isRegularFile(image)) {
            bad.report(image, "image file not found");
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
