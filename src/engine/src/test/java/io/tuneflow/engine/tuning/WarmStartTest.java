package io.tuneflow.engine.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import io.tuneflow.core.request.TuningRequestReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.CategoricalParameterRange;
import software.amazon.awssdk.services.sagemaker.model.ContinuousParameterRange;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;

class WarmStartTest {

    @Test
    void aParentsStaticHyperparameterBecomesAnObservationOfTheChildsTunedOne() {
        var request = TuningRequestReader.read(java.nio.file.Path.of("../../examples/requests/warm-start.json")).validRequest().sageMakerRequest();
        TuningJob parent = new TuningJob("parent", "arn:parent", request, Instant.now(), JobJournal.NONE);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        parent.addTrial(new Trial(1, "parent-001-00000000", Map.of("lr", "0.01"), Map.of("lr", "0.01", "optimizer", "adam"), null,
                "Completed", "Completed", "Succeeded", 0.5, Map.of(), null, t, t, t, null));
        parent.addTrial(new Trial(2, "parent-002-00000000", Map.of("lr", "0.02"), Map.of("lr", "0.02", "optimizer", "adam"), null,
                "Failed", "Failed", "Failed", null, Map.of(), "AlgorithmError", t, t, t, null));
        parent.addTrial(new Trial(3, "parent-003-00000000", Map.of("lr", "0.03"), Map.of("lr", "0.03"), null,
                "Completed", "Completed", "Succeeded", 0.4, Map.of(), null, t, t, t, null));
        SearchSpace child = SearchSpace.of(ParameterRanges.builder()
                .continuousParameterRanges(ContinuousParameterRange.builder().name("lr").minValue("0.001").maxValue("0.1").build())
                .categoricalParameterRanges(CategoricalParameterRange.builder().name("optimizer").values("adam", "sgd").build()).build());

        List<Trial> prior = WarmStart.priorTrials(List.of(parent), child);

        // the failed trial says nothing; the third lacks a value for "optimizer", so it says nothing about this space
        assertThat(prior).singleElement().satisfies(p -> {
            assertThat(p.tunedHyperParameters()).isEqualTo(Map.of("lr", "0.01", "optimizer", "adam"));
            assertThat(p.objective()).isEqualTo(0.5);
        });
    }
}
