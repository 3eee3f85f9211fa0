#!/usr/bin/env bash
# Cold start of a Tuneflow function against the default SDK set-up, side by side: for each, a new JVM runs from its
# start to the first DescribeHyperParameterTuningJob result, against the local engine (./tuneflow serve).
#   default:  SageMakerClient.create() — Apache HTTP client, default region and credentials chains
#   tuneflow: the CheckTuningStatus handler from functions/target/tuneflow-functions.jar — no-arg constructor,
#             then one invocation (Powertools logging, Describe, JSON out)
# Usage: bench/cold-start.sh [rounds]   (default 15; the runs alternate, medians are reported)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-15}
work=$(mktemp -d)
trap 'kill "${serve_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

echo "== building the functions jar and the baseline" >&2
mvn -B -q -pl functions -am package -DskipTests >&2
mvn -B -q -f bench/cold-start/pom.xml package dependency:build-classpath -Dmdep.outputFile="$work/baseline.cp" >&2
jar=functions/target/tuneflow-functions.jar
baseline_cp="bench/cold-start/target/classes:$(cat "$work/baseline.cp")"
function_cp="bench/cold-start/target/classes:$jar"

echo "== starting the local engine" >&2
./tuneflow serve --port 18865 --s3-port 18866 --workspace "$work/engine" > "$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/18865) 2>/dev/null && break; sleep 0.2; done

export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=tuneflow AWS_SECRET_ACCESS_KEY=tuneflow-local-secret
export AWS_ENDPOINT_URL_SAGEMAKER=http://127.0.0.1:18865 AWS_ENDPOINT_URL_S3=http://127.0.0.1:18866
export AWS_LAMBDA_INITIALIZATION_TYPE=on-demand POWERTOOLS_SERVICE_NAME=tuneflow TUNEFLOW_RESULTS=s3://bench/results
export AWS_CONFIG_FILE=/nonexistent AWS_SHARED_CREDENTIALS_FILE=/nonexistent
job=$(java -cp "$function_cp" io.tuneflow.bench.FunctionColdStart io.tuneflow.functions.StartTuning \
  "$(cat bench/cold-start/request.json)" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["tuningJobName"])')
echo "== tuning job $job; $rounds rounds" >&2

# Prints "<wall ms> <cpu ms>" of one run: wall-clock from before the JVM starts to after it answered and ended, and
# the user+system CPU time it used — on a machine shared with other work, CPU time varies less than wall-clock.
run() {
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" > "$work/out" 2> "$work/err" \
    || { echo "failed: $*" >&2; cat "$work/out" "$work/err" >&2; exit 1; }
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' "$work/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

for flags in "" "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"; do
  : > "$work/default.ms"; : > "$work/tuneflow.ms"
  for _ in $(seq 1 "$rounds"); do
    # shellcheck disable=SC2086
    run java $flags -cp "$baseline_cp" io.tuneflow.bench.DefaultSdkColdStart "$job" >> "$work/default.ms"
    # shellcheck disable=SC2086
    run java $flags -cp "$function_cp" io.tuneflow.bench.FunctionColdStart io.tuneflow.functions.CheckTuningStatus \
      "{\"tuningJobName\": \"$job\"}" >> "$work/tuneflow.ms"
  done
  for column in 1 2; do
    what=$([ "$column" = 1 ] && echo "wall-clock" || echo "CPU time")
    d=$(cut -d' ' -f"$column" "$work/default.ms" | median); t=$(cut -d' ' -f"$column" "$work/tuneflow.ms" | median)
    printf 'JVM flags [%s], %s: default SDK set-up %d ms, Tuneflow CheckTuningStatus %d ms, ratio %.2f (medians of %d)\n' \
      "${flags:-none}" "$what" "$d" "$t" "$(echo "$t / $d" | bc -l)" "$rounds"
  done
done
printf 'deployment jar: %s, %.1f MB\n' "$jar" "$(echo "$(stat -c %s "$jar") / 1000000" | bc -l)"
