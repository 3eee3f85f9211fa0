package io.tuneflow.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tuneflow.core.document.DocumentFormat;
import io.tuneflow.core.document.JsonPath;
import io.tuneflow.core.document.SourceDocument;
import io.tuneflow.core.model.DocumentBinder;
import io.tuneflow.core.model.PojoWriter;
import io.tuneflow.core.model.ServiceModel;
import io.tuneflow.core.request.ReadResult;
import io.tuneflow.core.request.TuneflowSettings;
import io.tuneflow.core.request.TuningRequestReader;
import io.tuneflow.core.validation.Problem;
import io.tuneflow.core.validation.Problems;
import io.tuneflow.engine.LocalSageMaker;
import io.tuneflow.engine.tuning.Trial;
import io.tuneflow.engine.tuning.TuningJob;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.ListHyperParameterTuningJobsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListHyperParameterTuningJobsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsForHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsForHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.StopHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.StopHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.StopTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.StopTrainingJobResponse;

/**
 * SageMaker's JSON protocol (awsJson1_1, {@code X-Amz-Target: SageMaker.<Operation>}) over the engine: requests are
 * bound and validated with the same binder and rules as request documents, responses written from the SDK's model
 * classes, so their shapes are the service's.
 */
public final class SageMakerApi {

    private final LocalSageMaker engine;
    private final Map<String, Function<JsonNode, SdkPojo>> operations;

    public SageMakerApi(LocalSageMaker engine) {
        this.engine = engine;
        this.operations = Map.of(
                "CreateHyperParameterTuningJob", this::create,
                "DescribeHyperParameterTuningJob", this::describe,
                "ListHyperParameterTuningJobs", this::list,
                "StopHyperParameterTuningJob", this::stop,
                "ListTrainingJobsForHyperParameterTuningJob", this::listTrainingJobs,
                "DescribeTrainingJob", this::describeTrainingJob,
                "ListTrainingJobs", this::listAllTrainingJobs,
                "StopTrainingJob", this::stopTrainingJob,
                "ListTags", this::listTags);
    }

    /** Handles one call; returns the response body, or throws {@link SageMakerError}. */
    public JsonNode handle(String operation, JsonNode body) {
        Function<JsonNode, SdkPojo> handler = operations.get(operation);
        if (handler == null) {
            throw new SageMakerError("UnknownOperationException", 400, "The local engine does not support " + operation
                    + "; it serves " + String.join(", ", operations.keySet().stream().sorted().toList()) + ".");
        }
        return PojoWriter.write(handler.apply(body));
    }

    private SdkPojo create(JsonNode body) {
        if (body.has(TuneflowSettings.SECTION)) {
            throw SageMakerError.validation("1 validation error detected: the Tuneflow section is for Tuneflow's CLI and "
                    + "orchestrator; remove it before calling CreateHyperParameterTuningJob.");
        }
        ReadResult result = TuningRequestReader.read(SourceDocument.of("CreateHyperParameterTuningJob", DocumentFormat.JSON, body));
        if (!result.valid()) {
            throw SageMakerError.validation(describe(result.report().errors()));
        }
        TuningJob job = engine.create(result.validRequest().sageMakerRequest());
        return CreateHyperParameterTuningJobResponse.builder().hyperParameterTuningJobArn(job.arn()).build();
    }

    private SdkPojo describe(JsonNode body) {
        DescribeHyperParameterTuningJobRequest request = bind(body, "DescribeHyperParameterTuningJobRequest",
                DescribeHyperParameterTuningJobRequest::builder);
        TuningJob job = engine.tuningJob(request.hyperParameterTuningJobName());
        return Responses.describe(job, engine.parentsOf(job));
    }

    private SdkPojo list(JsonNode body) {
        ListHyperParameterTuningJobsRequest request = bind(body, "ListHyperParameterTuningJobsRequest", ListHyperParameterTuningJobsRequest::builder);
        List<TuningJob> jobs = engine.tuningJobs().stream()
                .filter(j -> request.statusEquals() == null || j.status().equals(request.statusEqualsAsString()))
                .filter(j -> request.nameContains() == null || j.name().toLowerCase().contains(request.nameContains().toLowerCase()))
                .sorted(tuningJobOrder(request.sortByAsString(), request.sortOrderAsString()))
                .toList();
        Page page = Page.of(request.nextToken(), request.maxResults(), jobs.size());
        ListHyperParameterTuningJobsResponse.Builder response = ListHyperParameterTuningJobsResponse.builder()
                .hyperParameterTuningJobSummaries(jobs.subList(page.from(), page.to()).stream().map(Responses::tuningJobSummary).toList());
        page.nextToken().ifPresent(response::nextToken);
        return response.build();
    }

    private SdkPojo stop(JsonNode body) {
        StopHyperParameterTuningJobRequest request = bind(body, "StopHyperParameterTuningJobRequest", StopHyperParameterTuningJobRequest::builder);
        engine.stop(request.hyperParameterTuningJobName());
        return StopHyperParameterTuningJobResponse.builder().build();
    }

    private SdkPojo listTrainingJobs(JsonNode body) {
        ListTrainingJobsForHyperParameterTuningJobRequest request = bind(body, "ListTrainingJobsForHyperParameterTuningJobRequest",
                ListTrainingJobsForHyperParameterTuningJobRequest::builder);
        TuningJob job = engine.tuningJob(request.hyperParameterTuningJobName());
        List<Trial> trials = job.trials().stream()
                .filter(t -> request.statusEquals() == null || t.status().equals(request.statusEqualsAsString()))
                .sorted(trialOrder(request.sortByAsString(), request.sortOrderAsString()))
                .toList();
        Page page = Page.of(request.nextToken(), request.maxResults(), trials.size());
        ListTrainingJobsForHyperParameterTuningJobResponse.Builder response = ListTrainingJobsForHyperParameterTuningJobResponse.builder()
                .trainingJobSummaries(trials.subList(page.from(), page.to()).stream().map(t -> Responses.summary(job, t)).toList());
        page.nextToken().ifPresent(response::nextToken);
        return response.build();
    }

    private SdkPojo describeTrainingJob(JsonNode body) {
        DescribeTrainingJobRequest request = bind(body, "DescribeTrainingJobRequest", DescribeTrainingJobRequest::builder);
        Map.Entry<TuningJob, Trial> found = engine.trainingJob(request.trainingJobName())
                .orElseThrow(() -> SageMakerError.validation("Requested resource not found: training job " + request.trainingJobName()));
        return Responses.describeTrainingJob(found.getKey(), found.getValue());
    }

    /** ListTags for a tuning job's ARN: the Tags of its CreateHyperParameterTuningJob request. */
    private SdkPojo listTags(JsonNode body) {
        ListTagsRequest request = bind(body, "ListTagsInput", ListTagsRequest::builder);
        TuningJob job = engine.tuningJobs().stream().filter(j -> j.arn().equalsIgnoreCase(request.resourceArn())).findFirst()
                .orElseThrow(() -> SageMakerError.notFound("Requested resource not found: " + request.resourceArn()
                        + " (the local engine keeps the tags of tuning jobs)"));
        List<Tag> tags = job.request().tags();
        Page page = Page.of(request.nextToken(), request.maxResults(), tags.size());
        ListTagsResponse.Builder response = ListTagsResponse.builder().tags(tags.subList(page.from(), page.to()));
        page.nextToken().ifPresent(response::nextToken);
        return response.build();
    }

    private SdkPojo stopTrainingJob(JsonNode body) {
        StopTrainingJobRequest request = bind(body, "StopTrainingJobRequest", StopTrainingJobRequest::builder);
        engine.stopTrainingJob(request.trainingJobName());
        return StopTrainingJobResponse.builder().build();
    }

    private SdkPojo listAllTrainingJobs(JsonNode body) {
        ListTrainingJobsRequest request = bind(body, "ListTrainingJobsRequest", ListTrainingJobsRequest::builder);
        List<Map.Entry<TuningJob, Trial>> all = engine.tuningJobs().stream()
                .flatMap(j -> j.trials().stream().map(t -> Map.entry(j, t)))
                .filter(e -> request.statusEquals() == null || e.getValue().status().equals(request.statusEqualsAsString()))
                .filter(e -> request.nameContains() == null
                        || e.getValue().trainingJobName().toLowerCase().contains(request.nameContains().toLowerCase()))
                .filter(e -> request.creationTimeAfter() == null || e.getValue().creationTime().isAfter(request.creationTimeAfter()))
                .filter(e -> request.creationTimeBefore() == null || e.getValue().creationTime().isBefore(request.creationTimeBefore()))
                .sorted(Comparator.comparing((Map.Entry<TuningJob, Trial> e) -> e.getValue(),
                        trialOrder(request.sortByAsString(), request.sortOrderAsString())))
                .toList();
        Page page = Page.of(request.nextToken(), request.maxResults(), all.size());
        ListTrainingJobsResponse.Builder response = ListTrainingJobsResponse.builder()
                .trainingJobSummaries(all.subList(page.from(), page.to()).stream().map(e -> Responses.trainingJobSummary(e.getValue())).toList());
        page.nextToken().ifPresent(response::nextToken);
        return response.build();
    }

    private static Comparator<TuningJob> tuningJobOrder(String sortBy, String sortOrder) {
        Comparator<TuningJob> order = "Name".equals(sortBy) ? Comparator.comparing(TuningJob::name)
                : "Status".equals(sortBy) ? Comparator.comparing(TuningJob::status) : Comparator.comparing(TuningJob::creationTime);
        return "Ascending".equals(sortOrder) ? order : order.reversed();
    }

    /** SageMaker's orders; FinalObjectiveMetricValue puts trials without a value last, best first when descending. */
    private static Comparator<Trial> trialOrder(String sortBy, String sortOrder) {
        Comparator<Trial> order = switch (sortBy == null || sortBy.equals("null") ? "CreationTime" : sortBy) {
            case "Name" -> Comparator.comparing(Trial::trainingJobName);
            case "Status" -> Comparator.comparing(Trial::status);
            case "FinalObjectiveMetricValue" -> Comparator.comparing(Trial::objective, Comparator.nullsFirst(Comparator.naturalOrder()));
            default -> Comparator.comparing(Trial::creationTime).thenComparing(Trial::index);
        };
        return "Ascending".equals(sortOrder) ? order : order.reversed();
    }

    private <T extends SdkPojo> T bind(JsonNode body, String shape, Supplier<? extends SdkPojo> builder) {
        Problems problems = new Problems();
        T request = new DocumentBinder(ServiceModel.sageMaker(), SourceDocument.of(shape, DocumentFormat.JSON, body), problems)
                .bind(body, JsonPath.root(), shape, builder, Set.of());
        if (problems.hasErrors()) {
            throw SageMakerError.validation(describe(problems.toList().stream().filter(Problem::isError).toList()));
        }
        return request;
    }

    /** SageMaker's message form: "N validation errors detected: ...", here with the JSON path and the fix of each. */
    static String describe(List<Problem> errors) {
        return errors.size() + " validation error" + (errors.size() == 1 ? "" : "s") + " detected: "
                + errors.stream().map(p -> p.path() + ": " + p.message() + " " + p.fix()).collect(Collectors.joining("; "));
    }

    /** Offset paging with an opaque NextToken, MaxResults defaulting to SageMaker's 10 (at most 100). */
    record Page(int from, int to, int total) {
        static Page of(String token, Integer maxResults, int total) {
            int from = 0;
            if (token != null) {
                try {
                    from = Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw SageMakerError.validation("Invalid pagination token " + token);
                }
            }
            int size = maxResults == null ? 10 : Math.max(1, Math.min(100, maxResults));
            int start = Math.min(from, total);
            return new Page(start, Math.min(total, start + size), total);
        }

        java.util.Optional<String> nextToken() {
            return to < total ? java.util.Optional.of(Base64.getEncoder().encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8)))
                    : java.util.Optional.empty();
        }
    }
}
