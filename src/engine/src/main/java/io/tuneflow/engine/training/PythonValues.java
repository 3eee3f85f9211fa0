package io.tuneflow.engine.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hyperparameter values as the SageMaker training toolkit (Python) sees and prints them.
 *
 * <p>SageMaker passes every hyperparameter as a string; the toolkit {@code json.loads} each one and keeps the string
 * when that fails, then prints values with Python's {@code str()} (script arguments) and {@code json.dumps}
 * ({@code SM_HPS}, {@code SM_HP_*}). A script that reads {@code --learning-rate 1e-05} or {@code --flag True} on
 * SageMaker must read the same here, so the formatting follows Python's rules rather than Java's.
 */
final class PythonValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonValues() {
    }

    /** The toolkit's decoding: the JSON value the string holds, or the string itself. */
    static JsonNode decode(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node != null && !node.isMissingNode()) {
                return node;
            }
        } catch (IOException e) {
            // not JSON: the toolkit keeps the raw string
        }
        return JSON.getNodeFactory().textNode(value);
    }

    /** Python's {@code str(value)} of a decoded value. */
    static String str(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        return repr(value);
    }

    /** The toolkit's command-line form of a value: {@code str()}, and maps as {@code k=v,k2=v2} sorted by key. */
    static String argument(JsonNode value) {
        if (value.isObject()) {
            StringBuilder out = new StringBuilder();
            for (Map.Entry<String, JsonNode> e : sorted(value).entrySet()) {
                if (out.length() > 0) {
                    out.append(',');
                }
                out.append(e.getKey()).append('=').append(str(e.getValue()));
            }
            return out.toString();
        }
        return str(value);
    }

    /** Python's {@code repr()} (as {@code str()} prints container elements). */
    private static String repr(JsonNode value) {
        if (value.isTextual()) {
            String text = value.textValue();
            char quote = text.contains("'") && !text.contains("\"") ? '"' : '\'';
            return quote + text.replace("\\", "\\\\").replace(String.valueOf(quote), "\\" + quote) + quote;
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "True" : "False";
        }
        if (value.isNull()) {
            return "None";
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return floatRepr(value.doubleValue());
        }
        if (value.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
                out.append(repr(it.next()));
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            return out.append(']').toString();
        }
        StringBuilder out = new StringBuilder("{");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.append(repr(JSON.getNodeFactory().textNode(e.getKey()))).append(": ").append(repr(e.getValue()));
            if (it.hasNext()) {
                out.append(", ");
            }
        }
        return out.append('}').toString();
    }

    /** Python's {@code json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)}. */
    static String jsonDumps(JsonNode value) {
        if (value.isTextual()) {
            return jsonString(value.textValue());
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            double d = value.doubleValue();
            return Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : floatRepr(d);
        }
        StringBuilder out = new StringBuilder();
        if (value.isArray()) {
            out.append('[');
            for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
                out.append(jsonDumps(it.next()));
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            return out.append(']').toString();
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : sorted(value).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(jsonString(e.getKey())).append(':').append(jsonDumps(e.getValue()));
        }
        return out.append('}').toString();
    }

    /** {@code json.dumps} of a mapping of already-decoded values. */
    static String jsonDumps(Map<String, JsonNode> mapping) {
        return jsonDumps(JSON.<JsonNode>valueToTree(new TreeMap<>(mapping)));
    }

    private static Map<String, JsonNode> sorted(JsonNode object) {
        Map<String, JsonNode> out = new TreeMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that round-trip, in positional notation for
     * 1e-4 <= |x| < 1e16 (always with a fractional part, {@code 5.0}) and in scientific notation otherwise
     * ({@code 1e-05}, {@code 1.5e+16}).
     */
    static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = shortest.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
