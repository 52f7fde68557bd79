#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
#
# A client for the bundled DataZone CreateUserProfile model that decodes
# exactly as the builtin client does (it sends a plausible, unsigned
# request to the mock endpoint, takes status, headers and body as they
# arrive, and asks `sdkconform decode` for the result document), with one
# planted defect chosen on the command line, for tests of fuzz-client:
#
#   correct       no defect: fuzz-client must find nothing
#   union-two     a union with two members set is taken as success (the
#                 body returned raw as the output) instead of the
#                 deserialization error the rules give
#   code-from-status  an error's code is its HTTP status and it is unmodeled
#                 (botocore's way with a bodiless 5xx, everywhere): an error
#                 code rule, so its findings must be MUST
#   nul-cut       every output string is cut at U+0000 (a C client's way):
#                 a response holding \u0000 must not pass
#
# usage: decode_adapter.py SDKCONFORM_EXE MODE   (run with --no-sigv4 in replay)
import json
import socket
import subprocess
import sys
import urllib.parse

SDKC, MODE = sys.argv[1], sys.argv[2]


def send(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def union_two(body):
    try:
        doc = json.loads(body)
    except (ValueError, RecursionError):
        return False
    details = doc.get("details") if isinstance(doc, dict) else None
    return isinstance(details, dict) and len(details) >= 2


def cut_at_nul(value):
    if isinstance(value, str):
        return value.split("\0", 1)[0]
    if isinstance(value, dict):
        return {k: cut_at_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [cut_at_nul(v) for v in value]
    return value


def exchange(url, path, payload):
    """One HTTP/1.1 exchange over a plain socket, read to the end of the
    connection: status, headers and body as they arrive, whatever the
    status (http.client waits past a 1xx for a final response that the
    mock endpoint never sends)."""
    s = socket.create_connection((url.hostname, url.port), timeout=5)
    try:
        s.sendall(("POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n"
                   "Content-Length: %d\r\nConnection: close\r\n\r\n"
                   % (path, url.hostname, url.port, len(payload))).encode() + payload)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
            head, sep, rest = data.partition(b"\r\n\r\n")
            if sep:
                length = [int(l.split(b":", 1)[1]) for l in head.split(b"\r\n")[1:]
                          if l.lower().startswith(b"content-length:")]
                if length and len(rest) >= length[0]:
                    break
    finally:
        s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = [tuple(x.strip() for x in l.split(":", 1)) for l in lines[1:] if ":" in l]
    if any(n.lower() == "transfer-encoding" and "chunked" in v.lower() for n, v in headers):
        plain = b""
        while body:
            size, _, body = body.partition(b"\r\n")
            n = int(size.split(b";")[0], 16)
            if n == 0:
                break
            plain, body = plain + body[:n], body[n + 2:]
        body = plain
    headers = [(n, v) for n, v in headers
               if n.lower() not in ("transfer-encoding", "connection", "content-length", "date")]
    return status, headers, body


hello = json.loads(sys.stdin.readline())["hello"]
url = urllib.parse.urlsplit(hello["endpoint"])
send({"ready": {"name": "decode-" + MODE, "version": "0", "protocol": 3}})
for line in sys.stdin:
    msg = json.loads(line)
    if "hello" in msg:
        send({"ready": {"name": "decode-" + MODE, "version": "0", "protocol": 3}})
        continue
    p = msg.get("params") or {}
    path = url.path.rstrip("/") + "/v2/domains/%s/user-profiles" % urllib.parse.quote(
        p.get("domainIdentifier", "d"), safe="")
    payload = json.dumps({k: v for k, v in p.items() if k != "domainIdentifier"}).encode()
    try:
        status, headers, body = exchange(url, path, payload)
    except Exception as e:  # the transport failed: a client-side error
        send({"id": msg["id"], "clientError": {"kind": "transport", "message": str(e)}})
        continue
    args = [SDKC, "decode", "--operation", msg["operation"], "--status", str(status)]
    for name, value in headers:
        args += ["--header", "%s: %s" % (name, value)]
    out = subprocess.run(args + ["-"], input=body, capture_output=True)
    doc = json.loads(out.stdout)
    if MODE == "union-two" and "output" not in doc and 200 <= status < 300 and union_two(body):
        doc = {"output": json.loads(body)}
    if MODE == "code-from-status" and "error" in doc:
        doc["error"]["code"] = str(status)
        doc["error"]["modeled"] = False
    if MODE == "nul-cut" and "output" in doc:
        doc["output"] = cut_at_nul(doc["output"])
    doc["id"] = msg["id"]
    send(doc)
