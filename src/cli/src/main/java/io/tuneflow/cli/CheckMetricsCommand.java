package io.tuneflow.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "check-metrics", mixinStandardHelpOptions = true,
        description = "Show what each MetricDefinition extracts from a training log.")
final class CheckMetricsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("check-metrics is not built yet");
    }
}
