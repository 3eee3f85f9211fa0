package io.tuneflow.engine.store;

import io.tuneflow.engine.FaultInjection;
import io.tuneflow.engine.LocalEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The engine as a process of its own, so a test can kill it with SIGKILL: prints its ports, then serves forever. */
public final class EngineProcess {

    private EngineProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalEngine engine = LocalEngine.start(new LocalEngine.Settings(Path.of(args[0]), "127.0.0.1", 0, 0, "python3",
                Map.of(), FaultInjection.none(), Duration.ofSeconds(1)));
        System.out.println("ready " + engine.sageMakerEndpoint().getPort() + " " + engine.s3Endpoint().getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
