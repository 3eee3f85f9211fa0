package io.tuneflow.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetricRegexLintTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            loss = [0-9.]+               | no-capture-group
            GAN_loss=(.*?);              | captures-non-number
            loss: (\\S+)                 | captures-non-number
            loss: (.+)                   | captures-rest-of-line
            loss: (.*)                   | captures-rest-of-line
            (?P<loss>.*)$                | captures-rest-of-line
            ([0-9]*)                     | matches-empty
            ' loss=([0-9.]+)'            | surrounding-whitespace
            """)
    void findsRegexesThatCaptureTheWrongText(String regex, String code) {
        assertThat(MetricRegexLint.lint(regex)).extracting(MetricLint::code).contains(code);
        assertThat(MetricRegexLint.lint(regex)).allSatisfy(l -> assertThat(l.fix()).isNotBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"loss = ([0-9\\.]+)", "accuracy: ([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)",
            "(?P<acc>[0-9.]+)%", "\\[(?:epoch) (\\d+)\\]", "validation-auc:([0-9.]+)"})
    void numberOnlyRegexesAreFine(String regex) {
        assertThat(MetricRegexLint.lint(regex)).isEmpty();
    }
}
