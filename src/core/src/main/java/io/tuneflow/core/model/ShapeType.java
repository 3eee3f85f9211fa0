package io.tuneflow.core.model;

/** The shape types of the AWS service model that SageMaker's tuning API uses. */
public enum ShapeType {
    STRUCTURE, LIST, MAP, STRING, INTEGER, LONG, FLOAT, DOUBLE, BOOLEAN, TIMESTAMP;

    static ShapeType fromModel(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /** Whether JSON numbers of this type must be whole numbers. */
    public boolean isWholeNumber() {
        return this == INTEGER || this == LONG;
    }

    public boolean isNumber() {
        return this == INTEGER || this == LONG || this == FLOAT || this == DOUBLE;
    }
}
