package io.tuneflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tuneflow.core.request.TuningRequestReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What cannot apply locally is listed, from the project's own example requests. */
class LocalExecutionNotesTest {

    private static List<String> notesFor(String example) {
        return LocalExecutionNotes.of(TuningRequestReader.read(Path.of("../../examples/requests", example)).validRequest().sageMakerRequest());
    }

    @Test
    void hyperbandWithSpotAndCheckpointsIsExplained() {
        assertThat(notesFor("hyperband.yaml"))
                .noneSatisfy(n -> assertThat(n).contains("Hyperband"))
                .anySatisfy(n -> assertThat(n).startsWith("Managed spot training"))
                .anySatisfy(n -> assertThat(n).startsWith("CheckpointConfig"))
                .anySatisfy(n -> assertThat(n).startsWith("InstanceType ml.g5.xlarge is not emulated"));
    }

    @Test
    void bayesianSearchRunsLocally() {
        assertThat(notesFor("tf-mnist.json")).noneSatisfy(n -> assertThat(n).startsWith("Strategy"));
    }

    @Test
    void warmStartAndEarlyStoppingRunAsOnSageMakerSoTheyAreNotNoted() {
        assertThat(notesFor("warm-start.json")).noneSatisfy(n -> assertThat(n).contains("WarmStartConfig"));
        assertThat(notesFor("xgboost-bayesian.json")).noneSatisfy(n -> assertThat(n).contains("EarlyStopping"));
    }

    @Test
    void aPlainRandomJobOnlyHearsAboutTheInstance() {
        assertThat(notesFor("gan-metrics.json")).singleElement().satisfies(n -> assertThat(n).startsWith("InstanceType"));
    }
}
