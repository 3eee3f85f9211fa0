package io.tuneflow.cli.bench;

import java.util.Map;

/**
 * Hyperparameters as a trainer receives them — strings — read the way a training script would read them, so the
 * benchmark also exercises how the strategies format values.
 */
public record HyperParameterStrings(Map<String, String> values) {

    public HyperParameterStrings {
        values = Map.copyOf(values);
    }

    public double number(String name) {
        String text = text(name);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Hyperparameter " + name + " is not a number: \"" + text + "\"", e);
        }
    }

    public long integer(String name) {
        String text = text(name);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Hyperparameter " + name + " is not an integer: \"" + text + "\"", e);
        }
    }

    public String text(String name) {
        String text = values.get(name);
        if (text == null) {
            throw new IllegalArgumentException("Hyperparameter " + name + " was not passed; got " + values.keySet());
        }
        return text;
    }
}
