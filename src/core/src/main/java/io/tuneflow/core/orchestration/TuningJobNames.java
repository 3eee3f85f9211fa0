package io.tuneflow.core.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tuneflow.core.model.PojoWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;

/**
 * Tuning-job names derived from what is being tuned, so that a repeated trigger (the same request uploaded twice, a
 * retried Lambda) maps to the same name and SageMaker's ResourceInUse prevents a second job: {@code <pipeline>-<hash>},
 * at most 32 characters, where the hash covers the request's content but not its name.
 *
 * <p>A deployment may put a fixed {@linkplain #validNamePrefix(String) name prefix} before that
 * ({@code tf-nightly-1a2b3c4d}), so that IAM policies can be scoped to its jobs: SageMaker's ARNs carry the name, and
 * {@code hyper-parameter-tuning-job/tf-*} and {@code training-job/tf-*} then cover exactly the stack's jobs and their
 * training jobs (which SageMaker names {@code <tuning-job>-<NNN>-<hex>}).
 */
public final class TuningJobNames {

    static final int MAX_LENGTH = 32;
    static final int HASH_LENGTH = 8;
    /** Room for a pipeline name of at least 10 characters beside the hash. */
    public static final int MAX_PREFIX_LENGTH = 12;
    /**
     * Lower case only: SageMaker writes names into ARNs in lower case, so a policy's {@code tf-*} would not match the
     * ARN of a job named {@code TF-…}.
     */
    private static final java.util.regex.Pattern NAME_PREFIX = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,11}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TuningJobNames() {
    }

    public static String derive(String pipelineName, CreateHyperParameterTuningJobRequest request) {
        return derive(pipelineName, request, null);
    }

    /**
     * A name that also covers what triggered the job, for triggers that must start a new job with an unchanged
     * request: a new data set for the pipeline, or the next scheduled run. The same trigger delivered twice (an event
     * sent again, a retried Lambda) still gives the same name.
     *
     * @param trigger identifies the trigger, e.g. {@code dataset:s3://bucket/datasets/a.csv@<etag>}; null for none,
     *                which gives the same name as {@link #derive(String, CreateHyperParameterTuningJobRequest)}
     */
    public static String derive(String pipelineName, CreateHyperParameterTuningJobRequest request, String trigger) {
        return derive("", pipelineName, request, trigger);
    }

    /**
     * As {@link #derive(String, CreateHyperParameterTuningJobRequest, String)}, after a deployment's name prefix; the
     * pipeline part is shortened to keep the name within 32 characters.
     *
     * @param namePrefix "" for none, else a prefix {@link #validNamePrefix(String)} accepts
     */
    public static String derive(String namePrefix, String pipelineName, CreateHyperParameterTuningJobRequest request, String trigger) {
        String problem = namePrefix.isEmpty() ? null : validNamePrefix(namePrefix);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return namePrefix + prefix(pipelineName, MAX_LENGTH - HASH_LENGTH - 1 - namePrefix.length()) + "-" + contentHash(request, trigger);
    }

    /**
     * Null when {@code namePrefix} can start every job name, else what is wrong with it: 1 to
     * {@value #MAX_PREFIX_LENGTH} lower-case letters, digits and hyphens, not starting with a hyphen.
     */
    public static String validNamePrefix(String namePrefix) {
        if (namePrefix != null && NAME_PREFIX.matcher(namePrefix).matches()) {
            return null;
        }
        return "A job-name prefix must be 1 to " + MAX_PREFIX_LENGTH + " lower-case letters, digits and hyphens, starting "
                + "with a letter or digit (SageMaker puts names into ARNs in lower case, and IAM compares ARNs case by case), "
                + "like \"tf-\"; \"" + namePrefix + "\" is not.";
    }

    /** The first {@value #HASH_LENGTH} hex digits of SHA-256 over the request in canonical JSON, without its name. */
    static String contentHash(CreateHyperParameterTuningJobRequest request) {
        return contentHash(request, null);
    }

    private static String contentHash(CreateHyperParameterTuningJobRequest request, String trigger) {
        ObjectNode wire = PojoWriter.write(request.toBuilder().hyperParameterTuningJobName(null).build());
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(JSON.writeValueAsBytes(canonical(wire)));
            if (trigger != null) {
                // A separator no canonical JSON document ends with, so request+trigger pairs cannot collide by shifting.
                sha256.update((byte) 0);
                sha256.update(trigger.getBytes(StandardCharsets.UTF_8));
            }
            byte[] digest = sha256.digest();
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot hash the request", e);
        }
    }

    /** The pipeline name made into a valid name part: letters, digits and single hyphens, at most {@code room} characters. */
    static String prefix(String pipelineName, int room) {
        String cleaned = pipelineName == null ? "" : pipelineName.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (cleaned.length() > room) {
            cleaned = cleaned.substring(0, room).replaceAll("-+$", "");
        }
        return cleaned.isEmpty() ? "tuneflow" : cleaned;
    }

    /** Objects with their keys sorted at every level, so equal requests give equal bytes. */
    private static Object canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            return sorted;
        }
        if (node.isArray()) {
            java.util.List<Object> items = new java.util.ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return node;
    }
}
