"""Script-mode trainer for SageMaker's scikit-learn image (and Tuneflow's local engine, unchanged).

Classifies the 8x8 digits bundled with scikit-learn with a support vector machine; the tuning job searches C and
gamma. Hyperparameters arrive as --name value arguments; the model goes to SM_MODEL_DIR.
"""
import argparse
import os

import joblib
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--gamma", type=float, default=0.001)
    parser.add_argument("--model-dir", default=os.environ.get("SM_MODEL_DIR", "model"))
    args, _ = parser.parse_known_args()  # SageMaker also passes --_tuning_objective_metric

    digits = load_digits()
    x_train, x_validation, y_train, y_validation = train_test_split(
        digits.data / 16.0, digits.target, test_size=0.25, random_state=0, stratify=digits.target)
    model = SVC(C=args.C, gamma=args.gamma).fit(x_train, y_train)
    print("train accuracy: %.4f" % model.score(x_train, y_train))
    print("validation accuracy: %.4f" % model.score(x_validation, y_validation))
    os.makedirs(args.model_dir, exist_ok=True)
    joblib.dump(model, os.path.join(args.model_dir, "model.joblib"))


if __name__ == "__main__":
    main()
