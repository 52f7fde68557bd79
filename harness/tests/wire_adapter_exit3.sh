#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# An adapter that cannot start (exits before saying ready, or never says
# ready) makes replay exit 3 and shows its stderr (docs/DESIGN.md); an adapter
# that reports its SDK unavailable is NOT RUN: exit 3 unless --allow-skip.
set -u
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mock="$SDKC_SOURCE_DIR/harness/tests/adapters/mock_adapter.py"
"$SDKC" replay --impl-cmd "python3 '$mock' exit_early" --vectors "$SDKC_SOURCE_DIR/corpus/vectors" \
  --no-report >"$tmp/out" 2>&1
rc=$?
[ "$rc" = 3 ] || { cat "$tmp/out"; echo "FAIL: exit $rc, wanted 3"; exit 1; }
grep -q "cannot import the SDK (on purpose)" "$tmp/out" ||
  { cat "$tmp/out"; echo "FAIL: the adapter's stderr is not shown"; exit 1; }
grep -q "exit status 3" "$tmp/out" || { cat "$tmp/out"; echo "FAIL: no exit status"; exit 1; }

# never says ready: exit 3 once the ready timeout (shortened here) runs out
SDKC_ADAPTER_READY_TIMEOUT_MS=500 "$SDKC" replay \
  --impl-cmd "read h; echo 'mock: still importing my SDK' >&2; exec sleep 3600" \
  --vectors "$SDKC_SOURCE_DIR/corpus/vectors" --no-report >"$tmp/out1" 2>&1
rc=$?
[ "$rc" = 3 ] || { cat "$tmp/out1"; echo "FAIL: never ready: exit $rc, wanted 3"; exit 1; }
grep -q "did not say ready within 500 ms" "$tmp/out1" && grep -q "mock: still importing my SDK" "$tmp/out1" ||
  { cat "$tmp/out1"; echo "FAIL: never ready: no timeout message or no stderr"; exit 1; }

# Nothing ran is never green (docs/DESIGN.md): an adapter that answers
# `unavailable` is NOT RUN and the run exits 3, report.json saying the same.
"$SDKC" replay --impl-cmd "python3 '$mock' unavailable" --vectors "$SDKC_SOURCE_DIR/corpus/vectors" \
  --report-dir "$tmp/r2" >"$tmp/out2" 2>&1
rc=$?
[ "$rc" = 3 ] && grep -q "mock SDK not installed" "$tmp/out2" && grep -q "nothing ran (exit 3)" "$tmp/out2" ||
  { cat "$tmp/out2"; echo "FAIL: unavailable adapter alone: exit $rc, wanted 3 and the reason"; exit 1; }

# Beside builtin: builtin's results are reported, the adapter is NOT RUN in
# every report, and the exit is 3 unless --allow-skip (then the verdicts').
"$SDKC" replay --impl builtin --impl-cmd "python3 '$mock' unavailable" \
  --vectors "$SDKC_SOURCE_DIR/corpus/vectors" --report-dir "$tmp/r3" >"$tmp/out3" 2>&1
rc=$?
[ "$rc" = 3 ] && grep -q "NOT RUN: .*mock SDK not installed" "$tmp/out3" ||
  { cat "$tmp/out3"; echo "FAIL: builtin + unavailable: exit $rc, wanted 3 and NOT RUN"; exit 1; }
python3 - "$tmp/r3/report.json" "$tmp/r3/report.html" <<'PY' || { echo "FAIL: reports do not say NOT RUN / exit 3"; exit 1; }
import json, sys
d = json.load(open(sys.argv[1]))
assert d["exit"] == 3, d["exit"]
assert len(d["skipped"]) == 1 and "mock SDK not installed" in d["skipped"][0]["reason"], d["skipped"]
assert "NOT RUN" in open(sys.argv[2]).read()
PY
"$SDKC" replay --impl builtin --impl-cmd "python3 '$mock' unavailable" --allow-skip \
  --vectors "$SDKC_SOURCE_DIR/corpus/vectors" --report-dir "$tmp/r4" >"$tmp/out4" 2>&1
rc=$?
[ "$rc" = 0 ] && grep -q "NOT RUN" "$tmp/out4" && grep -q -- "--allow-skip: not an error" "$tmp/out4" ||
  { cat "$tmp/out4"; echo "FAIL: --allow-skip: exit $rc, wanted 0 with NOT RUN shown"; exit 1; }
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["exit"] == 0 and len(d["skipped"]) == 1' \
  "$tmp/r4/report.json" || { echo "FAIL: --allow-skip report.json"; exit 1; }
# A named SDK adapter whose SDK is missing: the same rule. js-v3 without its
# node_modules is simulated by a PATH without node.
mkdir -p "$tmp/bin"
ln -s "$(command -v python3)" "$tmp/bin/python3"
PATH="$tmp/bin" "$SDKC" replay --impl builtin --impl js-v3 --vectors "$SDKC_SOURCE_DIR/corpus/vectors" \
  --no-report >"$tmp/out5" 2>&1
rc=$?
[ "$rc" = 3 ] && grep -q "NOT RUN: js-v3" "$tmp/out5" ||
  { cat "$tmp/out5"; echo "FAIL: js-v3 without node: exit $rc, wanted 3 and NOT RUN"; exit 1; }
# An adapter for which every vector is skipped (here: vectors bound to a
# folder's own model, which adapters are not started with) ran nothing:
# NOT RUN and exit 3, not a green gate on 0 passed.
mkdir -p "$tmp/bound"
cp "$SDKC_SOURCE_DIR/specs/datazone-createuserprofile.json" "$tmp/bound/service-2.json"
cp "$SDKC_SOURCE_DIR/corpus/vectors/enums/type.json" "$tmp/bound/"
"$SDKC" replay --impl-cmd "python3 '$mock'" --vectors "$tmp/bound" --no-report >"$tmp/out7" 2>&1
rc=$?
[ "$rc" = 3 ] && grep -q "NOT RUN: .*every one of its [0-9]* vectors was skipped" "$tmp/out7" ||
  { cat "$tmp/out7"; echo "FAIL: every vector skipped: exit $rc, wanted 3 and NOT RUN"; exit 1; }
"$SDKC" replay --impl-cmd "python3 '$mock'" --vectors "$tmp/bound" --no-report --allow-skip \
  >"$tmp/out8" 2>&1 || { cat "$tmp/out8"; echo "FAIL: every vector skipped with --allow-skip: not 0"; exit 1; }

# An adapter that dies on every call is restarted up to its cap, then the
# run gives up: exit 3, and report.json records the same exit (it said 1).
mkdir -p "$tmp/many"
python3 - "$tmp/many/v.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(300):
        f.write(json.dumps({"id": "crash.%03d" % i, "title": "t", "level": "MUST", "refs": ["seed"],
                            "tags": ["x"], "operation": "CreateUserProfile", "params": {},
                            "request": {"method": "POST"}}) + "\n")
PY
"$SDKC" replay --impl-cmd "read h; echo '{\"ready\":{\"name\":\"dies\",\"version\":\"1\"}}'; read l; exit 7" \
  --no-sigv4 --vectors "$tmp/many" --report-dir "$tmp/r6" >"$tmp/out6" 2>&1
rc=$?
[ "$rc" = 3 ] || { tail -5 "$tmp/out6"; echo "FAIL: adapter dying on every call: exit $rc, wanted 3"; exit 1; }
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["exit"] == 3 and d["partial"], (d["exit"], d["partial"])' \
  "$tmp/r6/report.json" || { echo "FAIL: report.json exit differs from the process exit"; exit 1; }
echo ok
