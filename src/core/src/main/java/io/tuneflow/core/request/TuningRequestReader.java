package io.tuneflow.core.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.tuneflow.core.document.DocumentReader;
import io.tuneflow.core.document.JsonPath;
import io.tuneflow.core.document.MalformedDocumentException;
import io.tuneflow.core.document.SourceDocument;
import io.tuneflow.core.model.DocumentBinder;
import io.tuneflow.core.model.ServiceModel;
import io.tuneflow.core.validation.Problem;
import io.tuneflow.core.validation.Problems;
import io.tuneflow.core.validation.ValidationReport;
import io.tuneflow.core.validation.rules.TuningRules;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;

/**
 * Reads a request document and says everything that is wrong with it: syntax, then the service model's per-field
 * rules, then SageMaker's rules for tuning jobs. The same reader serves the CLI, the Lambda handlers and the engine.
 */
public final class TuningRequestReader {

    private static final String REQUEST_SHAPE = "CreateHyperParameterTuningJobRequest";
    private static final String TUNEFLOW_SHAPE = "TuneflowSection";

    private TuningRequestReader() {
    }

    public static ReadResult read(Path file) {
        try {
            return read(DocumentReader.read(file));
        } catch (MalformedDocumentException e) {
            return malformed(e);
        }
    }

    /** Reads a document given as text; {@code name} appears in messages and picks JSON or YAML by extension. */
    public static ReadResult read(String name, String text) {
        try {
            return read(DocumentReader.parse(name, text));
        } catch (MalformedDocumentException e) {
            return malformed(e);
        }
    }

    public static ReadResult read(SourceDocument document) {
        Problems problems = new Problems();
        JsonNode root = document.root();
        DocumentBinder binder = new DocumentBinder(ServiceModel.sageMaker(), document, problems);
        CreateHyperParameterTuningJobRequest request = binder.bind(root, JsonPath.root(), REQUEST_SHAPE,
                CreateHyperParameterTuningJobRequest::builder, Set.of(TuneflowSettings.SECTION));
        TuneflowSettings tuneflow = TuneflowSettings.none();
        if (request == null) {
            request = CreateHyperParameterTuningJobRequest.builder().build();
        } else if (root.has(TuneflowSettings.SECTION)) {
            JsonNode section = root.get(TuneflowSettings.SECTION);
            new DocumentBinder(ServiceModel.tuneflow(), document, problems)
                    .check(section, JsonPath.root().field(TuneflowSettings.SECTION), TUNEFLOW_SHAPE);
            tuneflow = TuneflowSettings.from(section);
        }
        TuningRequest tuningRequest = new TuningRequest(request, tuneflow, binder.paths(), document);
        if (root.isObject()) {
            TuningRules.checkAll(tuningRequest, problems);
        }
        List<Problem> located = problems.toList().stream()
                .map(p -> p.at(document.locate(p.path()).orElse(null)))
                .sorted(Comparator.comparingInt((Problem p) -> p.sourceLocation().map(l -> l.line()).orElse(Integer.MAX_VALUE))
                        .thenComparingInt(p -> p.sourceLocation().map(l -> l.column()).orElse(Integer.MAX_VALUE)))
                .toList();
        return new ReadResult(ValidationReport.of(document.name(), located), tuningRequest);
    }

    private static ReadResult malformed(MalformedDocumentException e) {
        Problem problem = new Problem(io.tuneflow.core.validation.Severity.ERROR, "document.syntax", JsonPath.root(),
                e.getMessage(), e.fix(), e.location().orElse(null));
        return new ReadResult(ValidationReport.of(e.source(), List.of(problem)), null);
    }
}
