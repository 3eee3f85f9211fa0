package io.tuneflow.engine;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobDefinition;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobConfig;

/**
 * What the local engine does differently from SageMaker for a given request: fields it accepts but cannot apply on
 * one machine, and features not built yet. Said out loud — in the engine log and in the job's
 * {@code local-execution.json} — never a silent change of behaviour.
 */
public final class LocalExecutionNotes {

    private LocalExecutionNotes() {
    }

    public static List<String> of(CreateHyperParameterTuningJobRequest request) {
        List<String> notes = new ArrayList<>();
        HyperParameterTuningJobConfig config = request.hyperParameterTuningJobConfig();
        if (request.autotune() != null) {
            notes.add("Autotune is not applied locally.");
        }
        List<HyperParameterTrainingJobDefinition> definitions = request.trainingJobDefinition() != null
                ? List.of(request.trainingJobDefinition()) : request.trainingJobDefinitions();
        for (HyperParameterTrainingJobDefinition d : definitions) {
            String prefix = d.definitionName() == null ? "" : "Definition " + d.definitionName() + ": ";
            if (d.resourceConfig() != null) {
                notes.add(prefix + "InstanceType " + d.resourceConfig().instanceTypeAsString() + " is not emulated: each training job runs"
                        + " as one process on this machine (" + Runtime.getRuntime().availableProcessors() + " CPUs, no GPU).");
                if (d.resourceConfig().instanceCount() != null && d.resourceConfig().instanceCount() > 1) {
                    notes.add(prefix + "InstanceCount " + d.resourceConfig().instanceCount() + ": distributed training runs on one host (algo-1).");
                }
                if (d.resourceConfig().volumeKmsKeyId() != null) {
                    notes.add(prefix + "ResourceConfig.VolumeKmsKeyId is ignored: local files are not encrypted by KMS.");
                }
            }
            if (d.hyperParameterTuningResourceConfig() != null) {
                notes.add(prefix + "HyperParameterTuningResourceConfig is not emulated: each training job runs as one process on this machine.");
            }
            if (d.vpcConfig() != null) {
                notes.add(prefix + "VpcConfig is ignored: trainers use this machine's network.");
            }
            if (Boolean.TRUE.equals(d.enableNetworkIsolation())) {
                notes.add(prefix + "EnableNetworkIsolation is not enforced: trainers can reach the network.");
            }
            if (Boolean.TRUE.equals(d.enableInterContainerTrafficEncryption())) {
                notes.add(prefix + "EnableInterContainerTrafficEncryption has no effect on one host.");
            }
            if (Boolean.TRUE.equals(d.enableManagedSpotTraining())) {
                notes.add(prefix + "Managed spot training: trainers run at once; MaxWaitTimeInSeconds is not used.");
            }
            if (d.outputDataConfig() != null && d.outputDataConfig().kmsKeyId() != null) {
                notes.add(prefix + "OutputDataConfig.KmsKeyId is ignored: artifacts are stored unencrypted in the local S3 endpoint.");
            }
            if (d.checkpointConfig() != null) {
                notes.add(prefix + "CheckpointConfig: checkpoints stay in each job's checkpoints/ directory; they are not synced to "
                        + d.checkpointConfig().s3Uri() + ".");
            }
            if (d.algorithmSpecification() != null && d.algorithmSpecification().algorithmName() != null) {
                notes.add(prefix + "AlgorithmName " + d.algorithmSpecification().algorithmName() + " names an algorithm resource, which"
                        + " cannot run locally; its training jobs will fail.");
            }
            if (d.algorithmSpecification() != null && d.algorithmSpecification().trainingInputModeAsString() != null
                    && !"File".equals(d.algorithmSpecification().trainingInputModeAsString())) {
                notes.add(prefix + "TrainingInputMode " + d.algorithmSpecification().trainingInputModeAsString() + " runs as File mode.");
            }
            for (Channel channel : d.inputDataConfig()) {
                if (channel.dataSource() != null && channel.dataSource().s3DataSource() != null
                        && "ShardedByS3Key".equals(channel.dataSource().s3DataSource().s3DataDistributionTypeAsString())) {
                    notes.add(prefix + "Channel " + channel.channelName() + ": ShardedByS3Key on one host gives it every object.");
                }
                if (channel.dataSource() != null && channel.dataSource().fileSystemDataSource() != null) {
                    notes.add(prefix + "Channel " + channel.channelName() + ": FileSystemDataSource cannot be mounted locally; the channel is empty.");
                }
            }
        }
        return notes;
    }
}
