package io.tuneflow.cli;

import io.tuneflow.core.orchestration.CheckTuningJob;
import io.tuneflow.core.orchestration.TuningStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"The state of a tuning job: status, training jobs by state, best so far, elapsed time.",
                "On AWS by default; --endpoint-url points at the local engine (tuneflow serve)."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JobOnEndpoint target;


    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (SageMakerClient sageMaker = AwsClients.sageMaker(target.endpoint)) {
            TuningStatus status = new CheckTuningJob(sageMaker).check(target.job);
            if (target.output == OutputFormat.json) {
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
