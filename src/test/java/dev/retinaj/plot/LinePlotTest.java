package dev.retinaj.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LinePlotTest {
    @Test
    void categoricalTicksNameWholePositionsOnly() {
        Function<Double, String> f = LinePlot.names(List.of("uniform", "repeat_factor"));
        assertEquals("uniform", f.apply(0.0));
        assertEquals("repeat_factor", f.apply(1.0));
        assertEquals("repeat_factor", f.apply(1.0 + 1e-12));
        assertEquals("", f.apply(0.5));
        assertEquals("", f.apply(2.0));
        assertEquals("", f.apply(-1.0));
    }

    @Test
    void finitePointsOnlyAndPositiveOnesOnALogAxis() {
        LinePlot p = new LinePlot("t", "x", "y").logY()
                .add("s", new double[] {0, 1, 2, 3}, new double[] {1, Double.NaN, -1, 4});
        var chart = p.chart(200, 100);
        assertEquals(2, chart.getSeriesMap().get("s").getXData().length);
    }
}
