package dev.retinaj.spark;

import dev.retinaj.util.FileTrees;
import dev.retinaj.util.UsageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The images of {@code --input}, on any Hadoop file system: a folder (its jpg, jpeg, png and bmp
 * files, as {@code retinaj predict} takes them), a glob, one image, a text file of paths (one a line;
 * relative ones are taken from the list's folder) or a Parquet file of paths (column {@code file} or
 * {@code path}, else its first string column). Image ids are 1-based positions: in sorted order for
 * a folder, a glob or a Parquet list (so they equal {@code retinaj predict}'s), in line order for a text list.
 */
final class ImageInputs {
    static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp");

    private ImageInputs() {
    }

    static Dataset<Row> read(SparkSession spark, String input, int partitions) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(conf);
        String lower = input.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".txt")) {
            return numbered(spark, listFile(spark, fs.makeQualified(path)), partitions);
        }
        if (lower.endsWith(".parquet")) {
            return numbered(spark, parquetPaths(spark, input), partitions);
        }
        List<String> files = new ArrayList<>();
        if (isGlob(input)) {
            FileStatus[] found = fs.globStatus(path);
            for (FileStatus s : found == null ? new FileStatus[0] : found) {
                if (s.isFile()) {
                    files.add(s.getPath().toString());
                }
            }
        } else if (fs.isDirectory(path)) {
            for (FileStatus s : fs.listStatus(path)) {
                String name = s.getPath().getName().toLowerCase(Locale.ROOT);
                if (s.isFile() && EXTENSIONS.stream().anyMatch(name::endsWith)) {
                    files.add(s.getPath().toString());
                }
            }
        } else if (fs.isFile(path)) {
            files.add(fs.makeQualified(path).toString());
        } else {
            throw new UsageException("--input " + input + ": no such file, folder or matching files");
        }
        if (files.isEmpty()) {
            throw new UsageException("--input " + input + ": no images (" + String.join(", ", EXTENSIONS) + ")");
        }
        files.sort(null);
        // the ids retinaj predict gives files not in the config's data set: the file name's number, else new ones
        List<java.nio.file.Path> names = files.stream().map(f -> java.nio.file.Path.of(new Path(f).getName())).toList();
        long[] ids = dev.retinaj.infer.PredictImageIds.of(names, List.of());
        List<Row> rows = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            rows.add(RowFactory.create(files.get(i), ids[i]));
        }
        int n = Math.max(1, Math.min(partitions, files.size()));
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, n),
                ImageRows.INPUT);
    }

    static boolean isGlob(String s) {
        return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static Dataset<String> listFile(SparkSession spark, Path list) {
        String parent = list.getParent().toString();
        return spark.read().textFile(list.toString())
                .filter((org.apache.spark.api.java.function.FilterFunction<String>) l -> !l.isBlank()
                        && !l.strip().startsWith("#"))
                .map((org.apache.spark.api.java.function.MapFunction<String, String>) l -> {
                    Path p = new Path(l.strip());
                    return p.isAbsoluteAndSchemeAuthorityNull() || p.toUri().getScheme() != null
                            ? p.toString() : new Path(parent, p).toString();
                }, org.apache.spark.sql.Encoders.STRING());
    }

    private static Dataset<String> parquetPaths(SparkSession spark, String input) {
        Dataset<Row> df = spark.read().parquet(input);
        List<String> names = Arrays.asList(df.schema().fieldNames());
        String col = names.contains("file") ? "file" : names.contains("path") ? "path" : Arrays.stream(df.schema().fields())
                .filter(f -> f.dataType().equals(DataTypes.StringType)).map(StructField::name).findFirst()
                .orElseThrow(() -> new UsageException("--input " + input + ": no string column of paths"));
        // a Parquet folder's files come back in no fixed order: number the paths sorted
        return df.select(col).orderBy(col).as(org.apache.spark.sql.Encoders.STRING());
    }

    /**
     * Ids without bringing the list to the driver: the numbers the file names spell when every name
     * spells a different one (as retinaj predict numbers them), else positions in the list.
     */
    private static Dataset<Row> numbered(SparkSession spark, Dataset<String> paths, int partitions) {
        var named = paths.javaRDD().map(p -> {
            Long n = dev.retinaj.infer.PredictImageIds.number(FileTrees.stem(new Path(p).getName()));
            return n == null ? -1L : n;
        });
        long total = named.count();
        boolean byName = named.filter(n -> n >= 0).distinct().count() == total;
        var rows = byName
                ? paths.javaRDD().map(p -> RowFactory.create(p, dev.retinaj.infer.PredictImageIds.number(FileTrees.stem(new Path(p).getName()))))
                : paths.javaRDD().zipWithIndex().map(t -> RowFactory.create(t._1(), t._2() + 1));
        Dataset<Row> df = spark.createDataFrame(rows, ImageRows.INPUT);
        return partitions > 0 ? df.repartition(partitions) : df;
    }
}
