#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A deliberately misbehaving adapter for the per-implementation mock
endpoints of `sdkconform replay` (harness/adapters/PROTOCOL.md; runner.h,
the transport checks). It needs no SDK: like sigv4_misbehave.py (whose
signer it uses) it builds the CreateUserProfile request itself, signs it
with SigV4 and sends it to the endpoint it was given in hello, then answers
with what came back. Modes:

  good       one correctly signed request per vector, answered only after
             --answer-delay-ms (a slow but well-behaved SDK: its call stays
             open long enough for a neighbour's stray to land in it when
             endpoints are shared)
  late       like good (no delay), then, --late-delay-ms after answering, a
             second request (GET /stray, unsigned) from a background
             thread: a request its caller never asked for
  slowloris  like good, but first opens --connections connections to the
             endpoint that send a request line and then one header line
             every 200 ms, forever (until the endpoint cuts them)
  straggler  like good, but once stdin closes (after the run's last
             vector was answered) one more request (GET /stray, unsigned),
             sent before exiting: a request after the very last vector
  framing    the same signed request written on a raw socket with both
             Content-Length and Transfer-Encoding: chunked (RFC 9112 §6.1),
             the request smuggling pattern; answers with what came back

Usage: wire_misbehave.py MODE [--answer-delay-ms N] [--late-delay-ms N]
                              [--connections N] [--timeout-ms N]

--timeout-ms (default 5000) bounds its own requests: a slowloris adapter
waits on an endpoint it filled itself.
"""
import datetime
import http.client
import json
import os
import socket
import sys
import threading
import time
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sigv4_misbehave import botocore_sign, pure_sign  # noqa: E402

MODES = ("good", "late", "slowloris", "framing", "straggler")


def opt(args, name, default):
    if name in args:
        return int(args[args.index(name) + 1])
    return default


def stray(host, port, delay_s):
    """The request nobody asked for, sent after the answer."""
    time.sleep(delay_s)
    try:
        conn = http.client.HTTPConnection(host, port, timeout=5)
        conn.request("GET", "/stray", headers={"X-Stray": "1"})
        conn.getresponse().read()
        conn.close()
    except OSError:
        pass


def trickle(host, port, stop):
    """One slowloris connection: a request line, then a header line every
    200 ms, never the blank line that ends the header section."""
    try:
        s = socket.create_connection((host, port), timeout=5)
        s.sendall(b"POST /v2/domains/slow/user-profiles HTTP/1.1\r\nHost: slow\r\n")
        i = 0
        while not stop.is_set():
            time.sleep(0.2)
            s.sendall(b"X-Slow-%d: 1\r\n" % i)
            i += 1
    except OSError:
        pass  # cut off by the endpoint: what the time cap is for


def raw_cl_te(host, port, path, headers, body, timeout):
    """POST with Content-Length AND chunked framing; returns (status, body)."""
    head = "POST %s HTTP/1.1\r\n" % path
    for k, v in headers.items():
        head += "%s: %s\r\n" % (k, v)
    head += "Content-Length: %d\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" % len(
        body)
    data = head.encode("utf-8") + b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"
    s = socket.create_connection((host, port), timeout=timeout)
    s.sendall(data)
    resp = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        resp += chunk
    s.close()
    head, _, rest = resp.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), rest


def main():
    args = sys.argv[1:]
    if not args or args[0] not in MODES:
        sys.stderr.write("usage: wire_misbehave.py %s [options]\n" % "|".join(MODES))
        return 2
    mode = args[0]
    answer_delay = opt(args, "--answer-delay-ms", 0) / 1000.0
    late_delay = opt(args, "--late-delay-ms", 150) / 1000.0
    connections = opt(args, "--connections", 70)
    timeout = opt(args, "--timeout-ms", 5000) / 1000.0

    hello = json.loads(sys.stdin.readline())["hello"]
    endpoint = urllib.parse.urlsplit(hello["endpoint"])
    region = hello.get("region") or "us-east-1"
    creds = hello["credentials"]
    stop = threading.Event()
    print(json.dumps({"ready": {"name": "wire-" + mode, "version": "1"}}), flush=True)
    if mode == "slowloris":
        for _ in range(connections):
            threading.Thread(target=trickle, args=(endpoint.hostname, endpoint.port, stop),
                             daemon=True).start()
        time.sleep(0.5)  # let them connect before the first vector's request

    for line in sys.stdin:
        if not line.strip():
            continue
        call = json.loads(line)
        params = dict(call.get("params") or {})
        domain = params.pop("domainIdentifier", "")
        if "clientToken" not in params:
            params["clientToken"] = str(uuid.uuid4())  # Smithy idempotencyToken
        body = json.dumps(params).encode("utf-8")
        path = "/v2/domains/%s/user-profiles" % urllib.parse.quote(domain, safe="")
        amz_date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        headers = {"Host": endpoint.netloc, "Content-Type": "application/json",
                   "X-Amz-Date": amz_date}
        if creds.get("sessionToken"):
            headers["X-Amz-Security-Token"] = creds["sessionToken"]
        signed = botocore_sign("POST", hello["endpoint"] + path, headers, body, creds, region,
                               "datazone")
        if signed is not None:
            headers = signed
        else:
            pure_sign("POST", path, headers, body, creds, region, "datazone", amz_date)
        try:
            if mode == "framing":
                status, data = raw_cl_te(endpoint.hostname, endpoint.port, path, headers, body,
                                         timeout)
            else:
                conn = http.client.HTTPConnection(endpoint.hostname, endpoint.port,
                                                  timeout=timeout)
                conn.request("POST", path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                status = resp.status
                conn.close()
        except (OSError, ValueError, IndexError) as e:
            print(json.dumps({"id": call["id"], "clientError": {"kind": "transport",
                                                                "message": str(e)}}), flush=True)
            continue
        if answer_delay:
            time.sleep(answer_delay)
        if 200 <= status < 300:
            try:
                out = json.loads(data or b"{}")
            except ValueError:
                out = {}
            doc = {"output": out if isinstance(out, dict) else {}}
        else:
            doc = {"error": {"code": "HTTP%d" % status, "httpStatus": status, "modeled": False,
                             "fault": "server" if status >= 500 else "client"}}
        print(json.dumps(dict(id=call["id"], **doc)), flush=True)
        if mode == "late":
            threading.Thread(target=stray, args=(endpoint.hostname, endpoint.port, late_delay),
                             daemon=True).start()
    stop.set()
    if mode == "straggler":
        stray(endpoint.hostname, endpoint.port, 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
