package io.tuneflow.core.orchestration;

import io.tuneflow.core.request.InvalidRequestException;
import io.tuneflow.core.request.ReadResult;
import io.tuneflow.core.request.TuningRequest;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;

/**
 * The Start step: validates (nothing is sent when the request is invalid), names the job from its pipeline and
 * content, and creates it. A name already in use means the same request started it before: that is returned as
 * "already started", never as a second job.
 */
public final class StartTuningJob {

    private final SageMakerClient sageMaker;

    public StartTuningJob(SageMakerClient sageMaker) {
        this.sageMaker = sageMaker;
    }

    /** @throws InvalidRequestException when the document has errors; its report says everything wrong */
    public JobReference start(ReadResult read) {
        return start(read, null, null);
    }

    /**
     * Starts the request for a trigger that is part of the job's identity (see
     * {@link TuningJobNames#derive(String, CreateHyperParameterTuningJobRequest, String)}).
     *
     * @param pipelineName the pipeline when the request's Tuneflow section names none (e.g. from a data set's path);
     *                     null: the request's PipelineName, else its HyperParameterTuningJobName
     * @param trigger      null when the request's content alone names the job
     * @throws InvalidRequestException when the document has errors; its report says everything wrong
     */
    public JobReference start(ReadResult read, String pipelineName, String trigger) {
        TuningRequest request = read.validRequest();
        String pipeline = request.tuneflow().pipelineName()
                .orElse(pipelineName != null ? pipelineName : request.sageMakerRequest().hyperParameterTuningJobName());
        String name = TuningJobNames.derive(pipeline, request.sageMakerRequest(), trigger);
        CreateHyperParameterTuningJobRequest named = request.sageMakerRequest().toBuilder().hyperParameterTuningJobName(name).build();
        try {
            String arn = sageMaker.createHyperParameterTuningJob(named).hyperParameterTuningJobArn();
            DescribeHyperParameterTuningJobResponse created = sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(name));
            return new JobReference(name, arn, pipeline, false, created.creationTime());
        } catch (ResourceInUseException e) {
            DescribeHyperParameterTuningJobResponse existing = sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(name));
            return new JobReference(name, existing.hyperParameterTuningJobArn(), pipeline, true, existing.creationTime());
        }
    }
}
