package dev.retinaj.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ground truth for evaluation: images, categories and box annotations (COCO-style: box as
 * (x, y, w, h), an {@code area} used for COCO's size ranges, and a crowd flag that VOC metrics read
 * as "difficult"). Immutable; build one with {@link #builder()} or read a COCO instances JSON with
 * {@link CocoGroundTruthReader}.
 */
public final class GroundTruth {
    private final long[] imageIds;
    private final int[] widths;
    private final int[] heights;
    private final Map<Long, Integer> imageIndex;
    private final List<Category> categories;
    private final int[] sortedCategoryIds;
    private final Map<Integer, Integer> categoryIndex;
    // annotations, in insertion (file) order
    final long[] annIds;
    final int[] annImage; // index into imageIds
    final int[] annCategory; // category id
    final double[] x;
    final double[] y;
    final double[] w;
    final double[] h;
    final double[] area;
    final boolean[] crowd;

    private GroundTruth(Builder b) {
        int n = b.images.size();
        imageIds = new long[n];
        widths = new int[n];
        heights = new int[n];
        imageIndex = new HashMap<>(2 * n);
        for (int i = 0; i < n; i++) {
            long[] im = b.images.get(i);
            imageIds[i] = im[0];
            widths[i] = (int) im[1];
            heights[i] = (int) im[2];
            imageIndex.put(im[0], i);
        }
        if (b.categories.isEmpty()) {
            TreeMap<Integer, Category> derived = new TreeMap<>();
            for (int i = 0; i < b.count; i++) {
                derived.putIfAbsent(b.annCategory[i], new Category(b.annCategory[i], String.valueOf(b.annCategory[i])));
            }
            categories = List.copyOf(derived.values());
        } else {
            categories = List.copyOf(b.categories.values());
        }
        sortedCategoryIds = categories.stream().mapToInt(Category::id).sorted().toArray();
        categoryIndex = new HashMap<>();
        for (int k = 0; k < sortedCategoryIds.length; k++) {
            categoryIndex.put(sortedCategoryIds[k], k);
        }
        int m = b.count;
        annIds = Arrays.copyOf(b.annIds, m);
        annImage = new int[m];
        for (int i = 0; i < m; i++) {
            annImage[i] = imageIndex.get(b.annImageId[i]);
        }
        annCategory = Arrays.copyOf(b.annCategory, m);
        x = Arrays.copyOf(b.x, m);
        y = Arrays.copyOf(b.y, m);
        w = Arrays.copyOf(b.w, m);
        h = Arrays.copyOf(b.h, m);
        area = Arrays.copyOf(b.area, m);
        crowd = Arrays.copyOf(b.crowd, m);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int numImages() {
        return imageIds.length;
    }

    public int numAnnotations() {
        return annIds.length;
    }

    /** Image ids in insertion order. */
    public long imageId(int index) {
        return imageIds[index];
    }

    public int imageWidth(int index) {
        return widths[index];
    }

    public int imageHeight(int index) {
        return heights[index];
    }

    /** Index of an image id, or -1 if unknown. */
    public int imageIndex(long imageId) {
        Integer i = imageIndex.get(imageId);
        return i == null ? -1 : i;
    }

    /** Categories in the order they were declared. */
    public List<Category> categories() {
        return categories;
    }

    /** Category ids ascending: the order of the evaluators' per-class results. */
    public int[] sortedCategoryIds() {
        return sortedCategoryIds.clone();
    }

    /** Position of a category id in {@link #sortedCategoryIds()}, or -1 if unknown. */
    public int categoryIndex(int categoryId) {
        Integer k = categoryIndex.get(categoryId);
        return k == null ? -1 : k;
    }

    public Category category(int categoryId) {
        for (Category c : categories) {
            if (c.id() == categoryId) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category_id " + categoryId);
    }

    /**
     * One COCO annotation: {@code bbox} is {@code [x, y, w, h]} in pixels; {@code area} places it in COCO's
     * size ranges (the file's "area", which for segmented objects is the mask's, not the box's).
     */
    public record Annotation(long id, long imageId, int categoryId, double[] bbox, double area, boolean crowd) {}

    /** Builds a {@link GroundTruth}; every add method checks its arguments and throws IllegalArgumentException. */
    public static final class Builder {
        private final List<long[]> images = new ArrayList<>();
        private final Map<Long, Integer> imageSeen = new HashMap<>();
        private final Map<Integer, Category> categories = new java.util.LinkedHashMap<>();
        private int count;
        private long nextAnnId = 1;
        private long[] annIds = new long[16];
        private long[] annImageId = new long[16];
        private int[] annCategory = new int[16];
        private double[] x = new double[16];
        private double[] y = new double[16];
        private double[] w = new double[16];
        private double[] h = new double[16];
        private double[] area = new double[16];
        private boolean[] crowd = new boolean[16];

        private Builder() {
        }

        public Builder addImage(long id, int width, int height) {
            if (width < 0 || height < 0) {
                throw new IllegalArgumentException("image " + id + " has a negative size (" + width + " x " + height + ")");
            }
            if (imageSeen.putIfAbsent(id, images.size()) != null) {
                throw new IllegalArgumentException("image id " + id + " appears twice");
            }
            images.add(new long[] {id, width, height});
            return this;
        }

        public Builder addCategory(int id, String name) {
            if (categories.putIfAbsent(id, new Category(id, name)) != null) {
                throw new IllegalArgumentException("category id " + id + " appears twice");
            }
            return this;
        }

        /** Declares the categories (without this, categories are derived from the boxes, named by id). */
        public Builder categories(List<Category> cats) {
            for (Category c : cats) {
                addCategory(c.id(), c.name());
            }
            return this;
        }

        /** Adds a box given by corners with area (x2 - x1) * (y2 - y1). */
        public Builder addBox(long imageId, int categoryId, double x1, double y1, double x2, double y2,
                              boolean crowdOrDifficult) {
            double[] bbox = {x1, y1, x2 - x1, y2 - y1};
            return addAnnotation(new Annotation(nextAnnId, imageId, categoryId, bbox, bbox[2] * bbox[3],
                    crowdOrDifficult));
        }

        /**
         * Adds a COCO annotation with its own id. pycocotools treats a match to an annotation with id 0 as
         * no match; this evaluator reproduces that, so give annotations positive ids.
         */
        public Builder addAnnotation(Annotation a) {
            long annId = a.id();
            long imageId = a.imageId();
            int categoryId = a.categoryId();
            double bx = a.bbox()[0];
            double by = a.bbox()[1];
            double bw = a.bbox()[2];
            double bh = a.bbox()[3];
            if (!imageSeen.containsKey(imageId)) {
                throw new IllegalArgumentException("annotation " + annId + " names unknown image_id " + imageId);
            }
            if (!categories.isEmpty() && !categories.containsKey(categoryId)) {
                throw new IllegalArgumentException("annotation " + annId + " names unknown category_id " + categoryId);
            }
            if (!(Double.isFinite(bx) && Double.isFinite(by) && Double.isFinite(bw) && Double.isFinite(bh))) {
                throw new IllegalArgumentException("annotation " + annId + " has a non-finite bbox");
            }
            if (bw < 0 || bh < 0) {
                throw new IllegalArgumentException("annotation " + annId + " has a negative bbox size (" + bw + " x " + bh + ")");
            }
            if (count == annIds.length) {
                int n = 2 * count;
                annIds = Arrays.copyOf(annIds, n);
                annImageId = Arrays.copyOf(annImageId, n);
                annCategory = Arrays.copyOf(annCategory, n);
                x = Arrays.copyOf(x, n);
                y = Arrays.copyOf(y, n);
                w = Arrays.copyOf(w, n);
                h = Arrays.copyOf(h, n);
                area = Arrays.copyOf(area, n);
                crowd = Arrays.copyOf(crowd, n);
            }
            annIds[count] = annId;
            annImageId[count] = imageId;
            annCategory[count] = categoryId;
            x[count] = bx;
            y[count] = by;
            w[count] = bw;
            h[count] = bh;
            area[count] = a.area();
            crowd[count] = a.crowd();
            count++;
            nextAnnId = Math.max(nextAnnId, annId + 1);
            return this;
        }

        public GroundTruth build() {
            if (!categories.isEmpty()) {
                for (int i = 0; i < count; i++) {
                    if (!categories.containsKey(annCategory[i])) {
                        throw new IllegalArgumentException("annotation " + annIds[i] + " names unknown category_id "
                                + annCategory[i]);
                    }
                }
            }
            return new GroundTruth(this);
        }
    }
}
