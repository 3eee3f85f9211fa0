package io.tuneflow.infrastructure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * What a {@link TuningOrchestrator} is made of. Only the SageMaker execution role(s) are required; every other
 * setting has the default its builder method documents. Immutable; {@link #builder()} makes one.
 */
public final class TuningOrchestratorProps {

    private final IBucket bucket;
    private final RemovalPolicy bucketRemovalPolicy;
    private final String requestsPrefix;
    private final String datasetsPrefix;
    private final String resultsPrefix;
    private final Map<String, String> datasetRequests;
    private final List<IRole> executionRoles;
    private final String jobNamePrefix;
    private final List<RetrainingSchedule> schedules;
    private final ITopic notificationTopic;
    private final boolean notifications;
    private final int memorySize;
    private final Architecture architecture;
    private final Runtime runtime;
    private final RetentionDays logRetention;
    private final boolean snapStart;
    private final String functionsJar;
    private final String stateMachineDefinition;

    private TuningOrchestratorProps(Builder b) {
        this.bucket = b.bucket;
        this.bucketRemovalPolicy = b.bucketRemovalPolicy;
        this.requestsPrefix = asPrefix("requestsPrefix", b.requestsPrefix);
        this.datasetsPrefix = asPrefix("datasetsPrefix", b.datasetsPrefix);
        this.resultsPrefix = asPrefix("resultsPrefix", b.resultsPrefix);
        this.datasetRequests = Map.copyOf(b.datasetRequests);
        this.executionRoles = List.copyOf(b.executionRoles);
        this.jobNamePrefix = b.jobNamePrefix;
        this.schedules = List.copyOf(b.schedules);
        this.notificationTopic = b.notificationTopic;
        this.notifications = b.notifications || b.notificationTopic != null;
        this.memorySize = b.memorySize;
        this.architecture = b.architecture;
        this.runtime = b.runtime;
        this.logRetention = b.logRetention;
        this.snapStart = b.snapStart;
        this.functionsJar = b.functionsJar;
        this.stateMachineDefinition = b.stateMachineDefinition;
        check();
    }

    public static Builder builder() {
        return new Builder();
    }

    private void check() {
        if (executionRoles.isEmpty()) {
            throw new IllegalArgumentException("TuningOrchestratorProps.executionRoles is empty: name the SageMaker execution "
                    + "role(s) that requests may use as RoleArn (the workflow may pass only those to SageMaker), e.g. "
                    + ".executionRoles(List.of(Role.fromRoleArn(this, \"SageMakerRole\", \"arn:aws:iam::111122223333:role/sagemaker-tuning\")))");
        }
        if (!JOB_NAME_PREFIX.matcher(jobNamePrefix).matches()) {
            throw new IllegalArgumentException("TuningOrchestratorProps.jobNamePrefix must be 1 to 12 lower-case letters, digits "
                    + "and hyphens, starting with a letter or digit (SageMaker writes names into ARNs in lower case, and the "
                    + "functions' IAM policies match ARNs case by case), like \"tf-\"; \"" + jobNamePrefix + "\" is not.");
        }
        if (memorySize < 512 || memorySize > 10240) {
            throw new IllegalArgumentException("TuningOrchestratorProps.memorySize is " + memorySize + " MB; give 512 to 10240 "
                    + "(the functions start a JVM; below 512 MB their cold start is several seconds).");
        }
        List<String> prefixes = List.of(requestsPrefix, datasetsPrefix, resultsPrefix);
        for (String a : prefixes) {
            for (String b : prefixes) {
                if (a != b && a.startsWith(b)) {
                    throw new IllegalArgumentException("The requests, datasets and results prefixes must not contain each other, "
                            + "but \"" + a + "\" is inside \"" + b + "\": results written below the requests would trigger the workflow.");
                }
            }
        }
        java.util.Set<String> pipelines = new java.util.HashSet<>();
        for (RetrainingSchedule schedule : schedules) {
            if (!pipelines.add(schedule.pipeline())) {
                throw new IllegalArgumentException("Two schedules for pipeline " + schedule.pipeline() + ": give each pipeline one "
                        + "schedule (two would start two jobs at once that warm-start from the same latest.json).");
            }
        }
    }

    /** Same rule as the functions' {@code TuningJobNames.validNamePrefix}; TuningOrchestratorTest checks they agree. */
    static final java.util.regex.Pattern JOB_NAME_PREFIX = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,11}");

    private static String asPrefix(String name, String value) {
        Objects.requireNonNull(value, name);
        String prefix = value.replaceAll("^/+", "");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("TuningOrchestratorProps." + name + " is empty; give a key prefix such as \"requests/\".");
        }
        return prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** The bucket to use, or null: the orchestrator creates one. */
    public IBucket bucket() {
        return bucket;
    }

    public RemovalPolicy bucketRemovalPolicy() {
        return bucketRemovalPolicy;
    }

    public String requestsPrefix() {
        return requestsPrefix;
    }

    public String datasetsPrefix() {
        return datasetsPrefix;
    }

    public String resultsPrefix() {
        return resultsPrefix;
    }

    public Map<String, String> datasetRequests() {
        return datasetRequests;
    }

    public List<IRole> executionRoles() {
        return executionRoles;
    }

    public String jobNamePrefix() {
        return jobNamePrefix;
    }

    public List<RetrainingSchedule> schedules() {
        return schedules;
    }

    /** The topic to notify, or null: one is created when {@link #notifications()} is on. */
    public ITopic notificationTopic() {
        return notificationTopic;
    }

    public boolean notifications() {
        return notifications;
    }

    public int memorySize() {
        return memorySize;
    }

    public Architecture architecture() {
        return architecture;
    }

    public Runtime runtime() {
        return runtime;
    }

    public RetentionDays logRetention() {
        return logRetention;
    }

    public boolean snapStart() {
        return snapStart;
    }

    public String functionsJar() {
        return functionsJar;
    }

    public String stateMachineDefinition() {
        return stateMachineDefinition;
    }

    public static final class Builder {
        private IBucket bucket;
        private RemovalPolicy bucketRemovalPolicy = RemovalPolicy.RETAIN;
        private String requestsPrefix = "requests/";
        private String datasetsPrefix = "datasets/";
        private String resultsPrefix = "results/";
        private final Map<String, String> datasetRequests = new LinkedHashMap<>();
        private final List<IRole> executionRoles = new ArrayList<>();
        private String jobNamePrefix = "tf-";
        private final List<RetrainingSchedule> schedules = new ArrayList<>();
        private ITopic notificationTopic;
        private boolean notifications;
        private int memorySize = 1024;
        private Architecture architecture = Architecture.ARM_64;
        private Runtime runtime = Runtime.JAVA_25;
        private RetentionDays logRetention = RetentionDays.THREE_MONTHS;
        private boolean snapStart;
        private String functionsJar;
        private String stateMachineDefinition;

        private Builder() {
        }

        /**
         * An existing bucket (default: a new one — versioned, encrypted, TLS only, public access blocked). An existing
         * bucket must send its events to EventBridge (S3 console → Properties → Amazon EventBridge → On) for uploads
         * to start the workflow.
         */
        public Builder bucket(IBucket value) {
            this.bucket = value;
            return this;
        }

        /** What happens to a bucket the orchestrator created when the stack is deleted; default RETAIN. */
        public Builder bucketRemovalPolicy(RemovalPolicy value) {
            this.bucketRemovalPolicy = Objects.requireNonNull(value);
            return this;
        }

        /** Where requests are uploaded; an upload below it starts the workflow. Default {@code requests/}. */
        public Builder requestsPrefix(String value) {
            this.requestsPrefix = value;
            return this;
        }

        /** Where training data arrives; an upload below {@code <prefix><pipeline>/} starts the pipeline's request. Default {@code datasets/}. */
        public Builder datasetsPrefix(String value) {
            this.datasetsPrefix = value;
            return this;
        }

        /** Where results are published, {@code <prefix><pipeline>/<job>/...}. Default {@code results/}. */
        public Builder resultsPrefix(String value) {
            this.resultsPrefix = value;
            return this;
        }

        /** Data sets that do not follow the {@code <datasets>/<pipeline>/} layout: data set prefix → request key. */
        public Builder datasetRequest(String datasetPrefix, String requestKey) {
            this.datasetRequests.put(datasetPrefix, requestKey);
            return this;
        }

        /** The SageMaker execution role(s) requests may name as RoleArn; the only roles the workflow may pass. Required. */
        public Builder executionRoles(List<? extends IRole> value) {
            this.executionRoles.clear();
            this.executionRoles.addAll(value);
            return this;
        }

        /**
         * Put before every tuning-job name; the functions' SageMaker permissions are scoped to it. Default {@code tf-}.
         * Give stacks in one account different prefixes to keep their permissions apart.
         */
        public Builder jobNamePrefix(String value) {
            this.jobNamePrefix = Objects.requireNonNull(value);
            return this;
        }

        public Builder schedule(RetrainingSchedule value) {
            this.schedules.add(Objects.requireNonNull(value));
            return this;
        }

        public Builder schedules(List<RetrainingSchedule> value) {
            this.schedules.clear();
            this.schedules.addAll(value);
            return this;
        }

        /**
         * Notify this topic when results are published and when a workflow fails. The topic's policy (and key policy,
         * if encrypted) must let events.amazonaws.com and cloudwatch.amazonaws.com publish.
         */
        public Builder notificationTopic(ITopic value) {
            this.notificationTopic = value;
            return this;
        }

        /** Create a topic (KMS-encrypted, TLS only) for the notifications; default off. */
        public Builder notifications(boolean value) {
            this.notifications = value;
            return this;
        }

        /** MB for each function; default 1024 (CPU grows with memory, and the cold start with it shrinks). */
        public Builder memorySize(int value) {
            this.memorySize = value;
            return this;
        }

        /** Default ARM_64 (Graviton: cheaper per GB-second for the same work). */
        public Builder architecture(Architecture value) {
            this.architecture = Objects.requireNonNull(value);
            return this;
        }

        /** A Java runtime, Java 17 or later; default JAVA_25, the latest (the jar is Java 17 bytecode; ShadedJarTest passes run on Java 25 with {@code -Djvm=<java 25>/bin/java}). */
        public Builder runtime(Runtime value) {
            this.runtime = Objects.requireNonNull(value);
            return this;
        }

        /** How long the functions' and the state machine's logs are kept; default three months. */
        public Builder logRetention(RetentionDays value) {
            this.logRetention = Objects.requireNonNull(value);
            return this;
        }

        /** Lambda SnapStart on published versions (the state machine then invokes a {@code live} alias); default off. */
        public Builder snapStart(boolean value) {
            this.snapStart = value;
            return this;
        }

        /** The functions' shaded jar; default: found as {@link TuneflowArtifacts} describes. */
        public Builder functionsJar(String path) {
            this.functionsJar = path;
            return this;
        }

        /** The state machine definition; default: found as {@link TuneflowArtifacts} describes. */
        public Builder stateMachineDefinition(String path) {
            this.stateMachineDefinition = path;
            return this;
        }

        public TuningOrchestratorProps build() {
            return new TuningOrchestratorProps(this);
        }
    }
}
