package io.tuneflow.core.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * The report's metric series on AWS. SageMaker publishes every value its metric definitions extract to CloudWatch, in
 * the namespace {@code /aws/sagemaker/TrainingJobs} with the dimension {@code TrainingJobName}; this reads them with
 * GetMetricData, one query per training job (500 to a call, GetMetricData's limit), as one-minute averages — the finest
 * period CloudWatch keeps beyond a few hours, so a series has one value per minute of training, not one per epoch.
 *
 * <p>A CloudWatch failure (no {@code cloudwatch:GetMetricData} permission, throttling past the SDK's retries) does not
 * fail the report: the curves are then unavailable, with CloudWatch's message as the reason.
 */
public final class CloudWatchMetricCurves implements MetricCurveSource {

    static final String NAMESPACE = "/aws/sagemaker/TrainingJobs";
    private static final int QUERIES_PER_CALL = 500;
    private static final int PERIOD_SECONDS = 60;
    /** CloudWatch aligns data points to whole minutes; a little margin keeps a job's first and last minute. */
    private static final Duration MARGIN = Duration.ofMinutes(2);

    private final CloudWatchClient cloudWatch;
    private final Clock clock;

    private CloudWatchMetricCurves(CloudWatchClient cloudWatch, Clock clock) {
        this.cloudWatch = cloudWatch;
        this.clock = clock;
    }

    public static CloudWatchMetricCurves create(CloudWatchClient cloudWatch) {
        return new CloudWatchMetricCurves(cloudWatch, Clock.systemUTC());
    }

    static CloudWatchMetricCurves create(CloudWatchClient cloudWatch, Clock clock) {
        return new CloudWatchMetricCurves(cloudWatch, clock);
    }

    @Override
    public TrainingCurves curves(String metricName, List<TrainingJobTimes> trainingJobs) {
        List<TrainingJobTimes> started = trainingJobs.stream().filter(j -> j.start() != null).toList();
        Map<String, TreeMap<Instant, Double>> points = new LinkedHashMap<>();
        try {
            for (int from = 0; from < started.size(); from += QUERIES_PER_CALL) {
                read(metricName, started.subList(from, Math.min(started.size(), from + QUERIES_PER_CALL)), points);
            }
        } catch (SdkException e) {
            return TrainingCurves.unavailable(metricName, "CloudWatch GetMetricData failed: " + e.getMessage());
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        points.forEach((job, values) -> {
            if (!values.isEmpty()) {
                series.put(job, new ArrayList<>(values.values()));
            }
        });
        return new TrainingCurves(metricName, series, "minute (CloudWatch 1-minute average)", null);
    }

    /** One GetMetricData request (followed through its pages) for up to 500 training jobs. */
    private void read(String metricName, List<TrainingJobTimes> jobs, Map<String, TreeMap<Instant, Double>> points) {
        Instant now = Instant.now(clock);
        Instant start = jobs.stream().map(TrainingJobTimes::start).min(Instant::compareTo).orElseThrow()
                .truncatedTo(ChronoUnit.MINUTES).minus(MARGIN);
        Instant end = jobs.stream().map(j -> j.end() == null ? now : j.end()).max(Instant::compareTo).orElseThrow().plus(MARGIN);
        Map<String, String> jobById = new LinkedHashMap<>();
        List<MetricDataQuery> queries = new ArrayList<>();
        for (TrainingJobTimes job : jobs) {
            String id = "m" + jobById.size(); // query ids must start with a lower-case letter
            jobById.put(id, job.name());
            queries.add(MetricDataQuery.builder().id(id).returnData(true)
                    .metricStat(s -> s.period(PERIOD_SECONDS).stat("Average")
                            .metric(m -> m.namespace(NAMESPACE).metricName(metricName)
                                    .dimensions(d -> d.name("TrainingJobName").value(job.name()))))
                    .build());
        }
        GetMetricDataRequest request = GetMetricDataRequest.builder().metricDataQueries(queries).startTime(start).endTime(end)
                .scanBy(ScanBy.TIMESTAMP_ASCENDING).build();
        for (GetMetricDataResponse page : cloudWatch.getMetricDataPaginator(request)) {
            for (MetricDataResult result : page.metricDataResults()) {
                String job = jobById.get(result.id());
                if (job == null) {
                    continue;
                }
                TreeMap<Instant, Double> values = points.computeIfAbsent(job, j -> new TreeMap<>());
                for (int k = 0; k < Math.min(result.timestamps().size(), result.values().size()); k++) {
                    values.put(Objects.requireNonNull(result.timestamps().get(k)), result.values().get(k));
                }
            }
        }
    }
}
