#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# sh.replay_html_links: report.html's links all land (docs/DESIGN.md,
# harness/runner/README.md "Reports"): in the page a real run writes, every
# href="#x" has an element id="x", every matrix cell and every status that
# did not pass links to a detail, every detail links back to its row, and
# the inline script is valid JavaScript (node --check, when node is
# installed). Then, in headless Chromium, the script runs: loading
# "report.html?impl=builtin#rN" clicks the builtin filter (the other
# implementation's failures are hidden) and then, because rN belongs to
# that other implementation, resets the filters and opens rN's <details>.
# The static checks always run; the Chromium part exits 77 (skipped) when
# /usr/bin/chromium is not installed.
set -u
: "${SDKC:?}" "${SDKC_SOURCE_DIR:?}"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
command -v python3 >/dev/null || { echo "python3 missing: skip"; exit 77; }
D="$SDKC_SOURCE_DIR/harness/tests/data/runner"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# builtin passes; the levels fixtures fail at MUST and SHOULD (a gating
# failure and a warning), under --level must.
"$SDKC" replay --impl builtin --vectors "$D/pass" --vectors "$D/wrong" --vectors "$D/levels" \
    --report-dir "$T/r" >"$T/out" 2>&1
[ -s "$T/r/report.html" ] || { echo "FAIL: no report.html"; cat "$T/out"; exit 1; }

python3 - "$T/r/report.html" "$T/first" "$T/page.js" <<'PY' || exit 1
import sys
from html.parser import HTMLParser

class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.stack, self.script = set(), [], [], []
        self.in_script = False
        self.matrix_cells = self.matrix_linked = 0
        self.details, self.back = [], set()
        self.bad_status_cells = []
        self.cur_cell = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.hrefs.append(a["href"][1:])
            if self.cur_cell is not None:
                self.cur_cell["link"] = True
            if a.get("class") == "back" and self.details:
                self.back.add(self.details[-1])
        if tag == "table":
            self.stack.append(a.get("id"))
        if tag == "td" and self.stack:
            self.cur_cell = {"table": self.stack[-1], "cls": a.get("class"), "link": False,
                             "col": self.col}
            self.col += 1
        if tag == "tr":
            self.col = 0
        if tag == "details":
            self.details.append(a.get("id"))
        if tag == "script":
            if "src" in a:
                print("FAIL: external script", a["src"]); sys.exit(1)
            self.in_script = True
    def handle_endtag(self, tag):
        if tag == "table" and self.stack:
            self.stack.pop()
        if tag == "td" and self.cur_cell is not None:
            c = self.cur_cell
            if c["table"] == "matrix" and c["col"] > 0:
                self.matrix_cells += 1
                self.matrix_linked += c["link"]
            if c["table"] == "results" and c["col"] > 2 and c["cls"] in ("fail", "warn", "error") \
                    and not c["link"]:
                self.bad_status_cells.append(c)
            self.cur_cell = None
        if tag == "script":
            self.in_script = False
    def handle_data(self, d):
        if self.in_script:
            self.script.append(d)

p = P()
p.col = 0
p.feed(open(sys.argv[1], encoding="utf-8").read())
fails = 0
def want(ok, msg):
    global fails
    if not ok:
        print("FAIL:", msg); fails = 1
missing = sorted(set(p.hrefs) - p.ids)
want(not missing, "links without an anchor: %s" % missing[:10])
want(len(p.hrefs) >= 10, "too few links: %d" % len(p.hrefs))
want(p.matrix_cells > 0 and p.matrix_cells == p.matrix_linked,
     "matrix cells %d, linked %d" % (p.matrix_cells, p.matrix_linked))
want(not p.bad_status_cells, "table statuses without a link: %s" % p.bad_status_cells[:3])
want(p.details and all(d and d.startswith("r") for d in p.details), "details without anchors")
want(set(p.details) == p.back, "details without a link back: %s" % sorted(set(p.details) - p.back))
open(sys.argv[2], "w").write(p.details[0] if p.details else "")
open(sys.argv[3], "w").write("".join(p.script))
sys.exit(fails)
PY

if command -v node >/dev/null; then
    node --check "$T/page.js" || { echo "FAIL: the inline script is not valid JavaScript"; exit 1; }
fi
[ -x "$CHROMIUM" ] || { echo "ok: links and anchors; $CHROMIUM not installed: the scripted part is skipped"; exit 77; }

first=$(cat "$T/first")
flags=(--headless --no-sandbox --disable-gpu --host-resolver-rules="MAP * ~NOTFOUND"
       --user-data-dir="$T/profile" --virtual-time-budget=5000)
# 1. the filter buttons: ?status=pass clicks "pass": every failure section
# is hidden, the builtin rows that pass stay.
timeout 120 "$CHROMIUM" "${flags[@]}" --dump-dom "file://$T/r/report.html?status=pass" \
    >"$T/dom1.html" 2>"$T/chromium.err"
# 2. the anchor: #rN opens that detail.
timeout 120 "$CHROMIUM" "${flags[@]}" --dump-dom "file://$T/r/report.html#$first" \
    >"$T/dom2.html" 2>>"$T/chromium.err"
python3 - "$T/dom1.html" "$T/dom2.html" "$first" <<'PY'
import re, sys
d1, d2, first = open(sys.argv[1]).read(), open(sys.argv[2]).read(), sys.argv[3]
fails = 0
def want(ok, msg):
    global fails
    if not ok:
        print("FAIL:", msg); fails = 1
want(re.search(r'<button[^>]*data-v="pass"[^>]*class="on"|<button[^>]*class="on"[^>]*data-v="pass"', d1),
     "the pass filter is not on after ?status=pass")
secs = re.findall(r'<section class="cause f"[^>]*>', d1)
want(secs and all("hidden" in s for s in secs), "failure causes still shown under status=pass")
want(re.search(r'<tr id="v\d+" class="f"[^>]*data-st="builtin:pass"(?![^>]*hidden)', d1),
     "passing rows hidden under status=pass")
want(re.search(r'<details id="%s"[^>]*open' % re.escape(first), d2), "#%s did not open its detail" % first)
sys.exit(fails)
PY
rc=$?
[ $rc = 0 ] && echo "ok: report.html links land and its script filters and opens details"
exit $rc
