# SPDX-License-Identifier: Apache-2.0
"""The timing loop of the python baselines (botocore_decode.py,
botocore_sigv4.py), the same method as bench.c's sdkc_bench_compare:
calibrate a batch size, scale it to BUDGET/ROUNDS seconds, run ROUNDS
rounds and report the median round, in CPU time of this thread (the
machines these run on are shared, so wall time swings)."""

CALIBRATE_S = 0.01


def measure(run, budget, rounds):
    """run(batch) performs batch operations and returns the seconds taken."""
    round_s = budget / rounds
    run(1)
    batch = 1
    while True:
        t = run(batch)
        if t >= CALIBRATE_S or t >= round_s:
            break
        batch *= 2
    if 0 < t < round_s:
        batch = max(1, int(batch * round_s / t))
    per_op = sorted(run(batch) * 1e9 / batch for _ in range(rounds))
    mid = len(per_op) // 2
    median = per_op[mid] if len(per_op) % 2 else (per_op[mid - 1] + per_op[mid]) / 2
    return {
        "ns_per_op": median,
        "min_ns_per_op": per_op[0],
        "max_ns_per_op": per_op[-1],
        "batch": batch,
        "operations": batch * rounds,
    }
