package io.tuneflow.bench;

import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The baseline: a SageMaker client as the SDK's documentation builds it, {@code SageMakerClient.create()} — the
 * default HTTP client (Apache, found on the class path), the default region and credentials provider chains, the
 * endpoint from AWS_ENDPOINT_URL_SAGEMAKER — and one DescribeHyperParameterTuningJob.
 */
public final class DefaultSdkColdStart {

    private DefaultSdkColdStart() {
    }

    public static void main(String[] args) {
        SageMakerClient sageMaker = SageMakerClient.create();
        String status = sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(args[0]))
                .hyperParameterTuningJobStatusAsString();
        System.out.println("status=" + status);
    }
}
