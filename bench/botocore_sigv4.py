#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""botocore's side of bench_sigv4.

Times botocore.auth.SigV4Auth.add_auth on the request bench_sigv4 signs:

    botocore_sigv4.py REQUEST.json BUDGET_SECONDS ROUNDS

REQUEST.json is {"method", "url", "headers": {...}, "body", "access_key",
"secret_key", "region", "service", "amz_date"}. Before timing, the request
is signed once with the clock pinned to amz_date and the signature is
printed, so bench_sigv4 can check both sides compute the same signature
(a signer that fails fast, or signs something else, would look fast).
The timed calls use botocore unmodified (its own clock).

Prints one JSON object on stdout:
    {"botocore_version", "python", "signature": "<hex at amz_date>",
     "signed_headers": "...", "ns_per_op", "min_ns_per_op", "max_ns_per_op",
     "batch", "operations"}
Exit 3 when botocore cannot be imported (bench_sigv4 reports "skipped"),
2 on bad usage or input.

Timing mirrors bench/bench.c: CPU time of this thread (time.thread_time),
warm up, grow the batch until it takes 10 ms, scale it to BUDGET/ROUNDS,
run ROUNDS rounds, report the median round.
"""
import datetime
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
        import botocore.auth
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
    except ImportError as e:
        print(f"botocore_sigv4.py: cannot import botocore: {e}", file=sys.stderr)
        return 3
    path, budget, rounds = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    with open(path, "rb") as f:
        spec = json.load(f)
    creds = Credentials(spec["access_key"], spec["secret_key"])
    signer = SigV4Auth(creds, spec["service"], spec["region"])
    body = spec["body"].encode("utf-8")

    def make():
        return AWSRequest(method=spec["method"], url=spec["url"], data=body,
                          headers=dict(spec["headers"]))

    # One signature at the pinned date, for bench_sigv4's cross-check.
    pinned = datetime.datetime.strptime(spec["amz_date"], "%Y%m%dT%H%M%SZ")
    # botocore.auth reads the clock through get_current_datetime (older
    # releases: datetime.datetime.utcnow); pin whichever this one has.
    real_now = getattr(botocore.auth, "get_current_datetime", None)
    if real_now is None:
        print("botocore_sigv4.py: this botocore has no get_current_datetime to pin",
              file=sys.stderr)
        return 2
    botocore.auth.get_current_datetime = lambda *a, **k: pinned
    try:
        req = make()
        signer.add_auth(req)
    finally:
        botocore.auth.get_current_datetime = real_now
    authz = req.headers["Authorization"]
    signature = authz.rsplit("Signature=", 1)[1]
    signed_headers = authz.split("SignedHeaders=", 1)[1].split(",", 1)[0]

    # add_auth replaces X-Amz-Date and Authorization itself, so re-signing
    # the same request object measures signing alone (as bench_sigv4 does).
    req = make()

    def run(batch):
        t0 = time.thread_time()
        for _ in range(batch):
            signer.add_auth(req)
        return time.thread_time() - t0

    out = {
        "botocore_version": botocore.__version__,
        "python": platform.python_version(),
        "signature": signature,
        "signed_headers": signed_headers,
    }
    out.update(measure(run, budget, rounds))
    json.dump(out, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
