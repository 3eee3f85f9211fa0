package io.tuneflow.engine.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservationsTest {

    private static final SearchSpace LINE = new SearchSpace(List.of(new Dimension.Continuous("x", 0, 1, "Linear")));
    private static final CubeEncoding ENCODING = new CubeEncoding(LINE);

    private static Trial ended(int index, String x, String status, String objectiveStatus, Double objective) {
        Map<String, String> tuned = Map.of("x", x);
        return new Trial(index, "job-" + index, tuned, tuned, null, status, status, objectiveStatus, objective, Map.of(), null,
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null);
    }

    private static Trial running(int index, String x) {
        Map<String, String> tuned = Map.of("x", x);
        return new Trial(index, "job-" + index, tuned, tuned, null, "InProgress", "Training", "Pending", null, Map.of(), null,
                Instant.EPOCH, Instant.EPOCH, null, null);
    }

    @Test
    void sortsTrialsIntoObservedRunningAndFailed() {
        Observations o = Observations.of(List.of(ended(1, "0.1", "Completed", "Succeeded", 0.5), running(2, "0.2"),
                ended(3, "0.3", "Failed", "Failed", null), ended(4, "0.4", "Completed", "Succeeded", Double.NaN)), ENCODING, false);
        assertThat(o.values()).containsExactly(0.5);
        assertThat(o.points()).hasSize(1);
        assertThat(o.running()).hasSize(1);
        assertThat(o.failed()).hasSize(2); // no objective, and a non-finite one
    }

    @Test
    void aStoppedTrialCountsNoWorseThanTheWorstFinishedOne() {
        // finished at 0.2 and 0.6; stopped after a few epochs at 1.8 (far off the scale) and at 0.4 (within it)
        Observations o = Observations.of(List.of(ended(1, "0.1", "Completed", "Succeeded", 0.2),
                ended(2, "0.2", "Stopped", "Succeeded", 1.8), ended(3, "0.3", "Completed", "Succeeded", 0.6),
                ended(4, "0.4", "Stopped", "Succeeded", 0.4)), ENCODING, false);
        assertThat(o.values()).containsExactly(0.2, 0.6, 0.6, 0.4);
        assertThat(o.ranking()).containsExactly(0, 3, 1, 2);
    }

    @Test
    void whenMaximisingTheWorstIsTheLowestAccuracy() {
        Observations o = Observations.of(List.of(ended(1, "0.1", "Completed", "Succeeded", 0.9),
                ended(2, "0.2", "Stopped", "Succeeded", 0.1), ended(3, "0.3", "Completed", "Succeeded", 0.7)), ENCODING, true);
        assertThat(o.values()).containsExactly(-0.9, -0.7, -0.7);
    }

    @Test
    void stoppedTrialsKeepTheirValuesWhileNoneHasFinished() {
        Observations o = Observations.of(List.of(ended(1, "0.1", "Stopped", "Succeeded", 1.8),
                ended(2, "0.2", "Stopped", "Succeeded", 0.9)), ENCODING, false);
        assertThat(o.values()).containsExactly(1.8, 0.9);
    }

    @Test
    void aDivergedTrialsValueIsHeldAtTheOutlierFence() {
        // 1, 2, 3, 4, 5 and a diverged 3.4e38: Q1 = 2.25, Q3 = 4.75, so the fence is 4.75 + 10 × 2.5 = 29.75
        double[] objectives = {1, 2, 3, 4, 5, 3.4e38};
        List<Trial> trials = new java.util.ArrayList<>();
        for (int i = 0; i < objectives.length; i++) {
            trials.add(ended(i + 1, "0." + (i + 1), "Completed", "Succeeded", objectives[i]));
        }
        assertThat(Observations.of(trials, ENCODING, false).values()).containsExactly(1, 2, 3, 4, 5, 29.75);
        // maximised, the bad direction is the low one: minimising -1 … -5 and 1e30, Q1 = -3.75 and Q3 = -1.25, so an
        // objective of -1e30 is held at -1.25 + 10 × 2.5 = 23.75 (an objective of -23.75)
        trials.set(5, ended(6, "0.6", "Completed", "Succeeded", -1e30));
        assertThat(Observations.of(trials, ENCODING, true).values()).containsExactly(-1, -2, -3, -4, -5, 23.75);
        // a value far out in the good direction is a result, not an outlier
        trials.set(5, ended(6, "0.6", "Completed", "Succeeded", -1e30));
        assertThat(Observations.of(trials, ENCODING, false).values()).containsExactly(1, 2, 3, 4, 5, -1e30);
        // most values equal: no spread to judge by, nothing is held
        List<Trial> flat = List.of(ended(1, "0.1", "Completed", "Succeeded", 1.0), ended(2, "0.2", "Completed", "Succeeded", 1.0),
                ended(3, "0.3", "Completed", "Succeeded", 1.0), ended(4, "0.4", "Completed", "Succeeded", 1.0),
                ended(5, "0.5", "Completed", "Succeeded", 50.0));
        assertThat(Observations.of(flat, ENCODING, false).values()).containsExactly(1, 1, 1, 1, 50);
    }

    @Test
    void theFirstValuesAreJudgedAmongThemselvesSoLaterTrialsDoNotMoveThem() {
        // 1 … 5 and a diverged 1000: among these six the fence is 29.75. Ten later values near 1 pull Q3 and the IQR
        // in, so among all sixteen the fence is far lower; the first six must still read as they did.
        List<Trial> trials = new java.util.ArrayList<>();
        double[] objectives = {1, 2, 3, 4, 5, 1000};
        for (int i = 0; i < objectives.length; i++) {
            trials.add(ended(i + 1, "0." + (i + 1), "Completed", "Succeeded", objectives[i]));
        }
        double[] firstSix = Observations.of(trials, ENCODING, false).values();
        for (int i = 0; i < 10; i++) {
            trials.add(ended(trials.size() + 1, "0.5" + i, "Completed", "Succeeded", 1 + i / 100.0));
        }
        Observations all = Observations.of(trials, ENCODING, false);
        assertThat(firstSix).containsExactly(1, 2, 3, 4, 5, 29.75);
        assertThat(all.values()[5]).isLessThan(29.75); // judged among all sixteen
        assertThat(all.valuesOfFirst(6)).containsExactly(firstSix);
        assertThat(all.valuesOfFirst(all.size())).containsExactly(all.values());
    }

    @Test
    void aStoppedTrialBeyondThePrefixDoesNotCapIt() {
        Observations o = Observations.of(List.of(ended(1, "0.1", "Completed", "Succeeded", 0.2),
                ended(2, "0.2", "Completed", "Succeeded", 0.6), ended(3, "0.3", "Stopped", "Succeeded", 1.8)), ENCODING, false);
        assertThat(o.valuesOfFirst(2)).containsExactly(0.2, 0.6);
        assertThat(o.values()).containsExactly(0.2, 0.6, 0.6);
    }
}
