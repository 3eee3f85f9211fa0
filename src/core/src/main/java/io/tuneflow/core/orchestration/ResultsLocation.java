package io.tuneflow.core.orchestration;

import java.net.URI;

/** Where results are published: {@code s3://bucket/prefix}; files go under {@code <prefix>/<pipeline>/<tuning-job>/}. */
public record ResultsLocation(String bucket, String prefix) {

    public static ResultsLocation parse(String uri) {
        URI parsed = URI.create(uri);
        if (!"s3".equals(parsed.getScheme()) || parsed.getHost() == null) {
            throw new IllegalArgumentException("A results location is an s3://bucket/prefix URI, not " + uri);
        }
        String prefix = parsed.getPath() == null ? "" : parsed.getPath().replaceAll("^/+|/+$", "");
        return new ResultsLocation(parsed.getHost(), prefix);
    }

    /** The key of {@code name} below the prefix. */
    public String key(String... parts) {
        String joined = String.join("/", parts);
        return prefix.isEmpty() ? joined : prefix + "/" + joined;
    }

    public String uri(String... parts) {
        return "s3://" + bucket + "/" + key(parts);
    }
}
