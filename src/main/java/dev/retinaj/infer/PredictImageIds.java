package dev.retinaj.infer;

import dev.retinaj.data.DetectionRecord;
import dev.retinaj.data.LoadedSplit;
import dev.retinaj.util.FileTrees;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code image_id} of each image predict writes: the data set's id when the image is one of the
 * config's data set (the same file, else the same file name when only one image has it; the splits are
 * read in order, only while some image is still unknown), else the number its file name stem spells
 * ({@code 001002.jpg}: 1002), else a new id above every other. No two images share an id.
 */
public final class PredictImageIds {
    private static final long NONE = Long.MIN_VALUE;

    private PredictImageIds() {}

    /** @param splits the data set's splits, each asked for only when needed (null: none) */
    public static long[] of(List<Path> images, List<Supplier<LoadedSplit>> splits) {
        long[] ids = new long[images.size()];
        Arrays.fill(ids, NONE);
        Set<Long> used = new HashSet<>();
        for (Supplier<LoadedSplit> split : splits) {
            if (Arrays.stream(ids).noneMatch(id -> id == NONE)) {
                break;
            }
            List<DetectionRecord> records = read(split);
            if (records != null) {
                fromDataSet(images, records, ids, used);
            }
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == NONE) {
                Long n = number(FileTrees.stem(images.get(i)));
                if (n != null && used.add(n)) {
                    ids[i] = n;
                }
            }
        }
        long next = used.stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == NONE) {
                ids[i] = next++;
            }
        }
        return ids;
    }

    private static List<DetectionRecord> read(Supplier<LoadedSplit> split) {
        LoadedSplit s = split.get();
        return s == null ? null : s.records();
    }

    private static void fromDataSet(List<Path> images, List<DetectionRecord> records, long[] ids, Set<Long> used) {
        Map<Path, Long> byPath = new HashMap<>();
        Map<String, Long> byName = new HashMap<>();
        for (DetectionRecord r : records) {
            byPath.put(r.image().toAbsolutePath().normalize(), r.id());
            String name = r.image().getFileName().toString();
            byName.put(name, byName.containsKey(name) ? NONE : r.id()); // a name twice names no image
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != NONE) {
                continue;
            }
            Path p = images.get(i);
            Long id = byPath.get(p.toAbsolutePath().normalize());
            if (id == null) {
                id = byName.getOrDefault(p.getFileName().toString(), NONE);
            }
            if (id != NONE && used.add(id)) {
                ids[i] = id;
            }
        }
    }

    /** The stem as a non-negative number (leading zeros allowed), or null. */
    public static Long number(String stem) {
        if (stem.isEmpty() || stem.length() > 18 || !stem.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(stem);
    }
}
