#!/usr/bin/env python3
"""Extracts the shapes of the tuning operations from botocore's SageMaker service model.

Tuneflow validates request documents offline against the same constraints the SageMaker service enforces
(required members, enums, lengths, patterns, numeric ranges, list and map sizes). Those constraints live in
botocore's `sagemaker/2017-07-24/service-2.json`; this script keeps the constraint-bearing parts of the shapes
that the request (and the responses the engine will return) reach, drops the documentation, and writes them
to a resource the Java code reads. Run it again when upgrading the AWS SDK for Java:

    pip install botocore==1.43.107
    python3 tools/extract-service-shapes.py > src/core/src/main/resources/io/tuneflow/core/model/sagemaker-shapes.json
"""
import gzip
import json
import os
import sys

import botocore

# The request Tuneflow validates, and the operations the local engine serves (requests and responses).
OPERATIONS = ["CreateHyperParameterTuningJob", "DescribeHyperParameterTuningJob", "ListHyperParameterTuningJobs",
              "StopHyperParameterTuningJob", "ListTrainingJobsForHyperParameterTuningJob", "DescribeTrainingJob",
              "ListTrainingJobs", "StopTrainingJob", "ListTags"]
KEPT_KEYS = ("min", "max", "pattern", "enum")


def load_model():
    base = os.path.join(os.path.dirname(botocore.__file__), "data", "sagemaker", "2017-07-24")
    plain = os.path.join(base, "service-2.json")
    if os.path.exists(plain):
        with open(plain, encoding="utf-8") as f:
            return json.load(f)
    with gzip.open(plain + ".gz", "rt", encoding="utf-8") as f:
        return json.load(f)


def reachable(shapes, roots):
    seen, order = set(), []

    def visit(name):
        if name in seen:
            return
        seen.add(name)
        order.append(name)
        shape = shapes[name]
        for member in shape.get("members", {}).values():
            visit(member["shape"])
        for key in ("member", "key", "value"):
            if key in shape:
                visit(shape[key]["shape"])

    for root in roots:
        visit(root)
    return sorted(order)


def compact(shape):
    out = {"type": shape["type"]}
    for key in KEPT_KEYS:
        if key in shape:
            out[key] = shape[key]
    if shape["type"] == "structure":
        out["members"] = {name: m["shape"] for name, m in shape["members"].items()}
        if shape.get("exception"):
            out["exception"] = True
        if shape.get("required"):
            out["required"] = shape["required"]
    for key in ("member", "key", "value"):
        if key in shape:
            out[key] = shape[key]["shape"]
    return out


def main():
    model = load_model()
    shapes = model["shapes"]
    roots = []
    for operation in OPERATIONS:
        for part in ("input", "output"):
            if part in model["operations"][operation]:
                roots.append(model["operations"][operation][part]["shape"])
    result = {
        "source": "botocore %s sagemaker/%s/service-2.json" % (botocore.__version__, model["metadata"]["apiVersion"]),
        "shapes": {name: compact(shapes[name]) for name in reachable(shapes, roots)},
    }
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
