package io.tuneflow.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tuneflow.core.TestDocuments;
import io.tuneflow.core.request.ReadResult;
import io.tuneflow.core.request.TuneflowSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Document → SDK request → JSON gives back the document: nothing is lost or changed by binding. */
class RoundTripTest {

    static Stream<String> testDocuments() {
        return TestDocuments.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("testDocuments")
    void bindingAndWritingGivesBackTheDocument(String name) {
        ObjectNode document = TestDocuments.load(name);
        assertRoundTrip(document);
    }

    static Stream<Path> exampleRequests() throws IOException {
        Path examples = Path.of("../../examples/requests");
        return Files.list(examples).filter(p -> p.toString().matches(".*\\.(json|ya?ml)")).sorted();
    }

    @ParameterizedTest
    @MethodSource("exampleRequests")
    void exampleRequestsRoundTrip(Path file) throws IOException {
        ObjectNode document = (ObjectNode) (file.toString().endsWith(".json") ? TestDocuments.JSON
                : new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()).readTree(file.toFile());
        assertRoundTrip(document);
    }

    private static void assertRoundTrip(ObjectNode document) {
        ReadResult result = TestDocuments.read(document);
        assertThat(result.report().errors()).isEmpty();
        ObjectNode written = PojoWriter.write(result.validRequest().sageMakerRequest());
        ObjectNode expected = document.deepCopy();
        expected.remove(TuneflowSettings.SECTION);
        assertThat(written).isEqualTo(expected);
    }
}
