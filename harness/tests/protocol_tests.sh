#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# The official restJson1 protocol tests (botocore's JSON translation of the
# Smithy suite, ../shared/testdata/protocol-tests/) as vectors: `import`
# turns them into one folder per suite, each bound to its own model, and the
# built-in client must pass every case (docs/DESIGN.md). A case botocore
# translated wrongly would be listed, with the Smithy text as evidence, in
# corpus/protocol-tests/expected-failures.json; a stale entry fails.
. "$SDKC_SOURCE_DIR/harness/tests/protocol_tests.inc"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

"$SDKC" import --out "$T/a" "$PT/input.json" "$PT/output.json" 2>"$T/err" || fail "import: $(cat "$T/err")"
grep -q '^sdkconform import: 204 vectors in ' "$T/err" || fail "import did not write 204 vectors: $(cat "$T/err")"
# Deterministic: a second import gives the same bytes.
"$SDKC" import --out "$T/b" "$PT/input.json" "$PT/output.json" 2>/dev/null
diff -r "$T/a" "$T/b" >/dev/null || fail "two imports differ"
[ "$(find "$T/a" -name service-2.json | wc -l)" = 87 ] || fail "wanted 87 suite folders (52 request, 35 response)"

XF=()
if [ -f "$SDKC_SOURCE_DIR/corpus/protocol-tests/expected-failures.json" ]; then
    XF=(--expected-failures "$SDKC_SOURCE_DIR/corpus/protocol-tests/expected-failures.json")
fi
"$SDKC" replay --vectors "$T/a" --impl builtin --uuid fixed --report-dir "$T/report" "${XF[@]}" \
    >"$T/out" 2>&1
rc=$?
[ "$rc" = 0 ] || {
    fail "replay of the protocol tests against builtin: exit $rc"
    grep -E '^(FAIL|ERROR|XPASS)' "$T/out" | head -60 >&2
}
summary=$(grep -E '^(PASSED|FAILED|INCOMPLETE): ' "$T/out" | tail -1)
case $summary in
*"204 results"*"204 passed"*) ;;
*"204 results"*) [ ${#XF[@]} -gt 0 ] || fail "not every case passed: $summary" ;;
*) fail "unexpected summary: $summary" ;;
esac
echo "$summary"

# Every vector cites its Smithy test id, at MUST.
python3 - "$T/report/report.json" <<'PY' || fail "report.json: levels or refs"
import json, sys
r = json.load(open(sys.argv[1]))
res = r["results"]
assert len(res) == 204, len(res)
assert all(x["level"] == "MUST" for x in res), "a case below MUST"
PY

if [ "$fails" -ne 0 ]; then
    echo "$fails failure(s)"
    exit 1
fi
echo "protocol tests: OK"
