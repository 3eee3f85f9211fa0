package io.tuneflow.functions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmStartTest {

    private static JsonNode json(String text) throws IOException {
        return JsonIo.JSON.readTree(text);
    }

    @Test
    void aCompletedOrStoppedJobWithABestTrainingJobIsAParent() throws IOException {
        assertThat(WarmStart.usableParent(json("{\"tuningJobName\": \"digits-1\", \"status\": \"Completed\", \"bestTrainingJob\": \"t\"}")))
                .contains("digits-1");
        assertThat(WarmStart.usableParent(json("{\"tuningJobName\": \"digits-1\", \"status\": \"Stopped\", \"bestTrainingJob\": \"t\"}")))
                .contains("digits-1");
        assertThat(WarmStart.usableParent(json("{\"tuningJobName\": \"digits-1\", \"status\": \"Failed\", \"bestTrainingJob\": null}"))).isEmpty();
        assertThat(WarmStart.usableParent(json("{\"tuningJobName\": \"digits-1\", \"status\": \"Completed\", \"bestTrainingJob\": null}"))).isEmpty();
    }

    @Test
    void theParentIsAddedToWhatTheRequestAlreadySaysKeepingTheLatestFive() throws IOException {
        ObjectNode cold = (ObjectNode) json("{\"HyperParameterTuningJobConfig\": {}}");
        WarmStart.addParent(cold, "digits-1", "TransferLearning");
        assertThat(cold.get("WarmStartConfig")).isEqualTo(json(
                "{\"ParentHyperParameterTuningJobs\": [{\"HyperParameterTuningJobName\": \"digits-1\"}], \"WarmStartType\": \"TransferLearning\"}"));

        ObjectNode warm = (ObjectNode) json("{\"WarmStartConfig\": {\"WarmStartType\": \"IdenticalDataAndAlgorithm\", "
                + "\"ParentHyperParameterTuningJobs\": [{\"HyperParameterTuningJobName\": \"a\"}, {\"HyperParameterTuningJobName\": \"b\"},"
                + "{\"HyperParameterTuningJobName\": \"c\"}, {\"HyperParameterTuningJobName\": \"d\"}, {\"HyperParameterTuningJobName\": \"e\"}]}}");
        WarmStart.addParent(warm, "f", "TransferLearning");
        assertThat(warm.get("WarmStartConfig").get("WarmStartType").asText()).isEqualTo("IdenticalDataAndAlgorithm");
        assertThat(warm.get("WarmStartConfig").get("ParentHyperParameterTuningJobs").findValuesAsText("HyperParameterTuningJobName"))
                .containsExactly("b", "c", "d", "e", "f");
    }

    @Test
    void aChainOfRunsKeepsTheFiveMostRecentInOrder() throws IOException {
        ObjectNode request = (ObjectNode) json("{\"WarmStartConfig\": {\"ParentHyperParameterTuningJobs\": "
                + "[{\"HyperParameterTuningJobName\": \"pinned\"}]}}");
        WarmStart.addParents(request, List.of("night-2", "night-3", "night-4", "night-5", "night-6"), "IdenticalDataAndAlgorithm");
        assertThat(request.get("WarmStartConfig").get("ParentHyperParameterTuningJobs").findValuesAsText("HyperParameterTuningJobName"))
                .containsExactly("night-2", "night-3", "night-4", "night-5", "night-6");
        assertThat(request.get("WarmStartConfig").get("WarmStartType").asText()).isEqualTo("IdenticalDataAndAlgorithm");

        ObjectNode again = (ObjectNode) json("{}");
        WarmStart.addParents(again, List.of("night-1", "night-2"), "TransferLearning");
        assertThat(again.get("WarmStartConfig").get("ParentHyperParameterTuningJobs").findValuesAsText("HyperParameterTuningJobName"))
                .containsExactly("night-1", "night-2");
    }
}
