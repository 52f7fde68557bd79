#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# Replay verifies the SigV4 signature of every wire request (docs/DESIGN.md):
# a deliberately misbehaving adapter (tests/adapters/sigv4_misbehave.py, no
# SDK needed) shows that a tampered signature, a Host left unsigned and a
# wrong x-amz-content-sha256 each fail check "sigv4" at MUST, even on SHOULD
# vectors, with the canonical request we computed in the diff; a correctly
# signed request passes; --no-sigv4 turns the check off. Every file the run
# writes (report.json, junit.xml, report.html, console) is free of the
# secret key, the session token and any Signature= value (docs/DESIGN.md),
# although the adapter echoes the credentials it was given to stderr.
set -u
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
A="$SDKC_SOURCE_DIR/harness/tests/adapters/sigv4_misbehave.py"
V="$SDKC_SOURCE_DIR/corpus/vectors"
# The secrets replay hands to adapters (cmd_replay.c; adapter.h).
SECRET='wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
TOKEN='sdkconformFakeSessionToken//replay+test=0123456789'

run() { # mode, report dir, extra args...
    local m=$1 d=$2
    shift 2
    "$SDKC" replay --vectors "$V" --impl-cmd "python3 '$A' $m --echo-secrets" \
        --filter 'req.token.*' --report-dir "$d" "$@" >"$d.out" 2>&1
}

check_files() { # report dir: nothing secret in anything the run wrote
    local d=$1 s
    for s in "$SECRET" "$TOKEN" 'wJalrXUtnFEMI%2FK7' 'sdkconformFakeSessionToken%2F'; do
        grep -rqF -- "$s" "$d" "$d.out" && bad "$d: a secret was written: $s"
    done
    grep -rqiE 'Signature=[0-9a-f]{8}' "$d" "$d.out" && bad "$d: a Signature= value was written"
    for f in report.json junit.xml report.html; do
        [ -s "$d/$f" ] || bad "$d: no $f"
    done
}

run good "$W/good"
rc=$?
[ $rc -eq 0 ] || { bad "good: exit $rc"; cat "$W/good.out"; }
grep -q 'PASSED: 4 results' "$W/good.out" || bad "good: not 4 passes"
check_files "$W/good"

for m in tamper_sig unsigned_host bad_payload_hash; do
    run $m "$W/$m"
    rc=$?
    [ $rc -eq 1 ] || { bad "$m: exit $rc, wanted 1"; cat "$W/$m.out"; }
    python3 - "$W/$m/report.json" "$m" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
mode = sys.argv[2]
why = {"tamper_sig": "signature mismatch",
       "unsigned_host": "a required header is not signed",
       "bad_payload_hash": "x-amz-content-sha256 does not match the body"}[mode]
res = d["results"]
def want(c, msg):
    if not c:
        print("FAIL: %s: %s" % (mode, msg)); sys.exit(1)
want(len(res) == 4, "4 results, got %d" % len(res))
for r in res:
    want(r["status"] == "fail", "%s: status %s" % (r["id"], r["status"]))
    want(r["level"] == "MUST" and r["gating"] is True, "%s: not a gating MUST" % r["id"])
    want(r["message"].startswith("sigv4 (MUST): " + why + ": ") and "\n" not in r["message"],
         "%s: message %r" % (r["id"], r["message"]))
    want("canonical request we computed:" in r["diff"] and
         "string to sign we computed:" in r["diff"] and
         "/v2/domains/dzd_abc123/user-profiles" in r["diff"], "%s: diff %r" % (r["id"], r["diff"]))
    want("[REDACTED]" in r["diagnostics"], "%s: echoed secrets not redacted" % r["id"])
# The SHOULD vectors fail at MUST too.
want(sum(1 for r in res if r["id"].startswith("req.token.absent")) == 2, "SHOULD vectors")
want(d["summary"]["gating"] == 4, "gating count %r" % d["summary"])
PY
    check_files "$W/$m"
done

# unsigned_host: the diff shows what was signed without host.
grep -q "SignedHeaders sent: content-type;x-amz-date;x-amz-security-token" "$W/unsigned_host/report.json" ||
    bad "unsigned_host: signed header list not shown"

# --no-sigv4: the same tampered requests pass (the check is the only failure).
run tamper_sig "$W/nosig" --no-sigv4
rc=$?
[ $rc -eq 0 ] || { bad "--no-sigv4: exit $rc"; cat "$W/nosig.out"; }
check_files "$W/nosig"

# An unmodified SDK, when installed: its requests verify (the check is on by
# default) and its reports hold no secret either (the token is sent and signed).
if python3 -c 'import boto3' 2>/dev/null; then
    "$SDKC" replay --vectors "$V" --impl boto3 --filter 'req.*' --report-dir "$W/boto3" \
        --expected-failures "$SDKC_SOURCE_DIR/harness/adapters/boto3/expected-failures.json" \
        >"$W/boto3.out" 2>&1
    rc=$?
    [ $rc -eq 0 ] || { bad "boto3: exit $rc"; tail -30 "$W/boto3.out"; }
    grep -q 'sigv4 (MUST)' "$W/boto3.out" && bad "boto3: a request did not verify"
    check_files "$W/boto3"
else
    echo "boto3 not installed: its part skipped"
fi

[ $fail -eq 0 ] && echo "wire_sigv4: ok"
exit $fail
