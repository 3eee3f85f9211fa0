package io.tuneflow.engine.tuning;

import java.util.ArrayList;
import java.util.List;

/**
 * A tuning job's history as the Bayesian strategy uses it, in trial order, all points in the unit cube: the trials
 * with an objective (as values to minimise), the running ones, and the ones that ended without an objective.
 */
record Observations(List<double[]> points, double[] values, List<double[]> running, List<double[]> failed) {

    static Observations of(List<Trial> history, CubeEncoding encoding, boolean maximize) {
        List<double[]> points = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<double[]> running = new ArrayList<>();
        List<double[]> failed = new ArrayList<>();
        for (Trial trial : history) {
            double[] unit = encoding.unitOf(trial.tunedHyperParameters());
            if (unit == null) {
                continue;
            }
            if (trial.running()) {
                running.add(unit);
            } else if ("Succeeded".equals(trial.objectiveStatus()) && trial.objective() != null
                    && Double.isFinite(trial.objective())) {
                points.add(unit);
                values.add(maximize ? -trial.objective() : trial.objective());
            } else {
                failed.add(unit);
            }
        }
        return new Observations(List.copyOf(points), values.stream().mapToDouble(Double::doubleValue).toArray(),
                List.copyOf(running), List.copyOf(failed));
    }

    int size() {
        return points.size();
    }

    /** Indices of the observations, best (smallest value) first. */
    List<Integer> ranking() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(values[a], values[b]));
        return order;
    }
}
