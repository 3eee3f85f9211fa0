package io.tuneflow.functions;

import io.tuneflow.core.orchestration.ResultsLocation;
import io.tuneflow.core.orchestration.TuningJobNames;
import java.util.Map;

/**
 * What the functions learn from their environment besides the AWS clients: where results go when a request does not
 * say, and how S3 keys map to requests. {@link #fromEnvironment(Map)} reads the variables named below.
 *
 * @param defaultResults  {@code TUNEFLOW_RESULTS}: results location for requests without {@code Tuneflow.Results},
 *                        and where failures without a tuning job are recorded; null when not set
 * @param requestsPrefix  {@code TUNEFLOW_REQUESTS_PREFIX} (default {@code requests/}): an object created below it is
 *                        a request
 * @param datasetsPrefix  {@code TUNEFLOW_DATASETS_PREFIX} (default {@code datasets/}): an object created below
 *                        {@code <prefix><pipeline>/} starts the pipeline's request, {@code <requests>/<pipeline>.json}
 *                        (or {@code .yaml}, {@code .yml})
 * @param datasetRequests {@code TUNEFLOW_DATASET_REQUESTS}: a JSON object, data set prefix → request key, for data
 *                        sets that do not follow that layout; the longest matching prefix wins
 * @param defaultBucket   {@code TUNEFLOW_BUCKET}: the bucket of schedule payloads that name none; null when not set
 * @param jobNamePrefix   {@code TUNEFLOW_JOB_NAME_PREFIX}: put before every tuning-job name, so that the functions'
 *                        IAM policies can be scoped to {@code hyper-parameter-tuning-job/<prefix>*}; "" for none
 */
public record FunctionSettings(ResultsLocation defaultResults, String requestsPrefix, String datasetsPrefix,
                               Map<String, String> datasetRequests, String defaultBucket, String jobNamePrefix) {

    public static final String RESULTS = "TUNEFLOW_RESULTS";
    public static final String REQUESTS_PREFIX = "TUNEFLOW_REQUESTS_PREFIX";
    public static final String DATASETS_PREFIX = "TUNEFLOW_DATASETS_PREFIX";
    public static final String DATASET_REQUESTS = "TUNEFLOW_DATASET_REQUESTS";
    public static final String BUCKET = "TUNEFLOW_BUCKET";
    public static final String JOB_NAME_PREFIX = "TUNEFLOW_JOB_NAME_PREFIX";

    public FunctionSettings {
        requestsPrefix = asPrefix(requestsPrefix, "requests/");
        datasetsPrefix = asPrefix(datasetsPrefix, "datasets/");
        datasetRequests = datasetRequests == null ? Map.of() : Map.copyOf(datasetRequests);
        jobNamePrefix = jobNamePrefix == null ? "" : jobNamePrefix;
        if (!jobNamePrefix.isEmpty() && TuningJobNames.validNamePrefix(jobNamePrefix) != null) {
            throw new IllegalArgumentException(TuningJobNames.validNamePrefix(jobNamePrefix));
        }
    }

    /** No default results location or bucket, the conventional prefixes, no job-name prefix. */
    public static FunctionSettings defaults() {
        return new FunctionSettings(null, null, null, null, null, null);
    }

    /** @throws IllegalStateException naming the variable whose value cannot be used */
    public static FunctionSettings fromEnvironment(Map<String, String> environment) {
        ResultsLocation results = null;
        String resultsUri = blankToNull(environment.get(RESULTS));
        if (resultsUri != null) {
            try {
                results = ResultsLocation.parse(resultsUri);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(RESULTS + " must be an s3://bucket/prefix URI, but it is \"" + resultsUri + "\"");
            }
        }
        String namePrefix = blankToNull(environment.get(JOB_NAME_PREFIX));
        if (namePrefix != null && TuningJobNames.validNamePrefix(namePrefix) != null) {
            throw new IllegalStateException(JOB_NAME_PREFIX + ": " + TuningJobNames.validNamePrefix(namePrefix));
        }
        return new FunctionSettings(results, environment.get(REQUESTS_PREFIX), environment.get(DATASETS_PREFIX),
                DatasetRequestMapping.parse(DATASET_REQUESTS, environment.get(DATASET_REQUESTS)),
                blankToNull(environment.get(BUCKET)), namePrefix);
    }

    public FunctionSettings withDefaultResults(ResultsLocation results) {
        return new FunctionSettings(results, requestsPrefix, datasetsPrefix, datasetRequests, defaultBucket, jobNamePrefix);
    }

    public FunctionSettings withDefaultBucket(String bucket) {
        return new FunctionSettings(defaultResults, requestsPrefix, datasetsPrefix, datasetRequests, bucket, jobNamePrefix);
    }

    public FunctionSettings withDatasetRequests(Map<String, String> mapping) {
        return new FunctionSettings(defaultResults, requestsPrefix, datasetsPrefix, mapping, defaultBucket, jobNamePrefix);
    }

    private static String asPrefix(String value, String fallback) {
        String prefix = blankToNull(value);
        if (prefix == null) {
            return fallback;
        }
        prefix = prefix.replaceAll("^/+", "");
        return prefix.endsWith("/") ? prefix : prefix + "/";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
