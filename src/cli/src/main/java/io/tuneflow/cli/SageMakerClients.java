package io.tuneflow.cli;

import io.tuneflow.engine.s3.EmbeddedS3;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** SageMaker clients for the CLI: AWS through the default credential and region chain, or an endpoint override. */
final class SageMakerClients {

    private SageMakerClients() {
    }

    /**
     * @param endpoint null for AWS; a loopback endpoint is the local engine, which takes its fixed local credentials
     */
    static SageMakerClient create(URI endpoint) {
        var builder = SageMakerClient.builder().httpClient(UrlConnectionHttpClient.create())
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
}
