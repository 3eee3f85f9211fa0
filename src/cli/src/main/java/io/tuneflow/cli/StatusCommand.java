package io.tuneflow.cli;

import io.tuneflow.core.orchestration.CheckTuningJob;
import io.tuneflow.core.orchestration.TuningStatus;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"The state of a tuning job: status, training jobs by state, best so far, elapsed time.",
                "On AWS by default; --endpoint-url points at the local engine (tuneflow serve)."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB", description = "The tuning job's name.")
    String job;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "A SageMaker endpoint, e.g. http://127.0.0.1:8765 for tuneflow serve.")
    URI endpoint;

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json.")
    OutputFormat output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (SageMakerClient sageMaker = SageMakerClients.create(endpoint)) {
            TuningStatus status = new CheckTuningJob(sageMaker).check(job);
            if (output == OutputFormat.json) {
                out.println(Json.write(Json.MAPPER.valueToTree(status)));
            } else {
                out.println(status.tuningJobName() + ": " + status.state() + " (" + status.elapsedSeconds() + " s)");
                out.println("  training jobs: " + status.trainingJobs());
                if (status.bestTrainingJob() != null) {
                    out.println("  best: " + status.bestTrainingJob() + "  objective " + status.bestObjective() + "  "
                            + status.bestHyperParameters());
                }
                if (status.failureReason() != null) {
                    out.println("  reason: " + status.failureReason());
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
