#!/usr/bin/env bash
# A soak run, by hand and not in CI: mixed cache traffic on the local Redis (127.0.0.1:6379, keys under
# cache-audit-bench:, expiring after 2 minutes) with verification on, for 10 minutes at 2 500 operations/s.
# Prints, once a minute, the heap retained after a full GC, the engine's backlog, drops and internal faults, then a
# verdict (retained heap between minute 2 and the end within +-10 %, nothing dropped, no internal fault, backlog
# under a tenth of the queue). Exit status 1 when the verdict is FAIL.
#
# Tunable through the environment: MINUTES (10), RATE (2500), THREADS (2), KEYS (200000),
# HEAP (-Xms512m -Xmx512m), JAVA (java).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"

if [[ ! -f "$jar" ]]; then
    echo "Building $jar ..."
    (cd "$root" && ./mvnw -B -ntp -q -pl cache-audit-benchmarks -am package -DskipTests)
fi

exec "${JAVA:-java}" ${HEAP:--Xms512m -Xmx512m} \
    -Dsoak.minutes="${MINUTES:-10}" -Dsoak.rate="${RATE:-2500}" \
    -Dsoak.threads="${THREADS:-2}" -Dsoak.keys="${KEYS:-200000}" \
    -cp "$jar" dev.cacheaudit.benchmarks.Soak
