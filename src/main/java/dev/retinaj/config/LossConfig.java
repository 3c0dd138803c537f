package dev.retinaj.config;

import java.util.List;

/** {@code loss.*}: classification and box losses and their normaliser. */
public record LossConfig(ClsLossConfig cls, BoxLossConfig box, Normalizer normalizer, double emaMomentum) {

    public enum ClsType { SIGMOID_FOCAL, SOFTMAX_FOCAL, BCE, CE }

    public enum BoxType { SMOOTH_L1, L1, GIOU }

    public enum Normalizer { BATCH_POS, IMAGE_POS, EMA_POS }

    public LossConfig {
        Validate.range("ema_momentum", emaMomentum, 0, 1);
    }

    /** {@code loss.cls.*}; {@code gamma_schedule} steps replace {@code gamma} from their iteration on. */
    public record ClsLossConfig(ClsType type, Alpha alpha, double gamma, List<GammaStep> gammaSchedule, double weight) {
        public ClsLossConfig {
            Validate.atLeast("gamma", gamma, 0);
            gammaSchedule = gammaSchedule == null ? List.of() : List.copyOf(gammaSchedule);
            int last = 0;
            for (GammaStep s : gammaSchedule) {
                if (s.iter() <= last) {
                    throw ConfigException.field("gamma_schedule", "iterations must rise and start above 0, got " + s.iter());
                }
                last = s.iter();
            }
            Validate.atLeast("weight", weight, 0);
        }

        /** γ in force at 1-based iteration {@code iter}. */
        public double gammaAt(long iter) {
            double g = gamma;
            for (GammaStep s : gammaSchedule) {
                if (iter >= s.iter()) {
                    g = s.gamma();
                }
            }
            return g;
        }
    }

    /** One step of a γ schedule: from iteration {@code iter} on, γ is {@code gamma}. */
    public record GammaStep(int iter, double gamma) {
        public GammaStep {
            Validate.atLeast("gamma", gamma, 0);
        }
    }

    /** {@code loss.box.*}. */
    public record BoxLossConfig(BoxType type, double beta, double weight) {
        public BoxLossConfig {
            Validate.atLeast("beta", beta, 0);
            Validate.atLeast("weight", weight, 0);
        }
    }
}
