package dev.retinaj.spark;

import dev.retinaj.util.BadFileException;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;

/**
 * Files the driver reads itself (weights, ground truth), on any Hadoop file system: local ones are
 * used in place, others are copied (recursively for a run folder) to a local temp folder first.
 */
final class DriverFiles {
    private final Configuration conf;

    DriverFiles(Configuration conf) {
        this.conf = conf;
    }

    boolean exists(String path) throws IOException {
        Path p = new Path(path);
        return p.getFileSystem(conf).exists(p);
    }

    java.nio.file.Path local(String path, String option) throws IOException {
        Path p = new Path(path);
        String scheme = p.toUri().getScheme();
        if (scheme == null || scheme.equals("file")) {
            return java.nio.file.Path.of(p.toUri().getPath());
        }
        FileSystem fs = p.getFileSystem(conf);
        if (!fs.exists(p)) {
            throw new BadFileException(option + " " + path + ": no such file or directory");
        }
        java.nio.file.Path dir = Files.createTempDirectory("retinaj-driver-");
        java.nio.file.Path dst = dir.resolve(p.getName());
        FileUtil.copy(fs, p, dst.toFile(), false, conf);
        return dst;
    }
}
