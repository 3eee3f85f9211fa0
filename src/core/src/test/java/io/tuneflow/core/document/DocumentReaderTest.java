package io.tuneflow.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tuneflow.core.request.ReadResult;
import io.tuneflow.core.request.TuningRequestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DocumentReaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            trailing comma in object | {"A": 1,\\n}                 | 2 | 1 | trailing comma
            trailing comma in list   | {"A": [1, 2,]}               | 1 | 13 | trailing comma
            single quotes            | {'A': 1}                     | 1 | 2 | double quotes
            comment                  | {"A": 1 // note\\n}           | 1 | 9 | comment
            unquoted word            | {"A": Bayesian}              | 1 | 7 | double quotes
            Python literal           | {"A": True}                  | 1 | 7 | lowercase
            unclosed object          | {"A": {"B": 1}               | 1 | 15 | close every
            duplicate key            | {"A": 1, "A": 2}             | 1 | 13 | once
            """)
    void malformedJsonNamesLineColumnAndFix(String name, String text, int line, int column, String fixMentions) {
        String json = text.replace("\\n", "\n");
        assertThatThrownBy(() -> DocumentReader.parse("request.json", json))
                .isInstanceOfSatisfying(MalformedDocumentException.class, e -> {
                    assertThat(e.location()).contains(new SourceLocation(line, column));
                    assertThat(e.getMessage()).startsWith("Not valid JSON");
                    assertThat(e.fix()).containsIgnoringCase(fixMentions);
                });
    }

    @Test
    void malformedYamlNamesTheLine() {
        String yaml = "HyperParameterTuningJobName: a\nTrainingJobDefinition:\n\tRoleArn: x\n";
        assertThatThrownBy(() -> DocumentReader.parse("request.yaml", yaml))
                .isInstanceOfSatisfying(MalformedDocumentException.class, e -> {
                    assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(3));
                    assertThat(e.fix()).contains("spaces, not tabs");
                });
        assertThatThrownBy(() -> DocumentReader.parse("request.yaml", "A: 1\nA: 2\n"))
                .isInstanceOfSatisfying(MalformedDocumentException.class, e -> assertThat(e.fix()).contains("once"));
    }

    @Test
    void emptyAndNonUtf8FilesAreReportedNotThrown(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.json"), "  \n");
        ReadResult result = TuningRequestReader.read(empty);
        assertThat(result.valid()).isFalse();
        assertThat(result.report().errors()).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo("document.syntax");
            assertThat(p.message()).contains("empty");
        });

        Path latin1 = Files.write(dir.resolve("latin1.json"), new byte[] {'{', '"', 'A', '"', ':', '"', (byte) 0xE9, '"', '}'});
        assertThat(TuningRequestReader.read(latin1).report().errors()).singleElement()
                .satisfies(p -> assertThat(p.fix()).contains("UTF-8"));

        assertThat(TuningRequestReader.read(dir.resolve("missing.json")).report().errors()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not found"));
    }

    @Test
    void aByteOrderMarkIsAccepted() {
        SourceDocument document = DocumentReader.parse("request.json", "\uFEFF{\"A\": 1}");
        assertThat(document.root().get("A").intValue()).isEqualTo(1);
    }

    @Test
    void formatIsChosenByExtensionThenContent() {
        assertThat(DocumentReader.parse("x.yml", "A: 1").format()).isEqualTo(DocumentFormat.YAML);
        assertThat(DocumentReader.parse("x.json", "{\"A\": 1}").format()).isEqualTo(DocumentFormat.JSON);
        assertThat(DocumentReader.parse("payload", " {\"A\": 1}").format()).isEqualTo(DocumentFormat.JSON);
        assertThat(DocumentReader.parse("payload", "A: 1").format()).isEqualTo(DocumentFormat.YAML);
    }

    @Test
    void valuesAreLocatedByPath() {
        SourceDocument document = DocumentReader.parse("r.yaml", "A:\n  B:\n    - x\n    - C: 2\n");
        assertThat(document.locate(JsonPath.parse("$.A.B[1].C"))).contains(new SourceLocation(4, 10));
        assertThat(document.locate(JsonPath.parse("$.A.B[0]"))).contains(new SourceLocation(3, 7));
        // a missing field is located at its nearest present ancestor
        assertThat(document.locate(JsonPath.parse("$.A.X"))).contains(new SourceLocation(1, 1));
    }

    @Test
    void rootMustBeAnObject() {
        ReadResult result = TuningRequestReader.read("r.json", "[1, 2]");
        assertThat(result.report().errors()).singleElement().satisfies(p -> {
            assertThat(p.path().toString()).isEqualTo("$");
            assertThat(p.rule()).isEqualTo("shape.type");
        });
    }
}
