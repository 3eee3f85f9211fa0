package io.tuneflow.engine.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A training job's own {@code /opt/ml}: the tree the SageMaker training contract promises a container, rooted
 * wherever the engine keeps the job. Training code finds it through {@code SAGEMAKER_BASE_DIR} (the training
 * toolkit's way to relocate {@code /opt/ml}) and the {@code SM_*} variables.
 *
 * <pre>
 * input/config/hyperparameters.json  resourceconfig.json  inputdataconfig.json
 * input/data/&lt;channel&gt;/
 * model/            → packed as model.tar.gz
 * output/data/      → packed as output.tar.gz
 * output/failure    ← written by the trainer when it fails
 * checkpoints/
 * code/             ← the unpacked sagemaker_submit_directory
 * </pre>
 */
public record JobDirectory(Path root) {

    public static JobDirectory create(Path root) {
        JobDirectory dir = new JobDirectory(root.toAbsolutePath().normalize());
        try {
            for (Path p : new Path[] {dir.inputConfig(), dir.inputData(), dir.model(), dir.outputData(),
                    dir.outputIntermediate(), dir.checkpoints(), dir.code()}) {
                Files.createDirectories(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the job directory " + root, e);
        }
        return dir;
    }

    public Path input() {
        return root.resolve("input");
    }

    public Path inputConfig() {
        return input().resolve("config");
    }

    public Path inputData() {
        return input().resolve("data");
    }

    public Path channel(String name) {
        return inputData().resolve(name);
    }

    public Path model() {
        return root.resolve("model");
    }

    public Path output() {
        return root.resolve("output");
    }

    public Path outputData() {
        return output().resolve("data");
    }

    public Path outputIntermediate() {
        return output().resolve("intermediate");
    }

    public Path failureFile() {
        return output().resolve("failure");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path code() {
        return root.resolve("code");
    }

    /** stdout and stderr of the trainer, as CloudWatch would show them. */
    public Path log() {
        return root.resolve("training.log");
    }

    /** Where the packed artifacts go before they are uploaded. */
    public Path artifacts() {
        return root.resolve("artifacts");
    }
}
