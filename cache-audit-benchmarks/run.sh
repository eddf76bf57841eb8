#!/usr/bin/env bash
# Measures what cache-audit adds to a @Cacheable hit (in memory and on Redis, 1 and 2 threads), audited and
# unaudited in the same JMH run, and prints the ratios against the targets of issue #13 (ratios.py).
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
    (cd "$root" && ./mvnw -q -pl cache-audit-benchmarks -am package -DskipTests)
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
echo "Load average before the run: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) CPUs"
# shellcheck disable=SC2086 # java_opts holds several options on purpose
java $java_opts -jar "$jar" "$include" \
    -f "$forks" -wi "$warmups" -w "$iteration_time" -i "$iterations" -r "$iteration_time" \
    -jvmArgs "$fork_jvm_args" \
    -prof gc -rf json -rff "$result"

python3 "$here/ratios.py" "$result"
echo "Load average after the run: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) CPUs"
