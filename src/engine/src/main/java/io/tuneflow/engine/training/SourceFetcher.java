package io.tuneflow.engine.training;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Brings a script-mode {@code sagemaker_submit_directory} (a {@code sourcedir.tar.gz} or a directory) into the job's
 * code directory. The engine fetches {@code s3://} locations through its S3 endpoint; {@link LocalSourceFetcher}
 * handles files on this machine.
 */
@FunctionalInterface
public interface SourceFetcher {
    void fetchInto(String location, Path codeDirectory) throws IOException;
}
