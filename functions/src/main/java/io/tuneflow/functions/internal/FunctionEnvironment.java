package io.tuneflow.functions.internal;

import io.tuneflow.core.aws.RetryableIoHttpClient;
import io.tuneflow.core.report.CloudWatchMetricCurves;
import io.tuneflow.core.report.MetricCurveSource;
import io.tuneflow.functions.FunctionSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Builds a function's SDK clients from its environment, once per container. Everything the SDK would otherwise look
 * up through its provider chains (region, credentials, HTTP client) is given directly: on Lambda the environment
 * has all of it, and skipping the chains is most of what makes a cold start fast.
 *
 * <p>Endpoint overrides use the variables the AWS SDKs and CLI read, {@code AWS_ENDPOINT_URL_SAGEMAKER},
 * {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_CLOUDWATCH} and {@code AWS_ENDPOINT_URL}, so the same jar runs
 * against the local engine. With an S3 endpoint override, buckets are addressed path-style, as S3-compatible servers
 * expect.
 */
public final class FunctionEnvironment {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, String> variables;
    private SdkHttpClient httpClient;

    public FunctionEnvironment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static FunctionEnvironment system() {
        return new FunctionEnvironment(System.getenv());
    }

    public FunctionSettings settings() {
        return FunctionSettings.fromEnvironment(variables);
    }

    public SageMakerClient sageMaker() {
        return configured(SageMakerClient.builder(), "SAGEMAKER");
    }

    public S3Client s3() {
        return configured(S3Client.builder().forcePathStyle(endpoint("S3").isPresent()), "S3");
    }

    public CloudWatchClient cloudWatch() {
        return configured(CloudWatchClient.builder(), "CLOUDWATCH");
    }

    /** Every client the same way: region, credentials, the shared HTTP client, retries, timeout, endpoint override. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configured(B builder, String service) {
        builder.region(region())
                .credentialsProvider(credentials())
                .httpClient(httpClient())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(CALL_TIMEOUT));
        endpoint(service).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * Where the report's metric series come from. On AWS, CloudWatch: SageMaker publishes every value its metric
     * definitions extract there. A SageMaker endpoint of another kind (the local engine) publishes none, so unless a
     * CloudWatch endpoint is given as well ({@code AWS_ENDPOINT_URL_CLOUDWATCH}), the report says why it has no curves
     * instead of asking an endpoint that cannot answer.
     */
    public MetricCurveSource metricCurves() {
        Optional<URI> sageMaker = endpoint("SAGEMAKER");
        if (sageMaker.isPresent() && blank(variables.get("AWS_ENDPOINT_URL_CLOUDWATCH"))) {
            return MetricCurveSource.none("the SageMaker endpoint " + sageMaker.get() + " is not SageMaker's, and no "
                    + "CloudWatch endpoint is set (AWS_ENDPOINT_URL_CLOUDWATCH) to read the training jobs' metrics from");
        }
        return CloudWatchMetricCurves.create(cloudWatch());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** One HTTP client for all of a function's SDK clients; it pools nothing, so sharing costs nothing. */
    private synchronized SdkHttpClient httpClient() {
        if (httpClient == null) {
            httpClient = RetryableIoHttpClient.wrap(UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT).socketTimeout(READ_TIMEOUT).build());
        }
        return httpClient;
    }

    Region region() {
        String region = firstSet("AWS_REGION", "AWS_DEFAULT_REGION");
        if (region == null) {
            throw new IllegalStateException("AWS_REGION is not set. Lambda sets it; elsewhere set it to the region of "
                    + "the tuning jobs (any region, e.g. us-east-1, for the local engine).");
        }
        return Region.of(region);
    }

    /** Lambda puts the role's credentials in the environment; elsewhere the default chain (profiles, SSO, ...) applies. */
    AwsCredentialsProvider credentials() {
        if (firstSet("AWS_ACCESS_KEY_ID") != null) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    Optional<URI> endpoint(String service) {
        String name = "AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT);
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            name = "AWS_ENDPOINT_URL";
            value = variables.get(name);
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalStateException(name + " must be an http:// or https:// URL such as http://127.0.0.1:8765, "
                    + "but it is \"" + value + "\"");
        }
        return Optional.of(uri);
    }

    private String firstSet(String... names) {
        for (String name : names) {
            String value = variables.get(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
