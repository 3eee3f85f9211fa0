package io.tuneflow.engine.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Script mode, as SageMaker's framework images run it: the static hyperparameters {@code sagemaker_program} and
 * {@code sagemaker_submit_directory} (JSON-encoded, as the SageMaker Python SDK sends them) name the user's script
 * and its code; the code is unpacked into the job's {@code code/} directory and the script runs there with the
 * hyperparameters as {@code --name value} arguments — a {@code .py} with Python, a {@code .sh} with the shell.
 */
public final class ScriptMode {

    static final String PROGRAM = "sagemaker_program";
    static final String SUBMIT_DIRECTORY = "sagemaker_submit_directory";

    private ScriptMode() {
    }

    /** The launch for {@code spec} if it is a script-mode job, after fetching its code into the job directory. */
    public static Optional<TrainerLaunch> prepare(TrainingJobSpec spec, JobDirectory dir, TrainingContract contract,
                                                  SourceFetcher fetcher, String python) {
        String encodedProgram = spec.hyperParameters().get(PROGRAM);
        if (encodedProgram == null) {
            return Optional.empty();
        }
        String program = PythonValues.str(PythonValues.decode(encodedProgram));
        String encodedSource = spec.hyperParameters().get(SUBMIT_DIRECTORY);
        if (encodedSource != null) {
            String source = PythonValues.str(PythonValues.decode(encodedSource));
            try {
                fetcher.fetchInto(source, dir.code());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot fetch the training code from " + source + ": " + e.getMessage(), e);
            }
        }
        if (!java.nio.file.Files.isRegularFile(dir.code().resolve(program))) {
            throw new IllegalArgumentException("sagemaker_program " + program + " is not in the training code"
                    + (encodedSource == null ? " (no sagemaker_submit_directory is given)" : ""));
        }
        List<String> command = new ArrayList<>();
        if (program.endsWith(".py")) {
            command.add(python);
            command.add(program);
        } else if (program.endsWith(".sh")) {
            command.add("/bin/sh");
            command.add(program);
        } else {
            command.add("./" + program);
        }
        command.addAll(contract.userArgs());
        return Optional.of(new TrainerLaunch(command, dir.code(), program));
    }
}
