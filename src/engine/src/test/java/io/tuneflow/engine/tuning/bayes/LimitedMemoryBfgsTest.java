package io.tuneflow.engine.tuning.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LimitedMemoryBfgsTest {

    @Test
    void minimisesTheRosenbrockFunction() {
        LimitedMemoryBfgs.Objective rosenbrock = (x, g) -> {
            double a = 1 - x[0], b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        };
        LimitedMemoryBfgs.Result result = new LimitedMemoryBfgs(500, 1e-10).minimize(rosenbrock, new double[] {-1.2, 1});
        assertThat(result.point()[0]).isCloseTo(1, within(1e-5));
        assertThat(result.point()[1]).isCloseTo(1, within(1e-5));
    }

    @Test
    void stepsBackWhereTheObjectiveCannotBeEvaluated() {
        // log barrier: undefined (NaN) for x <= 0, minimum at x = 1
        LimitedMemoryBfgs.Objective barrier = (x, g) -> {
            g[0] = 1 - 1 / x[0];
            return x[0] > 0 ? x[0] - Math.log(x[0]) : Double.NaN;
        };
        LimitedMemoryBfgs.Result result = new LimitedMemoryBfgs(100, 1e-9).minimize(barrier, new double[] {8});
        assertThat(result.point()[0]).isCloseTo(1, within(1e-6));
    }
}
