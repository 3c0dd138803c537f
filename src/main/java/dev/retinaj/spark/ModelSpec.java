package dev.retinaj.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What an executor needs to build the driver's detector: the resolved config as YAML, the name under
 * which the weights were shipped with {@code SparkContext.addFile}, and the class map the driver chose.
 *
 * @param key          identifies the model (config and weights), so a JVM keeps one detector per key
 * @param configYaml   the fully resolved config
 * @param shippedName  the file or folder name to look up with {@code SparkFiles.get}
 * @param classNames   class index to name
 * @param categoryIds  class index to data-set category id
 * @param batchSize    images per forward ({@code test.batch_size})
 */
public record ModelSpec(String key, String configYaml, String shippedName, List<String> classNames,
                        List<Long> categoryIds, int batchSize) implements Serializable {
    public ModelSpec {
        classNames = List.copyOf(classNames);
        categoryIds = List.copyOf(categoryIds);
    }
}
