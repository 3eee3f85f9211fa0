package io.tuneflow.functions.internal;

import io.tuneflow.functions.TransientAwsException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** Which AWS failures are worth retrying at the state machine's level, after the SDK's own retries gave up. */
final class AwsFailures {

    private AwsFailures() {
    }

    /** A {@link TransientAwsException} for throttling, 5xx and transport failures; the exception itself otherwise. */
    static RuntimeException classify(SdkException e) {
        boolean transientFailure = e instanceof SdkClientException
                || e instanceof SdkServiceException service && (service.isThrottlingException() || service.statusCode() >= 500);
        if (!transientFailure) {
            return e;
        }
        return new TransientAwsException("An AWS call failed after the SDK's retries, for a reason that usually passes "
                + "(throttling, a service error or a dropped connection): " + e.getMessage());
    }
}
