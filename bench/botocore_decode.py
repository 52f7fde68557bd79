#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""botocore's side of bench_decode.

Times botocore.parsers.RestJSONParser.parse on exactly the responses
bench_decode measures (it writes them to a JSON file and runs this script):

    botocore_decode.py RESPONSES.json BUDGET_SECONDS ROUNDS

RESPONSES.json is {"<workload>": [{"status": 201, "headers": {...},
"body": "<the body text>"}, ...], ...}; body text encodes back to the very
bytes the C side decodes. The output shape is CreateUserProfile's from
botocore's own DataZone model (botocore's parser needs its own model
objects; the shape matches the bundled one, see specs/README.md).

Prints one JSON object on stdout:
    {"botocore_version": "...", "python": "...",
     "<workload>": {"ns_per_op": median, "min_ns_per_op", "max_ns_per_op",
                    "batch", "operations"}, ...}
Exit 3 when botocore cannot be imported (the C side reports "skipped"),
2 on bad usage or input, 1 if a parse result is not what it should be.

Timing mirrors bench/bench.c: CPU time of this thread (time.thread_time,
as CLOCK_THREAD_CPUTIME_ID there), warm up, grow the batch until it takes 10 ms,
scale it to BUDGET/ROUNDS, run ROUNDS rounds, report the median round.
"""
import json
import platform
import sys
import time

from bench_timing import measure


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import botocore
        import botocore.session
        from botocore.awsrequest import HeadersDict
        from botocore.parsers import RestJSONParser
    except ImportError as e:
        print(f"botocore_decode.py: cannot import botocore: {e}", file=sys.stderr)
        return 3
    path, budget, rounds = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    with open(path, "rb") as f:
        workloads = json.load(f)
    model = botocore.session.get_session().get_service_model("datazone")
    shape = model.operation_model("CreateUserProfile").output_shape
    parser = RestJSONParser()

    out = {"botocore_version": botocore.__version__, "python": platform.python_version()}
    for name, responses in workloads.items():
        prepared = [
            {
                "status_code": r["status"],
                "headers": HeadersDict(r["headers"]),
                "body": r["body"].encode("utf-8"),
            }
            for r in responses
        ]
        # Check before timing: a parser that fails fast would look fast.
        for r in prepared:
            parsed = parser.parse(r, shape)
            details = parsed.get("details", {})
            if "iam" not in details and "sso" not in details:
                print(f"botocore_decode.py: {name}: unexpected parse {list(parsed)}",
                      file=sys.stderr)
                return 1
        n = len(prepared)
        state = {"i": 0}

        def run(batch):
            i = state["i"]
            t0 = time.thread_time()
            for _ in range(batch):
                parser.parse(prepared[i], shape)
                i = i + 1 if i + 1 < n else 0
            state["i"] = i
            return time.thread_time() - t0

        out[name] = measure(run, budget, rounds)
    json.dump(out, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
