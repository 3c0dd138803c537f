package dev.retinaj.data;

import dev.retinaj.util.Interrupts;
import dev.retinaj.util.BadFileException;
import dev.retinaj.util.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Pascal VOC: {@code VOC20xx/{Annotations/<id>.xml, JPEGImages/<id>.jpg, ImageSets/Main/<split>.txt}}.
 * Several year/split pairs are joined; {@code difficult} becomes the crowd flag; the 1-based
 * xmin/ymin become 0-based (x1 = xmin - 1), xmax/ymax stay (width = xmax - xmin + 1).
 */
public final class VocReader {
    private static final String[] IMAGE_EXTS = {".jpg", ".jpeg", ".png", ".JPG", ".JPEG", ".PNG"};
    /** What {@link #findImage} returns when the image it found lies outside the root (already reported). */
    private static final Path ESCAPED = Path.of("escaped");

    private VocReader() {}

    /**
     * One VOC20xx folder, a split of it ({@code null} = every XML in Annotations/), and the data root
     * every file it names must stay inside.
     */
    public record Part(Path yearDir, String split, DataPaths paths) {
        /** Files must stay inside {@code yearDir}. */
        public Part(Path yearDir, String split) {
            this(yearDir, split, DataPaths.within(yearDir));
        }
    }

    /** {@code devkit} holds VOC20xx folders; each split is {@code VOC2007/trainval}-style. */
    public static LoadedSplit read(Path devkit, List<String> splits, List<String> classes, BadSamples bad) {
        return read(DataPaths.within(devkit), splits, classes, bad);
    }

    /** As above, with the devkit folder and containment given by {@code paths}. */
    public static LoadedSplit read(DataPaths paths, List<String> splits, List<String> classes, BadSamples bad) {
        Path devkit = paths.root();
        List<Part> parts = new ArrayList<>();
        for (String s : splits) {
            int slash = s.lastIndexOf('/');
            if (slash <= 0) {
                throw new UsageException("VOC split '" + s + "' must look like VOC2007/trainval");
            }
            parts.add(new Part(devkit.resolve(s.substring(0, slash)), s.substring(slash + 1), paths));
        }
        return read(parts, classes, bad);
    }

    public static LoadedSplit read(List<Part> parts, List<String> classes, BadSamples bad) {
        List<Parsed> parsed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        DocumentBuilder db = VocXml.newBuilder();
        for (Part part : parts) {
            Path annDir = part.yearDir().resolve("Annotations");
            Path source = part.split() == null ? annDir : splitFile(part);
            String outer = Interrupts.enter("reading " + source);
            try {
                for (String id : ids(part, bad)) {
                    Interrupts.check();
                    Path xml = part.paths().entry(annDir, id + ".xml", "split entry", source, bad);
                    if (xml == null) {
                        continue;
                    }
                    if (!seen.add(xml.toAbsolutePath().normalize().toString())) {
                        bad.report(xml, "duplicate image id '" + id + "'");
                        continue;
                    }
                    Parsed p = parse(db, part, id, xml, bad);
                    if (p != null) {
                        parsed.add(p);
                    }
                }
            } finally {
                Interrupts.leave(outer);
            }
        }
        Set<String> names = ClassList.ordered();
        parsed.forEach(p -> p.objects.forEach(o -> names.add(o.name)));
        List<String> classNames = classes == null || classes.isEmpty() ? ClassList.discovered(names) : classes;
        Map<String, Integer> index = ClassList.index(classNames);
        List<DetectionRecord> records = new ArrayList<>();
        for (Parsed p : parsed) {
            RecordBuilder rb = new RecordBuilder(p.xml.toString(), p.width, p.height, bad);
            for (Obj o : p.objects) {
                Integer k = index.get(o.name);
                if (k == null) {
                    bad.report(p.xml, "unknown class '" + o.name + "' (known: " + String.join(", ", classNames) + ")");
                    continue;
                }
                rb.add(o.xmin - 1, o.ymin - 1, o.xmax, o.ymax, k, o.difficult);
            }
            records.add(rb.build(records.size() + 1, p.id, p.image));
        }
        return new LoadedSplit(records, classNames, LoadedSplit.sequentialIds(classNames.size()),
                LoadReport.of(records, bad));
    }

    /** The split names a VOC20xx folder has (ImageSets/Main/*.txt without a class prefix). */
    public static List<String> splits(Path yearDir) {
        Path main = yearDir.resolve("ImageSets").resolve("Main");
        if (!Files.isDirectory(main)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(main)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".txt") && !n.contains("_"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new BadFileException(main + ": cannot list: " + e.getMessage());
        }
    }

    private static Path splitFile(Part part) {
        return part.yearDir().resolve("ImageSets").resolve("Main").resolve(part.split() + ".txt");
    }

    private static List<String> ids(Part part, BadSamples bad) {
        if (part.split() == null) {
            Path ann = part.yearDir().resolve("Annotations");
            if (!Files.isDirectory(ann)) {
                throw new UsageException(ann + ": not found (expected a VOC20xx folder holding Annotations/)");
            }
            try (Stream<Path> s = Files.list(ann)) {
                return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                        .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
            } catch (IOException e) {
                throw new BadFileException(ann + ": cannot list: " + e.getMessage());
            }
        }
        Path list = splitFile(part);
        if (part.paths().entry(part.yearDir(), "ImageSets/Main/" + part.split() + ".txt", "split", list, bad) == null) {
            return List.of();
        }
        if (!Files.isRegularFile(list)) {
            throw new UsageException(list + ": split file not found");
        }
        try {
            List<String> ids = new ArrayList<>();
            for (String line : Files.readAllLines(list)) {
                String t = line.trim();
                if (!t.isEmpty()) {
                    ids.add(t.split("\\s+")[0]);
                }
            }
            return ids;
        } catch (IOException e) {
            throw new BadFileException(list + ": cannot read: " + e.getMessage());
        }
    }

    private record Obj(String name, boolean difficult, float xmin, float ymin, float xmax, float ymax) {}

    private record Parsed(String id, Path xml, Path image, int width, int height, List<Obj> objects) {}

    private static Parsed parse(DocumentBuilder db, Part part, String id, Path xml, BadSamples bad) {
        Path yearDir = part.yearDir();
        if (!Files.isRegularFile(xml)) {
            bad.report(xml, "annotation file not found");
            return null;
        }
        Element root;
        List<Obj> objects = new ArrayList<>();
        String filename;
        int width;
        int height;
        try {
            Document doc = db.parse(xml.toFile());
            root = doc.getDocumentElement();
            filename = VocXml.text(root, "filename");
            Element size = VocXml.child(root, "size");
            width = size == null ? 0 : VocXml.pixels(size, "width");
            height = size == null ? 0 : VocXml.pixels(size, "height");
            objects(root, xml, bad, objects);
        } catch (org.xml.sax.SAXException e) {
            bad.report(xml, "malformed XML: " + VocXml.reason(e));
            return null;
        } catch (IOException e) {
            bad.report(xml, "cannot read: " + oneLine(e.getMessage()));
            return null;
        } catch (IllegalArgumentException e) {
            bad.report(xml, "bad annotation: " + oneLine(e.getMessage()));
            return null;
        }
        Path image = findImage(part.paths(), yearDir.resolve("JPEGImages"), id, filename, xml, bad);
        if (image == ESCAPED) {
            return null;
        }
        if (image == null) {
            bad.report(yearDir.resolve("JPEGImages").resolve(id + ".jpg"), "image file not found");
            return null;
        }
        if (!ImageIntegrity.check(image, bad)) {
            return null;
        }
        if (width <= 0 || height <= 0) {
            try {
                int[] wh = ImageDecoder.size(image);
                width = wh[0];
                height = wh[1];
            } catch (IOException e) {
                bad.report(image, "no <size> in " + xml.getFileName() + " and the image header is unreadable");
                return null;
            }
        }
        return new Parsed(id, xml, image, width, height, objects);
    }

    /** The {@code <object>}s of an annotation; one with an empty {@code <name>} is a problem and left out. */
    private static void objects(Element root, Path xml, BadSamples bad, List<Obj> out) {
        NodeList nodes = root.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals("object")) {
                String name = VocXml.text(e, "name");
                Element bb = VocXml.child(e, "bndbox");
                if (name == null || bb == null) {
                    throw new IllegalArgumentException("an <object> lacks <name> or <bndbox>");
                }
                if (name.isBlank()) {
                    bad.report(xml, "an <object> has an empty <name>; its box is left out");
                    continue;
                }
                String diff = VocXml.text(e, "difficult");
                boolean difficult = diff != null && !diff.isBlank() && Double.parseDouble(diff.trim()) != 0;
                out.add(new Obj(name.trim(), difficult, (float) VocXml.number(bb, "xmin", Double.NaN),
                        (float) VocXml.number(bb, "ymin", Double.NaN), (float) VocXml.number(bb, "xmax", Double.NaN),
                        (float) VocXml.number(bb, "ymax", Double.NaN)));
            }
        }
    }

    /** The image of {@code id}: {@code id.jpg} (or another extension), else the XML's {@code <filename>}. */
    static Path findImage(DataPaths paths, Path dir, String id, String filename, Path xml, BadSamples bad) {
        for (String ext : IMAGE_EXTS) {
            Path p = dir.resolve(id + ext);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                if (paths.file(p, xml, bad) == null) {
                    return ESCAPED;
                }
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        if (filename != null && !filename.isBlank()) {
            Path p = paths.entry(dir, filename.trim(), "<filename>", xml, bad);
            if (p == null) {
                return ESCAPED;
            }
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
