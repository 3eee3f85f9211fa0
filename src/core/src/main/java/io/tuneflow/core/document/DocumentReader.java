package io.tuneflow.core.document;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads request documents written in JSON or YAML.
 *
 * <p>Parsing is as strict as the AWS CLI's {@code --cli-input-json}: no comments, no trailing commas, no single
 * quotes. Duplicate keys are rejected too — the CLI would silently keep the last one, which loses what the user
 * wrote. Every failure names the line and column and says how to fix it.
 */
public final class DocumentReader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private DocumentReader() {
    }

    public static SourceDocument read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MalformedDocumentException(file.toString(), null, "File not found.",
                    "Check the path; it is resolved against the current directory.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return parse(file.toString(), decodeUtf8(file.toString(), bytes));
    }

    /** Parses {@code text}; {@code name} is used in messages and to pick JSON or YAML by extension. */
    public static SourceDocument parse(String name, String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        DocumentFormat format = DocumentFormat.detect(name, text);
        if (text.isBlank()) {
            throw new MalformedDocumentException(name, new SourceLocation(1, 1), "The document is empty.",
                    "Write the CreateHyperParameterTuningJob request as a JSON or YAML object.");
        }
        ObjectMapper mapper = format == DocumentFormat.JSON ? JSON : YAML;
        try {
            JsonNode root = mapper.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new MalformedDocumentException(name, new SourceLocation(1, 1), "The document is empty.",
                        "Write the CreateHyperParameterTuningJob request as a JSON or YAML object.");
            }
            Map<String, SourceLocation> locations = new HashMap<>();
            Map<String, String> scalarTexts = new HashMap<>();
            index(mapper, text, locations, scalarTexts);
            return new SourceDocument(name, format, root, locations, scalarTexts);
        } catch (JsonProcessingException e) {
            throw malformed(name, format, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // SnakeYAML reports some problems (bad anchors, recursion limits) as unchecked exceptions.
            if (e instanceof MalformedDocumentException m) {
                throw m;
            }
            throw new MalformedDocumentException(name, null, "Not valid " + format + ": " + e.getMessage(),
                    "Fix the syntax of the document.");
        }
    }

    private static String decodeUtf8(String name, byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new MalformedDocumentException(name, null, "The file is not UTF-8 text.",
                    "Save the document as UTF-8 (the AWS CLI reads request documents as UTF-8).");
        }
    }

    /**
     * Records where each value is, and how each non-string scalar was written, keyed by JSON Pointer, from a second
     * streaming pass over the (valid) text.
     */
    private static void index(ObjectMapper mapper, String text, Map<String, SourceLocation> out,
                              Map<String, String> scalarTexts) throws IOException {
        try (JsonParser parser = mapper.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                JsonLocation at = parser.currentTokenLocation();
                SourceLocation location = new SourceLocation(at.getLineNr(), at.getColumnNr());
                if (token.isScalarValue()) {
                    out.put(pointer, location); // a scalar's problem is in the value, not its key
                    if (token != JsonToken.VALUE_STRING) {
                        scalarTexts.put(pointer, parser.getText());
                    }
                } else {
                    out.putIfAbsent(pointer, location); // an object or list is found by its key's line
                }
            }
        }
    }

    private static MalformedDocumentException malformed(String name, DocumentFormat format, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            // SnakeYAML's own marks point at the problem; Jackson's location is the context it was scanning.
            Mark mark = yaml.getProblemMark();
            String problem = yaml.getProblem() == null ? firstLine(e.getOriginalMessage()) : yaml.getProblem();
            return new MalformedDocumentException(name, new SourceLocation(mark.getLine() + 1, mark.getColumn() + 1),
                    "Not valid YAML: " + problem, fixFor(format, problem));
        }
        JsonLocation at = e.getLocation();
        SourceLocation location = at == null || at.getLineNr() < 1 ? null : new SourceLocation(at.getLineNr(), Math.max(1, at.getColumnNr()));
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip();
        String message = "Not valid " + format + ": " + firstLine(original);
        return new MalformedDocumentException(name, location, message, fixFor(format, original));
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String fixFor(DocumentFormat format, String message) {
        if (message.startsWith("Duplicate field")) {
            return "Each key may appear once in an object: merge the two entries or remove one.";
        }
        if (format == DocumentFormat.YAML) {
            if (message.contains("'\\t'") || message.contains("\\t(TAB)")) {
                return "Indent YAML with spaces, not tabs.";
            }
            if (message.contains("mapping values are not allowed")) {
                return "Check the indentation, and quote values that contain ': '.";
            }
            return "Fix the YAML syntax at that line (indentation, quotes, a missing ':' or '-').";
        }
        if (message.contains("('}'") || message.contains("(']'")) {
            return "Remove the trailing comma before the closing bracket: JSON allows no comma after the last item.";
        }
        if (message.contains("(''' (code 39))")) {
            return "Use double quotes: JSON strings and keys are written \"like this\".";
        }
        if (message.contains("('/' (code 47))") || message.contains("('#' (code 35))")) {
            return "Remove the comment: JSON has no comments (write the document in YAML to keep them).";
        }
        if (message.contains("was expecting double-quote to start field name")) {
            return "Put the key in double quotes: \"Key\": value.";
        }
        if (message.startsWith("Unrecognized token 'True'") || message.startsWith("Unrecognized token 'False'")
                || message.startsWith("Unrecognized token 'None'")) {
            return "JSON literals are lowercase: true, false, null.";
        }
        if (message.startsWith("Unrecognized token")) {
            return "Put the value in double quotes if it is a string.";
        }
        if (message.contains("end-of-input")) {
            return "The document ends early: close every { and [ it opens.";
        }
        if (message.contains("was expecting comma")) {
            return "Separate items with commas.";
        }
        return "Fix the JSON syntax at that position.";
    }
}
