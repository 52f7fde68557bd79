#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# Interrupts leave nothing behind (docs/DESIGN.md): SIGINT while an adapter is
# still starting stops the run (exit 130) and the adapter; a second SIGINT
# in the middle of a run ends the harness at once, and kills every adapter
# process group and removes the result spool on the way out.
set -u
: "${SDKC:?}" "${SDKC_SOURCE_DIR:?}"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 missing"; exit 77; }
T=$(mktemp -d)
export TMPDIR="$T/tmp"
mkdir -p "$TMPDIR"
MARK="sdkc-interrupt-test-$$"
cleanup() { pkill -KILL -f "$MARK" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
# alive: is an adapter carrying the marker still running? (The harness's
# own command line holds the marker too: only python3 processes count, so
# the test never signals the harness before it is far enough to have its
# handlers in place: a background job starts with SIGINT ignored.)
alive() { pgrep -f "^python3 .*$MARK" >/dev/null 2>&1; }
wait_gone() { # up to 5 s
    local i
    for i in $(seq 50); do alive || return 0; sleep 0.1; done
    return 1
}

# 1. SIGINT while the adapter is starting (it would take 30 s to say ready,
# and it never reads stdin, so only the harness can stop it).
slow="exec python3 -c 'import time; time.sleep(30)' $MARK"
"$SDKC" replay --impl-cmd "$slow" --vectors "$SDKC_SOURCE_DIR/corpus/vectors" --no-report \
    >"$T/out1" 2>&1 &
pid=$!
for i in $(seq 50); do alive && break; sleep 0.05; done
kill -INT "$pid"
wait "$pid"
rc=$?
[ "$rc" = 130 ] || fail "SIGINT while starting: exit $rc, wanted 130 ($(tail -3 "$T/out1"))"
wait_gone || fail "SIGINT while starting: the adapter outlived the harness"
[ -z "$(ls -A "$TMPDIR")" ] || fail "SIGINT while starting: left $(ls "$TMPDIR")"

# 2. A second SIGINT during a run: each vector takes the adapter 0.3 s.
cat >"$T/slowvec.py" <<PY
import json, sys, time
hello = sys.stdin.readline()
print(json.dumps({"ready": {"name": "slow", "version": "1"}}), flush=True)
for line in sys.stdin:
    time.sleep(0.3)
    print(json.dumps({"id": json.loads(line)["id"], "output": {}}), flush=True)
PY
"$SDKC" replay --impl-cmd "exec python3 '$T/slowvec.py' $MARK" --no-sigv4 \
    --vectors "$SDKC_SOURCE_DIR/corpus/vectors" --report-dir "$T/r2" >"$T/out2" 2>&1 &
pid=$!
sleep 1.5
kill -INT "$pid"
sleep 0.05
kill -INT "$pid"
wait "$pid"
rc=$?
[ "$rc" -ne 0 ] || fail "second SIGINT: exit 0"
wait_gone || fail "second SIGINT: the adapter outlived the harness"
ls "$TMPDIR" | grep -q sdkconform-spool && fail "second SIGINT: the result spool was left in TMPDIR"

[ "$fails" = 0 ] || exit 1
echo ok
