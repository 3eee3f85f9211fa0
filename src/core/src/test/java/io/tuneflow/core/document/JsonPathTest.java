package io.tuneflow.core.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonPathTest {

    @Test
    void printsFieldsIndexesAndQuotedKeys() {
        JsonPath path = JsonPath.root().field("TrainingJobDefinition").field("Environment").field("MY_KEY");
        assertThat(path).hasToString("$.TrainingJobDefinition.Environment.MY_KEY");
        assertThat(JsonPath.root().field("A").index(0).field("B")).hasToString("$.A[0].B");
        assertThat(JsonPath.root().field("Env").field("has space")).hasToString("$.Env['has space']");
        assertThat(JsonPath.root().field("Env").field("it's")).hasToString("$.Env['it\\'s']");
    }

    @Test
    void parsesWhatItPrints() {
        for (String text : new String[] {"$", "$.A", "$.A[3].B", "$.Env['has space'].X", "$.Env['it\\'s']", "$.A[0][1]"}) {
            assertThat(JsonPath.parse(text)).hasToString(text);
        }
    }

    @Test
    void pointerEscapesSlashAndTilde() {
        assertThat(JsonPath.root().field("a/b").field("c~d").index(2).toPointer()).isEqualTo("/a~1b/c~0d/2");
    }
}
