package io.tuneflow.cli;

/** How a command prints its result: text for people, JSON for machines. */
enum OutputFormat {
    text, json
}
