package io.tuneflow.cli;

import java.net.URI;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options of commands that look at one existing tuning job: its name, where SageMaker is, how to print. */
final class JobOnEndpoint {

    @Parameters(paramLabel = "JOB", description = "The tuning job's name.")
    String job;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "A SageMaker endpoint, e.g. http://127.0.0.1:8765 for tuneflow serve.")
    URI endpoint;

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json.")
    OutputFormat output;
}
