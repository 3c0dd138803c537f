package dev.retinaj.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.retinaj.config.EmaConfig;
import dev.retinaj.engine.HostArrays;
import dev.retinaj.engine.Scalars;
import dev.retinaj.model.ModelWeights;
import dev.retinaj.model.TorchvisionNames;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An exponential moving average of a model's floating-point tensors (BN running statistics included,
 * as Ultralytics' ModelEMA and mmdetection's EMA hooks average buffers too). Each {@link #update}
 * is t += 1, d = decay · (1 − exp(−t / τ)) (no warm-up when τ = 0), ema = d · ema + (1 − d) · w,
 * computed in place as ema = (ema − w) · d + w: no allocation per update. {@link #swapIn} puts the
 * averages into the model (for evaluation and export) and {@link #swapOut} restores the trained
 * weights, both in place through one preallocated backup. {@link #save}/{@link #load} write and
 * read the averages and t as safetensors, so a resumed run continues the same average.
 */
public final class EmaWeights implements AutoCloseable {
    /** The file name of the averages inside a checkpoint directory. */
    public static final String FILE = dev.retinaj.checkpoint.CheckpointStore.EMA;
    static final String UPDATES = ModelWeights.META_PREFIX + "ema_updates";
    private static final NDIndex ALL = new NDIndex("...");

    private final double decay;
    private final double tau;
    private final List<String> names = new ArrayList<>();
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> shadow = new ArrayList<>();
    private final List<NDArray> backup = new ArrayList<>();
    private final NDManager manager;
    private long updates;
    private boolean swapped;

    /** Starts the average at the model's current (initialised) weights. */
    public EmaWeights(Block model, double decay, double tau) {
        if (!(decay > 0 && decay < 1) || !(tau >= 0)) {
            throw new IllegalArgumentException("EMA decay must be in (0, 1) and tau >= 0");
        }
        this.decay = decay;
        this.tau = tau;
        Map<String, Parameter> params = TorchvisionNames.of(model);
        NDManager first = params.values().iterator().next().getArray().getManager();
        this.manager = first.newSubManager();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray w = e.getValue().getArray();
            if (!w.getDataType().isFloating()) {
                continue;
            }
            names.add(e.getKey());
            weights.add(w);
            NDArray s = w.duplicate();
            s.attach(manager);
            shadow.add(s);
            NDArray b = w.duplicate();
            b.attach(manager);
            backup.add(b);
        }
    }

    /** The EMA of {@code train.ema}, or null when {@code decay} is 0. */
    public static EmaWeights of(Block model, EmaConfig cfg) {
        return cfg.enabled() ? new EmaWeights(model, cfg.decay(), cfg.tau()) : null;
    }

    /** The decay of update {@code t} (1-based): decay · (1 − exp(−t / τ)). */
    public static double decayAt(double decay, double tau, long t) {
        return tau == 0 ? decay : decay * (1 - Math.exp(-t / tau));
    }

    /** Folds the model's current weights into the average (call after each optimizer step). */
    public void update() {
        if (swapped) {
            throw new IllegalStateException("EMA update while the averages are swapped in");
        }
        updates++;
        float d = (float) decayAt(decay, tau, updates);
        for (int i = 0; i < shadow.size(); i++) {
            NDArray w = weights.get(i);
            Scalars.MULI.apply(shadow.get(i).subi(w), d).addi(w);
        }
    }

    public long updates() {
        return updates;
    }

    public boolean swapped() {
        return swapped;
    }

    /** Puts the averages into the model's tensors (the trained weights are kept aside). */
    public void swapIn() {
        if (swapped) {
            return;
        }
        for (int i = 0; i < shadow.size(); i++) {
            backup.get(i).set(ALL, weights.get(i));
            weights.get(i).set(ALL, shadow.get(i));
        }
        swapped = true;
    }

    /** Restores the trained weights after {@link #swapIn}. */
    public void swapOut() {
        if (!swapped) {
            return;
        }
        for (int i = 0; i < shadow.size(); i++) {
            weights.get(i).set(ALL, backup.get(i));
        }
        swapped = false;
    }

    /** Writes the averages (torchvision names) and the update count. */
    public void save(Path file) throws IOException {
        AtomicFile.write(file, this::encode);
    }

    private void encode(Path tmp) throws IOException {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu());
             OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            NDList list = new NDList(shadow.size() + 1);
            for (int i = 0; i < shadow.size(); i++) {
                NDArray c = shadow.get(i).toDevice(ai.djl.Device.cpu(), true);
                c.attach(m);
                c.setName(names.get(i));
                list.add(c);
            }
            NDArray t = HostArrays.of(m, new long[] {updates});
            t.setName(UPDATES);
            list.add(t);
            list.encode(os, NDList.Encoding.SAFETENSORS);
        }
    }

    /** Reads what {@link #save} wrote: every name and shape must match this model. */
    public void load(Path file) {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu());
             InputStream is = new BufferedInputStream(Files.newInputStream(file))) {
            Map<String, NDArray> byName = new HashMap<>();
            for (NDArray a : HostArrays.decode(m, is)) {
                byName.put(a.getName(), a);
            }
            NDArray t = byName.remove(UPDATES);
            if (t == null || byName.size() != names.size()) {
                throw new BadFileException(file + ": not an EMA file of this model (" + byName.size() + " tensors, model has "
                        + names.size() + (t == null ? ", no " + UPDATES : "") + ")");
            }
            for (int i = 0; i < names.size(); i++) {
                NDArray a = byName.get(names.get(i));
                if (a == null || !a.getShape().equals(shadow.get(i).getShape())) {
                    throw new BadFileException(file + ": EMA tensor " + names.get(i) + " is "
                            + (a == null ? "missing" : a.getShape() + ", model has " + shadow.get(i).getShape()));
                }
                NDArray dst = shadow.get(i);
                dst.set(ALL, a.toType(dst.getDataType(), false).duplicate().toDevice(dst.getDevice(), false));
            }
            updates = t.toLongArray()[0];
        } catch (IOException e) {
            throw new BadFileException(file + ": cannot read the EMA weights (" + e.getMessage() + ")");
        }
    }

    /** The average of tensor {@code name}, for tests and diagnostics (a live view: do not close). */
    NDArray average(String name) {
        return shadow.get(names.indexOf(name));
    }

    @Override
    public void close() {
        manager.close();
    }
}
