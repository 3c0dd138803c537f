package dev.retinaj.eval;

import java.util.List;

/** The curves of one plot: {@code name} is a file-name stem, {@code title} the heading. */
public record PrFigure(String name, String title, List<PrCurve> curves) {
}
