package io.tuneflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tuning results whose reports the tests read and open in a browser, each made once per test JVM: the quickstart,
 * a run with failed and stopped trials and a categorical-only Grid run (real runs through {@code tuneflow run}), and a
 * 750-trial synthetic result directory (rendered by {@code tuneflow report DIR}). Kept under target/report-scenarios/.
 */
final class ReportScenarios {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("target", "report-scenarios").toAbsolutePath();
    private static final Pattern DATA = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);
    private static final Map<String, Scenario> MADE = new HashMap<>();

    /**
     * @param output what {@code tuneflow run} (or {@code report}) printed
     * @param jobDirectory the results directory with best.json, trials.json and report.html
     */
    record Scenario(String name, Path workspace, Path jobDirectory, String output) {
        Path report() {
            return jobDirectory.resolve("report.html");
        }

        JsonNode trials() {
            return read(jobDirectory.resolve("trials.json"));
        }

        JsonNode best() {
            return read(jobDirectory.resolve("best.json"));
        }

        String html() {
            try {
                return Files.readString(report());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The report's embedded data element, parsed. */
        JsonNode embeddedData() {
            return dataOf(html());
        }
    }

    static JsonNode dataOf(String html) {
        Matcher m = DATA.matcher(html);
        if (!m.find()) {
            throw new AssertionError("the report has no report-data element");
        }
        try {
            return JSON.readTree(m.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table row of one training job, as the server rendered it. */
    static String row(String html, String trainingJob) {
        int start = html.indexOf("<tr data-name=\"" + trainingJob + "\"");
        if (start < 0) {
            throw new AssertionError("no table row for " + trainingJob);
        }
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private ReportScenarios() {
    }

    static synchronized Scenario quickstart() {
        return MADE.computeIfAbsent("quickstart", name -> {
            fresh(name);
            return run(name, Path.of("../../examples/quickstart/request.json").toAbsolutePath().normalize());
        });
    }

    /** Random search over a trainer that fails for some widths and outlives MaxRuntimeInSeconds for others. */
    static synchronized Scenario failedAndStopped() {
        return MADE.computeIfAbsent("failed-and-stopped", name -> run(name, request(name, """
                {"HyperParameterTuningJobName": "outcomes",
                 "HyperParameterTuningJobConfig": {"Strategy": "Random", "RandomSeed": 5,
                   "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "loss"},
                   "ResourceLimits": {"MaxNumberOfTrainingJobs": 12, "MaxParallelTrainingJobs": 4},
                   "ParameterRanges": {
                     "IntegerParameterRanges": [{"Name": "width", "MinValue": "1", "MaxValue": "12"}],
                     "ContinuousParameterRanges": [{"Name": "lr", "MinValue": "0.0001", "MaxValue": "1", "ScalingType": "Logarithmic"}]}},
                 "TrainingJobDefinition": %s,
                 "Tuneflow": {"PipelineName": "outcomes", "LocalImages": {"*/trainer:*": {"Command": ["sh", "train.sh"]}}}}
                """.formatted(definition("loss", 2)), """
                w=$SM_HP_WIDTH
                if [ $((w % 4)) -eq 0 ]; then
                  echo "loss = 9.0"
                  echo "width $w does not divide the input" > "$SM_OUTPUT_DIR/failure"; exit 1
                fi
                for epoch in 1 2 3 4 5 6; do
                  awk -v w="$w" -v lr="$SM_HP_LR" -v e="$epoch" 'BEGIN { printf "epoch %d loss = %.5f\\n", e, (w - 6) ^ 2 / 10 + (1 + lr) / e }'
                  if [ $((w % 3)) -eq 0 ] && [ "$epoch" -eq 2 ]; then sleep 30; fi
                done
                """)));
    }

    /** Grid search over two categorical hyperparameters, every combination once. */
    static synchronized Scenario categoricalGrid() {
        return MADE.computeIfAbsent("categorical-grid", name -> run(name, request(name, """
                {"HyperParameterTuningJobName": "grid",
                 "HyperParameterTuningJobConfig": {"Strategy": "Grid",
                   "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "accuracy"},
                   "ResourceLimits": {"MaxParallelTrainingJobs": 4},
                   "ParameterRanges": {"CategoricalParameterRanges": [
                     {"Name": "optimizer", "Values": ["sgd", "adam", "rmsprop"]},
                     {"Name": "batch_size", "Values": ["32", "64", "128", "256"]}]}},
                 "TrainingJobDefinition": %s,
                 "Tuneflow": {"PipelineName": "grid", "LocalImages": {"*/trainer:*": {"Command": ["sh", "train.sh"]}}}}
                """.formatted(definition("accuracy", 60)), """
                case "$SM_HP_OPTIMIZER" in sgd) base=0.70;; adam) base=0.80;; *) base=0.76;; esac
                for epoch in 1 2 3 4; do
                  awk -v b="$base" -v s="$SM_HP_BATCH_SIZE" -v e="$epoch" 'BEGIN { printf "accuracy = %.5f\\n", b + 0.02 * log(s) / log(2) - 0.2 / e }'
                done
                """)));
    }

    /** A result directory of 750 trials (SageMaker's most per tuning job), made up, rendered by `tuneflow report DIR`. */
    static synchronized Scenario synthetic750() {
        return synthetic("synthetic-750", 750);
    }

    /** The same made-up job, with its first trial only. */
    static synchronized Scenario singleTrial() {
        return synthetic("single-trial", 1);
    }

    private static Scenario synthetic(String scenario, int trials) {
        return MADE.computeIfAbsent(scenario, name -> {
            Path job = fresh(name).resolve("results/wide/wide-search-0a1b2c3d");
            writeSynthetic(job, trials);
            CliRun report = CliRun.of("report", job.toString());
            if (report.exitCode() != 0) {
                throw new AssertionError("tuneflow report failed: " + report.out() + report.err());
            }
            return new Scenario(name, null, job, report.out());
        });
    }

    private static String definition(String metric, int maxRuntimeSeconds) {
        return """
                {"AlgorithmSpecification": {"TrainingImage": "111122223333.dkr.ecr.us-east-1.amazonaws.com/trainer:1",
                   "TrainingInputMode": "File", "MetricDefinitions": [{"Name": "%1$s", "Regex": "%1$s = ([0-9.]+)"}]},
                 "RoleArn": "arn:aws:iam::111122223333:role/SageMakerExecutionRole",
                 "OutputDataConfig": {"S3OutputPath": "s3://report-scenarios/out"},
                 "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 5},
                 "StoppingCondition": {"MaxRuntimeInSeconds": %2$d}}
                """.formatted(metric, maxRuntimeSeconds);
    }

    private static Path request(String name, String request, String trainer) {
        try {
            Path dir = Files.createDirectories(fresh(name).resolve("request"));
            Files.writeString(dir.resolve("train.sh"), trainer);
            return Files.writeString(dir.resolve("request.json"), request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Scenario run(String name, Path request) {
        Path base = ROOT.resolve(name);
        Path results = base.resolve("results");
        CliRun run = CliRun.of("run", request.toString(), "--workspace", base.resolve("ws").toString(), "--results", results.toString(), "--quiet");
        if (run.exitCode() > 1) {
            throw new AssertionError("tuneflow run " + request + " exited " + run.exitCode() + ": " + run.out() + run.err());
        }
        try (Stream<Path> pipelines = Files.list(results)) {
            Path pipeline = pipelines.filter(Files::isDirectory).findFirst().orElseThrow();
            try (Stream<Path> jobs = Files.list(pipeline)) {
                Path job = jobs.filter(Files::isDirectory).findFirst().orElseThrow();
                return new Scenario(name, base.resolve("ws"), job, run.out());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path fresh(String name) {
        Path dir = ROOT.resolve(name);
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** best.json and trials.json in the published shapes: five hyperparameters, a smooth optimum, a few failures. */
    private static void writeSynthetic(Path job, int count) {
        Random random = new Random(11);
        Instant created = Instant.parse("2026-05-04T08:00:00Z");
        ObjectNode trials = JSON.createObjectNode().put("schemaVersion", 1).put("tuningJobName", "wide-search-0a1b2c3d");
        trials.putObject("objective").put("metricName", "validation:auc").put("type", "Maximize");
        ArrayNode ranges = trials.putArray("parameterRanges");
        ranges.addObject().put("name", "eta").put("type", "Continuous").put("scaling", "Logarithmic").put("minValue", 0.001).put("maxValue", 0.5);
        ranges.addObject().put("name", "subsample").put("type", "Continuous").put("scaling", "Linear").put("minValue", 0.5).put("maxValue", 1.0);
        ranges.addObject().put("name", "max_depth").put("type", "Integer").put("scaling", "Linear").put("minValue", 2.0).put("maxValue", 12.0);
        ranges.addObject().put("name", "booster").put("type", "Categorical").putArray("values").add("gbtree").add("dart").add("gblinear");
        ArrayNode list = trials.putArray("trials");
        ObjectNode bestTrial = null;
        Map<String, Integer> counts = new HashMap<>();
        for (int k = 0; k < count; k++) {
            double eta = Math.exp(Math.log(0.001) + random.nextDouble() * Math.log(500));
            double subsample = 0.5 + random.nextDouble() / 2;
            int depth = 2 + random.nextInt(11);
            String booster = List.of("gbtree", "dart", "gblinear").get(random.nextInt(3));
            String status = k % 89 == 17 ? "Failed" : k % 61 == 5 ? "Stopped" : "Completed";
            counts.merge(status, 1, Integer::sum);
            double auc = Math.round((0.95 - Math.abs(Math.log10(eta) + 1.3) * 0.08 - Math.abs(depth - 6) * 0.01
                    - (1 - subsample) * 0.05 + random.nextGaussian() * 0.004) * 1e6) / 1e6;
            Instant start = created.plusSeconds(k * 12L);
            int seconds = 60 + random.nextInt(400);
            ObjectNode t = list.addObject().put("name", String.format("wide-search-0a1b2c3d-%03d-%08x", k + 1, 0x1000 + k * 7919))
                    .put("status", status).put("objectiveStatus", status.equals("Failed") ? "Failed" : "Succeeded");
            t.putObject("tunedHyperParameters").put("eta", Double.toString(eta)).put("subsample", Double.toString(subsample))
                    .put("max_depth", Integer.toString(depth)).put("booster", booster);
            if (status.equals("Failed")) {
                t.putNull("objective");
                t.putObject("metrics");
            } else {
                t.put("objective", auc);
                t.putObject("metrics").put("validation:auc", auc);
            }
            t.put("startTime", start.toString()).put("endTime", start.plusSeconds(seconds).toString()).put("billableSeconds", seconds)
                    .put("failureReason", status.equals("Failed") ? "AlgorithmError: worker exited with code 137 (out of memory)" : null)
                    .put("secondaryStatus", status.equals("Stopped") ? "Stopped" : status);
            if (!status.equals("Failed") && (bestTrial == null || auc > bestTrial.get("objective").asDouble())) {
                bestTrial = t;
            }
        }
        ObjectNode best = JSON.createObjectNode().put("schemaVersion", 1).put("tuningJobName", "wide-search-0a1b2c3d")
                .put("tuningJobArn", "arn:aws:sagemaker:us-east-1:111122223333:hyper-parameter-tuning-job/wide-search-0a1b2c3d")
                .put("pipelineName", "wide").put("status", "Completed").putNull("failureReason").put("strategy", "Bayesian")
                .put("creationTime", created.toString()).put("endTime", created.plusSeconds(count * 12L + 500).toString());
        best.putObject("warmStart").put("type", "IdenticalDataAndAlgorithm").putArray("parents").add("wide-search-previous");
        best.putObject("objective").put("metricName", "validation:auc").put("type", "Maximize").put("value", bestTrial.get("objective").asDouble());
        ObjectNode b = best.putObject("bestTrainingJob").put("name", bestTrial.get("name").asText());
        b.set("tunedHyperParameters", bestTrial.get("tunedHyperParameters"));
        b.set("hyperParameters", bestTrial.get("tunedHyperParameters"));
        b.put("modelArtifact", "s3://models/wide/" + bestTrial.get("name").asText() + "/output/model.tar.gz");
        b.set("metrics", bestTrial.get("metrics"));
        best.putObject("trainingJobs").put("Completed", counts.getOrDefault("Completed", 0)).put("InProgress", 0)
                .put("RetryableError", 0).put("NonRetryableError", counts.getOrDefault("Failed", 0)).put("Stopped", counts.getOrDefault("Stopped", 0));
        best.putObject("completion").put("reason", "MaxNumberOfTrainingJobs").putNull("trainingJobsNotImproving").putNull("convergenceDetectedTime");
        best.put("publishedAt", created.plusSeconds(count * 12L + 600).toString());
        try {
            Files.createDirectories(job);
            Files.writeString(job.resolve("best.json"), best.toPrettyString());
            Files.writeString(job.resolve("trials.json"), trials.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
