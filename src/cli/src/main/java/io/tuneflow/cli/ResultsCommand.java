package io.tuneflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tuneflow.core.orchestration.TuningResults;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

@Command(name = "results", mixinStandardHelpOptions = true,
        description = {"A tuning job's results, read through the SageMaker API: the best training job and every trial,",
                "best first. --output json prints {\"best\": <best.json>, \"trials\": <trials.json>}."})
final class ResultsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JobOnEndpoint target;

    @Option(names = "--pipeline", paramLabel = "NAME", description = "The pipeline name to report (default: the job's name).")
    String pipeline;


    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (SageMakerClient sageMaker = AwsClients.sageMaker(target.endpoint)) {
            TuningResults results = TuningResults.read(sageMaker, target.job, pipeline != null ? pipeline : target.job);
            ObjectNode best = results.best(Instant.now().toString());
            ObjectNode trials = results.trials();
            if (target.output == OutputFormat.json) {
                ObjectNode both = Json.MAPPER.createObjectNode();
                both.set("best", best);
                both.set("trials", trials);
                out.println(Json.write(both));
                out.flush();
                return ExitCodes.OK;
            }
            out.println(results.tuningJobName() + ": " + results.status() + ", objective " + best.get("objective").get("metricName").asText()
                    + " (" + best.get("objective").get("type").asText() + "), best " + results.bestObjective()
                    + (results.bestTrainingJobName() == null ? "" : " by " + results.bestTrainingJobName()));
            boolean maximize = "Maximize".equals(best.get("objective").get("type").asText());
            List<JsonNode> rows = new ArrayList<>();
            trials.get("trials").forEach(rows::add);
            Comparator<JsonNode> byObjective = Comparator.comparingDouble(t -> t.get("objective").isNull()
                    ? (maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : t.get("objective").asDouble());
            rows.sort(maximize ? byObjective.reversed() : byObjective);
            for (JsonNode t : rows) {
                out.println(String.format("  %-40s %-10s %12s  %s%s", t.get("name").asText(), t.get("status").asText(),
                        t.get("objective").isNull() ? "-" : t.get("objective").asText(), t.get("tunedHyperParameters"),
                        t.get("failureReason").isNull() ? "" : "  " + t.get("failureReason").asText()));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
