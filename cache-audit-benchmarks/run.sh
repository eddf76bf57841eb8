#!/usr/bin/env bash
# Measures what cache-audit adds to a @Cacheable hit (in memory and on Redis, 1 and 2 threads), audited and
# unaudited in the same JMH run, and prints the ratios against the targets of DESIGN.md §5.
#
# A short run: about 6 minutes on 2 cores. Tunable through the environment:
#   FORKS (3), WARMUP_ITERATIONS (10), ITERATIONS (8), ITERATION_TIME (500ms),
#   FORK_JVM_ARGS (-Xms1g -Xmx1g: heap of the measured JVMs), JAVA_OPTS (-Xmx256m: the JMH launcher),
#   RESULT (target/jmh-result.json), INCLUDE (the benchmark regex; by default both cache-hit benchmarks).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"

forks="${FORKS:-3}"
warmups="${WARMUP_ITERATIONS:-10}"
iterations="${ITERATIONS:-8}"
iteration_time="${ITERATION_TIME:-500ms}"
fork_jvm_args="${FORK_JVM_ARGS:--Xms1g -Xmx1g}"
java_opts="${JAVA_OPTS:--Xmx256m}"
result="${RESULT:-$here/target/jmh-result.json}"

if [[ ! -f "$jar" ]]; then
    echo "Building $jar ..."
    (cd "$root" && ./mvnw -q -pl cache-audit-benchmarks -am install -DskipTests)
fi

include="${INCLUDE:-}"
if [[ -z "$include" ]]; then
    include='InMemoryCacheHitBenchmark'
    if (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
        include='(InMemoryCacheHitBenchmark|RedisCacheHitBenchmark)'
    else
        echo "Redis is not reachable at 127.0.0.1:6379: skipping RedisCacheHitBenchmark (start Redis to measure it)."
    fi
fi

mkdir -p "$(dirname "$result")"
# shellcheck disable=SC2086 # java_opts holds several options on purpose
java $java_opts -jar "$jar" "$include" \
    -f "$forks" -wi "$warmups" -w "$iteration_time" -i "$iterations" -r "$iteration_time" \
    -jvmArgs "$fork_jvm_args" \
    -prof gc -rf json -rff "$result"

python3 - "$result" <<'PY'
import json
import math
import sys

TARGETS = {"InMemoryCacheHitBenchmark": ("in-memory", 1.15), "RedisCacheHitBenchmark": ("redis", 1.03)}
THREADS = {"hit": 1, "hitTwoThreads": 2}

with open(sys.argv[1]) as f:
    runs = json.load(f)

rows = {}
for run in runs:
    cls, method = run["benchmark"].rsplit(".", 2)[-2:]
    if cls not in TARGETS or method not in THREADS:
        continue
    metric = run["primaryMetric"]
    alloc = None
    for name, secondary in run.get("secondaryMetrics", {}).items():
        if name.lstrip("\u00b7") == "gc.alloc.rate.norm":
            alloc = secondary["score"]
    audited = run["params"]["audited"] == "true"
    key = (cls, run.get("threads", THREADS[method]))
    rows.setdefault(key, {})[audited] = (
        float(metric["score"]), float(metric["scoreError"]), metric["scoreUnit"], alloc)  # "NaN" with one iteration

def fmt_alloc(value):
    return "n/a" if value is None else f"{value:.0f}"

header = (f"{'backend':<10} {'thr':>3}  {'unaudited':>20}  {'audited':>20}  {'unit':<6}  {'ratio':>14}  "
          f"{'target':>6}  {'verdict':<7}  {'B/op off':>8}  {'B/op on':>8}  {'B/op +':>7}")
print()
print("cache-audit overhead on a @Cacheable hit (JMH AverageTime, score ± 99.9% error)")
print(header)
print("-" * len(header))
misses = 0
for (cls, threads) in sorted(rows, key=lambda k: (list(TARGETS).index(k[0]), k[1])):
    pair = rows[(cls, threads)]
    backend, target = TARGETS[cls]
    if False not in pair or True not in pair:
        print(f"{backend:<10} {threads:>3}  incomplete: audited and unaudited were not both measured")
        continue
    off, off_err, unit, off_alloc = pair[False]
    on, on_err, _, on_alloc = pair[True]
    ratio = on / off
    # Relative errors added in quadrature: a rough band for the ratio, good enough to see a close call.
    ratio_err = ratio * math.sqrt((off_err / off) ** 2 + (on_err / on) ** 2)
    verdict = "PASS" if ratio <= target else "MISS"
    misses += verdict == "MISS"
    delta = None if off_alloc is None or on_alloc is None else on_alloc - off_alloc
    print(f"{backend:<10} {threads:>3}  {f'{off:.3f} ± {off_err:.3f}':>20}  {f'{on:.3f} ± {on_err:.3f}':>20}  "
          f"{unit:<6}  {f'{ratio:.3f} ± {ratio_err:.3f}':>14}  {f'<={target:.2f}':>6}  {verdict:<7}  "
          f"{fmt_alloc(off_alloc):>8}  {fmt_alloc(on_alloc):>8}  {('n/a' if delta is None else f'{delta:+.0f}'):>7}")
print()
print("B/op = gc.alloc.rate.norm (bytes allocated per call, all threads' allocation / operations). "
      f"Targets from DESIGN.md §5. {misses} target(s) missed.")
PY
