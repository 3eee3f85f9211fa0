package io.tuneflow.functions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tuneflow.core.report.CloudWatchMetricCurves;
import io.tuneflow.core.report.TrainingCurves;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which endpoints a function's clients use, and where the report's curves come from, by environment. */
class FunctionEnvironmentTest {

    private static final Map<String, String> ON_LAMBDA = Map.of("AWS_REGION", "eu-west-1",
            "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret");

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        var map = new java.util.HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void onAwsTheCurvesComeFromCloudWatch() {
        assertThat(new FunctionEnvironment(ON_LAMBDA).metricCurves()).isInstanceOf(CloudWatchMetricCurves.class);
    }

    @Test
    void againstAnotherSageMakerEndpointCloudWatchIsNotAskedUnlessItsEndpointIsGivenToo() {
        Map<String, String> local = with(ON_LAMBDA, "AWS_ENDPOINT_URL_SAGEMAKER", "http://127.0.0.1:8765");
        TrainingCurves curves = new FunctionEnvironment(local).metricCurves().curves("loss", List.of());
        assertThat(curves.available()).isFalse();
        assertThat(curves.unavailableReason()).contains("http://127.0.0.1:8765").contains("AWS_ENDPOINT_URL_CLOUDWATCH");

        Map<String, String> withCloudWatch = with(local, "AWS_ENDPOINT_URL_CLOUDWATCH", "http://127.0.0.1:9999");
        assertThat(new FunctionEnvironment(withCloudWatch).metricCurves()).isInstanceOf(CloudWatchMetricCurves.class);
    }

    @Test
    void endpointsComeFromTheServiceVariableThenTheGeneralOne() {
        Map<String, String> variables = with(ON_LAMBDA, "AWS_ENDPOINT_URL", "http://127.0.0.1:1000",
                "AWS_ENDPOINT_URL_CLOUDWATCH", "http://127.0.0.1:2000");
        FunctionEnvironment environment = new FunctionEnvironment(variables);
        assertThat(environment.endpoint("CLOUDWATCH")).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(2000));
        assertThat(environment.endpoint("SAGEMAKER")).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(1000));
        assertThat(new FunctionEnvironment(ON_LAMBDA).endpoint("S3")).isEmpty();
        assertThatThrownBy(() -> new FunctionEnvironment(with(ON_LAMBDA, "AWS_ENDPOINT_URL_S3", "localhost:8766")).endpoint("S3"))
                .hasMessageContaining("AWS_ENDPOINT_URL_S3 must be an http:// or https:// URL");
    }
}
