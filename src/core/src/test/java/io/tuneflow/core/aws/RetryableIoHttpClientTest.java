package io.tuneflow.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A server that drops the first connection without answering an S3 PutObject (which the SDK sends with
 * {@code Expect: 100-continue}, so the JDK client reads the server's answer inside {@code getOutputStream()}):
 * the SDK's retry policy must see that failure.
 */
class RetryableIoHttpClientTest {

    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private Thread acceptor;

    @BeforeEach
    void startServerThatDropsTheFirstConnection() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                    int length = readHeaders(in);
                    if (connections.incrementAndGet() % 2 == 1) {
                        continue; // closed without an answer, as a server does with a connection it has dropped
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    for (int i = 0; i < length; i++) {
                        in.read();
                    }
                    out.write("HTTP/1.1 200 OK\r\nETag: \"1\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // the server socket was closed at the end of the test
                }
            }
        }, "dropping-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        acceptor.join(5000);
    }

    @Test
    void theBareUrlConnectionClientFailsTheCallOnADroppedConnection() {
        // Documents the SDK behaviour the decorator exists for; when an SDK upgrade fixes it, this test says so.
        try (S3Client client = client(UrlConnectionHttpClient.create())) {
            assertThatThrownBy(() -> put(client)).isInstanceOf(UncheckedIOException.class)
                    .hasRootCauseInstanceOf(java.net.SocketException.class);
        }
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test
    void theWrappedClientLetsTheRetryPolicyTryAgain() {
        try (S3Client client = client(RetryableIoHttpClient.wrap(UrlConnectionHttpClient.create()))) {
            assertThat(put(client).eTag()).isEqualTo("\"1\"");
        }
        assertThat(connections.get()).isEqualTo(2);
    }

    private static PutObjectResponse put(S3Client client) {
        return client.putObject(b -> b.bucket("bucket").key("results/best.json"), RequestBody.fromString("{}"));
    }

    private S3Client client(SdkHttpClient http) {
        return S3Client.builder().httpClient(http).forcePathStyle(true)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getLocalPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .build();
    }

    /** Reads a request's headers; returns its Content-Length. */
    private static int readHeaders(BufferedReader in) throws IOException {
        int length = 0;
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        return length;
    }
}
