package io.tuneflow.cli;

import io.tuneflow.core.orchestration.CheckTuningJob;
import io.tuneflow.core.orchestration.CompletionReason;
import io.tuneflow.core.orchestration.JobReference;
import io.tuneflow.core.orchestration.PublishResults;
import io.tuneflow.core.orchestration.PublishedResults;
import io.tuneflow.core.orchestration.ResultsLocation;
import io.tuneflow.core.orchestration.StartTuningJob;
import io.tuneflow.core.orchestration.TuningStatus;
import io.tuneflow.core.report.MetricCurveSource;
import io.tuneflow.core.request.ReadResult;
import io.tuneflow.core.request.TuningRequest;
import io.tuneflow.core.request.TuningRequestReader;
import io.tuneflow.engine.FaultInjection;
import io.tuneflow.engine.LocalEngine;
import io.tuneflow.engine.s3.EmbeddedS3;
import io.tuneflow.engine.training.Archives;
import io.tuneflow.engine.training.LocalImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobDefinition;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a tuning request to its end and publish its results: best.json, trials.json, trials.csv,",
                "report.html and the pipeline's latest.json. Locally by default (the engine runs in-process with its S3 endpoint);",
                "--target aws runs it on SageMaker with the default AWS credentials and region.",
                "Ctrl-C stops the tuning job and publishes what exists; a second Ctrl-C exits at once.",
                "Exit status: 0 the job completed, 1 it failed or was stopped, 2 invalid input."})
final class RunCommand implements Callable<Integer> {

    private static final String DEFAULT_LOCAL_RESULTS = "s3://tuneflow-results";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REQUEST", description = "The tuning request document (.json, .yaml).")
    Path request;

    @Option(names = "--target", defaultValue = "local", description = "local (default) or aws.")
    String target;

    @Option(names = "--results", paramLabel = "s3://…|DIR",
            description = "Where to publish: an s3:// prefix, or (local runs) a directory the files are copied to. "
                    + "Default: the request's Tuneflow.Results, else s3://tuneflow-results in the local workspace.")
    String results;

    @Option(names = "--workspace", defaultValue = ".tuneflow", paramLabel = "DIR", description = "Local engine workspace (default ${DEFAULT-VALUE}).")
    Path workspace;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "With --target aws: a SageMaker endpoint to use instead of AWS's.")
    URI endpoint;

    @Option(names = "--python", defaultValue = "python3", paramLabel = "PATH", description = "The Python for script-mode .py trainers (local).")
    String python;

    @Option(names = {"-q", "--quiet"}, description = "No progress display; only the final result.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ReadResult read = TuningRequestReader.read(request);
        if (!read.valid()) {
            ProblemPrinter printer = new ProblemPrinter(out, Ansi.AUTO);
            out.println(read.report().source() + ": invalid, nothing was started");
            read.report().errors().forEach(p -> printer.print(read.report().source(), p));
            return ExitCodes.INVALID_INPUT;
        }
        TuningRequest tuning = read.validRequest();
        boolean local = switch (target) {
            case "local" -> true;
            case "aws" -> false;
            default -> throw new UserInputException("--target is local or aws, not " + target + ".");
        };
        Path resultsDir = results != null && !results.startsWith("s3://") ? Path.of(results) : null;
        String resultsUri = results != null && results.startsWith("s3://") ? results
                : tuning.tuneflow().results().orElse(local ? DEFAULT_LOCAL_RESULTS : null);
        if (resultsUri == null) {
            throw new UserInputException("--target aws needs an S3 results location: --results s3://bucket/prefix or Tuneflow.Results.");
        }
        if (!local && resultsDir != null) {
            throw new UserInputException("--target aws publishes to S3: give --results s3://bucket/prefix.");
        }
        if (local) {
            try (LocalEngine engine = LocalEngine.start(new LocalEngine.Settings(workspace, "127.0.0.1", 0, 0, python,
                    localImages(tuning), FaultInjection.none(), Duration.ofSeconds(10)));
                 SageMakerClient sageMaker = AwsClients.sageMaker(engine.sageMakerEndpoint());
                 S3Client s3 = EmbeddedS3.client(engine.s3Endpoint())) {
                prepareLocalS3(s3, tuning, resultsUri);
                return runToEnd(out, read, sageMaker, s3, EngineMetricCurves.of(engine.engine()), resultsUri, resultsDir,
                        Duration.ofMillis(500));
            }
        }
        try (SageMakerClient sageMaker = AwsClients.sageMaker(endpoint); S3Client s3 = AwsClients.s3();
             CloudWatchClient cloudWatch = endpoint == null ? AwsClients.cloudWatch() : null) {
            return runToEnd(out, read, sageMaker, s3, ReportCommand.curvesFor(endpoint, cloudWatch), resultsUri, null, null);
        }
    }

    private int runToEnd(PrintWriter out, ReadResult read, SageMakerClient sageMaker, S3Client s3, MetricCurveSource curves,
                         String resultsUri, Path resultsDir, Duration localPoll) throws Exception {
        JobReference job = new StartTuningJob(sageMaker).start(read);
        out.println((job.alreadyStarted() ? "Already started (the same request ran before): " : "Started ")
                + job.tuningJobName() + " (" + job.tuningJobArn() + ")");
        out.flush();
        AtomicInteger interrupts = new AtomicInteger();
        installInterruptHandler(interrupts);
        Progress progress = new Progress(out, !quiet && System.console() != null, quiet);
        CheckTuningJob check = new CheckTuningJob(sageMaker);
        boolean stopSent = false;
        TuningStatus status;
        while (true) {
            status = check.check(job.tuningJobName());
            progress.show(status, read.validRequest());
            if (status.finished()) {
                break;
            }
            if (interrupts.get() > 0 && !stopSent) {
                out.println();
                out.println("Stopping " + job.tuningJobName() + " (Ctrl-C again to exit at once)...");
                out.flush();
                sageMaker.stopHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(job.tuningJobName()));
                stopSent = true;
            }
            // Between two Describe calls: the poll interval the Check step asks for (short locally).
            Thread.sleep(localPoll != null ? localPoll.toMillis() : status.nextPollSeconds() * 1000L);
        }
        progress.end();
        PublishedResults published = new PublishResults(sageMaker, s3).withCurves(curves).publish(job.tuningJobName(), job.pipelineName(),
                ResultsLocation.parse(resultsUri));
        String reason = CompletionReason.of(sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(job.tuningJobName())));
        report(out, status, reason, published, resultsDir, ResultsLocation.parse(resultsUri), s3);
        return status.state().equals("Completed") ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private void report(PrintWriter out, TuningStatus status, String reason, PublishedResults published, Path resultsDir,
                        ResultsLocation root, S3Client s3) throws IOException {
        String why = reason == null || reason.equals(status.state()) ? "" : " (" + reason + ")";
        out.println(status.tuningJobName() + ": " + status.state() + why + " after " + status.elapsedSeconds() + " s — "
                + status.trainingJobs().getOrDefault("Completed", 0) + " completed, "
                + (status.trainingJobs().getOrDefault("NonRetryableError", 0) + status.trainingJobs().getOrDefault("RetryableError", 0))
                + " failed, " + status.trainingJobs().getOrDefault("Stopped", 0) + " stopped");
        if (status.failureReason() != null) {
            out.println("  reason: " + status.failureReason());
        }
        if (published.bestTrainingJob() != null) {
            out.println("Best: " + published.bestTrainingJob() + "  objective " + published.bestObjective()
                    + "  " + status.bestHyperParameters());
        }
        List<String> files = List.of(published.best(), published.trials(), published.trialsCsv(), published.report(), published.latest());
        out.println("Results:");
        String report = null;
        for (String uri : files) {
            String shown = where(uri, resultsDir, root, s3);
            out.println("  " + shown);
            if (uri.equals(published.report())) {
                report = shown;
            }
        }
        out.println("Report: " + report);
        out.flush();
    }

    /** A result file's location for the user: copied into --results DIR, a file:// path in the local workspace, or its S3 URI. */
    private String where(String uri, Path resultsDir, ResultsLocation root, S3Client s3) throws IOException {
        ResultsLocation location = ResultsLocation.parse(uri);
        if (resultsDir != null) {
            String relative = root.prefix().isEmpty() ? location.prefix() : location.prefix().substring(root.prefix().length() + 1);
            Path target = resultsDir.resolve(relative);
            Files.createDirectories(target.getParent());
            Files.write(target, s3.getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.prefix())).asByteArray());
            return target.toAbsolutePath().toUri().toString();
        }
        if (target.equals("local")) {
            return workspace.resolve("s3").resolve(location.bucket()).resolve(location.prefix()).toAbsolutePath().toUri().toString();
        }
        return uri;
    }

    /** The request's LocalImages, run in the request document's directory. */
    private Map<String, LocalImage> localImages(TuningRequest tuning) {
        Path base = request.toAbsolutePath().getParent();
        Map<String, LocalImage> images = new LinkedHashMap<>();
        tuning.tuneflow().localImages().forEach((image, command) -> images.put(image, new LocalImage(command, base)));
        return images;
    }

    /** Buckets the job reads and writes exist locally; Tuneflow.LocalData directories are uploaded to their prefixes. */
    private void prepareLocalS3(S3Client s3, TuningRequest tuning, String resultsUri) throws IOException {
        Path base = request.toAbsolutePath().getParent();
        List<String> uris = new java.util.ArrayList<>(List.of(resultsUri));
        uris.addAll(tuning.tuneflow().localData().keySet());
        List<HyperParameterTrainingJobDefinition> definitions = tuning.sageMakerRequest().trainingJobDefinition() != null
                ? List.of(tuning.sageMakerRequest().trainingJobDefinition()) : tuning.sageMakerRequest().trainingJobDefinitions();
        for (HyperParameterTrainingJobDefinition d : definitions) {
            uris.add(d.outputDataConfig().s3OutputPath());
            for (Channel c : d.inputDataConfig()) {
                if (c.dataSource() != null && c.dataSource().s3DataSource() != null) {
                    uris.add(c.dataSource().s3DataSource().s3Uri());
                }
            }
        }
        for (String uri : uris) {
            String bucket = ResultsLocation.parse(uri).bucket();
            try {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException e) {
                // created for an earlier run or another prefix
            } catch (S3Exception e) {
                if (e.statusCode() != 409) {
                    throw e;
                }
            }
        }
        for (Map.Entry<String, String> data : tuning.tuneflow().localData().entrySet()) {
            ResultsLocation prefix = ResultsLocation.parse(data.getKey());
            Path directory = base.resolve(data.getValue()).normalize();
            if (!Files.isDirectory(directory)) {
                throw new UserInputException("Tuneflow.LocalData: " + directory + " (for " + data.getKey() + ") is not a directory.");
            }
            if (data.getKey().endsWith(".tar.gz")) {
                // A directory given for a .tar.gz object is packed into it: script-mode code for sagemaker_submit_directory.
                Path archive = Files.createTempFile("sourcedir", ".tar.gz");
                try {
                    Archives.packTarGz(directory, archive);
                    s3.putObject(b -> b.bucket(prefix.bucket()).key(prefix.prefix()), archive);
                } finally {
                    Files.deleteIfExists(archive);
                }
                continue;
            }
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String key = prefix.key(directory.relativize(file).toString().replace('\\', '/'));
                    s3.putObject(b -> b.bucket(prefix.bucket()).key(key), file);
                }
            }
        }
    }

    /** The first Ctrl-C asks for a clean stop; the second exits at once. */
    @SuppressWarnings("restriction")
    private static void installInterruptHandler(AtomicInteger interrupts) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
                if (interrupts.incrementAndGet() > 1) {
                    Runtime.getRuntime().halt(130);
                }
            });
        } catch (IllegalArgumentException e) {
            // no SIGINT on this platform: Ctrl-C ends the process as usual
        }
    }

    /** The live display: one redrawn line on a terminal, a line per change otherwise. */
    private static final class Progress {
        private final PrintWriter out;
        private final boolean terminal;
        private final boolean quiet;
        private String last = "";

        Progress(PrintWriter out, boolean terminal, boolean quiet) {
            this.out = out;
            this.terminal = terminal;
            this.quiet = quiet;
        }

        void show(TuningStatus status, TuningRequest request) {
            if (quiet) {
                return;
            }
            Integer max = request.sageMakerRequest().hyperParameterTuningJobConfig().resourceLimits().maxNumberOfTrainingJobs();
            int done = status.trainingJobs().getOrDefault("Completed", 0);
            int failed = status.trainingJobs().getOrDefault("NonRetryableError", 0) + status.trainingJobs().getOrDefault("RetryableError", 0);
            int running = status.trainingJobs().getOrDefault("InProgress", 0);
            int total = max == null ? done + failed + running : max;
            int width = 20;
            int filled = total == 0 ? 0 : Math.min(width, (done + failed) * width / total);
            String line = "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + (done + failed) + "/" + total
                    + " trials (" + running + " running, " + failed + " failed)"
                    + (status.bestObjective() == null ? "" : "  best " + status.bestObjective() + " " + status.bestHyperParameters());
            if (line.equals(last)) {
                return;
            }
            last = line;
            if (terminal) {
                out.print("\r" + line + "\u001B[K");
            } else {
                out.println(line);
            }
            out.flush();
        }

        void end() {
            if (terminal && !quiet && !last.isEmpty()) {
                out.println();
            }
        }
    }
}
