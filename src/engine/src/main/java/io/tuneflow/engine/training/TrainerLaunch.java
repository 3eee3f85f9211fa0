package io.tuneflow.engine.training;

import java.nio.file.Path;
import java.util.List;

/**
 * How to start a trainer process: the command and the directory it runs in.
 *
 * @param entryPoint the user's script in script mode (e.g. {@code train.py}), or null for a local image command
 */
public record TrainerLaunch(List<String> command, Path workingDirectory, String entryPoint) {

    public TrainerLaunch {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("A trainer command needs at least the program to run");
        }
    }
}
