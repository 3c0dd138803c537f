package dev.retinaj.spark;

import dev.retinaj.util.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An HDFS in this JVM (one name node and one data node: Hadoop's MiniDFSCluster) for a test class, as
 * its extension: its blocks live in a folder under target/, removed after the class. Files are written
 * and read back through the Hadoop FileSystem API, as any client sees them.
 */
final class MiniHdfs implements BeforeAllCallback, AfterAllCallback {
    private java.nio.file.Path base;
    private MiniDFSCluster cluster;
    private FileSystem fs;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        base = Files.createTempDirectory(Files.createDirectories(java.nio.file.Path.of("target")), "minidfs-")
                .toAbsolutePath();
        cluster = new MiniDFSCluster.Builder(new Configuration(), base.toFile()).numDataNodes(1).build();
        cluster.waitActive();
        fs = cluster.getFileSystem();
    }

    /** {@code hdfs://host:port/path}: the URI of an absolute path on this HDFS. */
    String uri(String path) {
        return fs.makeQualified(new Path(path)).toString();
    }

    FileSystem fs() {
        return fs;
    }

    /** Copies a local file or folder (recursively) to {@code path}. */
    void put(java.nio.file.Path local, String path) throws IOException {
        fs.copyFromLocalFile(false, true, new Path(local.toUri()), new Path(path));
    }

    void write(String path, byte[] bytes) throws IOException {
        try (OutputStream os = fs.create(new Path(path), true)) {
            os.write(bytes);
        }
    }

    String read(String path) throws IOException {
        try (InputStream in = fs.open(new Path(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (cluster != null) {
                cluster.shutdown(true);
            }
        } finally {
            if (base != null) {
                FileTrees.deleteTree(base);
            }
        }
    }
}
