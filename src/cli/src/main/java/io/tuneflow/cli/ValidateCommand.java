package io.tuneflow.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tuneflow.core.request.TuningRequestReader;
import io.tuneflow.core.validation.ValidationReport;
import io.tuneflow.core.validation.ValidationReportJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check tuning request documents (CreateHyperParameterTuningJob JSON or YAML) against SageMaker's rules, offline.",
                "Every problem is reported with its JSON path, line and a fix.",
                "Exit status: 0 all valid, 2 a document is invalid or unreadable, 1 internal failure."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Request documents (.json, .yaml, .yml); - reads one from standard input.")
    List<String> files;

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default) or json: one JSON object per file, one per line.")
    OutputFormat output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ProblemPrinter printer = new ProblemPrinter(out, Ansi.AUTO);
        boolean allValid = true;
        for (String file : files) {
            ValidationReport report = read(file);
            allValid &= report.valid();
            if (output == OutputFormat.json) {
                out.println(Json.write(toJson(report)));
            } else {
                printText(printer, out, report);
            }
        }
        out.flush();
        return allValid ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    }

    private static ValidationReport read(String file) {
        if (!file.equals("-")) {
            return TuningRequestReader.read(Path.of(file)).report();
        }
        try {
            String text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            return TuningRequestReader.read("<stdin>", text).report();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read standard input", e);
        }
    }

    private static void printText(ProblemPrinter printer, PrintWriter out, ValidationReport report) {
        String verdict = report.valid()
                ? printer.colour("@|bold,green valid|@")
                : printer.colour("@|bold,red invalid|@") + ": " + count(report.errors().size(), "error");
        String warnings = report.warnings().isEmpty() ? "" : (report.valid() ? " (" : ", ") + count(report.warnings().size(), "warning")
                + (report.valid() ? ")" : "");
        out.println(report.source() + ": " + verdict + warnings);
        report.errors().forEach(p -> printer.print(report.source(), p));
        report.warnings().forEach(p -> printer.print(report.source(), p));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static ObjectNode toJson(ValidationReport report) {
        return ValidationReportJson.toJson(report);
    }
}
