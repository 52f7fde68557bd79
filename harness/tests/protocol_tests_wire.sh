#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# The official restJson1 protocol tests (../shared/testdata/protocol-tests/,
# imported as in protocol_tests.sh) replayed over the wire against boto3 and
# js-v2, each building its clients from the 87 suite models the hellos name,
# gate on each SDK's committed expected failures
# (harness/adapters/<sdk>/protocol-tests.expected-failures.json): a new
# failure, or a listed case that now passes, fails this test. Also pinned:
# the host-prefix and endpoint-path cases pass over the wire (the runner
# rebases the expected host onto the mock endpoint, the hello carries the
# vector's base path, the adapters resolve <prefix>.127.0.0.1 locally), and
# the run finishes without a timeout (an SDK's idle keep-alive connections
# once filled the endpoint's 64 slots and stalled the run).
# An SDK whose runtime is missing is skipped; both missing: 77.
set -u
: "${SDKC:?}" "${SDKC_SOURCE_DIR:?}" "${SDKC_SHARED_DIR:?}"
PT="$SDKC_SHARED_DIR/testdata/protocol-tests/rest-json"
if [ ! -f "$PT/input.json" ] || [ ! -f "$PT/output.json" ]; then
    echo "SKIP: $PT not found (the protocol tests live in ../shared)"
    exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$SDKC" import --out "$T/pt" "$PT/input.json" "$PT/output.json" 2>"$T/err" || {
    cat "$T/err"
    echo "FAIL: import"
    exit 1
}
fails=0 ran=0
for sdk in boto3 js-v2; do
    xf="$SDKC_SOURCE_DIR/harness/adapters/$sdk/protocol-tests.expected-failures.json"
    "$SDKC" replay --vectors "$T/pt" --impl "$sdk" --expected-failures "$xf" \
        --report-dir "$T/r-$sdk" >"$T/out-$sdk" 2>&1
    rc=$?
    if grep -q "skipping $sdk" "$T/out-$sdk"; then
        echo "skip $sdk: $(grep "skipping $sdk" "$T/out-$sdk" | head -1)"
        continue
    fi
    ran=$((ran + 1))
    if [ "$rc" != 0 ]; then
        grep -E '^(FAIL|ERROR|XPASS)|^  (rerun|result|request)' "$T/out-$sdk" | head -80
        echo "FAIL: $sdk over the protocol tests with its expected failures: exit $rc"
        tail -1 "$T/out-$sdk"
        fails=$((fails + 1))
        continue
    fi
    python3 - "$T/r-$sdk/report.json" "$sdk" "$xf" <<'PY' || fails=$((fails + 1))
import json, sys
d = json.load(open(sys.argv[1]))
sdk = sys.argv[2]
s = d["summary"]
res = {r["id"]: r for r in d["results"]}
assert len(res) == 204, len(res)
assert s["failed"] == 0 and s["errors"] == 0 and s["xpassed"] == 0, s
# Not one case lost to a timeout or a transport failure.
slow = [i for i, r in res.items() if r["duration_ms"] > 5000]
assert not slow, "calls over 5 s: %s" % slow
for i in ("smithy.request.RestJsonEndpointTraitWithHostLabel", "smithy.request.RestJsonHostWithPath"):
    assert res[i]["status"] == "pass", (i, res[i]["status"], res[i]["message"])
xf = json.load(open(sys.argv[3]))["impls"][sdk]
assert all(e.get("reason") and e.get("evidence") for e in xf), "an entry without reason or evidence"
assert not [e for e in xf if "harness limit" in e["reason"]], "a harness limit listed as an SDK failure"
print("ok: %s %d passed, %d expected failures" % (sdk, s["passed"], s["xfailed"]))
PY
done
[ "$ran" -gt 0 ] || { echo "SKIP: neither boto3 nor js-v2 is installed"; exit 77; }
[ "$fails" -eq 0 ] || exit 1
