package io.tuneflow.functions.internal;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tuneflow.core.validation.DidYouMean;
import io.tuneflow.functions.FunctionSettings;
import io.tuneflow.functions.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joda.time.DateTime;

/**
 * Tells the forms of Start's input apart and reduces each to a {@link Trigger}:
 * <ul>
 *   <li>an EventBridge event from S3, {@code "detail-type": "Object Created"}: a key below the requests prefix is a
 *       request; a key below {@code <datasets>/<pipeline>/} starts that pipeline's request, the data set object
 *       being part of the job's name;</li>
 *   <li>a schedule payload {@code {"pipeline", "requestKey"?, "bucket"?, "warmStartFromLatest"?, "warmStartType"?,
 *       "scheduledTime"?}};</li>
 *   <li>an inline request: {@code {"request": {...}}}, or the request document itself;</li>
 *   <li>a location: {@code {"bucket", "key"}}.</li>
 * </ul>
 */
public final class TriggerReader {

    static final String FORMS = "an EventBridge \"Object Created\" event from S3, a schedule payload "
            + "{\"pipeline\": \"...\", \"warmStartFromLatest\": true}, an inline request {\"request\": {...}} (or the request "
            + "document itself), or a location {\"bucket\": \"...\", \"key\": \"...\"}";
    static final Set<String> SCHEDULE_FIELDS = Set.of("pipeline", "requestKey", "bucket", "warmStartFromLatest",
            "warmStartType", "scheduledTime", "pollsPerExecution");
    static final String DEFAULT_WARM_START_TYPE = "IdenticalDataAndAlgorithm";
    private static final List<String> DOCUMENT_EXTENSIONS = List.of(".json", ".yaml", ".yml");

    /** EventBridge events in aws-lambda-java-events' type; it keeps the JSON name of one field only in its getter's name. */
    private static final ObjectMapper EVENTS = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .addMixIn(ScheduledEvent.class, EventBridgeEventJson.class);

    private final FunctionSettings settings;

    public TriggerReader(FunctionSettings settings) {
        this.settings = settings;
    }

    public Trigger read(JsonNode trigger) {
        if (trigger == null || !trigger.isObject()) {
            throw new InvalidInputException("StartTuning takes a JSON object: " + FORMS + "; got: "
                    + (trigger == null ? "nothing" : JsonIo.abbreviate(trigger)));
        }
        if (trigger.has("detail-type") && trigger.has("source")) {
            return fromEventBridge(EVENTS.convertValue(trigger, ScheduledEvent.class));
        }
        if (trigger.has("pipeline")) {
            return fromSchedule(trigger);
        }
        if (trigger.has("request")) {
            JsonNode request = trigger.get("request");
            if (!request.isObject()) {
                throw new InvalidInputException("An inline request is a JSON object, the CreateHyperParameterTuningJob "
                        + "document: {\"request\": {\"HyperParameterTuningJobConfig\": {...}, ...}}; got \"request\": "
                        + JsonIo.abbreviate(request));
            }
            return inline(request);
        }
        if (trigger.has("HyperParameterTuningJobConfig") || trigger.has("TrainingJobDefinition")
                || trigger.has("TrainingJobDefinitions")) {
            return inline(trigger);
        }
        if (trigger.has("bucket") && trigger.has("key")) {
            return fromObject(text(trigger, "bucket"), text(trigger, "key"), null, null);
        }
        throw new InvalidInputException("StartTuning cannot tell what started it. It takes " + FORMS
                + "; the input has the keys " + fieldNames(trigger) + ".");
    }

    /** S3 sends object-created events to EventBridge as {@code detail.bucket.name} and {@code detail.object.key}. */
    Trigger fromEventBridge(ScheduledEvent event) {
        if (!"aws.s3".equals(event.getSource()) || !"Object Created".equals(event.getDetailType())) {
            return new Trigger.Ignored("an EventBridge event \"" + event.getDetailType() + "\" from " + event.getSource()
                    + " is not an S3 \"Object Created\" event");
        }
        Map<String, Object> detail = event.getDetail() == null ? Map.of() : event.getDetail();
        String bucket = nested(detail, "bucket", "name");
        String key = nested(detail, "object", "key");
        if (bucket == null || key == null) {
            throw new InvalidInputException("The S3 \"Object Created\" event has no detail.bucket.name or detail.object.key: "
                    + detail);
        }
        return fromObject(bucket, key, nested(detail, "object", "etag"), nested(detail, "object", "version-id"));
    }

    Trigger fromObject(String bucket, String key, String etag, String versionId) {
        String uri = "s3://" + bucket + "/" + key;
        if (key.startsWith(settings.requestsPrefix())) {
            if (isErrorReport(key)) {
                return new Trigger.Ignored(uri + " is a validation report that Tuneflow wrote, not a request");
            }
            if (DOCUMENT_EXTENSIONS.stream().noneMatch(key.toLowerCase(java.util.Locale.ROOT)::endsWith)) {
                return new Trigger.Ignored(uri + " is not a request document (.json, .yaml or .yml)");
            }
            return new Trigger.Request(bucket, List.of(key), null, null, null, null, "upload of " + uri);
        }
        if (key.startsWith(settings.datasetsPrefix()) || matchingDatasetPrefix(key) != null) {
            return fromDataset(bucket, key, etag, versionId);
        }
        return new Trigger.Ignored(uri + " is neither below " + settings.requestsPrefix() + " (requests) nor below "
                + settings.datasetsPrefix() + " (data sets)");
    }

    private Trigger fromDataset(String bucket, String key, String etag, String versionId) {
        String uri = "s3://" + bucket + "/" + key;
        String version = versionId != null ? versionId : etag;
        String identity = "dataset:" + uri + (version == null ? "" : "@" + version);
        String mapped = matchingDatasetPrefix(key);
        if (mapped != null) {
            String requestKey = settings.datasetRequests().get(mapped);
            return new Trigger.Request(bucket, List.of(requestKey), null, null, identity, null, "data set " + uri);
        }
        String rest = key.substring(settings.datasetsPrefix().length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return new Trigger.Ignored(uri + " is not below " + settings.datasetsPrefix() + "<pipeline>/, so it names no pipeline");
        }
        String pipeline = rest.substring(0, slash);
        return new Trigger.Request(bucket, pipelineRequestKeys(pipeline), null, pipeline, identity, null, "data set " + uri);
    }

    private Trigger fromSchedule(JsonNode schedule) {
        List<String> unknown = new ArrayList<>();
        schedule.fieldNames().forEachRemaining(name -> {
            if (!SCHEDULE_FIELDS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            String name = unknown.get(0);
            String hint = DidYouMean.closest(name, SCHEDULE_FIELDS).map(c -> " Did you mean \"" + c + "\"?").orElse("");
            throw new InvalidInputException("The schedule payload has an unknown field \"" + name + "\"." + hint
                    + " It takes " + new java.util.TreeSet<>(SCHEDULE_FIELDS) + ".");
        }
        String pipeline = text(schedule, "pipeline");
        String bucket = schedule.hasNonNull("bucket") ? text(schedule, "bucket") : settings.defaultBucket();
        if (bucket == null) {
            throw new InvalidInputException("The schedule payload for pipeline \"" + pipeline + "\" names no bucket: add "
                    + "\"bucket\" to it, or set " + FunctionSettings.BUCKET + " on the function.");
        }
        List<String> keys = schedule.hasNonNull("requestKey") ? List.of(text(schedule, "requestKey")) : pipelineRequestKeys(pipeline);
        JsonNode warm = schedule.get("warmStartFromLatest");
        if (warm != null && !warm.isBoolean()) {
            throw new InvalidInputException("\"warmStartFromLatest\" in the schedule payload is true or false, not " + warm);
        }
        String warmStartType = warm != null && warm.booleanValue()
                ? (schedule.hasNonNull("warmStartType") ? text(schedule, "warmStartType") : DEFAULT_WARM_START_TYPE) : null;
        String identity = schedule.hasNonNull("scheduledTime") ? "schedule:" + text(schedule, "scheduledTime") : null;
        return new Trigger.Request(bucket, keys, null, pipeline, identity, warmStartType, "schedule of pipeline " + pipeline);
    }

    private Trigger inline(JsonNode document) {
        return new Trigger.Request(null, List.of(), document, null, null, null, "inline request");
    }

    /** The request of a pipeline by convention: {@code <requests>/<pipeline>.json}, else .yaml, else .yml. */
    private List<String> pipelineRequestKeys(String pipeline) {
        return DOCUMENT_EXTENSIONS.stream().map(ext -> settings.requestsPrefix() + pipeline + ext).toList();
    }

    private String matchingDatasetPrefix(String key) {
        return settings.datasetRequests().keySet().stream().filter(key::startsWith)
                .max(java.util.Comparator.comparingInt(String::length)).orElse(null);
    }

    /** Start writes reports to {@code <dir>/errors/<name>.json}; those objects must not start anything in turn. */
    static boolean isErrorReport(String key) {
        int slash = key.lastIndexOf('/');
        return slash >= 0 && (key.substring(0, slash).equals("errors") || key.substring(0, slash).endsWith("/errors"));
    }

    @SuppressWarnings("unchecked")
    private static String nested(Map<String, Object> map, String outer, String inner) {
        Object value = map.get(outer);
        if (value instanceof Map<?, ?> m && m.get(inner) != null) {
            return String.valueOf(((Map<String, Object>) m).get(inner));
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new InvalidInputException("\"" + field + "\" must be a non-empty string; got " + value
                    + " in " + JsonIo.abbreviate(node));
        }
        return value.textValue();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** JSON names of {@link ScheduledEvent}, the events library's type for any EventBridge event. */
    abstract static class EventBridgeEventJson {
        @JsonProperty("detail-type")
        abstract String getDetailType();

        @JsonProperty("detail-type")
        abstract void setDetailType(String detailType);

        // The event time plays no part here; leaving it out spares a Joda-Time deserializer.
        @JsonIgnore
        abstract DateTime getTime();

        @JsonIgnore
        abstract void setTime(DateTime time);
    }
}
