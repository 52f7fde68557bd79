#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# gen with a hostile or failing model (docs/DESIGN.md): an operation name
# never becomes a path outside --out (refused, exit 2, nothing written);
# a write that fails half-way leaves none of the folders this run made,
# and the message names the target file, not a temp file.
set -u
: "${SDKC:?}"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 missing"; exit 77; }
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
model() { # FILE OPNAME...
    local f=$1
    shift
    python3 - "$f" "$@" <<'PY'
import json, sys
ops = {n: {"name": n, "http": {"method": "GET", "requestUri": "/" + str(i)},
           "output": {"shape": "Out"}} for i, n in enumerate(sys.argv[2:])}
json.dump({"metadata": {"protocol": "rest-json", "apiVersion": "1", "endpointPrefix": "x",
                        "serviceId": "X", "signatureVersion": "v4"},
           "operations": ops,
           "shapes": {"Out": {"type": "structure", "members": {"s": {"shape": "S"}}},
                      "S": {"type": "string"}}}, open(sys.argv[1], "w"))
PY
}

mkdir -p "$T/work/out"
model "$T/evil.json" Fine "../../escaped"
(cd "$T/work" && "$SDKC" gen --spec "$T/evil.json" --all --out out) >"$T/o1" 2>&1
rc=$?
[ "$rc" = 2 ] || fail "operation ../../escaped: exit $rc, wanted 2"
grep -q "operations.../../escaped: the operation name cannot be a folder name" "$T/o1" ||
    fail "the refusal does not name the operation: $(cat "$T/o1")"
[ -z "$(ls -A "$T/work/out")" ] || fail "something was written: $(ls -R "$T/work/out")"
[ ! -e "$T/escaped" ] && [ ! -e "$T/work/escaped" ] || fail "a file was written outside --out"

# The third operation's folder cannot be made (a file is in the way).
model "$T/three.json" Alpha Beta Gamma
mkdir -p "$T/out2"
: >"$T/out2/Gamma"
"$SDKC" gen --spec "$T/three.json" --all --out "$T/out2" >"$T/o2" 2>&1
rc=$?
[ "$rc" != 0 ] || fail "a failed write exited 0"
[ ! -e "$T/out2/Alpha" ] && [ ! -e "$T/out2/Beta" ] ||
    fail "folders of the failed run were left behind: $(ls "$T/out2")"
[ -f "$T/out2/Gamma" ] || fail "a file that was there before was removed"
grep -q '\.tmp\.' "$T/o2" && fail "the message names a temp file: $(cat "$T/o2")"
grep -q "out2/Gamma" "$T/o2" || fail "the message does not name the target: $(cat "$T/o2")"
# A folder that existed before the run is kept when the run fails.
mkdir -p "$T/out2/Alpha/keep"
"$SDKC" gen --spec "$T/three.json" --all --out "$T/out2" >/dev/null 2>&1
[ -d "$T/out2/Alpha/keep" ] || fail "a folder that existed before the run was removed"

[ "$fails" = 0 ] || exit 1
echo ok
