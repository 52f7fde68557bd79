#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# `sdkconform live` end to end against the loopback simulator (docs/DESIGN.md):
# every probe gets the answer the service would give (auth failures
# included, verified by our SigV4 verifier in the simulator), unmodeled
# error codes are reported as spec drift, the write probe validates a 201,
# no secret reaches stdout, stderr or the report, and the endpoint policy
# (https only, http to loopback) and unreachable endpoints exit 2 / 3.
set -u
W=$(mktemp -d)
DATA="$SDKC_SOURCE_DIR/harness/tests/data"
trap 'rm -rf "$W"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
export AWS_ACCESS_KEY_ID=AKIDLIVESHTEST
export AWS_SECRET_ACCESS_KEY='liveShSecret/Key+0123456789abcdefghijklm'
export AWS_SESSION_TOKEN='liveShToken//session+token=value0123'
unset AWS_PROFILE

# The probes come from the bundled model (vectors/probe.h): CreateUserProfile
# is a POST under /v2/domains/{domainIdentifier}/, a parent a nonexistent id
# keeps from changing. The model sets no pattern on DomainId, so no
# bad-value probe applies (the old hard-coded ^dzd... probe checked a
# constraint only the simulator knew).
"$SDKC" live --simulate --region us-east-1 --allow-writes --domain dzd_sdkconformsim01 \
    --report-dir "$W/r" >"$W/out" 2>"$W/err"
rc=$?
[ $rc -eq 0 ] || { bad "live --simulate exited $rc"; cat "$W/out" "$W/err"; }
R="$W/r/live.json"
[ -s "$R" ] || bad "no report"
python3 - "$R" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
p = {x["probe"].split(".")[-1]: x for x in d["probes"]}
def want(cond, msg):
    if not cond:
        print("FAIL:", msg); sys.exit(1)
want(all(x["probe"].startswith("live.CreateUserProfile.") for x in d["probes"]), "probe ids")
want(set(p) == {"nonexistent-id", "wrong-signature", "stale-date", "write"}, "probes: %s" % sorted(p))
want(p["nonexistent-id"]["status"] == 404, "nonexistent id status")
want(p["nonexistent-id"]["result"]["error"]["code"] == "ResourceNotFoundException", "404 code")
want(p["nonexistent-id"]["result"]["error"]["modeled"] is True, "404 modeled")
for k in ("wrong-signature", "stale-date"):
    want(p[k]["status"] == 403, k + " status")
    want(p[k]["result"]["error"]["code"] == "InvalidSignatureException", k + " code")
    want(p[k]["result"]["error"]["modeled"] is False, k + " modeled")
c = p["write"]
want(c["status"] == 201, "write status")
want(c["result"] == {"output": {}}, "write result %r" % c["result"])
want("/v2/domains/dzd_sdkconformsim01/" in c["request"]["path"], "write probe not on --domain")
want(d["simulator"] == {"requests": 4, "verified": 2, "auth_failures": 2}, "simulator stats")
auth = c["request"]["headers"]["Authorization"]
want(auth.endswith("Signature=[REDACTED]"), "signature not redacted in the report")
want(c["request"]["headers"]["X-Amz-Security-Token"] == "[REDACTED]", "token not redacted")
PY
for s in "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" 'liveShToken%2F%2F'; do
    if grep -rqF -- "$s" "$W/r" "$W/out" "$W/err"; then bad "a secret was written: $s"; fi
done
grep -q '403 InvalidSignatureException: an error code the model does not declare' "$W/out" ||
    bad "drift not on the console"

# without --allow-writes nothing is written to
"$SDKC" live --simulate --region us-east-1 --report-dir "$W/r2" >"$W/out" 2>&1 || bad "read-only run failed"
grep -q 'CreateUserProfile.write' "$W/out" && bad "write probe ran without --allow-writes"

# Any model: a second one (harness/tests/data/live/widgets.json) gets probes
# of its own read-only and parent-scoped operations, and none for its
# DELETE and its create without a parent.
"$SDKC" live --simulate --region us-east-1 --spec "$DATA/live/widgets.json" \
    --report-dir "$W/r5" >"$W/out" 2>&1 || { bad "widgets run failed"; cat "$W/out"; }
python3 - "$W/r5/report.json" "$W/r5/live.json" <<'PY' || fail=1
import json, sys
r = json.load(open(sys.argv[1])); l = json.load(open(sys.argv[2]))
ids = {x["id"] for x in r["results"]}
ops = {i.split(".")[1] for i in ids}
def want(c, msg):
    if not c:
        print("FAIL:", msg); sys.exit(1)
want(ops == {"GetWidget", "ListWidgets", "DescribeWidgetSearch", "TagWidget"}, "ops %r" % ops)
want("live.GetWidget.bad-widgetId" in ids and "live.ListWidgets.bad-state" in ids, "bad values")
want(not any(x["status"] in ("error",) or x["gating"] for x in r["results"]), "gating results")
st = {x["probe"]: x["status"] for x in l["probes"]}
want(st["live.GetWidget.nonexistent-id"] == 404, "declared not-found status")
want(st["live.GetWidget.bad-widgetId"] == 400 and st["live.ListWidgets.bad-state"] == 400, "400s")
PY
grep -q 'DeleteWidget: skipped' "$W/out" || bad "the DELETE was not noted as skipped"
"$SDKC" live --simulate --region us-east-1 --spec "$DATA/live/widgets.json" --operation 'Delete*' \
    --report-dir "$W/r6" >/dev/null 2>"$W/err"
[ $? -eq 2 ] && grep -q 'safe to probe' "$W/err" || bad "an unsafe-only selection was not refused"

# endpoint policy and reachability
"$SDKC" live --endpoint http://example.com --region us-east-1 --report-dir "$W/r3" >/dev/null 2>"$W/err"
[ $? -eq 2 ] && grep -q 'only https' "$W/err" || bad "plain http to a remote host was not refused"
"$SDKC" live --endpoint http://127.0.0.1:1 --region us-east-1 --timeout-ms 3000 \
    --report-dir "$W/r4" >"$W/out" 2>&1
[ $? -eq 3 ] || { bad "unreachable endpoint: wanted exit 3"; cat "$W/out"; }
"$SDKC" live --simulate >/dev/null 2>"$W/err"
[ $? -eq 2 ] && grep -q -- '--region' "$W/err" || bad "missing --region"
"$SDKC" live --region r --endpoint https://x --allow-writes >/dev/null 2>"$W/err"
[ $? -eq 2 ] && grep -q -- '--domain' "$W/err" || bad "--allow-writes without --domain"
env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY AWS_SHARED_CREDENTIALS_FILE="$W/none" \
    "$SDKC" live --simulate --region us-east-1 >/dev/null 2>"$W/err"
[ $? -eq 2 ] || bad "no credentials: wanted exit 2"

[ $fail -eq 0 ] && echo "live: ok"
exit $fail
