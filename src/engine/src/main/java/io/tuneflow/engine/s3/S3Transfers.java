package io.tuneflow.engine.s3;

import io.tuneflow.engine.training.Archives;
import io.tuneflow.engine.training.LocalSourceFetcher;
import io.tuneflow.engine.training.SourceFetcher;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a training job moves through S3: input channels in (File mode: every object under the prefix, copied below
 * the channel directory with its path relative to the prefix), script-mode code in, artifacts out.
 */
public final class S3Transfers implements SourceFetcher {

    private final S3Client s3;
    private final LocalSourceFetcher local = new LocalSourceFetcher();

    public S3Transfers(S3Client s3) {
        this.s3 = s3;
    }

    /** Downloads every object under {@code s3Uri} (an S3Prefix) into {@code directory}; returns how many. */
    public int downloadPrefix(String s3Uri, Path directory) throws IOException {
        S3Location location = S3Location.parse(s3Uri);
        Files.createDirectories(directory);
        int count = 0;
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(location.key())).contents()) {
                if (object.key().endsWith("/")) {
                    continue;
                }
                String relative = object.key().substring(location.key().length());
                while (relative.startsWith("/")) {
                    relative = relative.substring(1);
                }
                if (relative.isEmpty()) {
                    relative = object.key().substring(object.key().lastIndexOf('/') + 1);
                }
                Path target = directory.resolve(relative).normalize();
                if (!target.startsWith(directory)) {
                    throw new IOException("Refusing object " + object.key() + ": it points outside the channel");
                }
                Files.createDirectories(target.getParent());
                Files.deleteIfExists(target);
                s3.getObject(b -> b.bucket(location.bucket()).key(object.key()), target);
                count++;
            }
        } catch (SdkException e) {
            throw new IOException("Cannot read " + s3Uri + ": " + e.getMessage(), e);
        }
        return count;
    }

    /** Uploads {@code file} to {@code s3Uri}; returns the URI. */
    public String upload(Path file, String s3Uri) throws IOException {
        S3Location location = S3Location.parse(s3Uri);
        try {
            s3.putObject(b -> b.bucket(location.bucket()).key(location.key()), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new IOException("Cannot write " + s3Uri + ": " + e.getMessage(), e);
        }
        return s3Uri;
    }

    @Override
    public void fetchInto(String location, Path codeDirectory) throws IOException {
        if (!location.startsWith("s3://")) {
            local.fetchInto(location, codeDirectory);
            return;
        }
        Path archive = Files.createTempFile("sourcedir", ".tar.gz");
        try {
            S3Location source = S3Location.parse(location);
            Files.delete(archive);
            s3.getObject(b -> b.bucket(source.bucket()).key(source.key()), archive);
            Archives.unpackTarGz(archive, codeDirectory);
        } catch (SdkException e) {
            throw new IOException("Cannot read " + location + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    /** An {@code s3://bucket/key} location. */
    public record S3Location(String bucket, String key) {
        public static S3Location parse(String uri) {
            URI parsed = URI.create(uri);
            if (!"s3".equals(parsed.getScheme()) || parsed.getHost() == null) {
                throw new IllegalArgumentException("Not an s3://bucket/key URI: " + uri);
            }
            String key = parsed.getPath() == null ? "" : parsed.getPath();
            return new S3Location(parsed.getHost(), key.startsWith("/") ? key.substring(1) : key);
        }
    }
}
