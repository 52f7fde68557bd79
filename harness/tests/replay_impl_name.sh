#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# How an --impl-cmd implementation is named (harness/adapters/PROTOCOL.md
# message 2): by its adapter's ready name, made valid (a dot would split the
# JUnit classname sdkconform.IMPL.CATEGORY) and unique in the run (-2), or
# by --impl-name NAME right after it; the name is what the console,
# report.json, report.html, junit.xml, expected-failure files and rerun
# commands use. Bad or clashing --impl-name values are usage errors (2).
set -u
: "${SDKC:?}" "${SDKC_SOURCE_DIR:?}"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 missing"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
check() { # description, command...
    local what=$1
    shift
    "$@" || { echo "FAIL: $what"; fails=1; }
}
json() { # file, python expression over r (the parsed file)
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2"
}
M="python3 '$SDKC_SOURCE_DIR/harness/tests/adapters/mock_adapter.py'"
V="$SDKC_SOURCE_DIR/harness/tests/data/runner/levels"

# 1. Two adapters that both say "mock": mock and mock-2, everywhere.
"$SDKC" replay --vectors "$V" --impl-cmd "$M" --impl-cmd "$M" --report-dir "$T/r1" \
    --write-expected-failures "$T/xf1.json" --level may >"$T/out1" 2>&1
check "two mocks: exit 1 (failures at MAY)" test $? = 1
check "two mocks: report.json names" json "$T/r1/report.json" \
    'sorted({x["impl"] for x in r["results"]})==["mock","mock-2"]'
check "two mocks: junit classnames" grep -q 'classname="sdkconform.mock-2.enums"' "$T/r1/junit.xml"
check "two mocks: report.html" grep -q 'mock-2' "$T/r1/report.html"
check "two mocks: the console says why" grep -q 'ready name "mock" is taken; reported as mock-2' "$T/out1"
check "two mocks: the rerun keeps the name" grep -q -- "--impl-cmd .* --impl-name mock-2 --filter" "$T/out1"
check "two mocks: expected-failure keys" json "$T/xf1.json" 'sorted(r["impls"])==["mock","mock-2"]'

# 2. --impl-name names the --impl-cmd before it.
"$SDKC" replay --vectors "$V" --impl-cmd "$M" --impl-name stable --impl-cmd "$M" --impl-name next \
    --report-dir "$T/r2" >"$T/out2" 2>&1
check "impl-name: exit 0" test $? = 0
check "impl-name: report.json names" json "$T/r2/report.json" \
    '[x["impl"] for x in r["results"]][:2]==["stable","next"]'
check "impl-name: junit" grep -q 'classname="sdkconform.next.enums"' "$T/r2/junit.xml"

# 3. A ready name with dots, spaces and slashes is made a valid name.
cat >"$T/dots.py" <<'PY'
import json, sys
sys.stdin.readline()
print(json.dumps({"ready": {"name": "my.sdk v1/x", "version": "1"}}), flush=True)
for line in sys.stdin:
    req = json.loads(line)
    print(json.dumps({"id": req["id"], "clientError": {"kind": "unsupported", "message": "-"}}), flush=True)
PY
"$SDKC" replay --vectors "$V" --impl-cmd "python3 '$T/dots.py'" --report-dir "$T/r3" >"$T/out3" 2>&1
check "dots: exit 0" test $? = 0
check "dots: report.json name" json "$T/r3/report.json" '{x["impl"] for x in r["results"]}=={"my-sdk-v1-x"}'
check "dots: junit" grep -q 'classname="sdkconform.my-sdk-v1-x.enums"' "$T/r3/junit.xml"

# 4. Usage errors: exit 2 with the reason.
usage() { # expected message, args...
    local want=$1
    shift
    "$SDKC" replay --vectors "$V" "$@" --no-report >"$T/err" 2>&1
    local rc=$?
    [ "$rc" = 2 ] && grep -q -- "$want" "$T/err" ||
        { echo "FAIL: $* -> exit $rc, wanted 2 and '$want':"; cat "$T/err"; fails=1; }
}
usage "must follow the --impl-cmd it names" --impl-name x --impl-cmd "$M"
usage "must follow the --impl-cmd it names" --impl builtin --impl-name x
usage "must follow the --impl-cmd it names" --impl-cmd "$M" --impl-name a --impl-name b
usage "another implementation of the run has that name" --impl-cmd "$M" --impl-name a --impl-cmd "$M" --impl-name a
usage "another implementation of the run has that name" --impl builtin --impl-cmd "$M" --impl-name builtin
usage "expected 1 to 64 letters" --impl-cmd "$M" --impl-name a.b
usage "expected 1 to 64 letters" --impl-cmd "$M" --impl-name "a b"
usage "--impl builtin: given twice" --impl builtin --impl builtin

[ "$fails" = 0 ] || { cat "$T/out1"; exit 1; }
echo ok
