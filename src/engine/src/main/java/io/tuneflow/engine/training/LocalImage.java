package io.tuneflow.engine.training;

import java.nio.file.Path;
import java.util.List;

/**
 * The local stand-in for a training image that is not script mode: a command, and the directory it runs in (null:
 * the job's code directory). It gets the same contract as any trainer — config files, channels, SM_* variables.
 */
public record LocalImage(List<String> command, Path workingDirectory) {

    public LocalImage {
        command = List.copyOf(command);
    }
}
