package io.tuneflow.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import io.tuneflow.core.TestDocuments;
import io.tuneflow.core.model.ServiceModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;

class TuningJobNamesTest {

    private static CreateHyperParameterTuningJobRequest request(String path, String json) {
        var document = TestDocuments.load(TestDocuments.SINGLE);
        if (path != null) {
            TestDocuments.set(document, path, json);
        }
        return TestDocuments.read(document).validRequest().sageMakerRequest();
    }

    @Test
    void sameContentSameNameWhateverTheDocumentCallsIt() {
        String first = TuningJobNames.derive("nightly", request(null, null));
        String renamed = TuningJobNames.derive("nightly", request("$.HyperParameterTuningJobName", "\"another-name\""));
        assertThat(renamed).isEqualTo(first);
        assertThat(first).matches("nightly-[0-9a-f]{8}");
    }

    @Test
    void differentContentDifferentName() {
        assertThat(TuningJobNames.derive("nightly", request("$.HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs", "10")))
                .isNotEqualTo(TuningJobNames.derive("nightly", request(null, null)));
    }

    @Test
    void aTriggerIsPartOfTheNameAndTheSameTriggerGivesTheSameName() {
        var request = request(null, null);
        String contentOnly = TuningJobNames.derive("nightly", request);
        String dataset = TuningJobNames.derive("nightly", request, "dataset:s3://data/datasets/nightly/a.csv@etag1");
        assertThat(TuningJobNames.derive("nightly", request, null)).isEqualTo(contentOnly);
        assertThat(dataset).isNotEqualTo(contentOnly).matches("nightly-[0-9a-f]{8}");
        assertThat(TuningJobNames.derive("nightly", request, "dataset:s3://data/datasets/nightly/a.csv@etag1")).isEqualTo(dataset);
        assertThat(TuningJobNames.derive("nightly", request, "dataset:s3://data/datasets/nightly/a.csv@etag2")).isNotEqualTo(dataset);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a-very-long-pipeline-name-that-goes-on-and-on", "nightly_xgboost.v2", "--x--", "", "ÜNICODE pipeline",
            "abcdefghijklmnopqrstuvw-"})
    void namesAreValidSageMakerNames(String pipeline) {
        String name = TuningJobNames.derive(pipeline, request(null, null));
        assertThat(name.length()).isLessThanOrEqualTo(32);
        assertThat(ServiceModel.sageMaker().shape("HyperParameterTuningJobName").pattern().orElseThrow().matcher(name).matches())
                .as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a-very-long-pipeline-name-that-goes-on-and-on", "nightly", ""})
    void aDeploymentsPrefixStartsEveryNameAndTheNameStillFits(String pipeline) {
        String name = TuningJobNames.derive("tf-prod-", pipeline, request(null, null), "schedule:2026-12-02T03:00:00Z");
        assertThat(name).startsWith("tf-prod-").hasSizeLessThanOrEqualTo(32);
        assertThat(ServiceModel.sageMaker().shape("HyperParameterTuningJobName").pattern().orElseThrow().matcher(name).matches())
                .as(name).isTrue();
        assertThat(name).endsWith(TuningJobNames.derive(pipeline, request(null, null), "schedule:2026-12-02T03:00:00Z")
                .substring(TuningJobNames.derive(pipeline, request(null, null), "schedule:2026-12-02T03:00:00Z").length() - 9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TF-", "-tf", "tf_", "a-prefix-too-long", "tf*"})
    void aPrefixIAMCouldNotMatchIsRefused(String prefix) {
        assertThat(TuningJobNames.validNamePrefix(prefix)).contains("lower-case");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TuningJobNames.derive(prefix, "nightly", request(null, null), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"0, 5", "30, 5", "60, 6", "600, 60", "3000, 300", "86400, 300"})
    void pollIntervalGrowsWithElapsedTime(long elapsed, int expected) {
        assertThat(CheckTuningJob.nextPollSeconds(elapsed)).isEqualTo(expected);
    }
}
