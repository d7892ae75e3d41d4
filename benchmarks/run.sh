#!/usr/bin/env bash
# Builds the benchmark jar and runs the benchmarks, then prints the goal ratios.
#   benchmarks/run.sh                         # build + short run (-f 1 -wi 2 -i 3 -w 2s -r 3s)
#   benchmarks/run.sh --no-build -f 3 -i 5    # reuse the jar, any JMH options
#   benchmarks/run.sh ConsentSearchBenchmark  # back-office search on PostgreSQL at 10k and 1M consents
# Without a benchmark name ConsentSearchBenchmark is left out (it needs PostgreSQL, see README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--no-build" ]]; then
    shift
else
    mvn -B -q -DskipTests package -pl benchmarks -am
fi
if [[ $# -eq 0 ]]; then
    set -- -f 1 -wi 2 -i 3 -w 2s -r 3s
fi
exec java -cp benchmarks/target/benchmarks.jar io.github.kcconsent.bench.RatioReport "$@"
