package dev.retinaj.infer;

import dev.retinaj.util.BadFileException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.data.LoadedSplit;
import dev.retinaj.eval.Category;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Class index k → name and data-set category id, as a run saw them ({@code RUN_DIR/classes.json}),
 * so that eval, predict and serving name classes without reading the training set again.
 */
public record ClassMap(List<String> names, List<Long> categoryIds) {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String FILE = "classes.json";

    public ClassMap {
        names = List.copyOf(names);
        categoryIds = List.copyOf(categoryIds);
        if (names.size() != categoryIds.size()) {
            throw new IllegalArgumentException("names and category ids disagree in length");
        }
    }

    public static ClassMap of(LoadedSplit split) {
        List<Long> ids = new ArrayList<>();
        for (long id : split.categoryIds()) {
            ids.add(id);
        }
        return new ClassMap(split.classNames(), ids);
    }

    /** Index k named by its own number, category id k: for weights without a data set. */
    public static ClassMap indices(int k, List<String> names) {
        List<String> n = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            n.add(names != null && i < names.size() ? names.get(i) : Integer.toString(i));
            ids.add((long) i);
        }
        return new ClassMap(n, ids);
    }

    public int size() {
        return names.size();
    }

    public long[] idArray() {
        return categoryIds.stream().mapToLong(Long::longValue).toArray();
    }

    /** Class index k as the evaluator's category k (the data set's id and name). */
    public List<Category> categories() {
        List<Category> out = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            out.add(new Category(categoryIds.get(k).intValue(), names.get(k)));
        }
        return out;
    }

    public String name(int k) {
        return k < names.size() ? names.get(k) : Integer.toString(k);
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(FILE).toFile(), this);
    }

    /** The class map saved in a run directory, or null if it has none. */
    public static ClassMap read(Path runDir) {
        Path f = runDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return JSON.readValue(f.toFile(), ClassMap.class);
        } catch (IOException e) {
            throw new BadFileException(f + ": cannot read class map: " + e.getMessage());
        }
    }
}
