package dev.retinaj.train;

import dev.retinaj.checkpoint.CheckpointMeta;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a resume needs besides the checkpoint's tensors to continue bit for bit: the same intra-op
 * thread count, since libtorch splits float reductions (sums in the loss, the gradients, the norm
 * for clipping) by thread and a different split rounds differently. Checked on resume and warned
 * about, not refused: the run is still correct, only no longer identical to an uninterrupted one.
 */
final class ResumeCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ResumeCheck.class);

    private ResumeCheck() {}

    /** The engine's intra-op threads now (recorded in each checkpoint's meta.json). */
    static int intraOpThreads() {
        return ai.djl.pytorch.jni.JniUtils.getNumThreads();
    }

    static void threads(Path ckpt, CheckpointMeta meta) {
        int now = intraOpThreads();
        if (meta.intraOpThreads() > 0 && meta.intraOpThreads() != now) {
            LOG.warn("{} was written with {} intra-op threads, this run has {}: float sums round differently, so the "
                    + "resumed run will not match an uninterrupted one bit for bit (set threads: {} to make it)", ckpt,
                    meta.intraOpThreads(), now, meta.intraOpThreads());
        }
    }
}
