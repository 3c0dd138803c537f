package dev.retinaj.data;

import dev.retinaj.config.ShapesStyle;
import dev.retinaj.config.DataConfig;
import dev.retinaj.util.BadFileException;
import dev.retinaj.util.FileTrees;
import dev.retinaj.util.Interrupts;
import dev.retinaj.util.StagedFolder;
import dev.retinaj.util.UsageException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The generated shapes detection set: filled circles, crosses, squares and triangles with a
 * contrasting outline on textured mid-tone backgrounds, 1–6 per image (about 5% of images empty),
 * 12–160 px, overlapping an earlier shape by at most 30% of either's box. Each annotation is the tight
 * box of the drawn geometry (fill and outline). Image i is a pure function of (seed, i), so the set is
 * the same however many threads draw it. Written as JPEG in the COCO layout
 * ({@code annotations/instances_{train,val}.json}, {@code {train,val}/}) and the VOC layout
 * ({@code VOCdevkit/VOC2007/...}, sharing the image files by hard link where the file system allows).
 * That is the {@code demo} style; {@code hard} draws with {@link HardShapes}.
 */
public final class ShapesGenerator {
    private static final Logger LOG = LogManager.getLogger(ShapesGenerator.class);
    static final double EMPTY_FRACTION = 0.05;
    static final int MAX_OBJECTS = 6;
    static final double MAX_OVERLAP = 0.3;
    static final int MIN_SIZE = 12;
    static final int MAX_SIZE = 160;

    private ShapesGenerator() {}

    /** Class names in class-index order. */
    public static List<String> classNames() {
        return Arrays.stream(ShapeKind.values()).map(ShapeKind::label).toList();
    }

    /**
     * Writes the set to {@code out} (which must not exist or be empty), whole or not at all
     * ({@link StagedFolder}): an interrupted or failed run leaves nothing half-written.
     */
    public static void generate(Path out, ShapesParams p) {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !FileTrees.isEmptyDir(target)) {
            throw new UsageException(out + ": already exists and is not empty; remove it or choose another --out");
        }
        String outer = Interrupts.enter("generating the shapes data set in " + out);
        try {
            StagedFolder.write(target, dir -> write(dir, p));
        } catch (IOException e) {
            throw new BadFileException(out + ": cannot write the shapes set: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new BadFileException(out + ": cannot write the shapes set: " + e.getCause().getMessage());
        } finally {
            Interrupts.leave(outer);
        }
    }

    /**
     * The trainer's hook: with {@code data.shapes.generate} set and nothing at {@code root} yet,
     * generates the set there. Returns whether it did.
     */
    public static boolean generateIfAbsent(DataConfig cfg, Path root) {
        if (!cfg.shapes().generate() || (Files.exists(root) && !FileTrees.isEmptyDir(root))) {
            return false;
        }
        ShapesParams p = ShapesParams.from(cfg.shapes());
        LOG.info("generating the shapes data set ({} train + {} val images of {} px) in {}", p.train(), p.val(),
                p.size(), root);
        long t0 = System.nanoTime();
        generate(root, p);
        LOG.info("shapes data set written in {} s", String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        return true;
    }

    private static void write(Path dir, ShapesParams p) throws IOException {
        int n = p.train() + p.val();
        Files.createDirectories(dir.resolve("train"));
        Files.createDirectories(dir.resolve("val"));
        List<DetectionRecord> all;
        try {
            all = IntStream.range(0, n).parallel().mapToObj(i -> draw(dir, p, i)).toList();
        } catch (RuntimeException e) {
            // an interrupt or failure ends the stream while other threads may still write an image:
            // let them finish before the caller removes the folder
            ForkJoinPool.commonPool().awaitQuiescence(10, TimeUnit.SECONDS);
            throw e;
        }
        List<DetectionRecord> train = all.subList(0, p.train());
        List<DetectionRecord> val = all.subList(p.train(), n);
        List<String> names = classNames();
        long[] ids = LoadedSplit.sequentialIds(names.size());
        CocoWriter.write(dir.resolve("annotations/instances_train.json"), train, names, ids,
                r -> r.image().getFileName().toString());
        CocoWriter.write(dir.resolve("annotations/instances_val.json"), val, names, ids,
                r -> r.image().getFileName().toString());
        Path voc = dir.resolve("VOCdevkit/VOC2007");
        List<String> trainIds = VocWriter.writeAnnotations(voc, train, names, true);
        List<String> valIds = VocWriter.writeAnnotations(voc, val, names, true);
        VocWriter.writeSplit(voc, "train", trainIds);
        VocWriter.writeSplit(voc, "val", valIds);
        List<String> trainval = new ArrayList<>(trainIds);
        trainval.addAll(valIds);
        VocWriter.writeSplit(voc, "trainval", trainval);
    }

    /** Draws image {@code i} (0-based over train then val), writes its JPEG, returns its record. */
    static DetectionRecord draw(Path dir, ShapesParams p, int i) {
        Interrupts.checkEveryThread(); // every drawing thread stops, and the exception ends the stream
        Drawn d = render(p, i);
        String name = String.format("%06d", i + 1);
        Path file = dir.resolve(i < p.train() ? "train" : "val").resolve(name + ".jpg");
        try {
            writeJpeg(d.image(), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DetectionRecord(i + 1, name, file, p.size(), p.size(), d.boxes(), d.labels(), d.difficult());
    }

    /** One image and its boxes/labels/difficult flags; a pure function of (params, index). */
    record Drawn(BufferedImage image, float[] boxes, int[] labels, boolean[] difficult) {}

    /** Image {@code index} in the params' style ({@link HardShapes} for hard). */
    static Drawn render(ShapesParams p, int index) {
        return p.style() == ShapesStyle.HARD ? HardShapes.render(p, index) : renderDemo(p, index);
    }

    private static Drawn renderDemo(ShapesParams p, int index) {
        SplittableRandom rng = new SplittableRandom(Seeds.mix(p.seed(), index));
        int size = p.size();
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        Backgrounds.paint(((DataBufferByte) img.getRaster().getDataBuffer()).getData(), size, rng);
        int count = rng.nextDouble() < EMPTY_FRACTION ? 0 : 1 + rng.nextInt(MAX_OBJECTS);
        double[] cum = classCumulative(p.imbalance());
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        List<Rectangle2D> placed = new ArrayList<>();
        float[] boxes = new float[4 * count];
        int[] labels = new int[count];
        int n = 0;
        int maxSide = Math.min(MAX_SIZE, size / 2);
        for (int o = 0; o < count; o++) {
            ShapeKind kind = ShapeKind.values()[pick(cum, rng.nextDouble())];
            for (int attempt = 0; attempt < 30; attempt++) {
                double side = MIN_SIZE + rng.nextDouble() * (maxSide - MIN_SIZE);
                double stroke = Math.max(1.5, side / 30);
                Shape geom = kind.geometry(side - stroke, rng.nextDouble(2 * Math.PI));
                BasicStroke bs = new BasicStroke((float) stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
                // A round-joined outline grows a convex fill by stroke / 2 on every side: the drawn
                // extent is the fill's (tight, for polygons and circles) bounds widened by that.
                Rectangle2D fill = geom.getBounds2D();
                double half = stroke / 2;
                Rectangle2D local = new Rectangle2D.Double(fill.getMinX() - half, fill.getMinY() - half,
                        fill.getWidth() + stroke, fill.getHeight() + stroke);
                double cx = -local.getMinX() + rng.nextDouble() * (size - local.getWidth());
                double cy = -local.getMinY() + rng.nextDouble() * (size - local.getHeight());
                Rectangle2D box = new Rectangle2D.Double(local.getMinX() + cx, local.getMinY() + cy,
                        local.getWidth(), local.getHeight());
                if (!fits(box, placed)) {
                    continue;
                }
                Shape at = java.awt.geom.AffineTransform.getTranslateInstance(cx, cy).createTransformedShape(geom);
                boolean lightFill = rng.nextBoolean();
                float hue = (float) rng.nextDouble();
                float sat = (float) (0.55 + 0.45 * rng.nextDouble());
                float bri = lightFill ? (float) (0.85 + 0.15 * rng.nextDouble()) : (float) (0.12 + 0.18 * rng.nextDouble());
                g.setColor(new Color(Color.HSBtoRGB(hue, sat, bri)));
                g.fill(at);
                g.setColor(lightFill ? new Color(20, 20, 20) : new Color(240, 240, 240));
                g.setStroke(bs);
                g.draw(at);
                placed.add(box);
                boxes[4 * n] = (float) Math.max(0, box.getMinX());
                boxes[4 * n + 1] = (float) Math.max(0, box.getMinY());
                boxes[4 * n + 2] = (float) Math.min(size, box.getMaxX());
                boxes[4 * n + 3] = (float) Math.min(size, box.getMaxY());
                labels[n++] = kind.ordinal();
                break;
            }
        }
        g.dispose();
        return new Drawn(img, Arrays.copyOf(boxes, 4 * n), Arrays.copyOf(labels, n), new boolean[n]);
    }

    /** A new box may cover at most 30% of an earlier box's area, and be covered by at most 30% of its own. */
    static boolean fits(Rectangle2D box, List<Rectangle2D> placed) {
        double area = box.getWidth() * box.getHeight();
        for (Rectangle2D q : placed) {
            Rectangle2D inter = box.createIntersection(q);
            if (inter.isEmpty()) {
                continue;
            }
            double ia = inter.getWidth() * inter.getHeight();
            if (ia > MAX_OVERLAP * area || ia > MAX_OVERLAP * q.getWidth() * q.getHeight()) {
                return false;
            }
        }
        return true;
    }

    /** Cumulative class probabilities ∝ R^k. */
    static double[] classCumulative(double ratio) {
        int k = ShapeKind.values().length;
        double[] cum = new double[k];
        double w = 1;
        double total = 0;
        for (int i = 0; i < k; i++) {
            total += w;
            cum[i] = total;
            w *= ratio;
        }
        for (int i = 0; i < k; i++) {
            cum[i] /= total;
        }
        return cum;
    }

    static int pick(double[] cum, double u) {
        for (int i = 0; i < cum.length; i++) {
            if (u < cum[i]) {
                return i;
            }
        }
        return cum.length - 1;
    }

    /** One JPEG writer per drawing thread (looking writers up per image costs more than encoding small ones). */
    private static final ThreadLocal<ImageWriter> JPEG = ThreadLocal.withInitial(
            () -> ImageIO.getImageWritersByFormatName("jpeg").next());

    private static void writeJpeg(BufferedImage img, Path file) throws IOException {
        ImageWriter w = JPEG.get();
        // a memory cache: ImageIO's file cache would also register the stream with a shutdown hook that
        // races the drawing threads when an interrupt ends the process
        try (OutputStream os = Files.newOutputStream(file); ImageOutputStream out = new MemoryCacheImageOutputStream(os)) {
            ImageWriteParam param = w.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.92f);
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), param);
        } finally {
            w.reset();
        }
    }
}
