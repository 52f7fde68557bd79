#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# One implementation must not change another's verdicts (runner.h,
# the transport checks): every adapter owns a mock
# endpoint of its own and ties each request to the call that waited for it.
# A misbehaving adapter (tests/adapters/wire_misbehave.py "late", no SDK
# needed) sends a second request after it answered, while a slow but
# well-behaved adapter's call is open (with one shared endpoint that stray
# was checked as the neighbour's request: 1 of 4 passed). Beside the builtin
# client and that adapter, their verdicts must be exactly those of a run
# without it; its own vectors fail with check "requests" at MUST, naming
# the vector it had answered. An adapter writing Content-Length with
# chunked framing fails check "framing" at MUST with the RFC section. With
# boto3 installed, boto3's verdicts beside the late adapter are compared the
# same way. wire_slowloris.sh does the same for a slowloris adapter.
. "$SDKC_SOURCE_DIR/harness/tests/wire_isolation.inc"

start=$(date +%s)
run alone --impl builtin --impl-cmd "$GOOD"
[ "$(cat "$W/alone.rc")" = 0 ] || { bad "alone: exit $(cat "$W/alone.rc")"; cat "$W/alone.out"; }

run late --impl-cmd "python3 '$A' late --late-delay-ms 150" --impl builtin --impl-cmd "$GOOD"
[ "$(cat "$W/late.rc")" = 1 ] || { bad "late: exit $(cat "$W/late.rc"), wanted 1"; cat "$W/late.out"; }
same late-builtin alone late '^builtin$'
same late-good alone late 'good'
python3 - "$W/late/report.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
mine = [r for r in d["results"] if r["impl"] == "wire-late"]  # its ready name
def want(c, msg):
    if not c:
        print("FAIL: late adapter: " + msg); sys.exit(1)
want(len(mine) == 4, "4 results, got %d" % len(mine))
# Each stray fails a vector of its own sender: the one it answered (found
# after the vector) or, on a slow machine, the next one (found before the
# call, or during it as a second request).
for r in mine:
    want(r["status"] == "fail" and r["level"] == "MUST" and r["gating"] is True,
         "%s: %s %s" % (r["id"], r["status"], r["level"]))
    want(r["message"].startswith("requests (MUST): "), "%s: message %r" % (r["id"], r["message"]))
want(any(r["message"].startswith("requests (MUST): 1 late request (last: GET /stray)") and
         "had answered" in r["message"] for r in mine),
     "no late request named with the vector it followed: %r" % [r["message"] for r in mine])
PY

# Ambiguous framing end to end: the endpoint refuses with 400 and the
# vector fails check "framing" at MUST with the RFC section, not "no
# request sent"; nothing reaches the neighbours.
run framing --impl-cmd "python3 '$A' framing" --impl builtin
[ "$(cat "$W/framing.rc")" = 1 ] || { bad "framing: exit $(cat "$W/framing.rc"), wanted 1"; cat "$W/framing.out"; }
same framing-builtin alone framing '^builtin$'
python3 - "$W/framing/report.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
mine = [r for r in d["results"] if r["impl"] == "wire-framing"]  # its ready name
bad = [r for r in mine if not (r["status"] == "fail" and r["level"] == "MUST" and r["message"].startswith(
    "framing (MUST): the endpoint refused 1 request with 400 for ambiguous framing: POST "
    "/v2/domains/dzd_abc123/user-profiles: Content-Length together with Transfer-Encoding "
    "(RFC 9112 §6.1"))]
if len(mine) != 4 or bad:
    print("FAIL: framing adapter: %r" % [(r["id"], r["status"], r["message"]) for r in (bad or mine)])
    sys.exit(1)
PY

if python3 -c 'import boto3' 2>/dev/null; then
    XF="$SDKC_SOURCE_DIR/harness/adapters/boto3/expected-failures.json"
    run boto3 --impl boto3 --expected-failures "$XF"
    run boto3-late --impl-cmd "python3 '$A' late --late-delay-ms 5" --impl boto3 \
        --expected-failures "$XF"
    same boto3-late boto3 boto3-late '^boto3$'
else
    echo "boto3 not installed: its part skipped"
fi
finish wire_isolation
