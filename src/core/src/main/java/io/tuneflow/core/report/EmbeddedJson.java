package io.tuneflow.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * JSON inside an HTML {@code <script>} element. The HTML parser ends the element at the first {@code </script>},
 * whatever JSON thinks of it, and {@code <!--} changes how it reads on; so {@code <}, {@code >} and {@code &} are
 * written as JSON's {@code \}{@code u003c}-style escapes, which JSON.parse reads back as the same characters.
 */
final class EmbeddedJson {

    private static final ObjectWriter WRITER = new ObjectMapper().writer();

    private EmbeddedJson() {
    }

    static String scriptElement(String id, JsonNode value) {
        try {
            String json = WRITER.with(new HtmlSafeEscapes()).writeValueAsString(value);
            return "<script type=\"application/json\" id=\"" + Html.text(id) + "\">" + json + "</script>\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the report's data", e);
        }
    }

    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = standardAsciiEscapesForJSON();
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
