#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# sh.fuzz_client_overnight: fuzz/run-overnight runs `sdkconform fuzz-client`
# as one more job (--fuzz-client-cmd, no libFuzzer target, so no clang
# needed): its state stays in <work>/fuzz-client, the night's report lists
# its findings, and new findings make the exit status 1. The adapter is
# tests/adapters/decode_adapter.py with its planted union defect.
set -u
: "${SDKC:?}" "${SDKC_SOURCE_DIR:?}"
command -v python3 >/dev/null || { echo "python3 missing: skip"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
A="python3 $SDKC_SOURCE_DIR/harness/tests/adapters/decode_adapter.py $SDKC union-two"
ro=("$SDKC_SOURCE_DIR/fuzz/run-overnight" --work "$T/w" --reports "$T/r" --regressions "$T/g"
    --sdkconform "$SDKC")

# A run budget and a fixed seed, not a time budget: under ASan the adapter's
# calls are slower and 8 s may not reach the planted defect (seed 1 finds
# it between 200 and 300 inputs).
"${ro[@]}" --time 8s --fuzz-client-runs 600 --fuzz-client-seed 1 --fuzz-client-cmd "$A" >"$T/run.log" 2>&1
rc=$?
cat "$T/run.log"
[ $rc -eq 1 ] || fail "exit $rc, want 1 (new fuzz-client findings)"
ls "$T"/w/fuzz-client/findings/*.json >/dev/null 2>&1 || fail "no finding vector in the work folder"
[ -f "$T/w/fuzz-client/summary.json" ] || fail "no fuzz-client summary in the work folder"
summary=$(ls "$T"/r/*/summary.json)
python3 - "$summary" <<'PY' || fail "the night's summary.json lacks the fuzz-client job"
import json, sys
s = json.load(open(sys.argv[1]))
fc = s["fuzz_client"]
assert fc["exit"] == 1 and fc["new"] >= 1, fc
assert any(f["kind"] == "accepted-garbage" for f in fc["findings"]), fc["findings"]
assert fc["last_run"]["inputs"] > 0
PY
grep -q "<h2>fuzz-client</h2>" "${summary%.json}.html" || fail "summary.html has no fuzz-client section"
"${ro[@]}" --fuzz-client nosuch >"$T/bad.log" 2>&1
[ $? -eq 2 ] || fail "--fuzz-client nosuch: want exit 2"
echo "ok: run-overnight runs fuzz-client as a job"
