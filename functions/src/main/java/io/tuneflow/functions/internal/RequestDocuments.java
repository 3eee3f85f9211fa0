package io.tuneflow.functions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tuneflow.core.validation.ValidationReport;
import io.tuneflow.core.validation.ValidationReportJson;
import io.tuneflow.functions.InvalidInputException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Request documents and the files around them in S3: the document itself, its validation report, latest.json. */
public final class RequestDocuments {

    /** A document as read from S3: {@code name} is its s3:// URI, which messages and reports show. */
    public record Loaded(String bucket, String key, String name, String text) {
    }

    private final S3Client s3;

    public RequestDocuments(S3Client s3) {
        this.s3 = s3;
    }

    /** The first of {@code keys} that exists. Keys from events may be URL-encoded; the decoded form is tried too. */
    public Loaded load(String bucket, List<String> keys, String description) {
        for (String key : keys) {
            for (String candidate : spellings(key)) {
                try {
                    String text = s3.getObjectAsBytes(b -> b.bucket(bucket).key(candidate)).asUtf8String();
                    return new Loaded(bucket, candidate, "s3://" + bucket + "/" + candidate, text);
                } catch (NoSuchKeyException e) {
                    // try the next spelling, then the next key
                }
            }
        }
        List<String> uris = keys.stream().map(k -> "s3://" + bucket + "/" + k).toList();
        throw new InvalidInputException("No request document at " + String.join(" or ", uris) + " (" + description + "). "
                + (keys.size() > 1 ? "Upload the pipeline's request there, or name its key in the schedule's \"requestKey\" "
                + "or in TUNEFLOW_DATASET_REQUESTS." : "Upload it there, or correct the key."));
    }

    /** Writes the report to {@code <dir>/errors/<name>.json} beside the request and returns its s3:// URI. */
    public String writeReport(String bucket, String requestKey, ValidationReport report) {
        String key = reportKey(requestKey);
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"),
                RequestBody.fromString(ValidationReportJson.toJson(report).toPrettyString()));
        return "s3://" + bucket + "/" + key;
    }

    /** {@code requests/team/a.yaml} → {@code requests/team/errors/a.json}. */
    static String reportKey(String requestKey) {
        int slash = requestKey.lastIndexOf('/');
        String dir = slash < 0 ? "" : requestKey.substring(0, slash + 1);
        String file = requestKey.substring(slash + 1);
        int dot = file.lastIndexOf('.');
        String base = dot > 0 ? file.substring(0, dot) : file;
        return dir + "errors/" + base + ".json";
    }

    /** A JSON object, or empty when there is none (the first run of a pipeline has no latest.json). */
    public Optional<JsonNode> readJson(String bucket, String key) {
        try {
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            return Optional.of(JsonIo.JSON.readTree(bytes));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new InvalidInputException("s3://" + bucket + "/" + key + " is not JSON (" + e.getMessage()
                    + "); Tuneflow writes it, so it was changed by hand: delete it, or publish a job again.");
        }
    }

    private static List<String> spellings(String key) {
        List<String> out = new ArrayList<>(List.of(key));
        if (key.contains("%") || key.contains("+")) {
            try {
                String decoded = URLDecoder.decode(key, StandardCharsets.UTF_8);
                if (!decoded.equals(key)) {
                    out.add(decoded);
                }
            } catch (IllegalArgumentException e) {
                // not URL-encoded after all
            }
        }
        return out;
    }
}
