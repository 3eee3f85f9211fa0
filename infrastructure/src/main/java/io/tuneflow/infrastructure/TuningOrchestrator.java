package io.tuneflow.infrastructure;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Match;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.targets.StepFunctionsStartExecution;
import software.amazon.awscdk.services.scheduler.targets.ScheduleTargetBaseProps;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * Tuneflow on AWS in one construct: the four functions from the functions jar, the state machine from
 * {@code tuning.asl.json}, the triggers (requests and data sets uploaded to the bucket, retraining schedules), the
 * notifications and the alarms — with permissions no wider than the workflow needs:
 * <ul>
 *   <li>SageMaker actions only on {@code hyper-parameter-tuning-job/<jobNamePrefix>*} and
 *       {@code training-job/<jobNamePrefix>*} (the functions put the prefix before every job name), each function
 *       only the actions it calls;</li>
 *   <li>{@code iam:PassRole} only for the configured execution roles, only to sagemaker.amazonaws.com;</li>
 *   <li>S3 only below the requests and results prefixes, each function only what it reads or writes.</li>
 * </ul>
 *
 * <pre>{@code
 * TuningOrchestrator tuneflow = new TuningOrchestrator(this, "Tuneflow", TuningOrchestratorProps.builder()
 *         .executionRoles(List.of(sageMakerRole))
 *         .schedule(RetrainingSchedule.of("digits", ScheduleExpression.expression("cron(0 3 * * ? *)")))
 *         .notifications(true)
 *         .build());
 * }</pre>
 */
public class TuningOrchestrator extends Construct {

    private static final String SAGEMAKER = "sagemaker.amazonaws.com";
    /** How cdk-nag writes a region and an account in a finding: tokens in an agnostic stack, literals otherwise. */
    static final String REGION = "(<AWS::Region>|[a-z0-9-]+)";
    static final String ACCOUNT = "(<AWS::AccountId>|[0-9]{12})";

    private final TuningOrchestratorProps props;
    private final IBucket bucket;
    private final Map<TuneflowFunction, Function> functions = new EnumMap<>(TuneflowFunction.class);
    private final Map<TuneflowFunction, IFunction> invoked = new EnumMap<>(TuneflowFunction.class);
    private final StateMachine stateMachine;
    private final Queue undeliveredTriggers;
    private final Rule uploadTrigger;
    private final List<Schedule> schedules = new ArrayList<>();
    private final ITopic topic;
    private final Alarm failedExecutions;

    public TuningOrchestrator(Construct scope, String id, TuningOrchestratorProps props) {
        super(scope, id);
        this.props = props;
        this.bucket = props.bucket() != null ? props.bucket() : createBucket();
        // One asset for the four functions: the jar is found and hashed once.
        Code jar = Code.fromAsset(TuneflowArtifacts.functionsJar(props.functionsJar()).toString());
        for (TuneflowFunction function : TuneflowFunction.values()) {
            createFunction(function, jar);
        }
        grantFunctions();
        this.stateMachine = createStateMachine();
        this.undeliveredTriggers = createDeadLetterQueue();
        this.uploadTrigger = createUploadTrigger();
        props.schedules().forEach(this::createSchedule);
        this.topic = props.notifications() ? Optional.ofNullable(props.notificationTopic()).orElseGet(this::createTopic) : null;
        this.failedExecutions = createAlarms();
        if (topic != null) {
            createNotifications();
        }
    }

    public IBucket bucket() {
        return bucket;
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    public Function function(TuneflowFunction function) {
        return functions.get(function);
    }

    public Rule uploadTrigger() {
        return uploadTrigger;
    }

    public List<Schedule> schedules() {
        return List.copyOf(schedules);
    }

    /** The notification topic, when notifications are on. */
    public Optional<ITopic> notificationTopic() {
        return Optional.ofNullable(topic);
    }

    /** In alarm when a workflow execution failed, timed out or was aborted in the last five minutes. */
    public Alarm failedExecutionsAlarm() {
        return failedExecutions;
    }

    /** Triggers EventBridge or the Scheduler could not deliver to the state machine. */
    public Queue undeliveredTriggers() {
        return undeliveredTriggers;
    }

    // ---- the bucket

    private Bucket createBucket() {
        Bucket created = Bucket.Builder.create(this, "Bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .versioned(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .removalPolicy(props.bucketRemovalPolicy())
                .build();
        // EventBridge notifications set on the bucket itself: Bucket.eventBridgeEnabled would add CDK's notifications
        // custom resource (a Python Lambda function with a managed-policy role) for what CloudFormation does natively.
        ((CfnBucket) created.getNode().getDefaultChild()).setNotificationConfiguration(CfnBucket.NotificationConfigurationProperty.builder()
                .eventBridgeConfiguration(CfnBucket.EventBridgeConfigurationProperty.builder().eventBridgeEnabled(true).build())
                .build());
        NagSuppressions.addResourceSuppressions(created, List.of(suppression("AwsSolutions-S1",
                "Server access logs would need a second bucket; CloudTrail data events are the audit trail to enable for it "
                        + "where an account requires one. Requests and results are written only by the workflow's roles.")), true);
        return created;
    }

    // ---- the functions

    private void createFunction(TuneflowFunction function, Code jar) {
        String name = function.simpleName();
        LogGroup logs = LogGroup.Builder.create(this, name + "Logs").retention(props.logRetention()).build();
        Role role = Role.Builder.create(this, name + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Tuneflow " + name + ": only what this function calls")
                .build();
        logs.grantWrite(role);
        Function.Builder builder = Function.Builder.create(this, name)
                .description(function.description())
                .runtime(props.runtime())
                .architecture(props.architecture())
                .memorySize(props.memorySize())
                .timeout(function.timeout())
                .handler(function.handler())
                .code(jar)
                .role(role)
                .logGroup(logs)
                .environment(environment(function));
        if (props.snapStart()) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        Function created = builder.build();
        functions.put(function, created);
        invoked.put(function, props.snapStart()
                ? Alias.Builder.create(this, name + "Live").aliasName("live").version(created.getCurrentVersion()).build()
                : created);
        NagSuppressions.addResourceSuppressions(role, List.of(suppressionMatching("AwsSolutions-IAM5",
                "Writes only to its own log group; CloudWatch Logs names its streams at run time (CDK's grantWrite: <log group ARN>:*).",
                "Resource::<[A-Za-z0-9]+\\.Arn>:\\*")), true);
    }

    private Map<String, String> environment(TuneflowFunction function) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("POWERTOOLS_SERVICE_NAME", "tuneflow");
        environment.put("POWERTOOLS_LOG_LEVEL", "INFO");
        if (function == TuneflowFunction.START_TUNING || function == TuneflowFunction.RECORD_FAILURE) {
            environment.put("TUNEFLOW_RESULTS", "s3://" + bucket.getBucketName() + "/" + props.resultsPrefix().replaceAll("/$", ""));
        }
        if (function == TuneflowFunction.START_TUNING) {
            environment.put("TUNEFLOW_BUCKET", bucket.getBucketName());
            environment.put("TUNEFLOW_REQUESTS_PREFIX", props.requestsPrefix());
            environment.put("TUNEFLOW_DATASETS_PREFIX", props.datasetsPrefix());
            environment.put("TUNEFLOW_JOB_NAME_PREFIX", props.jobNamePrefix());
            if (!props.datasetRequests().isEmpty()) {
                environment.put("TUNEFLOW_DATASET_REQUESTS", Stack.of(this).toJsonString(props.datasetRequests()));
            }
        }
        return environment;
    }

    /** Each function's permissions, from what it calls (docs/deploy.md lists them). */
    private void grantFunctions() {
        String tuningJobs = sageMakerArn("hyper-parameter-tuning-job");
        String trainingJobs = sageMakerArn("training-job");
        String requests = props.requestsPrefix() + "*";
        String results = props.resultsPrefix() + "*";

        Function start = functions.get(TuneflowFunction.START_TUNING);
        start.addToRolePolicy(allow(List.of("sagemaker:CreateHyperParameterTuningJob", "sagemaker:DescribeHyperParameterTuningJob",
                "sagemaker:ListTags"), List.of(tuningJobs)));
        // Creating a tagged job takes AddTags; SageMaker passes the tags on to the job's training jobs.
        start.addToRolePolicy(allow(List.of("sagemaker:AddTags"), List.of(tuningJobs, trainingJobs)));
        start.addToRolePolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("iam:PassRole"))
                .resources(props.executionRoles().stream().map(IRole::getRoleArn).toList())
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", SAGEMAKER)))
                .build());
        bucket.grantRead(start, requests);                               // the requests
        bucket.grantRead(start, props.resultsPrefix() + "*/latest.json"); // what a scheduled run warm-starts from
        bucket.grantPut(start, props.requestsPrefix() + "*errors/*");     // validation reports beside the requests

        functions.get(TuneflowFunction.CHECK_TUNING_STATUS).addToRolePolicy(
                allow(List.of("sagemaker:DescribeHyperParameterTuningJob"), List.of(tuningJobs)));

        Function publish = functions.get(TuneflowFunction.PUBLISH_RESULTS);
        publish.addToRolePolicy(allow(List.of("sagemaker:DescribeHyperParameterTuningJob",
                "sagemaker:ListTrainingJobsForHyperParameterTuningJob"), List.of(tuningJobs)));
        publish.addToRolePolicy(allow(List.of("sagemaker:DescribeTrainingJob"), List.of(trainingJobs)));
        // The report's curves: the metrics SageMaker published for the training jobs. GetMetricData has neither
        // resource-level permissions nor a namespace condition key, so it can only be granted on *.
        publish.addToRolePolicy(allow(List.of("cloudwatch:GetMetricData"), List.of("*")));
        NagSuppressions.addResourceSuppressions(publish.getRole(), List.of(suppression("AwsSolutions-IAM5",
                "cloudwatch:GetMetricData has no resource-level permissions: the report reads the training jobs' metrics.",
                "Resource::*")), true);
        bucket.grantPut(publish, results);

        bucket.grantPut(functions.get(TuneflowFunction.RECORD_FAILURE), results);

        String prefixWildcard = "the stack's job-name prefix (" + props.jobNamePrefix() + "*): the jobs are named at run time";
        String s3Wildcard = "CDK's S3 grants, limited to the requests and results prefixes (" + props.requestsPrefix() + ", "
                + props.resultsPrefix() + "): the objects are named at run time";
        for (Function function : functions.values()) {
            NagSuppressions.addResourceSuppressions(function.getRole(), List.of(
                    suppressionMatching("AwsSolutions-IAM5", "SageMaker jobs of " + prefixWildcard,
                            "Resource::arn:<AWS::Partition>:sagemaker:" + REGION + ":" + ACCOUNT + ":(hyper-parameter-tuning-job|training-job)/"
                                    + props.jobNamePrefix() + "\\*"), // the prefix is [a-z0-9-]: nothing to escape
                    suppressionMatching("AwsSolutions-IAM5", s3Wildcard, "Action::s3:(GetObject|GetBucket|List|Abort|PutObject)[A-Za-z]*\\*"),
                    suppressionMatching("AwsSolutions-IAM5", s3Wildcard, "Resource::<[A-Za-z0-9]+\\.Arn>/.*\\*.*"),
                    suppressionMatching("AwsSolutions-IAM5", s3Wildcard, "Resource::arn:<AWS::Partition>:s3:::.*\\*.*")), true);
        }
    }

    private String sageMakerArn(String resourceType) {
        return Stack.of(this).formatArn(ArnComponents.builder()
                .service("sagemaker")
                .resource(resourceType)
                .resourceName(props.jobNamePrefix() + "*")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
    }

    // ---- the state machine

    private StateMachine createStateMachine() {
        Map<String, String> substitutions = new LinkedHashMap<>();
        invoked.forEach((function, target) -> substitutions.put(function.placeholder(), target.getFunctionArn()));
        LogGroup logs = LogGroup.Builder.create(this, "StateMachineLogs").retention(props.logRetention()).build();
        StateMachine machine = StateMachine.Builder.create(this, "StateMachine")
                .definitionBody(DefinitionBody.fromFile(TuneflowArtifacts.stateMachineDefinition(props.stateMachineDefinition()).toString()))
                .definitionSubstitutions(substitutions)
                .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).includeExecutionData(true).build())
                .tracingEnabled(true)
                .comment("Tuneflow: starts a SageMaker tuning job, follows it, publishes its results")
                .build();
        invoked.values().forEach(target -> target.grantInvoke(machine));
        // Continue-as-new starts this state machine again. In a Policy of its own: in the role's default policy the
        // state machine's ARN would make the state machine depend on itself.
        Policy continueAsNew = Policy.Builder.create(this, "ContinueAsNewPolicy")
                .statements(List.of(allow(List.of("states:StartExecution"), List.of(machine.getStateMachineArn()))))
                .build();
        continueAsNew.attachToRole(machine.getRole());
        NagSuppressions.addResourceSuppressions(machine, List.of(
                suppression("AwsSolutions-IAM5", "X-Ray tracing and log delivery have no resource-level permissions (CDK's grants).",
                        "Resource::*"),
                suppressionMatching("AwsSolutions-IAM5", "Invoking the functions' versions and aliases (CDK's grantInvoke: <function ARN>:*).",
                        "Resource::<[A-Za-z0-9]+\\.Arn>:\\*")), true);
        return machine;
    }

    // ---- triggers

    private Queue createDeadLetterQueue() {
        Queue queue = Queue.Builder.create(this, "UndeliveredTriggers")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        NagSuppressions.addResourceSuppressions(queue, List.of(suppression("AwsSolutions-SQS3",
                "This queue is the dead-letter queue of the triggers; an alarm watches it.")));
        return queue;
    }

    private Rule createUploadTrigger() {
        Rule rule = Rule.Builder.create(this, "UploadTrigger")
                .description("Tuneflow: a request or a data set uploaded to " + props.requestsPrefix() + " or " + props.datasetsPrefix()
                        + " starts the workflow")
                .eventPattern(objectCreated(Match.anyOf(Match.prefix(props.requestsPrefix()), Match.prefix(props.datasetsPrefix()))))
                .build();
        // The event itself is the execution's input: StartTuning reads S3 events.
        rule.addTarget(SfnStateMachine.Builder.create(stateMachine)
                .deadLetterQueue(undeliveredTriggers)
                .retryAttempts(10)
                .maxEventAge(Duration.hours(6))
                .build());
        return rule;
    }

    /** S3's Object Created event for this bucket, for keys matching {@code key}. */
    private EventPattern objectCreated(List<String> key) {
        return EventPattern.builder()
                .source(List.of("aws.s3"))
                .detailType(List.of("Object Created"))
                .detail(Map.of("bucket", Map.of("name", List.of(bucket.getBucketName())), "object", Map.of("key", key)))
                .build();
    }

    private void createSchedule(RetrainingSchedule schedule) {
        schedules.add(Schedule.Builder.create(this, "Schedule-" + schedule.pipeline())
                .description("Tuneflow: retrain pipeline " + schedule.pipeline() + (schedule.warmStart() ? ", warm-starting from its latest job" : ""))
                .schedule(schedule.expression())
                .target(new StepFunctionsStartExecution(stateMachine, ScheduleTargetBaseProps.builder()
                        .input(ScheduleTargetInput.fromObject(schedule.executionInput(bucket.getBucketName())))
                        .deadLetterQueue(undeliveredTriggers)
                        .retryAttempts(10)
                        .maxEventAge(Duration.hours(6))
                        .build()))
                .build());
    }

    // ---- notifications and alarms

    private ITopic createTopic() {
        Key key = Key.Builder.create(this, "NotificationKey")
                .description("Tuneflow notifications")
                .enableKeyRotation(true)
                .build();
        // EventBridge and CloudWatch alarms cannot publish to a topic under the AWS-managed SNS key.
        key.grant(new ServicePrincipal("events.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        key.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        return Topic.Builder.create(this, "Notifications")
                .displayName("Tuneflow")
                .masterKey(key)
                .enforceSsl(true)
                .build();
    }

    private Alarm createAlarms() {
        Alarm failed = alarmOnAny("FailedExecutions", "Tuneflow: a tuning workflow failed, timed out or was aborted (its "
                + "failure.json in " + props.resultsPrefix() + " says why)", MathExpression.Builder.create()
                .expression("failed + timedOut + aborted")
                .usingMetrics(Map.of("failed", stateMachine.metricFailed(), "timedOut", stateMachine.metricTimedOut(),
                        "aborted", stateMachine.metricAborted()))
                .period(Duration.minutes(5))
                .build());
        alarmOnAny("UndeliveredTriggersAlarm", "Tuneflow: an upload or a schedule could not start the workflow; the event "
                + "is in the dead-letter queue", undeliveredTriggers.metricApproximateNumberOfMessagesVisible());
        return failed;
    }

    /** In alarm from the first one counted; quiet when nothing is reported; notifies the topic, if any. */
    private Alarm alarmOnAny(String id, String description, IMetric metric) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        if (topic != null) {
            alarm.addAlarmAction(new SnsAction(topic));
        }
        return alarm;
    }

    /**
     * Two events, each exactly what it says: results published (PublishResults writes the pipeline's latest.json
     * last, for Completed, Failed and Stopped jobs alike) and a workflow that did not succeed.
     */
    private void createNotifications() {
        Rule published = Rule.Builder.create(this, "ResultsPublished")
                .description("Tuneflow: notify when a tuning job's results are published")
                .eventPattern(objectCreated(Match.wildcard(props.resultsPrefix() + "*/latest.json")))
                .build();
        published.addTarget(SnsTopic.Builder.create(topic)
                .message(RuleTargetInput.fromText("Tuneflow published tuning results: s3://" + EventField.fromPath("$.detail.bucket.name")
                        + "/" + EventField.fromPath("$.detail.object.key") + " names the job, its status and its best training job."))
                .deadLetterQueue(undeliveredTriggers)
                .build());
        Rule failed = Rule.Builder.create(this, "WorkflowFailed")
                .description("Tuneflow: notify when a tuning workflow fails")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.states"))
                        .detailType(List.of("Step Functions Execution Status Change"))
                        .detail(Map.of(
                                "stateMachineArn", List.of(stateMachine.getStateMachineArn()),
                                "status", List.of("FAILED", "TIMED_OUT", "ABORTED")))
                        .build())
                .build();
        failed.addTarget(SnsTopic.Builder.create(topic)
                .message(RuleTargetInput.fromText("Tuneflow workflow " + EventField.fromPath("$.detail.name") + " ended "
                        + EventField.fromPath("$.detail.status") + ": " + EventField.fromPath("$.detail.error") + " - "
                        + EventField.fromPath("$.detail.cause") + " (execution " + EventField.fromPath("$.detail.executionArn") + ")"))
                .deadLetterQueue(undeliveredTriggers)
                .build());
    }

    // ---- cdk-nag

    static NagPackSuppression suppression(String id, String reason, String... appliesTo) {
        NagPackSuppression.Builder builder = NagPackSuppression.builder().id(id).reason(reason);
        if (appliesTo.length > 0) {
            builder.appliesTo(List.of((Object[]) appliesTo));
        }
        return builder.build();
    }

    /** A suppression for findings matching {@code regex} only (cdk-nag's RegexAppliesTo). */
    static NagPackSuppression suppressionMatching(String id, String reason, String regex) {
        return NagPackSuppression.builder().id(id).reason(reason)
                .appliesTo(List.of(io.github.cdklabs.cdknag.RegexAppliesTo.builder().regex("/^" + regex + "$/g").build()))
                .build();
    }
}
