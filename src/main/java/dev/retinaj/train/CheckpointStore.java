package dev.retinaj.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.MalformedModelException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.util.UserError;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Checkpoints of a run: {@code checkpoints/ckpt_NNNNNNN.zip} holding {@code meta.json}, the model's
 * parameters (DJL's format, running statistics included) and the optimizer's momentum buffers.
 * Each file is written to a temporary name, synced and renamed, so a kill at any moment leaves the
 * previous checkpoint intact; the last {@code keep} are kept, plus {@code best.zip}.
 */
public final class CheckpointStore {
    private static final Pattern NAME = Pattern.compile("ckpt_(\\d+)\\.zip");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String META = "meta.json";
    static final String MODEL = "model.params";
    static final String OPTIMIZER = "optimizer.ndlist";

    private final Path dir;
    private final int keep;

    public CheckpointStore(Path dir, int keep) {
        this.dir = dir;
        this.keep = keep;
    }

    public Path dir() {
        return dir;
    }

    /** Writes the checkpoint of {@code meta.iteration()} and prunes old ones; returns its path. */
    public Path save(CheckpointMeta meta, Block model, NDList optimizerState) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(String.format("ckpt_%07d.zip", meta.iteration()));
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
             ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(fos))) {
            zip.setLevel(1);
            zip.putNextEntry(new ZipEntry(META));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(MODEL));
            DataOutputStream dos = new DataOutputStream(zip);
            model.saveParameters(dos);
            dos.flush();
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(OPTIMIZER));
            zip.write(optimizerState.encode());
            zip.closeEntry();
            zip.finish();
            zip.flush();
            fos.getFD().sync();
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        prune();
        return file;
    }

    /** Copies {@code checkpoint} to {@code best.zip} atomically. */
    public void markBest(Path checkpoint) throws IOException {
        Path tmp = dir.resolve("best.zip.tmp");
        Files.copy(checkpoint, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, dir.resolve("best.zip"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void prune() throws IOException {
        List<Path> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    /** Complete checkpoints, oldest first (temporary files of interrupted writes are ignored). */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(out::add);
        }
        out.sort((a, b) -> Long.compare(iterationOf(a), iterationOf(b)));
        return out;
    }

    /** The newest checkpoint that opens cleanly. */
    public Optional<Path> latest() throws IOException {
        List<Path> all = list();
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                readMeta(all.get(i));
                return Optional.of(all.get(i));
            } catch (UserError e) {
                // a damaged file (disk full, say): fall back to the one before
            }
        }
        return Optional.empty();
    }

    static long iterationOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    public static CheckpointMeta readMeta(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(META);
            if (e == null) {
                throw new UserError(file + ": not a RetinaJ checkpoint (no " + META + ")");
            }
            try (InputStream in = zip.getInputStream(e)) {
                return JSON.readValue(in, CheckpointMeta.class);
            }
        } catch (IOException e) {
            throw new UserError(file + ": cannot read checkpoint: " + e.getMessage());
        }
    }

    /** Loads the model parameters of a checkpoint into {@code model} (already initialised, same shapes). */
    public static void loadModel(Path file, Block model, NDManager manager) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(MODEL);
            if (e == null) {
                throw new UserError(file + ": checkpoint has no model parameters");
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(zip.getInputStream(e)))) {
                model.loadParameters(manager, in);
            }
        } catch (MalformedModelException e) {
            throw new UserError(file + ": checkpoint does not fit this model (" + e.getMessage()
                    + "); was it trained with another config?");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read checkpoint: " + e.getMessage());
        }
    }

    /** The optimizer state of a checkpoint, on {@code manager}. */
    public static NDList loadOptimizer(Path file, NDManager manager) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(OPTIMIZER);
            if (e == null) {
                return new NDList();
            }
            try (InputStream in = zip.getInputStream(e)) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                return NDList.decode(manager, bytes.toByteArray());
            }
        } catch (IOException e) {
            throw new UserError(file + ": cannot read checkpoint: " + e.getMessage());
        }
    }
}
