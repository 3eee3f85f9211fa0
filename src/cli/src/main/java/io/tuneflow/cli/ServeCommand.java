package io.tuneflow.cli;

import io.tuneflow.engine.FaultInjection;
import io.tuneflow.engine.LocalEngine;
import io.tuneflow.engine.training.LocalImage;
import io.tuneflow.engine.LocalSageMaker;
import io.tuneflow.engine.s3.EmbeddedS3;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the local engine: SageMaker tuning jobs on this machine behind the SageMaker API,",
                "with an S3-compatible endpoint over the workspace. Point the AWS CLI, boto3 or an AWS SDK at it with",
                "--endpoint-url. It runs training code: it listens on 127.0.0.1 unless --allow-remote is given."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8765", description = "SageMaker API port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--s3-port", defaultValue = "8766", description = "S3 endpoint port (default ${DEFAULT-VALUE}).")
    int s3Port;

    @Option(names = "--workspace", defaultValue = ".tuneflow", paramLabel = "DIR",
            description = "Where buckets, jobs and logs live (default ${DEFAULT-VALUE}).")
    Path workspace;

    @Option(names = "--python", defaultValue = "python3", paramLabel = "PATH",
            description = "The Python that runs script-mode .py entry points (default ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--local-image", paramLabel = "IMAGE=COMMAND",
            description = "Run training image IMAGE (* matches any text) as COMMAND (split on spaces), for images that are not script mode.")
    Map<String, String> localImages = new LinkedHashMap<>();

    @Option(names = "--throttle-rate", defaultValue = "0", paramLabel = "FRACTION",
            description = "Test only: answer this fraction of API calls with ThrottlingException.")
    double throttleRate;

    @Option(names = "--fail-rate", defaultValue = "0", paramLabel = "FRACTION",
            description = "Test only: fail this fraction of training jobs with an internal error (retried per RetryStrategy).")
    double failRate;

    @Option(names = "--latency-ms", defaultValue = "0", paramLabel = "MILLIS", description = "Test only: add this latency to every API call.")
    long latencyMillis;

    @Option(names = "--fault-seed", defaultValue = "1", paramLabel = "SEED", description = "Seed of the injected faults, to replay a run.")
    long faultSeed;

    @Option(names = "--allow-remote", description = "Listen on all interfaces (the engine runs code: use with care).")
    boolean allowRemote;

    @Override
    public Integer call() throws InterruptedException {
        String host = allowRemote ? "0.0.0.0" : "127.0.0.1";
        PrintWriter out = spec.commandLine().getOut();
        FaultInjection faults;
        try {
            faults = new FaultInjection(throttleRate, failRate, latencyMillis, faultSeed);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage() + ".");
        }
        Map<String, LocalImage> commands = new LinkedHashMap<>();
        localImages.forEach((image, command) -> commands.put(image, new LocalImage(Arrays.asList(command.trim().split("\\s+")), null)));
        LocalEngine.Settings settings = new LocalEngine.Settings(workspace, host, port, s3Port, python, commands, faults,
                Duration.ofSeconds(10));
        try (LocalEngine engine = LocalEngine.start(settings)) {
            String apiPort = Integer.toString(engine.sageMakerEndpoint().getPort());
            String s3PortText = Integer.toString(engine.s3Endpoint().getPort());
            out.println("tuneflow engine: SageMaker API on http://" + host + ":" + apiPort + ", S3 on http://" + host + ":"
                    + s3PortText + ", workspace " + workspace.toAbsolutePath());
            out.println("  export AWS_ACCESS_KEY_ID=" + EmbeddedS3.ACCESS_KEY + " AWS_SECRET_ACCESS_KEY=" + EmbeddedS3.SECRET_KEY
                    + " AWS_DEFAULT_REGION=" + LocalSageMaker.REGION);
            out.println("  aws sagemaker list-hyper-parameter-tuning-jobs --endpoint-url http://127.0.0.1:" + apiPort);
            out.println("  aws s3 ls --endpoint-url http://127.0.0.1:" + s3PortText);
            out.println("Stop with Ctrl-C.");
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return ExitCodes.OK;
    }
}
