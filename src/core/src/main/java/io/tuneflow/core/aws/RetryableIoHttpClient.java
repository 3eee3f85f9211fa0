package io.tuneflow.core.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An {@link SdkHttpClient} whose transport failures reach the SDK's retry policy.
 *
 * <p>The SDK's {@code UrlConnectionHttpClient} (2.40.x) wraps an {@link IOException} raised while it reads the response
 * status — "Unexpected end of file from server" when the server closed a kept-alive connection, or reset the
 * connection — in an {@link UncheckedIOException}. The SDK retries {@code IOException}s but not that wrapper, so one
 * dropped connection fails the whole call (aws/aws-sdk-java-v2 #2891, fixed upstream after 2.40). This decorator
 * hands the SDK the {@code IOException} itself, so the client's retry strategy treats it as it treats the same failure
 * from any other HTTP client. Retrying is safe for Tuneflow's calls: reads are idempotent, S3 writes replace the
 * whole object, and a repeated CreateHyperParameterTuningJob answers ResourceInUse, which the Start step reads as
 * "already started".
 */
public final class RetryableIoHttpClient implements SdkHttpClient {

    private final SdkHttpClient delegate;

    private RetryableIoHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    public static SdkHttpClient wrap(SdkHttpClient delegate) {
        return new RetryableIoHttpClient(delegate);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest prepared = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                try {
                    return prepared.call();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }

            @Override
            public void abort() {
                prepared.abort();
            }
        };
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
