#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A deliberately misbehaving adapter for the replay signature check
(docs/DESIGN.md; harness/adapters/PROTOCOL.md). It needs no SDK: it builds the
CreateUserProfile request itself (POST /v2/domains/{domainIdentifier}/
user-profiles, JSON body, a uuid4 clientToken when none is given), signs it
with SigV4 and sends it to the mock endpoint, in one of these modes:

  good              correctly signed (botocore's SigV4Auth when importable,
                    else the small pure-Python signer below): must verify
  tamper_sig        correctly signed, then one signature digit changed
  unsigned_host     signed correctly but with Host left out of SignedHeaders
  bad_payload_hash  x-amz-content-sha256 (signed) is the hash of other bytes

With --echo-secrets it also writes the credentials it was given to stderr
(which the harness attaches to failing results), to prove that the reports
redact them.

Usage: sigv4_misbehave.py MODE [--service NAME] [--echo-secrets]
"""
import datetime
import hashlib
import hmac
import http.client
import json
import sys
import urllib.parse
import uuid

MODES = ("good", "tamper_sig", "unsigned_host", "bad_payload_hash")


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def hmac256(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def pure_sign(method, path, headers, body, creds, region, service, amz_date,
              sign_host=True, payload_hash=None):
    """SigV4 header form (AWS General Reference, create-signed-request).
    headers: dict name -> value, Host included; adds Authorization."""
    date = amz_date[:8]
    # Every AWS service but S3 encodes the (already encoded) path once more.
    canonical_uri = urllib.parse.quote(path, safe="/~")
    signed = {k.lower(): " ".join(str(v).strip().split()) for k, v in headers.items()}
    if not sign_host:
        signed.pop("host", None)
    names = sorted(signed)
    canonical_headers = "".join("%s:%s\n" % (n, signed[n]) for n in names)
    signed_headers = ";".join(names)
    if payload_hash is None:
        payload_hash = sha256_hex(body)
    creq = "\n".join([method, canonical_uri, "", canonical_headers, signed_headers, payload_hash])
    scope = "%s/%s/%s/aws4_request" % (date, region, service)
    sts = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, sha256_hex(creq.encode("utf-8"))])
    k = hmac256(("AWS4" + creds["secretAccessKey"]).encode("utf-8"), date)
    k = hmac256(k, region)
    k = hmac256(k, service)
    k = hmac256(k, "aws4_request")
    sig = hmac.new(k, sts.encode("utf-8"), hashlib.sha256).hexdigest()
    headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s" % (
        creds["accessKeyId"], scope, signed_headers, sig)


def botocore_sign(method, url, headers, body, creds, region, service):
    """The independent signer, when botocore is importable; else None."""
    try:
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
    except ImportError:
        return None
    req = AWSRequest(method=method, url=url, data=body, headers=dict(headers))
    SigV4Auth(Credentials(creds["accessKeyId"], creds["secretAccessKey"],
                          creds.get("sessionToken")), service, region).add_auth(req)
    return {k: v for k, v in req.headers.items()}


def main():
    args = sys.argv[1:]
    if not args or args[0] not in MODES:
        sys.stderr.write("usage: sigv4_misbehave.py %s [--service NAME] [--echo-secrets]\n"
                         % "|".join(MODES))
        return 2
    mode = args[0]
    service = "datazone"
    echo = "--echo-secrets" in args
    if "--service" in args:
        service = args[args.index("--service") + 1]

    hello = json.loads(sys.stdin.readline())["hello"]
    endpoint = urllib.parse.urlsplit(hello["endpoint"])
    region = hello.get("region") or "us-east-1"
    creds = hello["credentials"]
    signer = "botocore" if botocore_sign("GET", "http://h/", {}, b"", {
        "accessKeyId": "A", "secretAccessKey": "B"}, "r", "s") is not None else "pure-python"
    print(json.dumps({"ready": {"name": "sigv4-" + mode, "version": signer}}), flush=True)

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
        if echo:
            sys.stderr.write("adapter got secret=%s token=%s\n"
                             % (creds["secretAccessKey"], creds.get("sessionToken")))
        signed = None
        if mode in ("good", "tamper_sig"):
            signed = botocore_sign("POST", hello["endpoint"] + path, headers, body, creds,
                                   region, service)
        if signed is not None:
            headers = signed
        elif mode == "unsigned_host":
            pure_sign("POST", path, headers, body, creds, region, service, amz_date,
                      sign_host=False)
        elif mode == "bad_payload_hash":
            wrong = sha256_hex(body + b" ")
            headers["x-amz-content-sha256"] = wrong
            pure_sign("POST", path, headers, body, creds, region, service, amz_date,
                      payload_hash=wrong)
        else:
            pure_sign("POST", path, headers, body, creds, region, service, amz_date)
        if mode == "tamper_sig":
            auth = headers["Authorization"]
            last = auth[-1]
            headers["Authorization"] = auth[:-1] + ("0" if last != "0" else "1")

        conn = http.client.HTTPConnection(endpoint.hostname, endpoint.port, timeout=5)
        try:
            conn.request("POST", path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            status = resp.status
        except OSError as e:
            print(json.dumps({"id": call["id"], "clientError": {"kind": "transport",
                                                                "message": str(e)}}), flush=True)
            continue
        finally:
            conn.close()
        if 200 <= status < 300:
            try:
                out = json.loads(data or b"{}")
            except ValueError:
                out = {}
            print(json.dumps({"id": call["id"], "output": out if isinstance(out, dict) else {}}),
                  flush=True)
        else:
            print(json.dumps({"id": call["id"], "error": {
                "code": "HTTP%d" % status, "httpStatus": status, "modeled": False,
                "fault": "server" if status >= 500 else "client"}}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
