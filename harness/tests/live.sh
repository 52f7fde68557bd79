#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# `sdkconform live` end to end against the loopback simulator (docs/DESIGN.md):
# every probe gets the answer the service would give (auth failures
# included, verified by our SigV4 verifier in the simulator), unmodeled
# error codes are reported as spec drift, the create probe validates a 201,
# no secret reaches stdout, stderr or the report, and the endpoint policy
# (https only, http to loopback) and unreachable endpoints exit 2 / 3.
set -u
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
export AWS_ACCESS_KEY_ID=AKIDLIVESHTEST
export AWS_SECRET_ACCESS_KEY='liveShSecret/Key+0123456789abcdefghijklm'
export AWS_SESSION_TOKEN='liveShToken//session+token=value0123'
unset AWS_PROFILE

"$SDKC" live --simulate --region us-east-1 --allow-writes --report-dir "$W/r" >"$W/out" 2>"$W/err"
rc=$?
[ $rc -eq 0 ] || { bad "live --simulate exited $rc"; cat "$W/out" "$W/err"; }
R="$W/r/live.json"
[ -s "$R" ] || bad "no report"
python3 - "$R" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
p = {x["probe"]: x for x in d["probes"]}
def want(cond, msg):
    if not cond:
        print("FAIL:", msg); sys.exit(1)
want(set(p) == {"nonexistent-domain", "bad-domain-pattern", "wrong-signature", "stale-date",
                "create-profile"}, "probes: %s" % sorted(p))
want(p["nonexistent-domain"]["status"] == 404, "nonexistent domain status")
want(p["nonexistent-domain"]["result"]["error"]["code"] == "ResourceNotFoundException", "404 code")
want(p["bad-domain-pattern"]["status"] == 400, "bad pattern status")
for k in ("wrong-signature", "stale-date"):
    want(p[k]["status"] == 403, k + " status")
    want(p[k]["result"]["error"]["code"] == "InvalidSignatureException", k + " code")
    want(p[k]["result"]["error"]["modeled"] is False, k + " modeled")
    want([f["level"] for f in p[k]["findings"]] == ["drift"], k + " not reported as drift")
c = p["create-profile"]
want(c["status"] == 201, "create status")
want(list(c["result"]["output"]["details"]) == ["iam"], "create details")
want([f["level"] for f in c["findings"]] == ["ok"], "create findings")
want(d["failures"] == 0 and d["drift"] == 2, "totals")
want(d["simulator"] == {"requests": 5, "verified": 3, "auth_failures": 2}, "simulator stats")
auth = c["request"]["headers"]["Authorization"]
want(auth.endswith("Signature=[REDACTED]"), "signature not redacted in the report")
want(c["request"]["headers"]["X-Amz-Security-Token"] == "[REDACTED]", "token not redacted")
PY
for s in "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" 'liveShToken%2F%2F'; do
    if grep -rqF -- "$s" "$W/r" "$W/out" "$W/err"; then bad "a secret was written: $s"; fi
done
grep -q 'drift: 403 InvalidSignatureException' "$W/out" || bad "drift not on the console"

# without --allow-writes nothing is created
"$SDKC" live --simulate --region us-east-1 --report-dir "$W/r2" >"$W/out" 2>&1 || bad "read-only run failed"
grep -q 'probe create-profile' "$W/out" && bad "create probe ran without --allow-writes"

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
