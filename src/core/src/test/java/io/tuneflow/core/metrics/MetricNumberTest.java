package io.tuneflow.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Captured values are numbers exactly when Python's float() reads them as finite numbers. */
class MetricNumberTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            0.138318, 0.138318
            ' 16.020744 ', 16.020744
            1e-3, 0.001
            +1.5, 1.5
            -.5, -0.5
            5., 5.0
            1_000, 1000
            1E+2, 100
            ٣.٥, 3.5
            """)
    void readsWhatPythonReads(String text, double expected) {
        assertThat(MetricNumber.parse(text)).hasValue(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "nan", "inf", "-Infinity", "0x1p3", "1.5d", "1f", "1__0", "_1", "1_", "1e", "0.5 - acc", "1,5", "1e999"})
    void rejectsWhatIsNotAFiniteNumber(String text) {
        assertThat(MetricNumber.parse(text)).isEmpty();
    }
}
