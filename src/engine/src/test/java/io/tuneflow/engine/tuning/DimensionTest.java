package io.tuneflow.engine.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** unitOf is the inverse of valueAt, for every type and scaling. */
class DimensionTest {

    private static final List<Dimension> CONTINUOUS = List.of(
            new Dimension.Continuous("linear", -2, 5, Scaling.LINEAR),
            new Dimension.Continuous("log", 1e-5, 0.1, Scaling.LOGARITHMIC),
            new Dimension.Continuous("reverse", 0.5, 0.999, Scaling.REVERSE_LOGARITHMIC));
    private static final List<Dimension.Integer> INTEGERS = List.of(
            new Dimension.Integer("linear", -3, 12, Scaling.LINEAR),
            new Dimension.Integer("log", 1, 4096, Scaling.LOGARITHMIC),
            new Dimension.Integer("single", 7, 7, Scaling.LINEAR));

    @Test
    void continuousValuesRoundTripThroughTheUnitInterval() {
        for (Dimension d : CONTINUOUS) {
            for (double u = 0; u <= 1; u += 1.0 / 64) {
                String value = d.valueAt(u);
                double back = d.unitOf(value);
                assertThat(back).as("%s at %s", d.name(), u).isCloseTo(u, within(1e-9));
                assertThat(Double.parseDouble(d.valueAt(back))).isCloseTo(Double.parseDouble(value), within(1e-12 * Math.abs(Double.parseDouble(value)) + 1e-300));
                assertThat(d.snap(u)).isEqualTo(u);
            }
        }
    }

    @Test
    void everyIntegerMapsToAPointThatMapsBackToIt() {
        for (Dimension.Integer d : INTEGERS) {
            for (long v = d.min(); v <= d.max(); v++) {
                String value = Long.toString(v);
                assertThat(d.valueAt(d.unitOf(value))).as("%s %d", d.name(), v).isEqualTo(value);
            }
            for (double u = 0; u <= 1; u += 1.0 / 256) {
                String value = d.valueAt(u);
                assertThat(d.snap(u)).isEqualTo(d.unitOf(value));
                assertThat(d.valueAt(d.snap(u))).isEqualTo(value);
            }
        }
        assertThat(INTEGERS.get(0).unitOf("4.0")).isEqualTo(INTEGERS.get(0).unitOf("4"));
        assertThat(INTEGERS.get(0).unitOf("+4")).isEqualTo(INTEGERS.get(0).unitOf("4"));
    }

    @Test
    void logScaledIntegersAreSpacedEvenlyInTheLogarithm() {
        Dimension.Integer d = INTEGERS.get(1);
        double one = d.unitOf("1"), ten = d.unitOf("10"), hundred = d.unitOf("100"), thousand = d.unitOf("1000");
        assertThat(hundred - ten).isCloseTo(thousand - hundred, within(1e-12));
        assertThat(ten - one).isGreaterThan(0);
    }

    @Test
    void categoriesMapToTheCentreOfTheirCell() {
        Dimension.Categorical d = new Dimension.Categorical("optimizer", List.of("sgd", "adam", "rmsprop"));
        assertThat(d.unitOf("sgd")).isEqualTo(1.0 / 6);
        assertThat(d.unitOf("adam")).isEqualTo(0.5);
        for (String value : d.values()) {
            assertThat(d.valueAt(d.unitOf(value))).isEqualTo(value);
        }
        assertThat(d.snap(0.9)).isEqualTo(d.unitOf("rmsprop"));
        assertThat(d.valueAt(1.0)).isEqualTo("rmsprop");
    }

    @Test
    void valuesOutsideARangeAreClampedOrRefused() {
        assertThat(CONTINUOUS.get(0).unitOf("99")).isEqualTo(1);
        assertThat(INTEGERS.get(0).unitOf("-50")).isEqualTo(0);
        assertThatThrownBy(() -> new Dimension.Categorical("c", List.of("a")).unitOf("b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> INTEGERS.get(0).unitOf("2.5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CONTINUOUS.get(0).unitOf("fast")).isInstanceOf(IllegalArgumentException.class);
    }
}
