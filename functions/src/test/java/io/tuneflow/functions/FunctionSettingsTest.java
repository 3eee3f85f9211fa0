package io.tuneflow.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionSettingsTest {

    @Test
    void readsTheEnvironmentWithConventionalDefaults() {
        FunctionSettings none = FunctionSettings.fromEnvironment(Map.of());
        assertThat(none.defaultResults()).isNull();
        assertThat(none.requestsPrefix()).isEqualTo("requests/");
        assertThat(none.datasetsPrefix()).isEqualTo("datasets/");

        FunctionSettings set = FunctionSettings.fromEnvironment(Map.of("TUNEFLOW_RESULTS", "s3://results/tuning/",
                "TUNEFLOW_REQUESTS_PREFIX", "/in", "TUNEFLOW_DATASET_REQUESTS", "{\"data/x/\": \"in/x.yaml\"}", "TUNEFLOW_BUCKET", "b"));
        assertThat(set.defaultResults().uri("p")).isEqualTo("s3://results/tuning/p");
        assertThat(set.requestsPrefix()).isEqualTo("in/");
        assertThat(set.datasetRequests()).containsEntry("data/x/", "in/x.yaml");
        assertThat(set.defaultBucket()).isEqualTo("b");
        assertThat(none.jobNamePrefix()).isEmpty();
        assertThat(FunctionSettings.fromEnvironment(Map.of("TUNEFLOW_JOB_NAME_PREFIX", "tf-")).jobNamePrefix()).isEqualTo("tf-");
    }

    @Test
    void aBadValueNamesItsVariable() {
        assertThatThrownBy(() -> FunctionSettings.fromEnvironment(Map.of("TUNEFLOW_RESULTS", "results/tuning")))
                .hasMessageContaining("TUNEFLOW_RESULTS").hasMessageContaining("s3://bucket/prefix");
        assertThatThrownBy(() -> FunctionSettings.fromEnvironment(Map.of("TUNEFLOW_DATASET_REQUESTS", "[1]")))
                .hasMessageContaining("TUNEFLOW_DATASET_REQUESTS");
        assertThatThrownBy(() -> FunctionSettings.fromEnvironment(Map.of("TUNEFLOW_JOB_NAME_PREFIX", "TF-")))
                .hasMessageContaining("TUNEFLOW_JOB_NAME_PREFIX").hasMessageContaining("lower-case");
    }
}
