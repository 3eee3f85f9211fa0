package io.tuneflow.engine.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SageMaker training contract for one job: the files under {@code input/config}, the input channels under
 * {@code input/data}, and the environment the SageMaker training toolkit gives a script ({@code SM_MODEL_DIR},
 * {@code SM_CHANNEL_TRAIN}, {@code SM_HPS}, {@code SM_USER_ARGS}, …, see the toolkit's ENVIRONMENT_VARIABLES.md),
 * with {@code SAGEMAKER_BASE_DIR} pointing toolkit-based code at the job's directory instead of {@code /opt/ml}.
 *
 * <p>Hyperparameters starting with {@code sagemaker_} configure the framework (program, source directory, region)
 * and are not passed to the script, exactly as the toolkit splits them.
 */
public final class TrainingContract {

    static final String HOST = "algo-1";
    private static final String PROGRAM = "sagemaker_program";
    private static final String FRAMEWORK_PREFIX = "sagemaker_";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> environment;
    private final List<String> userArgs;

    private TrainingContract(Map<String, String> environment, List<String> userArgs) {
        this.environment = Map.copyOf(environment);
        this.userArgs = List.copyOf(userArgs);
    }

    /** Writes the config files, links the channels and computes the environment for {@code spec} in {@code dir}. */
    public static TrainingContract prepare(TrainingJobSpec spec, JobDirectory dir) {
        Map<String, JsonNode> userHps = new TreeMap<>();
        Map<String, JsonNode> frameworkHps = new TreeMap<>();
        spec.hyperParameters().forEach((k, v) -> (k.startsWith(FRAMEWORK_PREFIX) ? frameworkHps : userHps)
                .put(k, PythonValues.decode(v)));
        List<String> args = userArguments(userHps);
        List<String> channels = new ArrayList<>(new TreeMap<>(spec.channels()).keySet());

        ObjectNode resourceConfig = resourceConfig(spec);
        ObjectNode inputDataConfig = JSON.createObjectNode();
        channels.forEach(c -> inputDataConfig.putObject(c).put("TrainingInputMode", "File")
                .put("S3DistributionType", "FullyReplicated").put("RecordWrapperType", "None"));
        writeJson(dir.inputConfig().resolve("hyperparameters.json"), JSON.<JsonNode>valueToTree(new TreeMap<>(spec.hyperParameters())));
        writeJson(dir.inputConfig().resolve("resourceconfig.json"), resourceConfig);
        writeJson(dir.inputConfig().resolve("inputdataconfig.json"), inputDataConfig);
        spec.channels().forEach((name, source) -> link(dir.channel(name), source));

        String program = frameworkHps.containsKey(PROGRAM) ? PythonValues.str(frameworkHps.get(PROGRAM)) : null;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SAGEMAKER_BASE_DIR", dir.root().toString());
        env.put("TRAINING_JOB_NAME", spec.trainingJobName());
        env.put("CURRENT_HOST", HOST);
        env.put("PYTHONUNBUFFERED", "TRUE"); // as in SageMaker's framework images: output reaches the log at once
        env.put("SM_MODEL_DIR", dir.model().toString());
        env.put("SM_INPUT_DIR", dir.input().toString());
        env.put("SM_INPUT_CONFIG_DIR", dir.inputConfig().toString());
        env.put("SM_OUTPUT_DIR", dir.output().toString());
        env.put("SM_OUTPUT_DATA_DIR", dir.outputData().toString());
        env.put("SM_OUTPUT_INTERMEDIATE_DIR", dir.outputIntermediate().toString());
        env.put("SM_CHANNELS", PythonValues.jsonDumps(JSON.<JsonNode>valueToTree(channels)));
        for (String channel : channels) {
            env.put("SM_CHANNEL_" + channel.toUpperCase(Locale.ROOT), dir.channel(channel).toString());
        }
        env.put("SM_HPS", PythonValues.jsonDumps(userHps));
        userHps.forEach((k, v) -> env.put("SM_HP_" + k.toUpperCase(Locale.ROOT), v.isTextual() ? v.textValue() : PythonValues.jsonDumps(v)));
        env.put("SM_USER_ARGS", PythonValues.jsonDumps(JSON.<JsonNode>valueToTree(args)));
        env.put("SM_CURRENT_HOST", HOST);
        env.put("SM_HOSTS", "[\"" + HOST + "\"]");
        env.put("SM_NETWORK_INTERFACE_NAME", "eth0");
        env.put("SM_CURRENT_INSTANCE_TYPE", String.valueOf(spec.instanceType()));
        env.put("SM_NUM_CPUS", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("SM_NUM_GPUS", "0");
        env.put("SM_NUM_NEURONS", "0");
        env.put("SM_RESOURCE_CONFIG", PythonValues.jsonDumps(resourceConfig));
        env.put("SM_INPUT_DATA_CONFIG", PythonValues.jsonDumps(inputDataConfig));
        env.put("SM_FRAMEWORK_PARAMS", PythonValues.jsonDumps(frameworkParams(frameworkHps)));
        env.put("SM_LOG_LEVEL", frameworkHps.containsKey("sagemaker_container_log_level")
                ? PythonValues.str(frameworkHps.get("sagemaker_container_log_level")) : "20");
        if (program != null) {
            env.put("SM_USER_ENTRY_POINT", program);
            env.put("SM_MODULE_NAME", program.endsWith(".py") ? program.substring(0, program.length() - 3) : program);
            env.put("SM_MODULE_DIR", frameworkHps.containsKey("sagemaker_submit_directory")
                    ? PythonValues.str(frameworkHps.get("sagemaker_submit_directory")) : dir.code().toString());
        }
        env.put("SM_TRAINING_ENV", trainingEnv(env, userHps, args, channels, dir));
        env.putAll(spec.environment()); // the request's Environment (SM_LOG_LEVEL, …) wins, as in SageMaker
        return new TrainingContract(env, args);
    }

    /** Environment variables for the trainer process, on top of the engine's own environment. */
    public Map<String, String> environment() {
        return environment;
    }

    /** The hyperparameters as script arguments: {@code --name value}, sorted by name, as the toolkit builds them. */
    public List<String> userArgs() {
        return userArgs;
    }

    private static List<String> userArguments(Map<String, JsonNode> userHps) {
        List<String> args = new ArrayList<>();
        userHps.forEach((name, value) -> {
            if (!name.isEmpty()) {
                args.add(name.length() > 1 ? "--" + name : "-" + name);
                args.add(PythonValues.argument(value));
            }
        });
        return args;
    }

    private static ObjectNode resourceConfig(TrainingJobSpec spec) {
        ObjectNode config = JSON.createObjectNode();
        config.put("current_host", HOST);
        config.putArray("hosts").add(HOST);
        config.put("current_instance_type", String.valueOf(spec.instanceType()));
        config.put("current_group_name", "homogeneousCluster");
        config.put("network_interface_name", "eth0");
        ArrayNode groups = config.putArray("instance_groups");
        ObjectNode group = groups.addObject();
        group.put("instance_group_name", "homogeneousCluster");
        group.put("instance_type", String.valueOf(spec.instanceType()));
        group.putArray("hosts").add(HOST);
        return config;
    }

    private static Map<String, JsonNode> frameworkParams(Map<String, JsonNode> frameworkHps) {
        Map<String, JsonNode> params = new TreeMap<>(frameworkHps);
        // The toolkit reports only the framework parameters it does not consume itself.
        for (String consumed : new String[] {PROGRAM, "sagemaker_submit_directory", "sagemaker_region",
                "sagemaker_container_log_level", "sagemaker_job_name", "sagemaker_enable_cloudwatch_metrics"}) {
            params.remove(consumed);
        }
        return params;
    }

    private static String trainingEnv(Map<String, String> env, Map<String, JsonNode> userHps, List<String> args,
                                      List<String> channels, JobDirectory dir) {
        ObjectNode training = JSON.createObjectNode();
        ObjectNode channelDirs = training.putObject("channel_input_dirs");
        channels.forEach(c -> channelDirs.put(c, dir.channel(c).toString()));
        training.put("current_host", HOST);
        training.putArray("hosts").add(HOST);
        training.set("hyperparameters", JSON.<JsonNode>valueToTree(userHps));
        training.put("input_dir", dir.input().toString());
        training.put("input_config_dir", dir.inputConfig().toString());
        training.put("model_dir", dir.model().toString());
        training.put("output_dir", dir.output().toString());
        training.put("output_data_dir", dir.outputData().toString());
        training.put("num_cpus", Integer.parseInt(env.get("SM_NUM_CPUS")));
        training.put("num_gpus", 0);
        training.put("job_name", env.get("TRAINING_JOB_NAME"));
        training.put("log_level", env.get("SM_LOG_LEVEL"));
        if (env.containsKey("SM_USER_ENTRY_POINT")) {
            training.put("user_entry_point", env.get("SM_USER_ENTRY_POINT"));
            training.put("module_name", env.get("SM_MODULE_NAME"));
            training.put("module_dir", env.get("SM_MODULE_DIR"));
        }
        training.set("user_args", JSON.<JsonNode>valueToTree(args));
        return PythonValues.jsonDumps(training);
    }

    private static void link(Path channelDir, Path source) {
        try {
            Files.deleteIfExists(channelDir);
            Files.createSymbolicLink(channelDir, source.toAbsolutePath());
        } catch (IOException | UnsupportedOperationException e) {
            throw new UncheckedIOException("Cannot make channel " + channelDir.getFileName() + " from " + source,
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static void writeJson(Path file, JsonNode node) {
        try {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
