package io.tuneflow.engine.tuning.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OutputWarpTest {

    private static final double[] VALUES = {3, 1003, 53, 10, 1e6 + 3};

    @Test
    void theShiftedLogIsShiftedByAFractionOfTheRange() {
        // range 1e6, shift 0.1 · 1e6: w(y) = log(y - 3 + 1e5)
        double[] warped = OutputWarp.shiftedLog(0.1).apply(VALUES);
        assertThat(warped[0]).isCloseTo(Math.log(1e5), within(1e-12));
        assertThat(warped[1]).isCloseTo(Math.log(1e5 + 1000), within(1e-12));
        assertThat(warped[4]).isCloseTo(Math.log(1.1e6), within(1e-12));
    }

    @Test
    void itKeepsTheOrderAndIsNearlyLinearNearTheBest() {
        double[] warped = OutputWarp.shiftedLog(0.1).apply(VALUES);
        assertThat(warped[0]).isLessThan(warped[3]);
        assertThat(warped[3]).isLessThan(warped[2]);
        assertThat(warped[2]).isLessThan(warped[1]);
        assertThat(warped[1]).isLessThan(warped[4]);
        // Near the best, differences are those of y divided by the shift, to within (y - min) / shift.
        assertThat(warped[3] - warped[0]).isCloseTo(7 / 1e5, within(7 / 1e5 * 1e-4));
    }

    @Test
    void theJacobianIsTheSumOfTheLogSlopes() {
        OutputWarp warp = OutputWarp.shiftedLog(0.1);
        double expected = 0;
        for (double y : VALUES) {
            expected -= Math.log(y - 3 + 1e5); // w'(y) = 1 / (y - min + s)
        }
        assertThat(warp.logJacobian(VALUES)).isCloseTo(expected, within(1e-9));
        assertThat(OutputWarp.IDENTITY.logJacobian(VALUES)).isZero();
    }

    @Test
    void theIdentityAndEqualValuesAreLeftAsTheyAre() {
        assertThat(OutputWarp.IDENTITY.apply(VALUES)).containsExactly(VALUES);
        assertThat(OutputWarp.IDENTITY.leavesAsIs(VALUES)).isTrue();
        double[] equal = {2, 2, 2};
        assertThat(OutputWarp.shiftedLog(0.1).leavesAsIs(equal)).isTrue();
        assertThat(OutputWarp.shiftedLog(0.1).apply(equal)).containsExactly(equal);
        assertThat(OutputWarp.shiftedLog(0.1).logJacobian(equal)).isZero();
        assertThat(OutputWarp.shiftedLog(0.1).leavesAsIs(VALUES)).isFalse();
    }

    @Test
    void aShiftedLogNeedsAPositiveShift() {
        assertThatThrownBy(() -> OutputWarp.shiftedLog(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutputWarp(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutputWarp(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
