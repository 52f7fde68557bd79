#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Adapters serve the model each vector is bound to (harness/adapters/PROTOCOL.md
# "Models"): two official restJson1 protocol-test suites, imported as folders
# each bound to its own model (service "Rest Json Protocol", not DataZone),
# replayed with the run's spec left at the bundled DataZone model, so every
# adapter gets a second hello per suite.
#   boto3, js-v2: build their client from the model file: results, no
#     `unavailable`, nothing skipped, a non-zero pass count;
#   js-v3: its clients carry their own model and no package of that service
#     is installed: every vector SKIPPED with the reason (how to add the
#     package), NOT RUN, exit 3 unless --allow-skip.
# A runtime that is missing here is skipped (77 when none of them runs).
. "$SDKC_SOURCE_DIR/harness/tests/protocol_tests.inc"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
ran=0

"$SDKC" import --out "$tmp/all" "$PT/input.json" "$PT/output.json" 2>"$tmp/err" ||
    { cat "$tmp/err"; echo "FAIL: import"; exit 1; }
# One request suite and one response suite (errors with modeled members).
mkdir -p "$tmp/v"
for d in "$tmp"/all/request/*-HttpPayloadTraits "$tmp"/all/response/*-GreetingWithErrors; do
    [ -f "$d/service-2.json" ] && cp -r "$d" "$tmp/v/$(basename "$(dirname "$d")")-$(basename "$d")"
done
[ "$(find "$tmp/v" -name service-2.json | wc -l)" -ge 2 ] || { echo "FAIL: suites not found"; exit 1; }

for impl in boto3 js-v2; do
    "$SDKC" replay --impl "$impl" --vectors "$tmp/v" --report-dir "$tmp/r-$impl" >"$tmp/out-$impl" 2>&1
    rc=$?
    if grep -q "skipping $impl" "$tmp/out-$impl"; then
        echo "note: $(grep "skipping $impl" "$tmp/out-$impl")"
        continue
    fi
    ran=$((ran + 1))
    [ "$rc" = 0 ] || [ "$rc" = 1 ] || { cat "$tmp/out-$impl"; fail "$impl: exit $rc"; continue; }
    grep -qi "unavailable" "$tmp/out-$impl" && fail "$impl said unavailable: $(grep -i unavailable "$tmp/out-$impl" | head -3)"
    python3 - "$tmp/r-$impl/report.json" "$impl" <<'PY' || fail "$impl: report.json"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
assert [i["name"] for i in d["impls"]] == [sys.argv[2]], d["impls"]
assert s["total"] > 0 and s["passed"] > 0, s
assert s["skipped"] == 0 and s["errors"] == 0, s
assert not d["skipped"], d["skipped"]
print("ok: %s on 2 protocol-test suites: %d passed, %d failed" % (sys.argv[2], s["passed"], s["failed"]))
PY
done

# js-v3: unavailable for this service, visibly; never a pass.
"$SDKC" replay --impl js-v3 --vectors "$tmp/v" --report-dir "$tmp/r-v3" >"$tmp/out-v3" 2>&1
rc=$?
if grep -q "skipping js-v3" "$tmp/out-v3"; then
    echo "note: $(grep "skipping js-v3" "$tmp/out-v3")"
else
    ran=$((ran + 1))
    [ "$rc" = 3 ] || fail "js-v3 on another service: exit $rc, wanted 3 (NOT RUN)"
    grep -q "NOT RUN: js-v3" "$tmp/out-v3" || fail "js-v3: no NOT RUN line"
    python3 - "$tmp/r-v3/report.json" <<'PY' || fail "js-v3: report.json"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
assert s["total"] > 0 and s["skipped"] == s["total"] and s["passed"] == 0, s
msgs = {r["message"] for r in d["results"]}
assert all("npm install @aws-sdk/client-" in m for m in msgs), msgs
print("ok: js-v3 skipped all %d vectors: %s" % (s["total"], sorted(msgs)[0][:160]))
PY
    "$SDKC" replay --impl js-v3 --vectors "$tmp/v" --no-report --allow-skip >"$tmp/out-v3b" 2>&1 ||
        fail "js-v3 with --allow-skip: exit $?"
fi

[ "$ran" -gt 0 ] || { echo "SKIP: no adapter runtime here"; exit 77; }
if [ "$fails" -ne 0 ]; then
    echo "$fails failure(s)"
    exit 1
fi
echo "wire models: OK"
