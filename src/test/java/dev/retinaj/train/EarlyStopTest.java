package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.config.EarlyStopConfig;
import dev.retinaj.cli.Main;
import dev.retinaj.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyStopTest {
    private static Map<String, Double> ap50(double v) {
        return Map.of("AP", v / 2, "AP50", v);
    }

    @Test
    void stopsAfterPatienceEvaluationsWithoutImprovement() {
        EarlyStop es = new EarlyStop("AP50", 2, 0.0);
        assertTrue(es.observe(100, ap50(0.5)).improved());
        assertTrue(es.observe(200, ap50(0.6)).improved());
        EarlyStop.Decision d = es.observe(300, ap50(0.6)); // equal is no improvement
        assertFalse(d.improved());
        assertFalse(d.stop());
        assertEquals("early stop: AP50 0.6000 at iteration 300, best 0.6000 at iteration 200 "
                + "(1 of 2 evaluations without improvement)", d.message());
        d = es.observe(400, ap50(0.55));
        assertTrue(d.stop());
        assertEquals("early stop at iteration 400: AP50 has not improved by more than 0.0 for 2 evaluations "
                + "(best 0.6000 at iteration 200); stopping and keeping that checkpoint", d.message());
        assertEquals(new EarlyStop.State(0.6, 200, 2), es.state());
    }

    @Test
    void anImprovementResetsTheCount() {
        EarlyStop es = new EarlyStop("AP50", 2, 0.0);
        es.observe(1, ap50(0.5));
        assertFalse(es.observe(2, ap50(0.4)).stop());
        EarlyStop.Decision d = es.observe(3, ap50(0.51));
        assertTrue(d.improved());
        assertEquals("early stop: AP50 0.5100 at iteration 3 is the best so far", d.message());
        assertFalse(es.observe(4, ap50(0.3)).stop());
        assertTrue(es.observe(5, ap50(0.3)).stop());
    }

    @Test
    void minDeltaMustBeExceeded() {
        EarlyStop es = new EarlyStop("AP", 1, 0.01);
        es.observe(1, Map.of("AP", 0.5));
        // 0.505 and 0.51 are within min_delta of 0.5 (0.51 equals 0.5 + 0.01: not more than it).
        assertTrue(es.observe(2, Map.of("AP", 0.51)).stop());
        EarlyStop again = new EarlyStop("AP", 1, 0.01);
        again.observe(1, Map.of("AP", 0.5));
        assertTrue(again.observe(2, Map.of("AP", 0.5101)).improved());
        assertEquals(0.5101, again.state().best(), 0);
    }

    @Test
    void nanNeverImproves() {
        EarlyStop es = new EarlyStop("AP", 2, 0);
        assertFalse(es.observe(1, Map.of("AP", Double.NaN)).improved());
        assertTrue(es.observe(2, Map.of("AP", 0.1)).improved());
    }

    @Test
    void stateRoundTripsThroughJsonSoResumeCountsOn() throws Exception {
        EarlyStop es = new EarlyStop("AP50", 3, 0);
        es.observe(100, ap50(0.7));
        es.observe(200, ap50(0.6));
        ObjectMapper json = new ObjectMapper();
        String saved = json.writeValueAsString(es.state());
        EarlyStop resumed = new EarlyStop("AP50", 3, 0);
        resumed.restore(json.readValue(saved, EarlyStop.State.class));
        assertEquals(es.state(), resumed.state());
        assertFalse(resumed.observe(300, ap50(0.6)).stop());
        assertTrue(resumed.observe(400, ap50(0.65)).stop());
        assertEquals(100, resumed.state().bestIteration());
    }

    @Test
    void aMissingMetricIsAConfigError() {
        EarlyStop es = new EarlyStop("mAP", 2, 0);
        ConfigException e = assertThrows(ConfigException.class, () -> es.observe(1, ap50(0.5)));
        assertEquals(2, Main.exitCode(e));
        assertEquals("train.early_stop.metric", e.path());
        assertTrue(e.getMessage().startsWith("train.early_stop.metric: the evaluation has no mAP"), e.getMessage());
    }

    @Test
    void patienceWithoutPeriodicEvaluationIsAConfigError() {
        dev.retinaj.config.ConfigException e = assertThrows(dev.retinaj.config.ConfigException.class,
                () -> dev.retinaj.config.ConfigLoader.load(null, java.util.List.of("train.early_stop.patience=3",
                        "train.eval_period=0")));
        assertTrue(e.getMessage().contains("train.early_stop.patience: counts evaluations, so it needs train.eval_period > 0"),
                e.getMessage());
        assertEquals(3, dev.retinaj.config.ConfigLoader.load(null, java.util.List.of("train.early_stop.patience=3",
                "train.eval_period=100")).train().earlyStop().patience());
    }

    @Test
    void patienceZeroIsOff() {
        assertNull(EarlyStop.of(new EarlyStopConfig("AP", 0, 0)));
        assertEquals("AP50", EarlyStop.of(new EarlyStopConfig("AP50", 4, 0)).metric());
    }
}
