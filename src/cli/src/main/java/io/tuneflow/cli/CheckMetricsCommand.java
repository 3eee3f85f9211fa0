package io.tuneflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tuneflow.core.metrics.MetricExtractor;
import io.tuneflow.core.metrics.MetricLint;
import io.tuneflow.core.metrics.MetricRegex;
import io.tuneflow.core.metrics.MetricRegexLint;
import io.tuneflow.core.metrics.MetricSeries;
import io.tuneflow.core.metrics.MetricValue;
import io.tuneflow.core.metrics.PythonRegexDifference;
import io.tuneflow.core.request.ReadResult;
import io.tuneflow.core.request.TuningRequest;
import io.tuneflow.core.request.TuningRequestReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobDefinition;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjective;
import software.amazon.awssdk.services.sagemaker.model.MetricDefinition;

@Command(name = "check-metrics", mixinStandardHelpOptions = true,
        description = {"Apply a request's MetricDefinitions to a real training log, as SageMaker does:",
                "which values each definition extracts, which never match, and regexes that capture the wrong text.",
                "Exit status: 0 the objective metric matched, 2 the request is invalid or the objective never matched, 1 internal failure."})
final class CheckMetricsCommand implements Callable<Integer> {

    private static final int VALUES_SHOWN = 5;

    @Spec
    CommandSpec spec;

    @Option(names = "--request", required = true, paramLabel = "FILE", description = "The tuning request document.")
    Path request;

    @Option(names = "--log", required = true, paramLabel = "FILE", description = "A training log (stdout and stderr of a training job).")
    Path log;

    @Option(names = "--definition", paramLabel = "NAME",
            description = "With TrainingJobDefinitions, the DefinitionName whose metrics to check.")
    String definitionName;

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json.")
    OutputFormat output;

    /** One finding of the check: a metric that never matched, a regex that captured text, an invalid request... */
    record Finding(String severity, String code, String metric, String message, String fix) {
    }

    @Override
    public Integer call() {
        if (!Files.isReadable(log)) {
            throw new UserInputException("cannot read the log " + log + ": check the path.");
        }
        ReadResult read = TuningRequestReader.read(request);
        PrintWriter out = spec.commandLine().getOut();
        if (read.request().isEmpty()) {
            // Not even parseable: there are no metric definitions to check; show why, as validate would.
            ProblemPrinter printer = new ProblemPrinter(out, Ansi.AUTO);
            read.report().errors().forEach(p -> printer.print(read.report().source(), p));
            return ExitCodes.INVALID_INPUT;
        }
        HyperParameterTrainingJobDefinition definition = chooseDefinition(read.request().get());
        List<MetricDefinition> definitions = definition.algorithmSpecification() == null
                ? List.of() : definition.algorithmSpecification().metricDefinitions();
        String objective = objectiveOf(read.request().get(), definition);
        List<MetricSeries> series = MetricExtractor.extract(definitions, log);

        List<Finding> findings = new ArrayList<>();
        if (!read.valid()) {
            findings.add(new Finding("error", "request-invalid", null,
                    "The request has " + read.report().errors().size() + " validation error(s).",
                    "Run `tuneflow validate " + request + "` for the list."));
        }
        for (MetricSeries s : series) {
            describe(s, objective, findings);
        }
        boolean objectiveMatched = objective != null && series.stream()
                .anyMatch(s -> s.name().equals(objective) && s.finalValue().isPresent());
        if (objective == null) {
            findings.add(new Finding("error", "objective-missing", null, "The request names no objective metric.",
                    "Add HyperParameterTuningJobObjective (or TuningObjective) with the MetricName to optimise."));
        } else if (series.stream().noneMatch(s -> s.name().equals(objective))) {
            findings.add(new Finding("error", "objective-undefined", objective,
                    "The objective metric \"" + objective + "\" has no MetricDefinition, so nothing extracts it from this log.",
                    "Add a MetricDefinition named \"" + objective + "\" (built-in algorithms emit theirs without one)."));
        } else if (!objectiveMatched) {
            findings.add(new Finding("error", "objective-never-matched", objective,
                    "The objective metric \"" + objective + "\" never produced a value from this log: SageMaker would fail every training job.",
                    "Compare the regex with the lines the training code prints (see the metric's details above)."));
        }
        if (output == OutputFormat.json) {
            out.println(Json.write(toJson(series, findings, objective)));
        } else {
            printText(out, series, findings, objective);
        }
        out.flush();
        return read.valid() && objectiveMatched ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    }

    private HyperParameterTrainingJobDefinition chooseDefinition(TuningRequest request) {
        List<HyperParameterTrainingJobDefinition> all = new ArrayList<>();
        if (request.sageMakerRequest().trainingJobDefinition() != null) {
            all.add(request.sageMakerRequest().trainingJobDefinition());
        }
        all.addAll(request.sageMakerRequest().trainingJobDefinitions());
        if (all.isEmpty()) {
            throw new UserInputException(request.source().name() + " has no TrainingJobDefinition, so it defines no metrics.");
        }
        if (definitionName != null) {
            return all.stream().filter(d -> definitionName.equals(d.definitionName())).findFirst()
                    .orElseThrow(() -> new UserInputException("no training job definition named \"" + definitionName
                            + "\"; the request has: " + names(all) + "."));
        }
        if (all.size() > 1) {
            throw new UserInputException("the request has " + all.size() + " training job definitions (" + names(all)
                    + "); choose one with --definition NAME.");
        }
        return all.get(0);
    }

    private static String names(List<HyperParameterTrainingJobDefinition> all) {
        return String.join(", ", all.stream().map(d -> Objects.requireNonNullElse(d.definitionName(), "(unnamed)")).toList());
    }

    private static String objectiveOf(TuningRequest request, HyperParameterTrainingJobDefinition definition) {
        HyperParameterTuningJobObjective objective = definition.tuningObjective();
        if (objective == null && request.sageMakerRequest().hyperParameterTuningJobConfig() != null) {
            objective = request.sageMakerRequest().hyperParameterTuningJobConfig().hyperParameterTuningJobObjective();
        }
        return objective == null ? null : objective.metricName();
    }

    private static void describe(MetricSeries s, String objective, List<Finding> findings) {
        String severity = s.name().equals(objective) ? "error" : "warning";
        if (s.compileError().isPresent()) {
            findings.add(new Finding("error", "regex-invalid", s.name(), "The regex does not compile: " + s.compileError().get() + ".",
                    "Fix the regular expression."));
            return;
        }
        for (PythonRegexDifference d : MetricRegex.compile(s.regex()).differences()) {
            findings.add(new Finding("warning", "python-difference", s.name(), d.construct() + ": " + d.message(), d.fix()));
        }
        for (MetricLint lint : MetricRegexLint.lint(s.regex())) {
            findings.add(new Finding("warning", lint.code(), s.name(), lint.message(), lint.fix()));
        }
        if (s.matches() == 0) {
            if (!s.name().equals(objective)) {
                findings.add(new Finding(severity, "never-matched", s.name(), "The regex matched no line of the log.",
                        "Compare it with the lines the training code prints; mind spaces, case and escaping of . ( [ ."));
            }
        } else if (s.skipped() > 0) {
            findings.add(new Finding("warning", "non-numeric-captures", s.name(),
                    s.skipped() + " of " + s.matches() + " matches captured text that is not a number (e.g. \""
                            + String.join("\", \"", s.skippedExamples()) + "\"); SageMaker skips those.",
                    "Capture only the number, e.g. ([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)."));
        }
    }

    private void printText(PrintWriter out, List<MetricSeries> series, List<Finding> findings, String objective) {
        ProblemPrinter printer = new ProblemPrinter(out, Ansi.AUTO);
        out.println(printer.colour("@|bold " + ProblemPrinter.escape(log.toString()) + "|@") + " with the metric definitions of " + request);
        if (series.isEmpty()) {
            out.println("  (no MetricDefinitions)");
        }
        for (MetricSeries s : series) {
            String name = s.name() + (s.name().equals(objective) ? " (objective)" : "");
            String last = s.finalValue().isPresent() ? format(s.finalValue().getAsDouble()) : "-";
            out.println("  " + printer.colour("@|bold " + ProblemPrinter.escape(name) + "|@") + "  regex " + s.regex());
            out.println("      matches " + s.matches() + ", values " + s.values().size() + ", final " + last
                    + (s.values().isEmpty() ? "" : "   last values: " + lastValues(s)));
        }
        if (findings.isEmpty()) {
            out.println(printer.colour("@|bold,green ok|@") + ": every metric matched and captured numbers.");
            return;
        }
        out.println("problems:");
        for (Finding f : findings) {
            String label = f.severity().equals("error") ? "@|bold,red error|@  " : "@|bold,yellow warning|@";
            out.println("  " + printer.colour(label) + " " + (f.metric() == null ? "" : f.metric() + ": ") + f.message()
                    + printer.colour(" @|faint [" + f.code() + "]|@"));
            out.println("           " + printer.colour("@|cyan fix:|@ ") + f.fix());
        }
    }

    private static String lastValues(MetricSeries s) {
        List<MetricValue> values = s.values();
        return String.join(" ", values.subList(Math.max(0, values.size() - VALUES_SHOWN), values.size()).stream()
                .map(v -> format(v.value())).toList());
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static ObjectNode toJson(List<MetricSeries> series, List<Finding> findings, String objective) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        if (objective != null) {
            root.put("objective", objective);
        } else {
            root.putNull("objective");
        }
        ArrayNode metrics = root.putArray("metrics");
        for (MetricSeries s : series) {
            ObjectNode m = metrics.addObject().put("name", s.name()).put("regex", s.regex()).put("matches", s.matches());
            ArrayNode values = m.putArray("values");
            s.values().forEach(v -> values.add(v.value()));
            if (s.finalValue().isPresent()) {
                m.put("final", s.finalValue().getAsDouble());
            } else {
                m.putNull("final");
            }
            m.put("skipped", s.skipped());
        }
        ArrayNode problems = root.putArray("problems");
        for (Finding f : findings) {
            ObjectNode p = problems.addObject().put("severity", f.severity()).put("code", f.code());
            if (f.metric() != null) {
                p.put("metric", f.metric());
            }
            p.put("message", f.message()).put("fix", f.fix());
        }
        return root;
    }
}
