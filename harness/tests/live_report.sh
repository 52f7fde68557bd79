#!/bin/bash
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

"$SDKC" live --simulate --region us-east-1 --allow-writes --report-dir "$W/r" >"$W/out" 2>"$W/err"
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
     (5, 3, 2, 0, 0, 2), "summary %r" % s)
want(d["exit"] == 0 and d["partial"] is False, "exit/partial")
r = {x["id"]: x for x in d["results"]}
want(set(r) == {"live." + p for p in ("nonexistent-domain", "bad-domain-pattern",
                                      "wrong-signature", "stale-date", "create-profile")},
     "ids %r" % sorted(r))
for x in d["results"]:
    for k in ("id", "impl", "level", "status", "message", "duration_ms"):
        want(k in x, "%s lacks %s" % (x.get("id"), k))
    want(x["impl"] == "live" and x["duration_ms"] >= 0, x["id"])
for k in ("live.wrong-signature", "live.stale-date"):
    x = r[k]
    want(x["status"] == "fail" and x["level"] == "SHOULD" and x["gating"] is False,
         k + ": drift is not a warning: %r" % x)
    want("InvalidSignatureException" in x["message"] and "spec drift" in x["message"], k)
    want("request (redacted):" in x["diff"] and "InvalidSignatureException" in x["diff"], k)
for k in ("live.nonexistent-domain", "live.bad-domain-pattern", "live.create-profile"):
    want(r[k]["status"] == "pass" and r[k]["level"] == "MUST", k)
want("201" in r["live.create-profile"]["message"], "create message")
j = ET.parse(sys.argv[1] + "/junit.xml").getroot()
cases = j.findall(".//testcase")
want(len(cases) == 5, "junit testcases %d" % len(cases))
# A warning ran and passed the gate: a passing testcase with the diff in
# system-out, neither failure nor skipped (dashboards read that as not run).
want(not j.findall(".//testcase/skipped") and not j.findall(".//testcase/failure"),
     "junit: drift should be a passing testcase (warning), not skipped or failure")
want(sum("warning: below the gating level" in (s.text or "")
         for s in j.findall(".//testcase/system-out")) == 2, "junit: drift warnings in system-out")
want(j.get("skipped") == "0", "junit: warnings counted as skipped")
html = open(sys.argv[1] + "/report.html").read()
want("live.wrong-signature" in html and "<script src" not in html, "html")
PY

# Unreachable: an error result, exit 3, reports still written.
"$SDKC" live --endpoint http://127.0.0.1:1 --region us-east-1 --timeout-ms 3000 \
    --report-dir "$W/u" >"$W/uout" 2>&1
rc=$?
[ $rc -eq 3 ] || { bad "unreachable: exit $rc, wanted 3"; cat "$W/uout"; }
python3 - "$W/u/report.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
res = d["results"]
if not (len(res) == 1 and res[0]["status"] == "error" and res[0]["gating"] is True
        and d["summary"]["errors"] == 1 and d["exit"] == 3):  # the process exit status
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
