package io.tuneflow.cli;

import io.tuneflow.core.validation.Problem;
import java.io.PrintWriter;
import picocli.CommandLine.Help.Ansi;

/** Prints problems for people: where, what, and how to fix it; coloured when the output is a terminal. */
final class ProblemPrinter {

    private final PrintWriter out;
    private final Ansi ansi;

    ProblemPrinter(PrintWriter out, Ansi ansi) {
        this.out = out;
        this.ansi = ansi;
    }

    void print(String file, Problem problem) {
        String label = problem.isError() ? "@|bold,red error|@  " : "@|bold,yellow warning|@";
        String where = problem.sourceLocation().map(l -> file + ":" + l.line() + ":" + l.column() + " ").orElse(file + " ");
        out.println("  " + ansi.string(label) + " " + where + ansi.string("@|bold " + escape(problem.path().toString()) + "|@"));
        out.println("           " + problem.message() + ansi.string(" @|faint [" + escape(problem.rule()) + "]|@"));
        out.println("           " + ansi.string("@|cyan fix:|@ ") + problem.fix());
    }

    String colour(String markup) {
        return ansi.string(markup);
    }

    /** Picocli markup uses |@ and @| as delimiters; user text must not be read as markup. */
    static String escape(String text) {
        return text.replace("@|", "@ |").replace("|@", "| @");
    }
}
