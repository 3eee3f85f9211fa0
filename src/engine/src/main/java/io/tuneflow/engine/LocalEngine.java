package io.tuneflow.engine;

import io.tuneflow.engine.api.ApiServer;
import io.tuneflow.engine.api.SageMakerApi;
import io.tuneflow.engine.s3.EmbeddedS3;
import io.tuneflow.engine.s3.S3Transfers;
import io.tuneflow.engine.store.EngineStore;
import io.tuneflow.engine.training.LocalImage;
import io.tuneflow.engine.training.TrainingJobRunner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole local engine, assembled: the S3 endpoint over {@code <workspace>/s3}, the state in
 * {@code <workspace>/engine.db} (jobs a previous engine left unfinished continue), the jobs' directories under
 * {@code <workspace>/jobs}, and the SageMaker API.
 */
public final class LocalEngine implements AutoCloseable {

    /**
     * @param host        127.0.0.1, or 0.0.0.0 when remote clients are allowed
     * @param apiPort     the SageMaker API port (0 picks a free one)
     * @param s3Port      the S3 port (0 picks a free one)
     * @param python      the Python for script-mode {@code .py} entry points
     * @param localImages image pattern → command, for images that are not script mode
     */
    public record Settings(Path workspace, String host, int apiPort, int s3Port, String python,
                           Map<String, LocalImage> localImages, FaultInjection faults, Duration stopGracePeriod) {
    }

    private final EmbeddedS3 s3Endpoint;
    private final S3Client s3;
    private final EngineStore store;
    private final LocalSageMaker engine;
    private final ApiServer server;

    private LocalEngine(EmbeddedS3 s3Endpoint, S3Client s3, EngineStore store, LocalSageMaker engine, ApiServer server) {
        this.s3Endpoint = s3Endpoint;
        this.s3 = s3;
        this.store = store;
        this.engine = engine;
        this.server = server;
    }

    public static LocalEngine start(Settings settings) {
        Path workspace = settings.workspace().toAbsolutePath();
        EmbeddedS3 s3Endpoint = EmbeddedS3.start(workspace.resolve("s3"), settings.host(), settings.s3Port());
        S3Client s3 = EmbeddedS3.client(s3Endpoint.endpoint());
        EngineStore store = EngineStore.open(workspace.resolve("engine.db"));
        S3Transfers transfers = new S3Transfers(s3);
        LocalSageMaker engine = new LocalSageMaker(new TrainingJobRunner(transfers, settings.python(), settings.stopGracePeriod()),
                transfers, workspace.resolve("jobs"), settings.localImages(), settings.faults(), store);
        engine.resume(store.load());
        ApiServer server = ApiServer.start(new SageMakerApi(engine), settings.host(), settings.apiPort(), settings.faults());
        return new LocalEngine(s3Endpoint, s3, store, engine, server);
    }

    public URI sageMakerEndpoint() {
        return server.endpoint();
    }

    public URI s3Endpoint() {
        return s3Endpoint.endpoint();
    }

    public LocalSageMaker engine() {
        return engine;
    }

    @Override
    public void close() {
        server.close();
        engine.close();
        s3.close();
        s3Endpoint.close();
        store.close();
    }
}
