#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
#
# A deliberately misbehaving adapter for harness/tests/test_adapter.c: it
# speaks harness/adapters/PROTOCOL.md correctly unless told to break it.
#
#   mock_adapter.py [startup-mode]
#     normal       say ready, then serve vectors (default)
#     never_ready  read hello, write to stderr, never answer
#     exit_early   write to stderr and exit 3 before ready
#     bad_ready    answer hello with a line that is not JSON
#     unavailable  answer hello with {"unavailable":{...}}
#     v3           protocol 3 (PROTOCOL.md "Models"): say so in ready, and
#                  answer every later hello line with ready, or unavailable
#                  when its service's serviceId is "Unavailable"
#
# Per vector, params["behave"] picks what happens (default "echo"):
#   echo         {"output": params["echo"]}
#   hello        {"output": <the hello object received last>}
#   model        {"output": <the "metadata" of the hello's model file>}
#   pid          {"output": {"pid": <this process id>}}
#   env          {"output": {<every AWS_* environment variable>: value}}
#   error        {"error": {...modeled ValidationException...}}
#   stderr       write two lines to stderr, then echo
#   sleep        never answer (the harness times out)
#   crash        write to stderr, exit 7
#   segv         die by SIGSEGV
#   partial      write half a line, exit 0
#   garbage      a line that is not JSON
#   binary       a line of non-UTF-8 bytes
#   wrong_id     answer with another id
#   no_id        answer without an id
#   not_result   answer {"id":..,"foo":1}
#   two_results  answer with both output and error
#   huge         a line longer than the harness cap (16 MiB)
import json
import os
import signal
import sys
import time

MODE = sys.argv[1] if len(sys.argv) > 1 else "normal"


def send(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def raw(data):
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


hello_line = sys.stdin.readline()
if not hello_line:
    sys.exit(0)
hello = json.loads(hello_line)["hello"]
if MODE == "never_ready":
    sys.stderr.write("mock: I will never say ready\n")
    sys.stderr.flush()
    time.sleep(3600)
if MODE == "exit_early":
    sys.stderr.write("mock: cannot import the SDK (on purpose)\n")
    sys.exit(3)
if MODE == "bad_ready":
    raw(b"Traceback (most recent call last): not a ready line\n")
    time.sleep(3600)
if MODE == "unavailable":
    send({"unavailable": {"reason": "mock SDK not installed"}})
    sys.exit(0)
READY = {"ready": {"name": "mock", "version": "1.2.3"}}
if MODE == "v3":
    READY["ready"]["protocol"] = 3
send(READY)

for line in sys.stdin:
    req = json.loads(line)
    if MODE == "v3" and "hello" in req:
        hello = req["hello"]
        if (hello.get("service") or {}).get("serviceId") == "Unavailable":
            send({"unavailable": {"reason": "mock cannot serve Unavailable"}})
        else:
            send(READY)
        continue
    vid = req["id"]
    params = req.get("params") or {}
    behave = params.get("behave", "echo")
    if behave == "echo":
        send({"id": vid, "output": params.get("echo", {})})
    elif behave == "hello":
        send({"id": vid, "output": hello})
    elif behave == "env":
        send({"id": vid, "output": {k: v for k, v in os.environ.items() if k.startswith("AWS_")}})
    elif behave == "model":
        with open(hello["model"]) as f:
            send({"id": vid, "output": json.load(f)["metadata"]})
    elif behave == "pid":
        send({"id": vid, "output": {"pid": os.getpid()}})
    elif behave == "error":
        send({"id": vid, "error": {"code": "ValidationException", "message": "bad",
                                   "modeled": True, "httpStatus": 400, "fault": "client"}})
    elif behave == "stderr":
        sys.stderr.write("mock: first note\nmock: second note\n")
        sys.stderr.flush()
        send({"id": vid, "output": {}})
    elif behave == "sleep":
        time.sleep(3600)
    elif behave == "crash":
        sys.stderr.write("mock: crashing now\n")
        sys.stderr.flush()
        os._exit(7)
    elif behave == "segv":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif behave == "partial":
        raw(b'{"id": "' + vid.encode() + b'", "outp')
        os._exit(0)
    elif behave == "garbage":
        raw(b"hello from a stray print()\n")
    elif behave == "binary":
        raw(b"\xff\xfe\x00bin\n")
    elif behave == "wrong_id":
        send({"id": "someone-else", "output": {}})
    elif behave == "no_id":
        send({"output": {}})
    elif behave == "not_result":
        send({"id": vid, "foo": 1})
    elif behave == "two_results":
        send({"id": vid, "output": {}, "error": {"code": "X"}})
    elif behave == "huge":
        raw(b'{"id":"' + vid.encode() + b'","output":{"s":"' + b"x" * (17 << 20) + b'"}}\n')
    else:
        send({"id": vid, "clientError": {"kind": "unsupported", "message": behave}})
