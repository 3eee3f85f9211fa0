package io.tuneflow.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;

/**
 * The extracted service model and the AWS SDK's model classes describe the same request: every SDK field has a
 * shape member, and every shape member that the SDK lacks is known (a newer service model than the SDK).
 */
class ServiceModelAlignmentTest {

    /** Members botocore's model has and SDK 2.40.2 does not; binding them reports shape.unsupported. */
    private static final Set<String> NEWER_THAN_SDK = Set.of(
            "ResourceConfig.InstancePreferences", "ResourceConfig.SelectedInstanceType", "ResourceConfig.SelectedInstanceCount");

    @Test
    void sdkFieldsAndShapeMembersAgree() {
        List<String> sdkOnly = new ArrayList<>();
        List<String> modelOnly = new ArrayList<>();
        walk(ServiceModel.sageMaker(), "CreateHyperParameterTuningJobRequest", CreateHyperParameterTuningJobRequest::builder,
                new HashSet<>(), sdkOnly, modelOnly);
        assertThat(sdkOnly).as("SDK fields with no shape member").isEmpty();
        assertThat(modelOnly).as("shape members the SDK lacks").containsExactlyInAnyOrderElementsOf(NEWER_THAN_SDK);
    }

    private static void walk(ServiceModel model, String shapeName, Supplier<? extends SdkPojo> builder, Set<String> seen,
                             List<String> sdkOnly, List<String> modelOnly) {
        if (!seen.add(shapeName)) {
            return;
        }
        Shape shape = model.shape(shapeName);
        Map<String, SdkField<?>> fields = builder.get().sdkFields().stream()
                .collect(Collectors.toMap(SdkField::memberName, f -> f));
        for (String member : shape.members().keySet()) {
            if (!fields.containsKey(member)) {
                modelOnly.add(shapeName + "." + member);
            }
        }
        for (SdkField<?> field : fields.values()) {
            String memberShape = shape.members().get(field.memberName());
            if (memberShape == null) {
                sdkOnly.add(shapeName + "." + field.memberName());
                continue;
            }
            descend(model, model.shape(memberShape), field, seen, sdkOnly, modelOnly);
        }
    }

    private static void descend(ServiceModel model, Shape shape, SdkField<?> field, Set<String> seen,
                                List<String> sdkOnly, List<String> modelOnly) {
        switch (shape.type()) {
            case STRUCTURE -> walk(model, shape.name(), field.constructor(), seen, sdkOnly, modelOnly);
            case LIST -> descend(model, model.shape(shape.member()), field.getTrait(ListTrait.class).memberFieldInfo(), seen, sdkOnly, modelOnly);
            case MAP -> descend(model, model.shape(shape.value()), field.getTrait(MapTrait.class).valueFieldInfo(), seen, sdkOnly, modelOnly);
            default -> { }
        }
    }
}
