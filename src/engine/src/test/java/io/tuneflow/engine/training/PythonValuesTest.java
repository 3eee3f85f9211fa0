package io.tuneflow.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values print as the Python training toolkit prints them; checked against real Python when it is installed. */
class PythonValuesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0.01                 | 0.01
            "0.00001"            | 1e-05
            0.0001               | 0.0001
            5.0                  | 5.0
            1.5e16               | 1.5e+16
            -0.001               | -0.001
            123.456              | 123.456
            1e22                 | 1e+22
            10                   | 10
            true                 | True
            null                 | None
            adam                 | adam
            [1, 2.5, "a"]        | [1, 2.5, 'a']
            """)
    void decodedValuesPrintAsPythonStr(String encoded, String printed) {
        String raw = encoded.startsWith("\"") && encoded.endsWith("\"") ? encoded.substring(1, encoded.length() - 1) : encoded;
        assertThat(PythonValues.str(PythonValues.decode(raw))).isEqualTo(printed);
    }

    @Test
    void jsonEncodedStringsAreDecodedAsTheSdkSendsThem() {
        assertThat(PythonValues.str(PythonValues.decode("\"train.py\""))).isEqualTo("train.py");
        assertThat(PythonValues.str(PythonValues.decode("not json"))).isEqualTo("not json");
    }

    @Test
    void mapsAreKeyValueArgumentsAndJsonIsSortedAscii() {
        assertThat(PythonValues.argument(PythonValues.decode("{\"b\": 2, \"a\": \"x\"}"))).isEqualTo("a=x,b=2");
        assertThat(PythonValues.jsonDumps(PythonValues.decode("{\"b\": 1e-05, \"a\": \"é\", \"c\": [true, null]}")))
                .isEqualTo("{\"a\":\"\\u00e9\",\"b\":1e-05,\"c\":[true,null]}");
    }

    @Test
    void floatsMatchRealPython() throws IOException, InterruptedException {
        double[] values = {1e-05, 0.0001, 0.1 + 0.2, 1.0 / 3, 2.5e-7, 1e16, 9.999e15, 123456789.125, -7.0, 6.02214076e23};
        List<String> command = new ArrayList<>(List.of("python3", "-c",
                "import sys; print('\\n'.join(repr(float(v)) for v in sys.argv[1:]))"));
        for (double v : values) {
            command.add(Double.toString(v));
        }
        Process python;
        try {
            python = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not installed");
            return;
        }
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String[] expected = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split("\n");
        for (int k = 0; k < values.length; k++) {
            assertThat(PythonValues.floatRepr(values[k])).as("repr(%s)", values[k]).isEqualTo(expected[k]);
        }
    }
}
