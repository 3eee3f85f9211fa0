package io.tuneflow.cli.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The objective functions problem files can name. */
public final class ObjectiveFunctions {

    private static final Map<String, ObjectiveFunction> BY_NAME = new LinkedHashMap<>();

    static {
        for (ObjectiveFunction f : new ObjectiveFunction[] {new Branin(), new Hartmann6(), Hartmann6.withInertParameters(6),
                new SyntheticTrainingLoss(), SyntheticTrainingLoss.diverging(), new Rosenbrock4(), new StyblinskiTang5(),
                new Levy10(), new SyntheticAccuracy(), new GoldsteinPrice(), new Michalewicz5(), new Shekel4(), new Ackley6()}) {
            BY_NAME.put(f.name(), f);
        }
    }

    private ObjectiveFunctions() {
    }

    public static Optional<ObjectiveFunction> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Set<String> names() {
        return BY_NAME.keySet();
    }
}
