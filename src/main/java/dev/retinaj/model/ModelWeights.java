package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.retinaj.config.ModelConfig;
import dev.retinaj.engine.HostArrays;
import dev.retinaj.util.AtomicFile;
import dev.retinaj.util.BadFileException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves and loads model weights by torchvision's state-dict names ({@link TorchvisionNames}).
 * Checkpoints are safetensors files holding every parameter (FrozenBatchNorm constants and BN running
 * statistics included), so a checkpoint and a weight file exported from torchvision by
 * {@code scripts/export_torchvision_weights.py} are read the same way, through DJL's
 * {@link NDList#decode} (npz or safetensors, names kept).
 *
 * <p>Weights go into the parameters' existing arrays (same NDArray objects, gradient flags kept), so
 * load them after the block is initialised and before the first forward.
 */
public final class ModelWeights {
    private static final Logger LOG = LoggerFactory.getLogger(ModelWeights.class);
    static final String CLS_LOGITS = "head.classification_head.cls_logits.";
    private static final String BODY = "backbone.body.";
    private static final int LIST_MAX = 12;
    /** Tensors named with this prefix are bookkeeping (e.g. the EMA's update count), not weights. */
    public static final String META_PREFIX = "retinaj.";

    private ModelWeights() {}

    /** Writes every parameter of an initialised block to {@code file} (safetensors). */
    public static void save(Block block, Path file) throws IOException {
        Map<String, Parameter> params = TorchvisionNames.of(block);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFile.write(file, tmp -> encode(params, tmp));
    }

    private static void encode(Map<String, Parameter> params, Path tmp) throws IOException {
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
                OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            NDList list = new NDList(params.size());
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                NDArray copy = e.getValue().getArray().toDevice(ai.djl.Device.cpu(), true);
                copy.attach(manager);
                copy.setName(e.getKey());
                list.add(copy);
            }
            list.encode(os, NDList.Encoding.SAFETENSORS);
        }
    }

    /** Loads a checkpoint written by {@link #save}: every name and shape must match ({@link #META_PREFIX} skipped). */
    public static void load(Block block, Path file) {
        Map<String, Parameter> params = TorchvisionNames.of(block);
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            Map<String, NDArray> tensors = read(file, manager, name -> name.startsWith(META_PREFIX));
            Problems problems = compare(params, tensors);
            problems.throwIfAny(file);
            params.forEach((name, p) -> assign(p, tensors.get(name)));
        }
    }

    /**
     * Loads a full RetinaNet weight file ({@code model.weights}). When only the final classification
     * conv differs in its class count (e.g. 91-class COCO weights into a 20-class model), that conv is
     * re-initialised and everything else is loaded.
     */
    public static void importModel(RetinaNet net, Path file) {
        Map<String, Parameter> params = TorchvisionNames.of(net);
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            Map<String, NDArray> tensors = read(file, manager, name -> name.endsWith("num_batches_tracked"));
            Problems problems = compare(params, tensors);
            boolean reinitCls = problems.missing.isEmpty() && problems.unexpected.isEmpty()
                    && !problems.mismatched.isEmpty()
                    && problems.mismatchedNames.stream().allMatch(n -> n.startsWith(CLS_LOGITS));
            if (!reinitCls) {
                if (tensors.containsKey("conv1.weight") && tensors.keySet().stream().noneMatch(n -> n.startsWith("head."))) {
                    throw new BadFileException(file + ": holds ImageNet backbone weights (conv1.weight, no head.*); "
                            + "set model.backbone.weights to it instead of model.weights");
                }
                problems.throwIfAny(file);
            }
            params.forEach((name, p) -> {
                if (reinitCls && name.startsWith(CLS_LOGITS)) {
                    NDArray fresh = p.getInitializer().initialize(manager, p.getShape(), DataType.FLOAT32);
                    assign(p, fresh);
                } else {
                    assign(p, tensors.get(name));
                }
            });
            if (reinitCls) {
                long fileOut = tensors.get(CLS_LOGITS + "weight").getShape().get(0);
                LOG.info("{}: classifier has {} outputs ({} classes), the model {} ({} classes): "
                                + "re-initialised {}weight/bias, loaded everything else",
                        file, fileOut, fileOut / net.anchorsPerLocation(),
                        params.get(CLS_LOGITS + "weight").getShape().get(0), net.numClasses(), CLS_LOGITS);
            }
        }
    }

    /**
     * Loads ImageNet ResNet weights ({@code model.backbone.weights}) into the backbone body; keys may
     * be torchvision ResNet's ({@code conv1.weight}) or carry RetinaNet's {@code backbone.body.}
     * prefix. The classifier ({@code fc.*}) is ignored.
     */
    public static void importBackbone(RetinaNet net, Path file) {
        Map<String, Parameter> params = new LinkedHashMap<>();
        TorchvisionNames.of(net.backbone().body()).forEach(params::put);
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            Map<String, NDArray> raw = read(file, manager,
                    name -> name.endsWith("num_batches_tracked") || name.startsWith("fc."));
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            raw.forEach((k, v) -> {
                if (k.startsWith(BODY)) {
                    tensors.put(k.substring(BODY.length()), v);
                } else if (!k.startsWith("backbone.") && !k.startsWith("head.")) {
                    tensors.put(k, v);
                }
            });
            compare(params, tensors).throwIfAny(file);
            params.forEach((name, p) -> assign(p, tensors.get(name)));
        }
    }

    /** Applies {@code model.backbone.weights}, then {@code model.weights}, when set. */
    public static void applyConfigured(RetinaNet net, ModelConfig cfg) {
        if (cfg.backbone().weights() != null) {
            importBackbone(net, existing(cfg.backbone().weights(), "model.backbone.weights"));
        }
        if (cfg.weights() != null) {
            importModel(net, existing(cfg.weights(), "model.weights"));
        }
    }

    private static Path existing(String path, String key) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            throw new BadFileException(key + ": weight file not found: " + path);
        }
        return p;
    }

    /** Reads a named-tensor file, skipping names {@code skip} accepts. */
    static Map<String, NDArray> read(Path file, NDManager manager, java.util.function.Predicate<String> skip) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".pth") || fileName.endsWith(".pt")) {
            throw new BadFileException(file + ": a PyTorch pickle; convert it first with "
                    + "python3 scripts/export_torchvision_weights.py --in " + file + " --out FILE.safetensors");
        }
        NDList list;
        try (InputStream is = new BufferedInputStream(Files.newInputStream(file))) {
            list = HostArrays.decode(manager, is);
        } catch (IOException | RuntimeException e) {
            throw new BadFileException(file + ": cannot read weights (" + e.getMessage() + ")", e);
        }
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (NDArray a : list) {
            if (a.getName() == null) {
                throw new BadFileException(file + ": tensors have no names (expected .safetensors or .npz with named arrays)");
            }
            if (!skip.test(a.getName())) {
                out.put(a.getName(), a);
            }
        }
        return out;
    }

    private static Problems compare(Map<String, Parameter> params, Map<String, NDArray> tensors) {
        Problems pr = new Problems();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray t = tensors.get(e.getKey());
            if (t == null) {
                pr.missing.add(e.getKey());
            } else {
                Shape want = e.getValue().getArray().getShape();
                if (!want.equals(t.getShape())) {
                    pr.mismatchedNames.add(e.getKey());
                    pr.mismatched.add(e.getKey() + " " + t.getShape() + " vs model " + want);
                }
            }
        }
        for (String name : tensors.keySet()) {
            if (!params.containsKey(name)) {
                pr.unexpected.add(name);
            }
        }
        return pr;
    }

    /** Replaces a parameter's values in place (the NDArray object and its gradient flag stay). */
    private static void assign(Parameter p, NDArray src) {
        NDArray dst = p.getArray();
        // duplicate(): a tensor decoded from a file wraps a Java buffer that dies with it, and on the
        // PyTorch engine toDevice(same device, copy = true) does not copy.
        NDArray v = src.toType(dst.getDataType(), false).duplicate().toDevice(dst.getDevice(), false);
        v.setRequiresGradient(p.requiresGradient());
        dst.intern(v);
    }

    private static final class Problems {
        final List<String> missing = new ArrayList<>();
        final List<String> unexpected = new ArrayList<>();
        final List<String> mismatched = new ArrayList<>();
        final List<String> mismatchedNames = new ArrayList<>();

        void throwIfAny(Path file) {
            if (missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty()) {
                return;
            }
            List<String> parts = new ArrayList<>();
            add(parts, "missing", missing);
            add(parts, "unexpected", unexpected);
            add(parts, "shape mismatch", mismatched);
            throw new BadFileException(file + ": weights do not fit the model: " + String.join("; ", parts));
        }

        private static void add(List<String> parts, String what, List<String> names) {
            if (names.isEmpty()) {
                return;
            }
            List<String> shown = names.size() > LIST_MAX ? names.subList(0, LIST_MAX) : names;
            String more = names.size() > LIST_MAX ? ", ... (" + (names.size() - LIST_MAX) + " more)" : "";
            parts.add(names.size() + " " + what + ": " + String.join(", ", shown) + more);
        }
    }
}
