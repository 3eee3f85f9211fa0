package io.tuneflow.core.validation;

/** Errors make SageMaker reject the request; warnings are valid but probably not what the user meant. */
public enum Severity {
    ERROR, WARNING
}
