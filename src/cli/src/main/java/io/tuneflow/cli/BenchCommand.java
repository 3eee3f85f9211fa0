package io.tuneflow.cli;

import io.tuneflow.core.request.TuningRequestReader;
import io.tuneflow.engine.FaultInjection;
import io.tuneflow.engine.LocalEngine;
import io.tuneflow.engine.s3.EmbeddedS3;
import io.tuneflow.engine.training.Archives;
import io.tuneflow.engine.tuning.Trial;
import io.tuneflow.engine.tuning.TuningJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (not tests): figures measured side by side in one run. See bench/README.md.",
        subcommands = {BenchCommand.Engine.class, BenchOptimizersCommand.class, HyperbandBenchmark.class})
final class BenchCommand {

    @Command(name = "engine", mixinStandardHelpOptions = true,
            description = {"Engine overhead per trial above the cost of spawning the trainer process (a no-op trainer),",
                    "at 1 and 4 parallel, on a fresh engine and after a warm-up, and the speed-up of 9",
                    "one-second trials at MaxParallelTrainingJobs 3."})
    static final class Engine implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--trials", defaultValue = "40", description = "No-op trials per measured run (default ${DEFAULT-VALUE}).")
        int trials;

        @Option(names = "--warmup-trials", defaultValue = "600",
                description = "No-op trials run between the fresh and the warm measurements (default ${DEFAULT-VALUE}).")
        int warmupTrials;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Path workspace = Files.createTempDirectory("tuneflow-bench");
            try (LocalEngine engine = LocalEngine.start(new LocalEngine.Settings(workspace, "127.0.0.1", 0, 0, "python3",
                    Map.of(), FaultInjection.none(), Duration.ofSeconds(1)));
                 S3Client s3 = EmbeddedS3.client(engine.s3Endpoint())) {
                s3.createBucket(b -> b.bucket("bench"));
                upload(s3, workspace, "noop", "echo \"loss = 1\"\n");
                upload(s3, workspace, "one-second", "sleep 1; echo \"loss = 1\"\n");

                Path spawnDir = Files.createDirectories(workspace.resolve("spawn"));
                Files.writeString(spawnDir.resolve("train.sh"), "echo \"loss = 1\"\n");
                spawn(spawnDir, 5, 1); // warm-up
                double spawn1 = spawn(spawnDir, trials, 1) / trials;
                double spawn4 = spawn(spawnDir, trials, 4) / trials;

                // A fresh engine: what a short tuning job sees (the S3 endpoint, the SDK and the JIT not warm yet).
                double fresh1 = run(engine, "fresh-p1", "noop", trials, 1) / trials;
                double fresh4 = run(engine, "fresh-p4", "noop", trials, 4) / trials;
                // Warm: the steady state of a long job, once the JIT has compiled the S3 and engine paths.
                for (int done = 0, k = 1; done < warmupTrials; k++) {
                    int batch = Math.min(MAX_TRIALS_PER_JOB, warmupTrials - done);
                    run(engine, "warmup-" + k, "noop", batch, 2);
                    done += batch;
                }
                double warm1 = run(engine, "warm-p1", "noop", trials, 1) / trials;
                double warm4 = run(engine, "warm-p4", "noop", trials, 4) / trials;
                double nineMillis = run(engine, "nine-p3", "one-second", 9, 3);

                out.printf("tuneflow bench engine (%d no-op trials per run, %d warm-up trials, %d cores)%n", trials, warmupTrials,
                        Runtime.getRuntime().availableProcessors());
                out.printf("  spawn the no-op trainer directly, 1 at a time:  %6.1f ms per trial%n", spawn1);
                out.printf("  spawn the no-op trainer directly, 4 at a time:  %6.1f ms per trial (wall time / trials)%n", spawn4);
                line(out, "engine, fresh, MaxParallelTrainingJobs 1:", fresh1, spawn1);
                line(out, "engine, fresh, MaxParallelTrainingJobs 4:", fresh4, spawn4);
                line(out, "engine, warm,  MaxParallelTrainingJobs 1:", warm1, spawn1);
                line(out, "engine, warm,  MaxParallelTrainingJobs 4:", warm4, spawn4);
                out.printf("  9 one-second trials, parallel 3:               %6.0f ms wall, ideal 3000 ms: %.2f of ideal%n",
                        nineMillis, 3000 / nineMillis);
            } finally {
                try (Stream<Path> walk = Files.walk(workspace)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return ExitCodes.OK;
        }

        /** SageMaker's limit on training jobs per tuning job, which the engine enforces too. */
        private static final int MAX_TRIALS_PER_JOB = 750;

        private static void line(PrintWriter out, String what, double perTrial, double spawn) {
            out.printf("  %-46s %6.1f ms per trial: overhead %.1f ms (%.1f x spawn)%n", what, perTrial, perTrial - spawn, perTrial / spawn);
        }

        private static void upload(S3Client s3, Path workspace, String name, String script) throws IOException {
            Path source = Files.createDirectories(workspace.resolve("source-" + name));
            Files.writeString(source.resolve("train.sh"), script);
            Path tarGz = workspace.resolve(name + ".tar.gz");
            Archives.packTarGz(source, tarGz);
            s3.putObject(b -> b.bucket("bench").key(name + "/sourcedir.tar.gz"), RequestBody.fromFile(tarGz));
        }

        /**
         * Milliseconds to start and wait for {@code count} trainer processes, {@code parallel} at a time (each of
         * {@code parallel} threads runs its share one after another): the baseline each engine run is compared with.
         */
        private static double spawn(Path dir, int count, int parallel) throws InterruptedException {
            ExecutorService threads = Executors.newFixedThreadPool(parallel);
            try {
                long start = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < parallel; t++) {
                    int share = count / parallel + (t < count % parallel ? 1 : 0);
                    done.add(threads.submit(() -> {
                        for (int k = 0; k < share; k++) {
                            Process p = new ProcessBuilder("/bin/sh", "train.sh", "--x", "1").directory(dir.toFile())
                                    .redirectErrorStream(true).start();
                            p.getInputStream().readAllBytes();
                            p.waitFor();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                return (System.nanoTime() - start) / 1e6;
            } catch (ExecutionException e) {
                throw new IllegalStateException("Cannot spawn the no-op trainer: " + e.getCause().getMessage(), e.getCause());
            } finally {
                threads.shutdownNow();
            }
        }

        /** Milliseconds from CreateHyperParameterTuningJob to the job's end. */
        private static double run(LocalEngine engine, String name, String code, int trials, int parallel) throws InterruptedException {
            String request = """
                    {"HyperParameterTuningJobName": "%s",
                     "HyperParameterTuningJobConfig": {"Strategy": "Random", "RandomSeed": 1,
                       "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "loss"},
                       "ResourceLimits": {"MaxNumberOfTrainingJobs": %d, "MaxParallelTrainingJobs": %d},
                       "ParameterRanges": {"IntegerParameterRanges": [{"Name": "x", "MinValue": "1", "MaxValue": "1000"}]}},
                     "TrainingJobDefinition": {
                       "AlgorithmSpecification": {"TrainingImage": "111122223333.dkr.ecr.us-east-1.amazonaws.com/noop:1",
                         "TrainingInputMode": "File", "MetricDefinitions": [{"Name": "loss", "Regex": "loss = ([0-9.]+)"}]},
                       "StaticHyperParameters": {"sagemaker_program": "\\"train.sh\\"",
                         "sagemaker_submit_directory": "\\"s3://bench/%s/sourcedir.tar.gz\\""},
                       "RoleArn": "arn:aws:iam::111122223333:role/SageMakerExecutionRole",
                       "OutputDataConfig": {"S3OutputPath": "s3://bench/out"},
                       "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 5},
                       "StoppingCondition": {"MaxRuntimeInSeconds": 60}}}
                    """.formatted(name, trials, parallel, code);
            long start = System.nanoTime();
            TuningJob job = engine.engine().create(TuningRequestReader.read(name + ".json", request).validRequest().sageMakerRequest());
            engine.engine().awaitEnd(name);
            double millis = (System.nanoTime() - start) / 1e6;
            List<Trial> done = job.trials();
            if (!job.status().equals("Completed") || done.stream().anyMatch(t -> !t.status().equals("Completed"))) {
                throw new IllegalStateException("bench job " + name + " did not complete: " + job.status());
            }
            return millis;
        }
    }
}
