package io.tuneflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tuneflow.core.orchestration.TuningResults;
import io.tuneflow.core.report.CloudWatchMetricCurves;
import io.tuneflow.core.report.MetricCurveSource;
import io.tuneflow.core.report.TrainingCurves;
import io.tuneflow.core.report.TuningReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a tuning job's report.html, from a results directory (its best.json",
                "and trials.json) or through the SageMaker API (AWS, or --endpoint-url).",
                "Metric curves come from CloudWatch for a job on AWS (GetMetricData), or",
                "from a local engine's workspace with --workspace.",
                "Prints where the report is."})
final class ReportCommand implements Callable<Integer> {

    /**
     * On AWS the series are CloudWatch metrics; a SageMaker endpoint of another kind (tuneflow serve) has none to
     * offer, since its API, like SageMaker's, keeps only final values.
     */
    static MetricCurveSource curvesFor(URI sageMakerEndpoint, CloudWatchClient cloudWatch) {
        return sageMakerEndpoint == null ? CloudWatchMetricCurves.create(cloudWatch)
                : MetricCurveSource.none("the SageMaker API has no metric series (give --workspace for the local engine's curves)");
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB|RESULTS_DIR", description = "A tuning job's name, or a directory with its best.json and trials.json.")
    String source;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the report (default: report.html in RESULTS_DIR, or JOB-report.html here).")
    Path output;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "For JOB: a SageMaker endpoint, e.g. http://127.0.0.1:8765 for tuneflow serve.")
    URI endpoint;

    @Option(names = "--pipeline", paramLabel = "NAME", description = "For JOB: the pipeline name to report (default: the job's name).")
    String pipeline;

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "A local engine workspace whose recorded objective curves the report shows (tuneflow run's .tuneflow).")
    Path workspace;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path directory = Path.of(source);
        boolean fromDirectory = Files.isDirectory(directory);
        JsonNode best;
        JsonNode trials;
        Path target;
        if (fromDirectory) {
            best = readResult(directory.resolve("best.json"));
            trials = readResult(directory.resolve("trials.json"));
            target = output != null ? output : directory.resolve("report.html");
        } else {
            if (source.contains("/") || source.contains(java.io.File.separator)) {
                throw new UserInputException(source + " is not a directory; give a results directory or a tuning job's name.");
            }
            try (SageMakerClient sageMaker = AwsClients.sageMaker(endpoint)) {
                TuningResults results = TuningResults.read(sageMaker, source, pipeline != null ? pipeline : source);
                best = results.best(Instant.now().toString());
                trials = results.trials();
            }
            target = output != null ? output : Path.of(source + "-report.html");
        }
        TrainingCurves series;
        if (workspace != null) {
            series = readCurves(EngineMetricCurves.fromWorkspace(workspace), trials);
        } else if (fromDirectory) {
            series = readCurves(MetricCurveSource.none(
                    "a results directory holds final metric values only (give --workspace for a local run's curves)"), trials);
        } else if (endpoint != null) {
            series = readCurves(curvesFor(endpoint, null), trials);
        } else {
            try (CloudWatchClient cloudWatch = AwsClients.cloudWatch()) {
                series = readCurves(curvesFor(null, cloudWatch), trials);
            }
        }
        TuningReport report = TuningReport.of(best, trials, series);
        if (target.toAbsolutePath().getParent() != null) {
            Files.createDirectories(target.toAbsolutePath().getParent());
        }
        Files.writeString(target, report.html(), StandardCharsets.UTF_8);
        out.println("Report: " + target.toAbsolutePath().normalize().toUri());
        out.flush();
        return ExitCodes.OK;
    }

    private static TrainingCurves readCurves(MetricCurveSource source, JsonNode trials) {
        return source.curves(trials.path("objective").path("metricName").asText(), TuningReport.trainingJobs(trials));
    }

    private static JsonNode readResult(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + " is missing: a results directory holds best.json and trials.json.");
        }
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserInputException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
