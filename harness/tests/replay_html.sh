#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# sh.replay_html: report.html renders in headless Chromium (docs/DESIGN.md):
# the DOM it builds has the summary, the matrix and the failure with its
# diff and rerun command, and a screenshot is produced. Network access is
# cut off (--host-resolver-rules), so a page that needed a fetch would show
# it. Skipped (77) where /usr/bin/chromium is not installed.
set -u
: "${SDKC:?}" "${SDKC_SOURCE_DIR:?}"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { echo "$CHROMIUM not installed: skip"; exit 77; }
D="$SDKC_SOURCE_DIR/harness/tests/data/runner"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$SDKC" replay --impl builtin --vectors "$D/pass" --vectors "$D/wrong" --report-dir "$T/r" >/dev/null 2>&1
[ -s "$T/r/report.html" ] || { echo "FAIL: no report.html"; exit 1; }
flags=(--headless --no-sandbox --disable-gpu --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$T/profile")
timeout 120 "$CHROMIUM" "${flags[@]}" --dump-dom "file://$T/r/report.html" >"$T/dom.html" 2>"$T/chromium.err"
fails=0
for want in '<table id="summary">' '<table id="matrix">' 'runner.wrong.code' 'ValidationException' 'rerun: <code>' 'PASSED\|FAILED'; do
    grep -q -- "$want" "$T/dom.html" || { echo "FAIL: rendered DOM lacks $want"; fails=1; }
done
timeout 120 "$CHROMIUM" "${flags[@]}" --screenshot="$T/shot.png" --window-size=1280,2000 "file://$T/r/report.html" >/dev/null 2>>"$T/chromium.err"
[ -s "$T/shot.png" ] || { echo "FAIL: no screenshot"; cat "$T/chromium.err"; fails=1; }
[ "$fails" = 0 ] && echo "ok: report.html renders in headless Chromium"
exit $fails
