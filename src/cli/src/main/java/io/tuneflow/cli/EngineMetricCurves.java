package io.tuneflow.cli;

import io.tuneflow.core.report.MetricCurveSource;
import io.tuneflow.core.report.TrainingCurves;
import io.tuneflow.core.report.TrainingJobTimes;
import io.tuneflow.engine.LocalSageMaker;
import io.tuneflow.engine.store.EngineStore;
import io.tuneflow.engine.tuning.Trial;
import io.tuneflow.engine.tuning.TuningJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The report's metric series from the local engine: the objective curve each trial keeps (every objective value its
 * trainer logged). The core knows only {@link MetricCurveSource}; this adapts the engine to it.
 */
final class EngineMetricCurves implements MetricCurveSource {

    /** A training job's name → its tuning job and trial, as the engine knows them. */
    private final Function<String, Optional<Map.Entry<TuningJob, Trial>>> trialByName;

    private EngineMetricCurves(Function<String, Optional<Map.Entry<TuningJob, Trial>>> trialByName) {
        this.trialByName = trialByName;
    }

    /** The curves of a running engine (tuneflow run, locally). */
    static MetricCurveSource of(LocalSageMaker engine) {
        return new EngineMetricCurves(engine::trainingJob);
    }

    /** The curves a workspace's engine recorded in {@code engine.db}; none when the workspace has no engine state. */
    static MetricCurveSource fromWorkspace(Path workspace) {
        Path database = workspace.resolve("engine.db");
        if (!Files.isRegularFile(database)) {
            return MetricCurveSource.none("the workspace " + workspace + " has no engine state (engine.db)");
        }
        Map<String, Map.Entry<TuningJob, Trial>> byName = new LinkedHashMap<>();
        try (EngineStore store = EngineStore.open(database)) {
            for (EngineStore.Restored restored : store.load()) {
                restored.job().trials().forEach(t -> byName.put(t.trainingJobName().toLowerCase(Locale.ROOT), Map.entry(restored.job(), t)));
            }
        }
        return new EngineMetricCurves(name -> Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT))));
    }

    @Override
    public TrainingCurves curves(String metricName, List<TrainingJobTimes> trainingJobs) {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        boolean known = false;
        for (TrainingJobTimes job : trainingJobs) {
            String name = job.name();
            Optional<Map.Entry<TuningJob, Trial>> found = trialByName.apply(name);
            if (found.isEmpty()) {
                continue;
            }
            known = true;
            if (!found.get().getKey().objective().metricName().equals(metricName)) {
                return TrainingCurves.unavailable(metricName, "the local engine keeps the series of the objective metric only");
            }
            List<Double> curve = found.get().getValue().objectiveCurve();
            if (!curve.isEmpty()) {
                series.put(name, curve);
            }
        }
        return known ? TrainingCurves.of(metricName, series)
                : TrainingCurves.unavailable(metricName, "the local engine has no record of these training jobs");
    }
}
