package io.tuneflow.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.tuneflow.core.orchestration.CheckTuningJob;
import io.tuneflow.core.orchestration.TuningStatus;
import io.tuneflow.functions.internal.FunctionEnvironment;
import io.tuneflow.functions.internal.HandlerIo;
import io.tuneflow.functions.internal.StreamingJson;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * One look at a tuning job. Input: {@code {"tuningJobName": "..."}}. Output: the compact {@link TuningStatus} —
 * {@code state} for the state machine's Choice, {@code nextPollSeconds} for its Wait (growing with the job's age), the
 * training-job counters and the best job so far.
 */
public final class CheckTuningStatus implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CheckTuningStatus.class);

    private final CheckTuningJob check;

    /** For Lambda: the client from the environment, built once per container. */
    public CheckTuningStatus() {
        this(FunctionEnvironment.system().sageMaker());
    }

    public CheckTuningStatus(SageMakerClient sageMaker) {
        this.check = new CheckTuningJob(sageMaker);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        HandlerIo.run("CheckTuningStatus", context, () -> StreamingJson.write(output, check(
                StreamingJson.requiredText(input, "tuningJobName", "CheckTuningStatus", "{\"tuningJobName\": \"...\"}"))));
    }

    TuningStatus check(String name) {
        HandlerIo.logAbout(name);
        TuningStatus status = check.check(name);
        LOG.info("Tuning job {} is {}", name, status.state(), entry("training_jobs", status.trainingJobs()),
                entry("best_objective", status.bestObjective()), entry("next_poll_seconds", status.nextPollSeconds()));
        return status;
    }
}
