package io.tuneflow.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * infrastructure/sam/template.yaml deploys what the CDK construct deploys: the handlers it names are in the jar, its
 * substitutions are exactly the definition's placeholders, and its permissions follow the same rules.
 */
class SamTemplateTest {

    private static Path samDir;
    private static Map<String, Object> template;
    private static Map<String, Object> resources;

    @BeforeAll
    static void read() throws IOException {
        samDir = TuningOrchestratorTest.infrastructureDir().resolve("sam");
        template = new Yaml(new CloudFormationTags()).load(Files.readString(samDir.resolve("template.yaml")));
        resources = map(template.get("Resources"));
    }

    @Test
    void everyHandlerNamedIsAHandlerInTheFunctionsJar() throws Exception {
        Path jar = samDir.resolve((String) map(map(template.get("Globals")).get("Function")).get("CodeUri")).normalize();
        assertThat(jar).as("CodeUri").isRegularFile().isEqualTo(Path.of(Stacks.FUNCTIONS_JAR).toAbsolutePath().normalize());
        List<String> handlers = new ArrayList<>();
        resources.values().stream().map(SamTemplateTest::map).filter(r -> "AWS::Serverless::Function".equals(r.get("Type")))
                .forEach(r -> {
                    handlers.add((String) map(r.get("Properties")).get("Handler"));
                    // A jar as CodeUri: sam build would look for a Maven project in it (aws-sam-cli #4575) unless told not to.
                    assertThat(map(r.get("Metadata")).get("SkipBuild")).isEqualTo(true);
                });
        assertThat(handlers).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(TuneflowFunction.values()).map(TuneflowFunction::handler).toList());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            for (String handler : handlers) {
                String[] parts = handler.split("::");
                Class<?> type = Class.forName(parts[0], false, loader);
                Method method = type.getMethod(parts[1], loader.loadClass("java.io.InputStream"), loader.loadClass("java.io.OutputStream"),
                        loader.loadClass("com.amazonaws.services.lambda.runtime.Context"));
                assertThat(method).as(handler).isNotNull();
                assertThat(type.getConstructor()).as(handler + " has the no-arg constructor Lambda calls").isNotNull();
            }
        }
    }

    @Test
    void theSubstitutionsAreExactlyTheDefinitionsPlaceholders() throws IOException {
        Map<String, Object> machine = map(map(resources.get("TuningStateMachine")).get("Properties"));
        Path definition = samDir.resolve((String) machine.get("DefinitionUri")).normalize();
        assertThat(definition).isEqualTo(TuneflowArtifacts.stateMachineDefinition(null));
        Set<String> placeholders = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(Files.readString(definition));
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        Map<String, Object> substitutions = map(machine.get("DefinitionSubstitutions"));
        assertThat(substitutions.keySet()).containsExactlyInAnyOrderElementsOf(placeholders);
        for (TuneflowFunction function : TuneflowFunction.values()) {
            assertThat(substitutions.get(function.placeholder())).isEqualTo(Map.of("Fn::GetAtt", List.of(function.simpleName() + "Function", "Arn")));
        }
    }

    @Test
    void uploadsAndTheScheduleStartTheWorkflowAsTheConstructsDo() {
        Map<String, Object> events = map(map(map(resources.get("TuningStateMachine")).get("Properties")).get("Events"));
        Map<String, Object> upload = map(map(events.get("Upload")).get("Properties"));
        Map<String, Object> pattern = map(upload.get("Pattern"));
        assertThat(pattern.get("source")).isEqualTo(List.of("aws.s3"));
        assertThat(pattern.get("detail-type")).isEqualTo(List.of("Object Created"));
        assertThat(map(map(pattern.get("detail")).get("object")).get("key"))
                .isEqualTo(List.of(Map.of("prefix", "requests/"), Map.of("prefix", "datasets/")));
        Map<String, Object> schedule = map(events.get("Retraining"));
        assertThat(schedule.get("Type")).isEqualTo("ScheduleV2");
        String input = (String) map(map(schedule.get("Properties")).get("Input")).get("Fn::Sub");
        assertThat(input).contains("\"pipeline\": \"${PipelineName}\"", "\"warmStartFromLatest\": true",
                "\"scheduledTime\": \"<aws.scheduler.scheduled-time>\"");
        assertThat(map(template.get("Parameters")).keySet()).contains("BucketName", "ExecutionRoleArn", "ScheduleExpression", "JobNamePrefix");
    }

    @Test
    void permissionsAreNamedActionsOnThePrefixesAndPassRoleIsConditioned() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object resource : resources.values()) {
            Object policies = map(map(resource).getOrDefault("Properties", Map.of())).get("Policies");
            if (policies instanceof List<?> list) {
                list.stream().map(SamTemplateTest::map).filter(p -> p.containsKey("Statement"))
                        .forEach(p -> ((List<?>) p.get("Statement")).forEach(s -> statements.add(map(s))));
            }
        }
        assertThat(statements).isNotEmpty();
        for (Map<String, Object> statement : statements) {
            List<String> actions = statement.get("Action") instanceof List<?> l ? l.stream().map(Object::toString).toList()
                    : List.of(statement.get("Action").toString());
            assertThat(actions).noneMatch(a -> a.equals("*") || a.endsWith(":*"));
            String resource = String.valueOf(statement.get("Resource"));
            if (actions.stream().anyMatch(a -> a.startsWith("sagemaker:"))) {
                assertThat(resource).doesNotContain("Resource=*").contains("/${JobNamePrefix}*");
            }
            if (actions.stream().anyMatch(a -> a.startsWith("s3:") && !a.equals("s3:ListBucket"))) {
                assertThat(resource).containsAnyOf("/requests/", "/results/");
            }
            if (actions.contains("iam:PassRole")) {
                assertThat(statement.get("Resource")).isEqualTo(Map.of("Ref", "ExecutionRoleArn"));
                assertThat(statement.get("Condition")).isEqualTo(Map.of("StringEquals", Map.of("iam:PassedToService", "sagemaker.amazonaws.com")));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** CloudFormation's short-form intrinsics (!Ref, !Sub, !GetAtt, ...) read as their long forms. */
    private static final class CloudFormationTags extends SafeConstructor {

        CloudFormationTags() {
            super(new LoaderOptions());
            for (String function : List.of("Ref", "Sub", "GetAtt", "Join", "If", "Equals", "Select", "Split", "FindInMap", "ImportValue", "Not")) {
                String key = function.equals("Ref") ? "Ref" : "Fn::" + function;
                yamlConstructors.put(new Tag("!" + function), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object value = node instanceof ScalarNode scalar ? scalar.getValue()
                                : node instanceof SequenceNode sequence ? constructSequence(sequence) : constructMapping((org.yaml.snakeyaml.nodes.MappingNode) node);
                        if (function.equals("GetAtt") && value instanceof String text) {
                            value = List.of(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1));
                        }
                        return Map.of(key, value);
                    }
                });
            }
        }
    }
}
