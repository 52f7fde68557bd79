#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# An adapter that cannot start (here: exits before saying ready) makes replay
# exit 3 and shows its stderr (issue 4 §2); an adapter that reports its SDK
# unavailable is skipped, not failed.
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

"$SDKC" replay --impl-cmd "python3 '$mock' unavailable" --vectors "$SDKC_SOURCE_DIR/corpus/vectors" \
  --no-report >"$tmp/out2" 2>&1
rc=$?
[ "$rc" = 0 ] && grep -q "mock SDK not installed" "$tmp/out2" ||
  { cat "$tmp/out2"; echo "FAIL: unavailable adapter: exit $rc, wanted 0 and a skip message"; exit 1; }
echo ok
