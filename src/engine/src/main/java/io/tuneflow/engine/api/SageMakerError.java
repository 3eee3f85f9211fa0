package io.tuneflow.engine.api;

/**
 * An error the engine answers as SageMaker does: the {@code __type} (ValidationException, ResourceNotFound,
 * ResourceInUse, ResourceLimitExceeded, ThrottlingException) with its HTTP status.
 */
public final class SageMakerError extends RuntimeException {

    private final String type;
    private final int httpStatus;

    public SageMakerError(String type, int httpStatus, String message) {
        super(message);
        this.type = type;
        this.httpStatus = httpStatus;
    }

    public static SageMakerError validation(String message) {
        return new SageMakerError("ValidationException", 400, message);
    }

    public static SageMakerError notFound(String message) {
        return new SageMakerError("ResourceNotFound", 400, message);
    }

    public static SageMakerError inUse(String message) {
        return new SageMakerError("ResourceInUse", 400, message);
    }

    public static SageMakerError limitExceeded(String message) {
        return new SageMakerError("ResourceLimitExceeded", 400, message);
    }

    public String type() {
        return type;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
