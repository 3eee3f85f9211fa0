package io.tuneflow.core.orchestration;

import io.tuneflow.core.request.InvalidRequestException;
import io.tuneflow.core.request.ReadResult;
import io.tuneflow.core.request.TuningRequest;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * The Start step: validates (nothing is sent when the request is invalid), names the job from its pipeline and
 * content, and creates it. A name already in use means the same request started it before: that is returned as
 * "already started", never as a second job — unless the caller that asks now is the one that created it (a retried
 * Start of the same workflow execution), which the job's {@value #STARTED_BY_TAG} tag tells.
 */
public final class StartTuningJob {

    /** The tag that records who created a job (a Step Functions execution ARN), read back with ListTags. */
    public static final String STARTED_BY_TAG = "tuneflow:started-by";
    private static final int MAX_TAGS = 50;
    private static final int MAX_TAG_VALUE = 256;

    private final SageMakerClient sageMaker;
    private final String namePrefix;

    public StartTuningJob(SageMakerClient sageMaker) {
        this(sageMaker, "");
    }

    /**
     * @param namePrefix put before every job name, so that a deployment's IAM policies can be scoped to its jobs
     *                   ({@link TuningJobNames#derive(String, String, CreateHyperParameterTuningJobRequest, String)});
     *                   "" for none
     */
    public StartTuningJob(SageMakerClient sageMaker, String namePrefix) {
        this.sageMaker = sageMaker;
        this.namePrefix = namePrefix;
    }

    /** The name {@link #start(ReadResult, String, String, String)} gives the job of a valid request. */
    public String nameFor(TuningRequest request, String pipelineName, String trigger) {
        return TuningJobNames.derive(namePrefix, pipelineOf(request, pipelineName), request.sageMakerRequest(), trigger);
    }

    private static String pipelineOf(TuningRequest request, String pipelineName) {
        return request.tuneflow().pipelineName()
                .orElse(pipelineName != null ? pipelineName : request.sageMakerRequest().hyperParameterTuningJobName());
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
        return start(read, pipelineName, trigger, null);
    }

    /**
     * As {@link #start(ReadResult, String, String)}, for a caller that may retry: the job is tagged with
     * {@code startedBy}, and finding a job with that tag is not "already started" but this caller's own job.
     *
     * @param startedBy who starts the job (a Step Functions execution ARN), or null
     */
    public JobReference start(ReadResult read, String pipelineName, String trigger, String startedBy) {
        TuningRequest request = read.validRequest();
        String pipeline = pipelineOf(request, pipelineName);
        String name = nameFor(request, pipelineName, trigger);
        CreateHyperParameterTuningJobRequest.Builder named = request.sageMakerRequest().toBuilder().hyperParameterTuningJobName(name);
        String owner = startedBy == null ? null : startedBy.substring(0, Math.min(MAX_TAG_VALUE, startedBy.length()));
        boolean tagged = owner != null && request.sageMakerRequest().tags().size() < MAX_TAGS;
        if (tagged) {
            List<Tag> tags = new ArrayList<>(request.sageMakerRequest().tags());
            tags.add(Tag.builder().key(STARTED_BY_TAG).value(owner).build());
            named.tags(tags);
        }
        try {
            String arn = sageMaker.createHyperParameterTuningJob(named.build()).hyperParameterTuningJobArn();
            DescribeHyperParameterTuningJobResponse created = sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(name));
            return new JobReference(name, arn, pipeline, false, created.creationTime());
        } catch (ResourceInUseException e) {
            DescribeHyperParameterTuningJobResponse existing = sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(name));
            boolean own = tagged && owner.equals(startedByOf(existing.hyperParameterTuningJobArn()));
            return new JobReference(name, existing.hyperParameterTuningJobArn(), pipeline, !own, existing.creationTime());
        }
    }

    private String startedByOf(String arn) {
        for (ListTagsResponse page : sageMaker.listTagsPaginator(b -> b.resourceArn(arn))) {
            for (Tag tag : page.tags()) {
                if (tag.key().equals(STARTED_BY_TAG)) {
                    return tag.value();
                }
            }
        }
        return null;
    }
}
