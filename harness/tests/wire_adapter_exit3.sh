#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# An adapter that cannot start (exits before saying ready, or never says
# ready) makes replay exit 3 and shows its stderr (issue 4 §2); an adapter
# that reports its SDK unavailable is skipped, not failed.
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

"$SDKC" replay --impl-cmd "python3 '$mock' unavailable" --vectors "$SDKC_SOURCE_DIR/corpus/vectors" \
  --no-report >"$tmp/out2" 2>&1
rc=$?
[ "$rc" = 0 ] && grep -q "mock SDK not installed" "$tmp/out2" ||
  { cat "$tmp/out2"; echo "FAIL: unavailable adapter: exit $rc, wanted 0 and a skip message"; exit 1; }
echo ok
