package io.tuneflow.cli;

import io.tuneflow.engine.s3.EmbeddedS3;
import java.net.URI;
import io.tuneflow.core.aws.RetryableIoHttpClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The CLI's SDK clients: AWS through the default credential and region chain, or an endpoint override. All use the
 * JDK's HTTP client (no Apache or Netty on the class path), with transport failures left to the SDK's retry policy.
 */
final class AwsClients {

    private AwsClients() {
    }

    /**
     * @param endpoint null for AWS; a loopback endpoint is the local engine, which takes its fixed local credentials
     */
    static SageMakerClient sageMaker(URI endpoint) {
        var builder = SageMakerClient.builder().httpClient(RetryableIoHttpClient.wrap(UrlConnectionHttpClient.create()))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
            String host = endpoint.getHost();
            if ("127.0.0.1".equals(host) || "localhost".equals(host)) {
                builder.region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)));
            }
        }
        return builder.build();
    }

    /** A CloudWatch client for AWS (default credentials and region): the report's metric curves. */
    static CloudWatchClient cloudWatch() {
        return CloudWatchClient.builder().httpClient(RetryableIoHttpClient.wrap(UrlConnectionHttpClient.create()))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build();
    }

    /** An S3 client for AWS (default credentials and region). */
    static S3Client s3() {
        return S3Client.builder().httpClient(RetryableIoHttpClient.wrap(UrlConnectionHttpClient.create()))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build();
    }
}
