"""Prints audited/unaudited ratios of a JMH JSON result: the cache-hit benchmarks against the targets of issue #13
(DESIGN.md §5 asked for 1.15 in memory; the issue tightened it to 1.05 and bounded the allocation a Redis hit adds), and
the JDBC statements of JdbcStatementBenchmark recorded and through datasource-proxy alone against plain JDBC."""
import json
import math
import statistics
import sys

TARGETS = {"InMemoryCacheHitBenchmark": ("in-memory", 1.05), "RedisCacheHitBenchmark": ("redis", 1.03)}

# Bytes per call that auditing may add, where a target is set.
ADDED_ALLOCATION_TARGETS = {"RedisCacheHitBenchmark": 200}
THREADS = {"hit": 1, "hitTwoThreads": 2}


def load(path):
    with open(path) as f:
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
        iterations = [score for fork in metric.get("rawData", []) for score in fork]
        audited = run["params"]["audited"] == "true"
        key = (cls, run.get("threads", THREADS[method]))
        rows.setdefault(key, {})[audited] = {
            "score": float(metric["score"]),
            # The string "NaN" when there is a single iteration.
            "error": float(metric["scoreError"]),
            "unit": metric["scoreUnit"],
            "median": statistics.median(iterations) if iterations else float("nan"),
            "alloc": alloc,
        }
    return rows


NOISY = 0.10


def verdict(ratio, band, target, noisy):
    result = "PASS" if ratio <= target else "MISS"
    # When the error band straddles the target, or a score is too noisy to trust, this run cannot tell.
    if noisy or band != band or ratio - band <= target < ratio + band:
        result += "?"
    return result


def number(value, digits=0, sign=False):
    if value is None or value != value:
        return "n/a"
    return f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"


def main(path):
    rows = load(path)
    if not rows:
        return
    header = (
        f"{'backend':<9} {'thr':>3}  {'unaudited':>19}  {'audited':>19}  {'unit':<5}  {'ratio (mean)':>14}  "
        f"{'(median)':>8}  {'target':>6}  {'mean':<5}  {'median':<6}  {'B/op off':>8}  {'B/op on':>8}  {'B/op +':>7}  {'B/op target':<11}"
    )
    print()
    print("cache-audit overhead on a @Cacheable hit (JMH AverageTime: score ± 99.9% error over all forks)")
    print(header)
    print("-" * len(header))
    misses = 0
    for cls, threads in sorted(rows, key=lambda k: (list(TARGETS).index(k[0]), k[1])):
        pair = rows[(cls, threads)]
        backend, target = TARGETS[cls]
        if False not in pair or True not in pair:
            print(f"{backend:<9} {threads:>3}  incomplete: audited and unaudited were not both measured")
            continue
        off, on = pair[False], pair[True]
        ratio = on["score"] / off["score"]
        band = ratio * math.sqrt((off["error"] / off["score"]) ** 2 + (on["error"] / on["score"]) ** 2)
        median_ratio = on["median"] / off["median"]
        noisy = max(off["error"] / off["score"], on["error"] / on["score"]) > NOISY
        mean_verdict = verdict(ratio, band, target, noisy)
        misses += mean_verdict.startswith("MISS")
        delta = None if off["alloc"] is None or on["alloc"] is None else on["alloc"] - off["alloc"]
        alloc_target = ADDED_ALLOCATION_TARGETS.get(cls)
        alloc_verdict = (
            ""
            if alloc_target is None or delta is None
            else f"<=+{alloc_target} {'PASS' if delta <= alloc_target else 'MISS'}"
        )
        unaudited = f"{off['score']:.3f} ± {number(off['error'], 3)}"
        audited = f"{on['score']:.3f} ± {number(on['error'], 3)}"
        ratio_text = f"{ratio:.3f} ± {number(band, 3)}"
        print(
            f"{backend:<9} {threads:>3}  {unaudited:>19}  {audited:>19}  {off['unit']:<5}  {ratio_text:>14}  "
            f"{median_ratio:>8.3f}  {'<=' + format(target, '.2f'):>6}  {mean_verdict:<5}  "
            f"{'PASS' if median_ratio <= target else 'MISS':<6}  {number(off['alloc']):>8}  {number(on['alloc']):>8}  "
            f"{number(delta, sign=True):>7}  {alloc_verdict:<11}"
        )
    print()
    print("ratio (mean): audited / unaudited JMH scores, their relative errors added in quadrature. (median): the")
    print("same with the median iteration over all forks, which resists interference from other processes.")
    print(f"'?' after a verdict: the error band straddles the target, or a score's error exceeds {NOISY:.0%} of it:")
    print("this run cannot tell (rerun on a quieter machine, or with more forks).")
    print("B/op: gc.alloc.rate.norm, bytes allocated per call, the engine's threads included. Targets: issue #13.")
    print(f"{misses} target(s) missed on the mean ratio.")


def jdbc(path):
    """Ratios of JdbcStatementBenchmark's variants to PLAIN JDBC, one line per statement; nothing without it."""
    with open(path) as f:
        runs = json.load(f)
    rows = {}
    for run in runs:
        cls, method = run["benchmark"].rsplit(".", 2)[-2:]
        if cls != "JdbcStatementBenchmark":
            continue
        metric = run["primaryMetric"]
        iterations = [score for fork in metric.get("rawData", []) for score in fork]
        rows.setdefault(method, {})[run["params"]["recording"]] = {
            "score": float(metric["score"]),
            "error": float(metric["scoreError"]),
            "unit": metric["scoreUnit"],
            "median": statistics.median(iterations) if iterations else float("nan"),
            "iterations": len(iterations),
        }
    if not rows:
        return
    print()
    print("JDBC recording: each variant against plain JDBC in the same run (score ± 99.9% error over all forks)")
    header = (
        f"{'statement':<9} {'variant':<10}  {'score':>21}  {'unit':<5}  {'n':>3}  {'ratio (mean)':>16}  {'(median)':>8}"
    )
    print(header)
    print("-" * len(header))
    for method in sorted(rows):
        variants = rows[method]
        plain = variants.get("PLAIN")
        for name in ("PLAIN", "PROXY_ONLY", "RECORDED"):
            row = variants.get(name)
            if row is None:
                continue
            score = f"{row['score']:.1f} ± {number(row['error'], 1)}"
            if plain is None or name == "PLAIN":
                ratio_text, median_text = "", ""
            else:
                ratio = row["score"] / plain["score"]
                band = ratio * math.sqrt((plain["error"] / plain["score"]) ** 2 + (row["error"] / row["score"]) ** 2)
                ratio_text = f"{ratio:.2f} ± {number(band, 2)}"
                median_text = f"{row['median'] / plain['median']:.2f}"
            print(
                f"{method:<9} {name:<10}  {score:>21}  {row['unit']:<5}  {row['iterations']:>3}  {ratio_text:>16}  "
                f"{median_text:>8}"
            )


if __name__ == "__main__":
    main(sys.argv[1])
    jdbc(sys.argv[1])
