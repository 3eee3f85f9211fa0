package io.tuneflow.engine.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import io.tuneflow.core.aws.RetryableIoHttpClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible endpoint over a directory (s3proxy with its filesystem store): buckets are directories, objects
 * files. The engine's trainers read input channels and write artifacts through it, and the orchestrator reads
 * results the same way, so local runs use the same S3 calls as AWS. Bound to loopback.
 */
public final class EmbeddedS3 implements AutoCloseable {

    /** The fixed credentials the local endpoint accepts (it only listens on loopback). */
    public static final String ACCESS_KEY = "tuneflow";
    public static final String SECRET_KEY = "tuneflow-local-secret";

    private final S3Proxy proxy;
    private final Path root;

    private EmbeddedS3(S3Proxy proxy, Path root) {
        this.proxy = proxy;
        this.root = root;
    }

    /** Starts the endpoint on {@code host:port} (port 0 picks a free one) over {@code root}. */
    public static EmbeddedS3 start(Path root, String host, int port) {
        try {
            Files.createDirectories(root);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(root.toAbsolutePath().toString()))
                    .endpoint(URI.create("http://" + host + ":" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            return new EmbeddedS3(proxy, root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the S3 directory " + root, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the local S3 endpoint on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** An AWS SDK S3 client for the endpoint at {@code endpoint}, with the local credentials and path-style buckets. */
    public static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .httpClient(RetryableIoHttpClient.wrap(UrlConnectionHttpClient.create()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public int port() {
        return proxy.getPort();
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the local S3 endpoint", e);
        }
    }
}
