#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# `sdkconform live` writes the same report formats as replay (docs/DESIGN.md):
# report.json (replay's schema: tool, impls, summary, results with
# id/impl/level/status/message/duration_ms), junit.xml and report.html in
# --report-dir, one result per probe; spec drift is a below-gate (warning)
# result, an unreachable endpoint an error result with exit 3. Nothing any
# run writes (reports, live.json, console) holds the secret key, the session
# token or a Signature= value (docs/DESIGN.md).
set -u
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
export AWS_ACCESS_KEY_ID=AKIDLIVEREPORTTEST
export AWS_SECRET_ACCESS_KEY='liveRepSecret/Key+0123456789abcdefghijk'
export AWS_SESSION_TOKEN='liveRepToken//session+token=value98765'
unset AWS_PROFILE

"$SDKC" live --simulate --region us-east-1 --allow-writes --domain dzd_sdkconformsim01 \
    --report-dir "$W/r" >"$W/out" 2>"$W/err"
rc=$?
[ $rc -eq 0 ] || { bad "live --simulate exited $rc"; cat "$W/out" "$W/err"; }
for f in report.json junit.xml report.html live.json; do
    [ -s "$W/r/$f" ] || bad "no $f"
done
ls -a "$W/r" | grep -q '\.tmp' && bad "a temp file was left in the report folder"
python3 - "$W/r" <<'PY' || fail=1
import json, sys, xml.etree.ElementTree as ET
from html.parser import HTMLParser
d = json.load(open(sys.argv[1] + "/report.json"))
def want(c, msg):
    if not c:
        print("FAIL:", msg); sys.exit(1)
want(d["tool"]["name"] == "sdkconform" and d["tool"]["version"], "tool")
want([i["name"] for i in d["impls"]] == ["live"], "impls %r" % d["impls"])
s = d["summary"]
want((s["total"], s["passed"], s["failed"], s["errors"], s["gating"], s["warnings"]) ==
     (4, 2, 2, 0, 0, 2), "summary %r" % s)
want(d["exit"] == 0 and d["partial"] is False, "exit/partial")
r = {x["id"]: x for x in d["results"]}
P = "live.CreateUserProfile."
want(set(r) == {P + p for p in ("nonexistent-id", "wrong-signature", "stale-date", "write")},
     "ids %r" % sorted(r))
for x in d["results"]:
    for k in ("id", "impl", "level", "status", "message", "duration_ms"):
        want(k in x, "%s lacks %s" % (x.get("id"), k))
    want(x["impl"] == "live" and x["duration_ms"] >= 0, x["id"])
for k in (P + "wrong-signature", P + "stale-date"):
    x = r[k]
    want(x["status"] == "fail" and x["level"] == "SHOULD" and x["gating"] is False,
         k + ": drift is not a warning: %r" % x)
    want("InvalidSignatureException" in x["message"] and "spec drift" in x["message"], k)
    want("got document:" in x["diff"] and "InvalidSignatureException" in x["diff"], k)
for k in (P + "nonexistent-id", P + "write"):
    want(r[k]["status"] == "pass" and r[k]["level"] == "MUST", k)
j = ET.parse(sys.argv[1] + "/junit.xml").getroot()
cases = j.findall(".//testcase")
want(len(cases) == 4, "junit testcases %d" % len(cases))
# A warning ran and passed the gate: a passing testcase with the diff in
# system-out, neither failure nor skipped (dashboards read that as not run).
want(not j.findall(".//testcase/skipped") and not j.findall(".//testcase/failure"),
     "junit: drift should be a passing testcase (warning), not skipped or failure")
want(sum("warning: below the gating level" in (s.text or "")
         for s in j.findall(".//testcase/system-out")) == 2, "junit: drift warnings in system-out")
want(j.get("skipped") == "0", "junit: warnings counted as skipped")
html = open(sys.argv[1] + "/report.html").read()
want("live.CreateUserProfile.wrong-signature" in html and "<script src" not in html, "html")
PY

# Unreachable: exit 3 and the reports still written, marked partial, as replay
# does when an implementation cannot run (the runner stops at the first
# probe that got no HTTP response, so no result is recorded for it).
"$SDKC" live --endpoint http://127.0.0.1:1 --region us-east-1 --timeout-ms 3000 \
    --report-dir "$W/u" >"$W/uout" 2>&1
rc=$?
[ $rc -eq 3 ] || { bad "unreachable: exit $rc, wanted 3"; cat "$W/uout"; }
grep -q "127.0.0.1:1" "$W/uout" || bad "the unreachable endpoint is not named"
python3 - "$W/u/report.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
res = d["results"]
if not (len(res) == 0 and d["partial"] is True and d["exit"] == 3):  # the process exit status
    print("FAIL: unreachable report", json.dumps(d)[:500]); sys.exit(1)
PY

# A report folder that cannot be made: exit 2 before any probe.
touch "$W/file"
"$SDKC" live --simulate --region us-east-1 --report-dir "$W/file/sub" >"$W/bout" 2>&1
rc=$?
[ $rc -eq 2 ] || bad "bad --report-dir: exit $rc, wanted 2"
grep -q 'probe ' "$W/bout" && bad "probes ran with an unusable --report-dir"

for s in "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" 'liveRepSecret%2FKey' 'liveRepToken%2F%2F'; do
    grep -rqF -- "$s" "$W" && bad "a secret was written: $s"
done
grep -rqiE 'Signature=[0-9a-f]{8}' "$W" && bad "a Signature= value was written"

[ $fail -eq 0 ] && echo "live_report: ok"
exit $fail
