"""boto3 against `tuneflow serve`: a script-mode tuning job, as a SageMaker user would run it.

Usage: python3 tests/smoke/boto3_smoke.py SAGEMAKER_ENDPOINT S3_ENDPOINT
Exits non-zero (with the reason) when anything differs from SageMaker's documented shapes and behaviour.
"""
import io
import sys
import tarfile
import time

import boto3

TRAIN_PY = b'''
import argparse, os
p = argparse.ArgumentParser()
p.add_argument("--lr", type=float)
p.add_argument("--epochs", type=int, default=2)
args, _ = p.parse_known_args()
rows = len(open(os.path.join(os.environ["SM_CHANNEL_TRAIN"], "data.csv")).readlines())
for e in range(1, args.epochs + 1):
    print("epoch %d loss = %.6f" % (e, (args.lr - 0.02) ** 2 + 0.1 / e))
open(os.path.join(os.environ["SM_MODEL_DIR"], "model.txt"), "w").write("lr=%s rows=%d" % (args.lr, rows))
'''


def main(sagemaker_endpoint, s3_endpoint):
    session = boto3.session.Session(aws_access_key_id="tuneflow", aws_secret_access_key="tuneflow-local-secret",
                                    region_name="us-east-1")
    s3 = session.client("s3", endpoint_url=s3_endpoint)
    sm = session.client("sagemaker", endpoint_url=sagemaker_endpoint)

    s3.create_bucket(Bucket="smoke")
    s3.put_object(Bucket="smoke", Key="data/train/data.csv", Body=b"1\n2\n3\n")
    source = io.BytesIO()
    with tarfile.open(fileobj=source, mode="w:gz") as tar:
        info = tarfile.TarInfo("train.py")
        info.size = len(TRAIN_PY)
        tar.addfile(info, io.BytesIO(TRAIN_PY))
    s3.put_object(Bucket="smoke", Key="code/sourcedir.tar.gz", Body=source.getvalue())

    arn = sm.create_hyper_parameter_tuning_job(
        HyperParameterTuningJobName="boto3-smoke",
        HyperParameterTuningJobConfig={
            "Strategy": "Random", "RandomSeed": 3,
            "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "loss"},
            "ResourceLimits": {"MaxNumberOfTrainingJobs": 3, "MaxParallelTrainingJobs": 2},
            "ParameterRanges": {"ContinuousParameterRanges": [
                {"Name": "lr", "MinValue": "0.001", "MaxValue": "0.1", "ScalingType": "Logarithmic"}]},
        },
        TrainingJobDefinition={
            "AlgorithmSpecification": {
                "TrainingImage": "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
                "TrainingInputMode": "File",
                "MetricDefinitions": [{"Name": "loss", "Regex": "loss = ([0-9\\.]+)"}]},
            "StaticHyperParameters": {"sagemaker_program": '"train.py"',
                                      "sagemaker_submit_directory": '"s3://smoke/code/sourcedir.tar.gz"'},
            "RoleArn": "arn:aws:iam::111122223333:role/SageMakerExecutionRole",
            "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {
                "S3DataType": "S3Prefix", "S3Uri": "s3://smoke/data/train"}}}],
            "OutputDataConfig": {"S3OutputPath": "s3://smoke/output"},
            "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 5},
            "StoppingCondition": {"MaxRuntimeInSeconds": 300},
        })["HyperParameterTuningJobArn"]
    assert arn.endswith(":hyper-parameter-tuning-job/boto3-smoke"), arn

    try:
        sm.create_hyper_parameter_tuning_job(HyperParameterTuningJobName="bad", HyperParameterTuningJobConfig={
            "Strategy": "Bayesian", "ResourceLimits": {"MaxParallelTrainingJobs": 1}})
        raise AssertionError("an invalid request was accepted")
    except sm.exceptions.ClientError as e:
        assert e.response["Error"]["Code"] == "ValidationException", e.response

    deadline = time.time() + 180
    while True:
        job = sm.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName="boto3-smoke")
        if job["HyperParameterTuningJobStatus"] not in ("InProgress", "Stopping"):
            break
        assert time.time() < deadline, "the tuning job did not end in 180 s"
        time.sleep(1)  # polling the API as a user would; the engine reports progress through Describe

    assert job["HyperParameterTuningJobStatus"] == "Completed", job
    assert job["TrainingJobStatusCounters"]["Completed"] == 3, job["TrainingJobStatusCounters"]
    assert job["ObjectiveStatusCounters"]["Succeeded"] == 3, job["ObjectiveStatusCounters"]
    best = job["BestTrainingJob"]
    summaries = []
    for page in sm.get_paginator("list_training_jobs_for_hyper_parameter_tuning_job").paginate(
            HyperParameterTuningJobName="boto3-smoke", PaginationConfig={"PageSize": 2}):
        summaries.extend(page["TrainingJobSummaries"])
    assert len(summaries) == 3, summaries
    lowest = min(s["FinalHyperParameterTuningJobObjectiveMetric"]["Value"] for s in summaries)
    assert best["FinalHyperParameterTuningJobObjectiveMetric"]["Value"] == lowest, (best, lowest)
    training = sm.describe_training_job(TrainingJobName=best["TrainingJobName"])
    model = training["ModelArtifacts"]["S3ModelArtifacts"]
    key = model[len("s3://smoke/"):]
    s3.head_object(Bucket="smoke", Key=key)
    print("boto3 smoke: tuning job %s completed, best %s (loss %.6f), model %s" % (
        arn, best["TrainingJobName"], lowest, model))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
