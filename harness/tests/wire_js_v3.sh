#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# The bundled corpus replayed over the wire against the js-v3 adapter gates on
# regressions (docs/DESIGN.md): unmodified js-v3 passes with exactly the expected
# failures committed in harness/adapters/js-v3/expected-failures.json (at every
# level); a new failure, or a listed vector that now passes, fails this test.
# Skipped (77) where the js-v3 runtime is missing.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xf="$SDKC_SOURCE_DIR/harness/adapters/js-v3/expected-failures.json"
"$SDKC" replay --impl js-v3 --level may --expected-failures "$xf" \
  --vectors "$SDKC_SOURCE_DIR/corpus/vectors" --report-dir "$tmp/r" >"$tmp/out" 2>&1
rc=$?
if grep -q "skipping js-v3" "$tmp/out"; then
  echo "SKIP: $(grep "skipping js-v3" "$tmp/out")"
  exit 77
fi
if [ "$rc" != 0 ]; then
  cat "$tmp/out"
  echo "FAIL: replay --impl js-v3 with its expected failures exited $rc (new failures or stale entries above)"
  exit 1
fi
python3 - "$tmp/r/report.json" <<'PY' || exit 1
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
impls = [i["name"] for i in d["impls"]]
assert impls == ["js-v3"], impls
assert s["failed"] == 0 and s["errors"] == 0 and s["xpassed"] == 0, s
assert s["xfailed"] > 0 and s["passed"] > 0, s
print("ok: js-v3 %(passed)d passed, %(xfailed)d expected failures" % s)
PY
