package io.tuneflow.core.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * One shape of the service model with the constraints the service enforces on it.
 *
 * <p>Lengths ({@code min}/{@code max}) bound string length for strings, element count for lists and maps,
 * and the value for numbers — the same overloading the AWS service model uses.
 *
 * @param name        the shape's name in the service model, e.g. {@code HyperParameterTuningJobName}
 * @param members     structure members: wire name → shape name, in the model's order
 * @param required    structure members the service requires
 * @param member      list element shape name
 * @param key         map key shape name
 * @param value       map value shape name
 * @param pattern     the service's regular expression; the whole value must match, as SageMaker checks it
 */
public record Shape(
        String name,
        ShapeType type,
        Map<String, String> members,
        List<String> required,
        String member,
        String key,
        String value,
        OptionalDouble min,
        OptionalDouble max,
        Optional<Pattern> pattern,
        List<String> enumValues) {

    public Shape {
        members = Map.copyOf(members);
        required = List.copyOf(required);
        enumValues = List.copyOf(enumValues);
    }

    public boolean isEnum() {
        return !enumValues.isEmpty();
    }
}
