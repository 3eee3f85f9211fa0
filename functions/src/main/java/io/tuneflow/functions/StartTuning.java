package io.tuneflow.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tuneflow.core.document.DocumentFormat;
import io.tuneflow.core.document.DocumentReader;
import io.tuneflow.core.document.MalformedDocumentException;
import io.tuneflow.core.document.SourceDocument;
import io.tuneflow.core.orchestration.CheckTuningJob;
import io.tuneflow.core.orchestration.JobReference;
import io.tuneflow.core.orchestration.ResultsLocation;
import io.tuneflow.core.orchestration.StartTuningJob;
import io.tuneflow.core.request.ReadResult;
import io.tuneflow.core.request.TuningRequest;
import io.tuneflow.core.request.TuningRequestReader;
import io.tuneflow.core.validation.Problem;
import io.tuneflow.functions.internal.FunctionEnvironment;
import io.tuneflow.functions.internal.HandlerIo;
import io.tuneflow.functions.internal.JsonIo;
import io.tuneflow.functions.internal.RequestDocuments;
import io.tuneflow.functions.internal.Trigger;
import io.tuneflow.functions.internal.TriggerReader;
import io.tuneflow.functions.internal.WarmStart;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Starts a tuning job from whatever triggered the workflow (see {@link TriggerReader} for the forms), after
 * validating the request: an invalid one starts nothing, gets its validation report written beside it and fails with
 * {@link InvalidTuningRequestException}.
 *
 * <p>Input: {@code {"trigger": <the execution's input>, "execution": {"id": ..., "startTime": ...}}} as the state
 * machine passes it, or the trigger alone. Output: {@link StartTuningOutput}.
 *
 * <p>The same trigger twice names the same job, so the second sees it exists and answers {@code alreadyStarted} —
 * unless the job carries this execution's ARN in its {@code tuneflow:started-by} tag: then this execution's own
 * earlier attempt created it (a retried state, a response lost in transit), and this execution follows it. (An
 * earlier version compared the job's creation time with the execution's start, which took a second delivery of the
 * same event, seconds later, for a retry.)
 */
public final class StartTuning implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StartTuning.class);
    private static final String INPUT_SHAPE = "{\"trigger\": {...}, \"execution\": {\"id\": \"...\"}}";

    private final SageMakerClient sageMaker;
    private final RequestDocuments documents;
    private final FunctionSettings settings;
    private final Clock clock;

    /** For Lambda: clients and settings from the environment, built once per container. */
    public StartTuning() {
        this(FunctionEnvironment.system());
    }

    private StartTuning(FunctionEnvironment environment) {
        this(environment.sageMaker(), environment.s3(), environment.settings());
    }

    public StartTuning(SageMakerClient sageMaker, S3Client s3, FunctionSettings settings) {
        this(sageMaker, s3, settings, Clock.systemUTC());
    }

    StartTuning(SageMakerClient sageMaker, S3Client s3, FunctionSettings settings, Clock clock) {
        this.sageMaker = sageMaker;
        this.documents = new RequestDocuments(s3);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        JsonIo.handle("StartTuning", context, input, output, this::start);
    }

    StartTuningOutput start(JsonNode input) {
        boolean wrapped = input.isObject() && input.has("trigger");
        String execution = wrapped ? executionId(input.path("execution")) : null;
        Trigger trigger = new TriggerReader(settings).read(wrapped ? input.get("trigger") : input);
        if (trigger instanceof Trigger.Ignored ignored) {
            LOG.info("Nothing to start: {}", ignored.reason());
            return StartTuningOutput.ignored(ignored.reason());
        }
        Trigger.Request request = (Trigger.Request) trigger;

        RequestDocuments.Loaded loaded = request.isInline() ? null
                : documents.load(request.bucket(), request.keys(), request.description());
        String source = loaded == null ? "inline" : loaded.name();
        SourceDocument document;
        try {
            document = loaded == null ? SourceDocument.of("the inline request", DocumentFormat.JSON, request.inline().deepCopy())
                    : DocumentReader.parse(loaded.name(), loaded.text());
        } catch (MalformedDocumentException e) {
            throw invalid(TuningRequestReader.read(loaded.name(), loaded.text()), loaded);
        }
        String warmStartParent = request.warmStartType() == null ? null : addWarmStart(document, request);

        ReadResult read = TuningRequestReader.read(document);
        if (!read.valid()) {
            throw invalid(read, loaded);
        }
        TuningRequest valid = read.validRequest();
        ResultsLocation results = resultsOf(valid, source);
        String pipeline = valid.tuneflow().pipelineName().orElse(request.pipeline() != null ? request.pipeline()
                : valid.sageMakerRequest().hyperParameterTuningJobName());
        StartTuningJob starter = new StartTuningJob(sageMaker, settings.jobNamePrefix());
        HandlerIo.logAbout(starter.nameFor(valid, pipeline, request.identity()));

        // Tagged with the execution: a retry of this Start finds its own job, another trigger's execution a duplicate.
        JobReference job = starter.start(read, pipeline, request.identity(), execution);
        boolean duplicate = job.alreadyStarted();
        long elapsed = Math.max(0, Duration.between(job.startedAt(), clock.instant()).getSeconds());
        if (duplicate) {
            LOG.info("Tuning job {} was started before by the same request; this trigger ends here", job.tuningJobName(),
                    entry("request", source), entry("trigger", request.description()));
        } else {
            LOG.info("Started tuning job {}", job.tuningJobName(), entry("request", source),
                    entry("trigger", request.description()), entry("pipeline", pipeline), entry("results", uri(results)),
                    entry("warm_start_parent", warmStartParent));
        }
        return new StartTuningOutput(job.tuningJobName(), job.tuningJobArn(), pipeline, uri(results), source,
                job.startedAt().toString(), duplicate, false,
                duplicate ? "the same request" + (request.identity() == null ? "" : " and trigger")
                        + " started this job before, at " + job.startedAt() : null,
                warmStartParent, CheckTuningJob.nextPollSeconds(elapsed));
    }

    /** Adds the pipeline's latest job as a warm-start parent when there is a usable one; returns its name. */
    private String addWarmStart(SourceDocument document, Trigger.Request request) {
        if (!(document.root() instanceof ObjectNode root)) {
            return null;
        }
        JsonNode section = root.path("Tuneflow");
        String pipeline = section.path("PipelineName").isTextual() ? section.get("PipelineName").textValue() : request.pipeline();
        ResultsLocation results;
        try {
            results = section.path("Results").isTextual() ? ResultsLocation.parse(section.get("Results").textValue())
                    : settings.defaultResults();
        } catch (IllegalArgumentException e) {
            return null; // validation reports the malformed Results
        }
        if (results == null || pipeline == null) {
            LOG.warn("No warm start for the {}: no results location to find the pipeline's latest.json in", request.description());
            return null;
        }
        String latestKey = results.key(pipeline, "latest.json");
        String parent = documents.readJson(results.bucket(), latestKey).flatMap(WarmStart::usableParent).orElse(null);
        if (parent == null) {
            LOG.info("No warm start: s3://{}/{} names no Completed or Stopped job with a best training job; starting cold",
                    results.bucket(), latestKey);
            return null;
        }
        WarmStart.addParents(root, lineageOf(parent), request.warmStartType());
        return parent;
    }

    /**
     * The parent's own warm-start parents, then the parent: scheduled runs chain, each learning from the runs
     * before it (SageMaker reads only the parents' trials, not theirs). A parent SageMaker does not know has no
     * lineage to read: it goes in alone, and SageMaker's CreateHyperParameterTuningJob then reports it.
     */
    private List<String> lineageOf(String parent) {
        List<String> lineage = new ArrayList<>();
        try {
            var described = sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(parent));
            if (described.warmStartConfig() != null) {
                described.warmStartConfig().parentHyperParameterTuningJobs().forEach(p -> lineage.add(p.hyperParameterTuningJobName()));
            }
        } catch (ResourceNotFoundException e) {
            LOG.warn("The pipeline's latest job {} is not known to SageMaker; warm-starting from it alone", parent);
        }
        lineage.add(parent);
        return lineage;
    }

    private ResultsLocation resultsOf(TuningRequest request, String source) {
        if (request.tuneflow().results().isPresent()) {
            return ResultsLocation.parse(request.tuneflow().results().get());
        }
        if (settings.defaultResults() == null) {
            throw new InvalidInputException("The request " + source + " does not say where to publish its results: add "
                    + "\"Tuneflow\": {\"Results\": \"s3://bucket/prefix\"} to it, or set " + FunctionSettings.RESULTS
                    + " on the function.");
        }
        return settings.defaultResults();
    }

    private InvalidTuningRequestException invalid(ReadResult read, RequestDocuments.Loaded loaded) {
        String report = loaded == null ? null : documents.writeReport(loaded.bucket(), loaded.key(), read.report());
        int count = read.report().errors().size();
        String first = read.report().errors().stream().limit(3).map(StartTuning::describe).collect(Collectors.joining(" "));
        return new InvalidTuningRequestException(read.report().source() + " is not a valid tuning request: " + count
                + (count == 1 ? " error" : " errors") + ", nothing was started. "
                + (report == null ? "" : "Report: " + report + ". ") + first
                + (count > 3 ? " (and " + (count - 3) + " more)" : ""), report);
    }

    /** {@code s3://bucket/prefix}, as requests and TUNEFLOW_RESULTS write it. */
    private static String uri(ResultsLocation results) {
        return "s3://" + results.bucket() + (results.prefix().isEmpty() ? "" : "/" + results.prefix());
    }

    private static String describe(Problem problem) {
        String where = problem.sourceLocation().map(l -> " (line " + l.line() + ")").orElse("");
        return problem.path() + where + ": " + problem.message() + " Fix: " + problem.fix();
    }

    private static String executionId(JsonNode execution) {
        JsonNode id = execution.get("id");
        if (id != null && !id.isNull() && !id.isTextual()) {
            throw new InvalidInputException("StartTuning's \"execution.id\" must be the execution's ARN as text (the state"
                    + " machine passes $$.Execution.Id), not " + id + "; its input is " + INPUT_SHAPE);
        }
        return id == null || id.isNull() ? null : id.asText();
    }

}
