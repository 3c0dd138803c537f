package dev.retinaj.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.retinaj.checkpoint.CheckpointStore;
import dev.retinaj.engine.HostArrays;
import dev.retinaj.model.ModelWeights;
import dev.retinaj.model.RetinaNet;
import dev.retinaj.util.BadFileException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code --weights W} names: a run directory (its best checkpoint, else its latest), a
 * checkpoint directory, or a weights file (ours, or one converted from torchvision). A checkpoint
 * with {@code ema.safetensors} exports those EMA weights rather than {@code model.safetensors}.
 *
 * @param file the weights file to load
 * @param runDir the run it belongs to, if any (for its config.yaml and classes.json)
 * @param ours whether it is a RetinaJ checkpoint (loaded strictly) rather than an imported file
 */
public record WeightsSource(Path file, Path runDir, boolean ours) {
    private static final String CLS_WEIGHT = "head.classification_head.cls_logits.weight";

    public static WeightsSource resolve(Path w) {
        return resolve(w, "--weights");
    }

    /** As {@link #resolve(Path)}, with errors naming {@code option} (RUN_DIR or --weights) as the user gave it. */
    public static WeightsSource resolve(Path w, String option) {
        if (!Files.exists(w)) {
            throw new BadFileException(option + " " + w + ": no such file or directory");
        }
        if (Files.isDirectory(w.resolve("checkpoints"))) {
            CheckpointStore store = new CheckpointStore(w.resolve("checkpoints"), Integer.MAX_VALUE);
            Optional<Path> ckpt = store.best().map(b -> w.resolve("checkpoints").resolve(b.checkpoint()))
                    .filter(Files::isDirectory);
            if (ckpt.isEmpty()) {
                try {
                    ckpt = store.latest();
                } catch (IOException e) {
                    throw new BadFileException(w + ": cannot list checkpoints: " + e.getMessage());
                }
            }
            Path c = ckpt.orElseThrow(() -> new BadFileException(option + " " + w + ": the run has no checkpoint yet"));
            return new WeightsSource(exported(c), w, true);
        }
        if (Files.isDirectory(w)) {
            Path m = w.resolve(CheckpointStore.MODEL);
            if (!Files.isRegularFile(m)) {
                throw new BadFileException(option + " " + w + ": neither a run directory nor a checkpoint (no "
                        + CheckpointStore.MODEL + ")");
            }
            Path run = w.getParent() != null && w.getParent().getParent() != null
                    && Files.isRegularFile(w.getParent().getParent().resolve("config.yaml"))
                    ? w.getParent().getParent() : null;
            return new WeightsSource(exported(w), run, true);
        }
        return new WeightsSource(w, null, false);
    }

    /** A checkpoint's weights: its EMA of the weights when it has one (train.ema on), else the trained ones. */
    static Path exported(Path checkpoint) {
        Path ema = checkpoint.resolve(CheckpointStore.EMA);
        return Files.isRegularFile(ema) ? ema : checkpoint.resolve(CheckpointStore.MODEL);
    }

    /** Classes the file's classification conv predicts, given the anchors per location. */
    public int numClasses(int anchorsPerLocation) {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu());
             InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            for (NDArray a : HostArrays.decode(m, in)) {
                if (CLS_WEIGHT.equals(a.getName())) {
                    return (int) (a.getShape().get(0) / anchorsPerLocation);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new BadFileException(file + ": cannot read weights (" + e.getMessage() + ")");
        }
        throw new BadFileException(file + ": no " + CLS_WEIGHT + " (is it a full RetinaNet, not a backbone?)");
    }

    /** Loads the weights into an initialised model. */
    public void loadInto(RetinaNet net) {
        if (ours) {
            ModelWeights.load(net, file);
        } else {
            ModelWeights.importModel(net, file);
        }
    }
}
