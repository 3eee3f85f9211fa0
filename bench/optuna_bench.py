#!/usr/bin/env python3
"""The Optuna side of `tuneflow bench optimizers`.

Reads the same problem files as the Java harness (bench/problems/*.json: SageMaker ParameterRanges, a named
objective, its direction and known optimum), maps the ranges to Optuna distributions, and runs Optuna's samplers
with the same number of trials and the same seeds, sequentially. Prints one JSON document on stdout, in the shape
the Java command reads (io.tuneflow.cli.bench.BenchResult); progress goes to stderr.

    python3 bench/optuna_bench.py run --problems bench/problems/*.json --trials 50 --seeds 20
    python3 bench/optuna_bench.py evaluate bench/problems/branin.json < points.json

`evaluate` needs no Optuna: it reads a JSON list of hyperparameter maps (strings, as a trainer receives them) and
prints the objective at each, so a test can check that the functions here are the Java ones.

Range mapping (SageMaker -> Optuna):
  Integer, Linear / Logarithmic      -> IntDistribution(min, max, log=False / True)
  Continuous, Linear / Logarithmic   -> FloatDistribution(min, max, log=False / True)
  Continuous, ReverseLogarithmic     -> FloatDistribution(1 - max, 1 - min, log=True) on y = 1 - x, then x = 1 - y:
                                        evenly in log(1 - x), exactly SageMaker's definition, not an approximation
  Categorical                        -> CategoricalDistribution(values)
  Auto (or no ScalingType)           -> as the Java SearchSpace resolves it: Logarithmic when min > 0 and
                                        max / min >= 1000, else Linear
"""

import argparse
import json
import math
import os
import platform
import random
import sys
import time
import warnings

try:
    import optuna
except ImportError:  # `evaluate` works without it
    optuna = None


# --- Objectives: the same functions as io.tuneflow.cli.bench.Branin, Hartmann6, SyntheticTrainingLoss, Rosenbrock4,
# --- StyblinskiTang5, Levy10, SyntheticAccuracy, GoldsteinPrice, Michalewicz5, Shekel4 and Ackley6, in the same order
# --- of operations, reading hyperparameters from strings as a training script would.

BRANIN_B = 5.1 / (4 * math.pi * math.pi)
BRANIN_C = 5 / math.pi
BRANIN_T = 1 / (8 * math.pi)


def branin(hp):
    x1 = float(hp["x1"])
    x2 = float(hp["x2"])
    bowl = x2 - BRANIN_B * x1 * x1 + BRANIN_C * x1 - 6
    return bowl * bowl + 10 * (1 - BRANIN_T) * math.cos(x1) + 10


HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2]
HARTMANN_A = [
    [10, 3, 17, 3.5, 1.7, 8],
    [0.05, 10, 17, 0.1, 8, 14],
    [3, 3.5, 1.7, 10, 17, 8],
    [17, 8, 0.05, 10, 0.1, 14],
]
HARTMANN_P = [
    [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
    [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
    [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
    [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
]


def hartmann6(hp):
    """Reads x1..x6 only: hartmann6-inert6 tunes x7..x12 as well, which change nothing."""
    x = [float(hp["x%d" % (j + 1)]) for j in range(6)]
    total = 0.0
    for i in range(4):
        exponent = 0.0
        for j in range(6):
            d = x[j] - HARTMANN_P[i][j]
            exponent += HARTMANN_A[i][j] * d * d
        total += HARTMANN_ALPHA[i] * math.exp(-exponent)
    return -total


# optimizer: (floor, width, offset, slope, depth); see SyntheticTrainingLoss.java for the definition.
TRAINING_LOSS_OPTIMIZERS = {
    "sgd": (0.30, 0.5, -1.0, -0.15, 3),
    "momentum": (0.20, 1.0, -1.5, -0.20, 5),
    "adam": (0.10, 2.0, -3.6, 0.10, 6),
}
# log10(learning_rate) above which training diverges, in synthetic-training-loss-diverging
TRAINING_LOSS_DIVERGES_ABOVE = {"sgd": -1.3, "momentum": -1.6, "adam": -2.0}
DIVERGED = 1e9


def synthetic_training_loss(hp):
    t = math.log10(float(hp["learning_rate"]))
    layers = int(hp["num_layers"])
    floor, width, offset, slope, depth = TRAINING_LOSS_OPTIMIZERS[hp["optimizer"]]
    lr_miss = t - (offset + slope * layers)
    depth_miss = layers - depth
    return floor + width * lr_miss * lr_miss + 0.02 * depth_miss * depth_miss


def synthetic_training_loss_diverging(hp):
    if math.log10(float(hp["learning_rate"])) > TRAINING_LOSS_DIVERGES_ABOVE[hp["optimizer"]]:
        return DIVERGED
    return synthetic_training_loss(hp)


def rosenbrock4(hp):
    x = [float(hp["x%d" % (j + 1)]) for j in range(4)]
    total = 0.0
    for i in range(3):
        valley = x[i + 1] - x[i] * x[i]
        offset = 1 - x[i]
        total += 100 * valley * valley + offset * offset
    return total


def styblinski_tang5(hp):
    total = 0.0
    for j in range(5):
        x = float(hp["x%d" % (j + 1)])
        square = x * x
        total += square * square - 16 * square + 5 * x
    return total / 2


def levy10(hp):
    w = [1 + (float(hp["x%d" % (j + 1)]) - 1) / 4 for j in range(10)]
    total = math.sin(math.pi * w[0]) ** 2
    for i in range(9):
        total += (w[i] - 1) ** 2 * (1 + 10 * math.sin(math.pi * w[i] + 1) ** 2)
    return total + (w[9] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[9]) ** 2)


def goldstein_price(hp):
    x1 = float(hp["x1"])
    x2 = float(hp["x2"])
    a = x1 + x2 + 1
    b = 2 * x1 - 3 * x2
    first = 1 + a * a * (19 - 14 * x1 + 3 * x1 * x1 - 14 * x2 + 6 * x1 * x2 + 3 * x2 * x2)
    second = 30 + b * b * (18 - 32 * x1 + 12 * x1 * x1 + 48 * x2 - 36 * x1 * x2 + 27 * x2 * x2)
    return first * second


def michalewicz5(hp):
    total = 0.0
    for i in range(5):
        x = float(hp["x%d" % (i + 1)])
        total += math.sin(x) * math.pow(math.sin((i + 1) * x * x / math.pi), 20)
    return -total


SHEKEL_BETA = [0.1, 0.2, 0.2, 0.4, 0.4, 0.6, 0.3, 0.7, 0.5, 0.5]
SHEKEL_CENTRES = [
    [4, 1, 8, 6, 3, 2, 5, 8, 6, 7],
    [4, 1, 8, 6, 7, 9, 3, 1, 2, 3.6],
    [4, 1, 8, 6, 3, 2, 5, 8, 6, 7],
    [4, 1, 8, 6, 7, 9, 3, 1, 2, 3.6],
]


def shekel4(hp):
    x = [float(hp["x%d" % (j + 1)]) for j in range(4)]
    total = 0.0
    for i in range(10):
        squared_distance = 0.0
        for j in range(4):
            d = x[j] - SHEKEL_CENTRES[j][i]
            squared_distance += d * d
        total += 1 / (squared_distance + SHEKEL_BETA[i])
    return -total


def ackley6(hp):
    squares = 0.0
    cosines = 0.0
    for j in range(6):
        x = float(hp["x%d" % (j + 1)])
        squares += x * x
        cosines += math.cos(2 * math.pi * x)
    return -20 * math.exp(-0.2 * math.sqrt(squares / 6)) - math.exp(cosines / 6) + 20 + math.e


ACTIVATIONS = {"relu": (0.96, 0.2), "gelu": (0.97, 0.3), "tanh": (0.94, 0.1), "sigmoid": (0.90, 0.0)}


def synthetic_accuracy(hp):
    t = math.log10(float(hp["learning_rate"]))
    b = math.log(int(hp["batch_size"])) / math.log(2)
    m = -math.log10(1 - float(hp["momentum"]))
    p = float(hp["dropout"])
    peak, best_dropout = ACTIVATIONS[hp["activation"]]
    lr_miss = t - (-3 + 0.3 * (b - 7) - 0.5 * (m - 2))
    dropout_miss = p - best_dropout
    return peak - 0.04 * lr_miss * lr_miss - 0.003 * (b - 7) * (b - 7) - 0.02 * (m - 2) * (m - 2) \
        - 0.3 * dropout_miss * dropout_miss


OBJECTIVES = {
    "branin": branin,
    "hartmann6": hartmann6,
    "hartmann6-inert6": hartmann6,
    "synthetic-training-loss": synthetic_training_loss,
    "synthetic-training-loss-diverging": synthetic_training_loss_diverging,
    "rosenbrock4": rosenbrock4,
    "styblinski-tang5": styblinski_tang5,
    "levy10": levy10,
    "synthetic-accuracy": synthetic_accuracy,
    "goldstein-price": goldstein_price,
    "michalewicz5": michalewicz5,
    "shekel4": shekel4,
    "ackley6": ackley6,
}


# --- Problem files

class Range:
    """One SageMaker parameter range, and how Optuna samples it."""

    def __init__(self, kind, spec):
        self.kind = kind
        self.name = spec["Name"]
        if kind == "categorical":
            self.values = list(spec["Values"])
            self.scaling = None
            return
        self.low = self._number(spec["MinValue"])
        self.high = self._number(spec["MaxValue"])
        self.scaling = resolve_scaling(spec.get("ScalingType"), self.low, self.high)

    def _number(self, text):
        # As the Java SearchSpace reads bounds: integers may carry a '+', both may be padded.
        return int(text.strip().replace("+", "")) if self.kind == "integer" else float(text.strip())

    def distribution(self):
        d = optuna.distributions
        if self.kind == "categorical":
            return d.CategoricalDistribution(self.values)
        if self.kind == "integer":
            if self.scaling == "ReverseLogarithmic":
                raise ValueError("%s: SageMaker allows ReverseLogarithmic only for continuous ranges" % self.name)
            return d.IntDistribution(self.low, self.high, log=self.scaling == "Logarithmic")
        if self.scaling == "ReverseLogarithmic":
            return d.FloatDistribution(1 - self.high, 1 - self.low, log=True)
        return d.FloatDistribution(self.low, self.high, log=self.scaling == "Logarithmic")

    def as_trainer_string(self, sampled):
        """The hyperparameter string a trainer receives for Optuna's sampled value."""
        if self.kind == "categorical":
            return sampled
        if self.kind == "integer":
            return str(int(sampled))
        value = 1 - sampled if self.scaling == "ReverseLogarithmic" else sampled
        return repr(float(min(self.high, max(self.low, value))))


def resolve_scaling(scaling, low, high):
    if scaling in (None, "Auto"):
        return "Logarithmic" if low > 0 and high / low >= 1000 else "Linear"
    return scaling


class Problem:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        objective = doc["Objective"]
        self.path = path
        self.name = os.path.basename(path)[: -len(".json")] if path.endswith(".json") else os.path.basename(path)
        self.function = OBJECTIVES[objective["Function"]]
        self.maximize = objective["Type"] == "Maximize"
        self.optimum = float(objective["KnownOptimum"]["Value"])
        self.noise = float(objective.get("Noise", {}).get("StandardDeviation", 0))
        ranges = doc["ParameterRanges"]
        # The order of the Java SearchSpace: integer, continuous, then categorical ranges.
        self.ranges = [Range("integer", r) for r in ranges.get("IntegerParameterRanges", [])] \
            + [Range("continuous", r) for r in ranges.get("ContinuousParameterRanges", [])] \
            + [Range("categorical", r) for r in ranges.get("CategoricalParameterRanges", [])]

    def distributions(self):
        return {r.name: r.distribution() for r in self.ranges}

    def trainer_hyperparameters(self, params):
        """Optuna's sampled values as the hyperparameter strings a trainer receives."""
        return {r.name: r.as_trainer_string(params[r.name]) for r in self.ranges}

    def better(self, candidate, incumbent):
        return candidate > incumbent if self.maximize else candidate < incumbent


# --- Statistics: the same definitions as io.tuneflow.cli.bench.Summary

def quantile(sorted_values, p):
    rank = p * (len(sorted_values) - 1)
    below = math.floor(rank)
    above = min(below + 1, len(sorted_values) - 1)
    return sorted_values[below] + (rank - below) * (sorted_values[above] - sorted_values[below])


def summary(values):
    s = sorted(values)
    return {"median": quantile(s, 0.5), "lowerQuartile": quantile(s, 0.25), "upperQuartile": quantile(s, 0.75)}


# --- Runs

if optuna is not None:
    class TimedSampler(optuna.samplers.BaseSampler):
        """Delegates to a sampler and adds up the wall time spent inside it: its overhead, without the storage's."""

        def __init__(self, inner):
            self.inner = inner
            self.seconds = 0.0

        def _timed(self, method, *args):
            start = time.perf_counter()
            try:
                return method(*args)
            finally:
                self.seconds += time.perf_counter() - start

        def infer_relative_search_space(self, study, trial):
            return self._timed(self.inner.infer_relative_search_space, study, trial)

        def sample_relative(self, study, trial, search_space):
            return self._timed(self.inner.sample_relative, study, trial, search_space)

        def sample_independent(self, study, trial, param_name, param_distribution):
            return self._timed(self.inner.sample_independent, study, trial, param_name, param_distribution)

        def before_trial(self, study, trial):
            return self._timed(self.inner.before_trial, study, trial)

        def after_trial(self, study, trial, state, values):
            return self._timed(self.inner.after_trial, study, trial, state, values)

        def reseed_rng(self):
            self.inner.reseed_rng()

        def take(self):
            seconds, self.seconds = self.seconds, 0.0
            return seconds

SAMPLERS = {
    "TPE": lambda seed: optuna.samplers.TPESampler(seed=seed),
    "GP": lambda seed: optuna.samplers.GPSampler(seed=seed),
}


def run_once(problem, sampler_name, trials, seed, points):
    """One study; returns the best value, {observations: sampler milliseconds of the ask made at that count} and how
    many trials repeated an earlier trial's configuration (as the hyperparameter strings a trainer would receive).

    On a noisy problem the study is told noisy values (its own draws, seeded by the run's seed; the Java harness
    draws its own), and the best value is the noiseless one at the best-observed configuration.
    """
    sampler = TimedSampler(SAMPLERS[sampler_name](seed))
    noise = random.Random(seed)
    study = optuna.create_study(sampler=sampler, direction="maximize" if problem.maximize else "minimize")
    distributions = problem.distributions()
    best = best_observed = None
    overhead = {}
    trained, repeats = set(), 0
    for observations in range(trials + 1):
        sampler.take()
        trial = study.ask(distributions)
        millis = sampler.take() * 1000  # after_trial of the previous tell is counted with it, above
        if observations in points:
            overhead[observations] = millis
        if observations == trials:
            break  # the last ask only measures the overhead at `trials` observations, as the Java harness does
        hyperparameters = problem.trainer_hyperparameters(trial.params)
        configuration = tuple(hyperparameters.values())
        repeats += configuration in trained
        trained.add(configuration)
        value = problem.function(hyperparameters)
        observed = value + problem.noise * noise.gauss(0, 1) if problem.noise > 0 else value
        study.tell(trial, observed)
        if best_observed is None or problem.better(observed, best_observed):
            best_observed, best = observed, value
    return best, overhead, repeats


def series(problem, sampler_name, trials, first_seed, seeds, points):
    print("bench: %s: optuna %s, sequential, %d trials x %d seeds" % (problem.name, sampler_name, trials, seeds),
          file=sys.stderr, flush=True)
    # A discarded warm-up (imports, first torch calls), long enough to leave the samplers' random start-up phase.
    run_once(problem, sampler_name, min(trials, 20), 0, set())
    regrets, repeats, overhead = [], [], {p: [] for p in points}
    for seed in range(first_seed, first_seed + seeds):
        best, at, repeated = run_once(problem, sampler_name, trials, seed, set(points))
        regrets.append(abs(best - problem.optimum))
        repeats.append(repeated)
        for p, ms in at.items():
            overhead[p].append(ms)
    return {
        "problem": problem.name, "optimizer": "optuna " + sampler_name, "mode": "sequential", "trials": trials,
        "seeds": list(range(first_seed, first_seed + seeds)), "regrets": regrets,
        "repeats": repeats, "overheadMillisAt": {str(p): v for p, v in overhead.items() if v},
        "regret": summary(regrets),
        "overheadMillis": {str(p): summary(v) for p, v in overhead.items() if v},
    }


def run(args):
    if optuna is None:
        sys.exit("optuna is not installed: python3 -m pip install -r bench/requirements.txt")
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
    samplers = [s for s in args.samplers.split(",") if s]
    unknown = [s for s in samplers if s not in SAMPLERS]
    if unknown:
        sys.exit("unknown samplers %s; known: %s" % (unknown, ", ".join(SAMPLERS)))
    results = [series(Problem(path), s, args.trials, args.first_seed, args.seeds, [args.trials])
               for path in args.problems for s in samplers]
    overhead = []
    if args.overhead_problem and args.overhead_trials > 0:
        points = sorted({args.trials, args.overhead_trials})
        overhead = [series(Problem(args.overhead_problem), s, args.overhead_trials, args.first_seed, args.overhead_seeds,
                           points)
                    for s in samplers]
    json.dump({"python": platform.python_version(), "optuna": optuna.__version__, "versions": versions(),
               "samplers": {s: "optuna.samplers.%sSampler(seed=seed), defaults otherwise" % s for s in samplers},
               "results": results, "overhead": overhead}, sys.stdout)
    sys.stdout.write("\n")


def versions():
    out = {}
    for module in ("numpy", "scipy", "torch", "greenlet", "sqlalchemy"):
        try:
            out[module] = __import__(module).__version__
        except ImportError:
            pass
    return out


def evaluate(args):
    problem = Problem(args.problem)
    points = json.load(sys.stdin)
    json.dump([problem.function(p) for p in points], sys.stdout)
    sys.stdout.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    r = commands.add_parser("run", help="run Optuna's samplers on the problems; JSON on stdout")
    r.add_argument("--problems", nargs="+", required=True, help="problem files")
    r.add_argument("--trials", type=int, default=50)
    r.add_argument("--first-seed", type=int, default=1, help="seed of the first run")
    r.add_argument("--seeds", type=int, default=20, help="runs per sampler: seeds first-seed.. first-seed + seeds - 1")
    r.add_argument("--samplers", default="TPE,GP", help="comma-separated: " + ", ".join(SAMPLERS))
    r.add_argument("--overhead-problem", help="problem file of the longer run that measures overhead")
    r.add_argument("--overhead-trials", type=int, default=200)
    r.add_argument("--overhead-seeds", type=int, default=5)
    r.set_defaults(handler=run)
    e = commands.add_parser("evaluate", help="objective values at the hyperparameter maps read from stdin")
    e.add_argument("problem", help="problem file")
    e.set_defaults(handler=evaluate)
    args = parser.parse_args()
    args.handler(args)


if __name__ == "__main__":
    main()
