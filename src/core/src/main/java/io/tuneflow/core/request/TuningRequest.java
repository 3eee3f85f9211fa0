package io.tuneflow.core.request;

import io.tuneflow.core.document.SourceDocument;
import io.tuneflow.core.model.PathIndex;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;

/**
 * A tuning request as Tuneflow reads it: the SageMaker request, bound to the SDK's model class, plus the Tuneflow
 * section, plus where every part came from in the document.
 */
public final class TuningRequest {

    private final CreateHyperParameterTuningJobRequest sageMakerRequest;
    private final TuneflowSettings tuneflow;
    private final PathIndex paths;
    private final SourceDocument source;

    TuningRequest(CreateHyperParameterTuningJobRequest sageMakerRequest, TuneflowSettings tuneflow, PathIndex paths,
                  SourceDocument source) {
        this.sageMakerRequest = sageMakerRequest;
        this.tuneflow = tuneflow;
        this.paths = paths;
        this.source = source;
    }

    /** The request exactly as it would be sent to SageMaker's CreateHyperParameterTuningJob. */
    public CreateHyperParameterTuningJobRequest sageMakerRequest() {
        return sageMakerRequest;
    }

    public TuneflowSettings tuneflow() {
        return tuneflow;
    }

    /** The JSON path of each part of {@link #sageMakerRequest()} in the document. */
    public PathIndex paths() {
        return paths;
    }

    public SourceDocument source() {
        return source;
    }
}
