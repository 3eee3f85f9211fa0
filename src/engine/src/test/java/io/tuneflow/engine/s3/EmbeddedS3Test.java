package io.tuneflow.engine.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The real AWS SDK S3 client against the embedded endpoint: what the engine and the orchestrator rely on. */
class EmbeddedS3Test {

    @Test
    void objectsWrittenThroughS3AreFilesAndReadBack(@TempDir Path root) {
        try (EmbeddedS3 s3 = EmbeddedS3.start(root, "127.0.0.1", 0);
             S3Client client = EmbeddedS3.client(s3.endpoint())) {
            client.createBucket(b -> b.bucket("tuneflow-examples"));
            client.putObject(b -> b.bucket("tuneflow-examples").key("mnist/train/data.csv"), RequestBody.fromString("1,2\n"));
            assertThat(client.getObjectAsBytes(b -> b.bucket("tuneflow-examples").key("mnist/train/data.csv")).asUtf8String())
                    .isEqualTo("1,2\n");
            assertThat(client.listObjectsV2(b -> b.bucket("tuneflow-examples").prefix("mnist/")).contents())
                    .extracting(o -> o.key()).containsExactly("mnist/train/data.csv");
            assertThat(root.resolve("tuneflow-examples").resolve("mnist/train/data.csv")).hasContent("1,2\n");
        }
    }
}
