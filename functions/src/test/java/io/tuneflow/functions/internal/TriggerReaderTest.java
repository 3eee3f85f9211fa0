package io.tuneflow.functions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.tuneflow.functions.FunctionSettings;
import io.tuneflow.functions.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerReaderTest {

    private final TriggerReader reader = new TriggerReader(FunctionSettings.defaults().withDefaultBucket("tuning-bucket"));

    private static JsonNode json(String text) {
        try {
            return JsonIo.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = TriggerReaderTest.class.getResourceAsStream("/events/" + name)) {
            return JsonIo.JSON.readTree(in);
        }
    }

    @Test
    void anUploadedRequestIsStartedFromWhereItIs() {
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/object-created-request.json");
        Trigger.Request request = (Trigger.Request) reader.fromEventBridge(event);
        assertThat(request.bucket()).isEqualTo("tuning-bucket");
        assertThat(request.keys()).containsExactly("requests/nightly.yaml");
        assertThat(request.identity()).as("the request's content alone names the job").isNull();
        assertThat(request.warmStartType()).isNull();
    }

    @Test
    void theJsonOfAnEventReadsAsTheEventsLibrarysType() throws IOException {
        Trigger fromJson = reader.read(resource("object-created-dataset.json"));
        Trigger fromType = reader.fromEventBridge(EventLoader.loadScheduledEvent("events/object-created-dataset.json"));
        assertThat(fromJson).isEqualTo(fromType);
    }

    @Test
    void aDatasetUploadStartsItsPipelinesRequestNamedAlsoByTheDatasetObject() {
        Trigger.Request request = (Trigger.Request) reader.fromEventBridge(EventLoader.loadScheduledEvent("events/object-created-dataset.json"));
        assertThat(request.pipeline()).isEqualTo("digits");
        assertThat(request.keys()).containsExactly("requests/digits.json", "requests/digits.yaml", "requests/digits.yml");
        assertThat(request.identity()).isEqualTo("dataset:s3://tuning-bucket/datasets/digits/2026-11-12/train.csv@IYV3p45BT0ac8hjHg1houSdS1a.Mro8e");
    }

    @Test
    void aConfiguredMappingWinsOverTheConvention() {
        TriggerReader mapped = new TriggerReader(FunctionSettings.defaults().withDatasetRequests(Map.of(
                "datasets/", "requests/everything.json", "datasets/digits/", "requests/team/digits.yaml")));
        Trigger.Request request = (Trigger.Request) mapped.fromObject("b", "datasets/digits/train.csv", "etag1", null);
        assertThat(request.keys()).containsExactly("requests/team/digits.yaml");
        assertThat(request.identity()).isEqualTo("dataset:s3://b/datasets/digits/train.csv@etag1");
    }

    @Test
    void reportsTuneflowWroteAndOtherObjectsStartNothing() {
        assertThat(reader.fromEventBridge(EventLoader.loadScheduledEvent("events/object-created-report.json")))
                .isInstanceOfSatisfying(Trigger.Ignored.class, i -> assertThat(i.reason()).contains("validation report"));
        assertThat(reader.fromObject("b", "requests/README.md", null, null)).isInstanceOf(Trigger.Ignored.class);
        assertThat(reader.fromObject("b", "datasets/loose-file.csv", null, null)).isInstanceOf(Trigger.Ignored.class);
        assertThat(reader.fromObject("b", "other/x.json", null, null)).isInstanceOf(Trigger.Ignored.class);
        assertThat(reader.read(json("{\"detail-type\": \"Object Deleted\", \"source\": \"aws.s3\", \"detail\": {}}")))
                .isInstanceOf(Trigger.Ignored.class);
        assertThat(TriggerReader.isErrorReport("requests/team/errors/a.json")).isTrue();
        assertThat(TriggerReader.isErrorReport("requests/team/a.json")).isFalse();
        assertThat(TriggerReader.isErrorReport("requests/errors-and-more/a.json")).isFalse();
    }

    @Test
    void aScheduleNamesThePipelineAndMayWarmStart() {
        Trigger.Request request = (Trigger.Request) reader.read(json(
                "{\"pipeline\": \"digits\", \"warmStartFromLatest\": true, \"scheduledTime\": \"2026-11-12T03:00:00Z\"}"));
        assertThat(request.bucket()).isEqualTo("tuning-bucket");
        assertThat(request.keys()).first().isEqualTo("requests/digits.json");
        assertThat(request.warmStartType()).isEqualTo("IdenticalDataAndAlgorithm");
        assertThat(request.identity()).isEqualTo("schedule:2026-11-12T03:00:00Z");

        Trigger.Request explicit = (Trigger.Request) reader.read(json(
                "{\"pipeline\": \"digits\", \"requestKey\": \"requests/x.yaml\", \"bucket\": \"other\", \"warmStartType\": \"IdenticalDataAndAlgorithm\"}"));
        assertThat(explicit.keys()).containsExactly("requests/x.yaml");
        assertThat(explicit.bucket()).isEqualTo("other");
        assertThat(explicit.warmStartType()).as("no warm start unless asked for").isNull();
    }

    @Test
    void aMisspelledScheduleFieldIsNamedWithWhatWasMeant() {
        assertThatThrownBy(() -> reader.read(json("{\"pipeline\": \"digits\", \"warmStartFromLatst\": true}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("\"warmStartFromLatst\"").hasMessageContaining("Did you mean \"warmStartFromLatest\"?");
        assertThatThrownBy(() -> new TriggerReader(FunctionSettings.defaults()).read(json("{\"pipeline\": \"digits\"}")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("TUNEFLOW_BUCKET");
    }

    @Test
    void inlineRequestsWithOrWithoutTheWrapper() {
        JsonNode document = json("{\"HyperParameterTuningJobName\": \"x\", \"HyperParameterTuningJobConfig\": {}}");
        Trigger.Request wrapped = (Trigger.Request) reader.read(json("{\"request\": " + document + "}"));
        Trigger.Request bare = (Trigger.Request) reader.read(document);
        assertThat(wrapped.inline()).isEqualTo(document);
        assertThat(bare.inline()).isEqualTo(document);
        assertThat(wrapped.keys()).isEmpty();
    }

    @Test
    void anUnknownShapeSaysWhichShapesThereAre() {
        assertThatThrownBy(() -> reader.read(json("{\"Records\": []}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot tell what started it").hasMessageContaining("\"Object Created\"")
                .hasMessageContaining("[Records]");
        assertThatThrownBy(() -> reader.read(json("[1]"))).isInstanceOf(InvalidInputException.class);
        assertThat(reader.read(json("{\"bucket\": \"b\", \"key\": \"requests/a.json\"}"))).isInstanceOf(Trigger.Request.class);
    }
}
