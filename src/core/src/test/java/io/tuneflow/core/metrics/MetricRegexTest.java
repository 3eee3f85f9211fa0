package io.tuneflow.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each construct Python's re and Java read differently: the regex must match as Python would, with a note. */
class MetricRegexTest {

    @ParameterizedTest(name = "{0} on \"{1}\" captures \"{2}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            (?P<loss>[0-9.]+)                       | loss 0.25               | 0.25        | (?P<loss>
            (?P<val_loss>[0-9.]+)                   | 0.5                     | 0.5         | (?P<val_loss>
            (?P<a>x)(?P=a)=([0-9]+)                 | xx=7                    | x           | (?P=a)
            loss={,3}([0-9]+)                       | loss===5                | 5           | {,3}
            {'loss': ([0-9.]+)}                     | {'loss': 0.4}           | 0.4         | {
            "acc": {(.*?)}                          | `"acc": {0.9}`          | 0.9         | {
            loss=([0-9[.]+)                         | loss=1[2                | 1[2        | [
            x=([a&&b]+)                             | x=a&b                   | a&b         | &&
            end=([0-9]+)\\Z                         | end=12                  | 12          | \\Z
            tab\\v([0-9]+)                          | `tab\u000b3`            | 3           | \\v
            (?#the loss)loss=([0-9.]+)              | loss=2.5                | 2.5         | (?#the loss)
            (?a)d=(\\d+)                            | d=42                    | 42          | (?a
            (?u)w=(\\w+)                            | w=héllo                 | héllo       | (?u
            (?>loss)=([0-9]+)                       | loss=3                  | 3           | (?>
            """)
    void pythonConstructsMatchAsInPython(String regex, String line, String captured, String construct) {
        MetricRegex compiled = MetricRegex.compile(regex);
        assertThat(compiled.error()).as("compiles").isEmpty();
        Matcher m = compiled.pattern().orElseThrow().matcher(line.replace("\\u000b", "\u000b"));
        assertThat(m.find()).as("%s matches %s", regex, line).isTrue();
        String group = m.groupCount() >= 1 ? m.group(m.groupCount() == 1 ? 1 : 1) : null;
        assertThat(group).isEqualTo(captured);
        assertThat(compiled.differences()).extracting(PythonRegexDifference::construct).contains(construct);
        assertThat(compiled.differences()).allSatisfy(d -> assertThat(d.fix()).isNotBlank());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            GAN_loss=(.*?);
            loss = ([0-9\\.]+)
            accuracy: ([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)
            ^epoch (\\d+)/\\d+ .* loss: ([0-9.]+)$
            """)
    void commonRegexesNeedNoTranslation(String regex) {
        MetricRegex compiled = MetricRegex.compile(regex);
        assertThat(compiled.error()).isEmpty();
        assertThat(compiled.differences()).isEmpty();
        assertThat(compiled.pattern().orElseThrow().pattern()).isEqualTo(regex);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            \\p{L}+=([0-9]+)  | \\p
            a\\h+([0-9]+)     | \\h
            \\Qx\\E([0-9]+)   | \\Q
            """)
    void javaOnlyEscapesAreReported(String regex, String construct) {
        MetricRegex compiled = MetricRegex.compile(regex);
        assertThat(compiled.differences()).extracting(PythonRegexDifference::construct).contains(construct);
        assertThat(compiled.differences().get(0).message()).contains("Python's re rejects");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            loss=([0-9.]+                 | Unclosed group
            (?(1)a)x=([0-9]+)             | conditional group
            x=([0-9]+                     | Unclosed group
            [0-9                          | never closed
            """)
    void invalidRegexesExplainWhy(String regex, String mentions) {
        MetricRegex compiled = MetricRegex.compile(regex);
        assertThat(compiled.pattern()).isEmpty();
        assertThat(compiled.error()).hasValueSatisfying(e -> assertThat(e).contains(mentions));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            n=(\\d+)  | n=٣٤  | true
            (?a)n=(\\d+)  | n=٣٤  | false
            """)
    void digitClassesAreUnicodeLikePythonUnlessAscii(String regex, String line, boolean matches) {
        assertThat(MetricRegex.compile(regex).pattern().orElseThrow().matcher(line).find()).isEqualTo(matches);
    }
}
