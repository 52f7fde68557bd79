#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# No false pass on unknown union tags (docs/DESIGN.md): a client that returns
# {"details":{"saml":{...}}} raw, without SDK_UNKNOWN_MEMBER, fails all five
# union.unknown.* vectors; the harness notes the unknown tag it kept.
set -u
: "${SDKC:?}" "${SDKC_SOURCE_DIR:?}"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 missing"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
adapter="$SDKC_SOURCE_DIR/harness/tests/adapters/passthrough_adapter.py"
"$SDKC" replay --impl-cmd "python3 '$adapter'" --no-sigv4 --level should --filter 'union.unknown.*' \
    --vectors "$SDKC_SOURCE_DIR/corpus/vectors" --report-dir "$T/r" >"$T/out" 2>&1
rc=$?
fails=0
[ "$rc" = 1 ] || { echo "FAIL: exit $rc, wanted 1 (the pass-through client must fail)"; fails=1; }
grep -q "5 results (5 vectors x 1 impl, gate SHOULD): 0 passed, 5 failed" "$T/out" ||
    { echo "FAIL: wanted 0 of 5 union.unknown.* vectors to pass"; fails=1; }
grep -q 'kept (a union tag the spec does not know): \$.details.saml' "$T/out" ||
    { echo "FAIL: the kept unknown tag is not noted"; fails=1; }
# The rerun line repeats what the run needs: the gate and --no-sigv4.
grep -q "rerun: .* --level SHOULD --no-sigv4 .*--filter 'union.unknown.object'" "$T/out" ||
    { echo "FAIL: the rerun command lacks --level SHOULD --no-sigv4"; fails=1; }
[ "$fails" = 0 ] || { cat "$T/out"; exit 1; }
echo ok
