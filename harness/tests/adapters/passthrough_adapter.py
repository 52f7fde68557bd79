#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
#
# A hand-written third-party client that gets unions wrong on purpose: it
# sends a plausible CreateUserProfile request to the mock endpoint (unsigned;
# run with --no-sigv4) and returns any 2xx JSON body raw as its output, so an
# unknown union tag such as {"details":{"saml":{...}}} is passed through
# instead of being reported as SDK_UNKNOWN_MEMBER. The harness must fail it
# on the union.unknown.* vectors (DESIGN.md "Result document").
import json
import sys
import urllib.error
import urllib.parse
import urllib.request


def send(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


hello = json.loads(sys.stdin.readline())["hello"]
send({"ready": {"name": "passthrough", "version": "0"}})
for line in sys.stdin:
    req = json.loads(line)
    p = req.get("params") or {}
    path = "/v2/domains/%s/user-profiles" % urllib.parse.quote(p.get("domainIdentifier", "d"), safe="")
    body = {k: v for k, v in p.items() if k != "domainIdentifier"}
    r = urllib.request.Request(hello["endpoint"] + path, data=json.dumps(body).encode(),
                               method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(r, timeout=5) as resp:
            text = resp.read()
        try:
            send({"id": req["id"], "output": json.loads(text) if text else {}})
        except ValueError as e:
            send({"id": req["id"], "clientError": {"kind": "deserialization", "message": str(e)}})
    except urllib.error.HTTPError as e:
        send({"id": req["id"], "error": {"code": str(e.code), "modeled": False,
                                         "httpStatus": e.code, "fault": "client"}})
