#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
#
# harness/adapters/boto3/adapter.py: the boto3 adapter (docs/DESIGN.md), speaking
# harness/adapters/PROTOCOL.md (version 3) on stdin/stdout. Each hello names a
# model file; the adapter builds a boto3 client from exactly that model
# through botocore's own loader (a private data path holding
# <service>/<apiVersion>/service-2.json, searched first), so any rest-json
# model works, newer or older than the installed botocore's, and calls it
# against the harness's mock endpoint. Per vector it prints the result
# document of what botocore did:
#
#   ParamValidationError                      -> clientError validation
#   ResponseParserError, and any other exception raised while botocore parses
#   a response (AttributeError, TypeError, UnicodeDecodeError, ... from
#   botocore/parsers.py or after the response arrived) -> clientError deserialization
#   HTTPClientError (connection refused/reset) -> clientError transport
#   ClientError                               -> error {code, message, httpStatus,
#                                                modeled, fault, members}
#
# members (PROTOCOL.md version 2): botocore merges a modeled error's parsed
# members into e.response next to Error and ResponseMetadata
# (endpoint.py _add_modeled_error_fields); the adapter keeps those the
# error shape of the client's service model names, except the message.
#   success                                   -> output, ResponseMetadata removed
#
# botocore's own SDK_UNKNOWN_MEMBER form for unknown union members passes
# through as is. Retries are off (total_max_attempts 1): a retry would be a
# second request the mock endpoint counts.
#
# Hermetic: the shared config and credentials files, profiles and instance
# metadata are switched off before botocore loads, so nothing from the
# machine running the harness changes what the client does.
import base64
import datetime
import json
import math
import os
import shutil
import socket
import sys
import tempfile
import traceback
import urllib.parse

for _k in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
           "AWS_SESSION_TOKEN", "AWS_DEFAULTS_MODE", "AWS_RETRY_MODE", "AWS_MAX_ATTEMPTS",
           "AWS_CA_BUNDLE", "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT", "AWS_DATA_PATH"):
    os.environ.pop(_k, None)
for _k in [k for k in os.environ if k.startswith("AWS_ENDPOINT_URL")]:
    os.environ.pop(_k, None)  # AWS_ENDPOINT_URL and every per-service one
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"

PROTOCOL = 3  # the adapter protocol version spoken (PROTOCOL.md "Versions")


def _no_lone_surrogates(value, where):
    """Strict JSON (RFC 8259 §8.2, and the harness's parser) cannot carry a
    lone surrogate, which Python strings can hold when botocore accepted
    one from a response. It is replaced by U+FFFD and logged, so the result
    still shows that botocore took the value rather than failing."""
    if isinstance(value, str):
        fixed = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        if fixed != value:
            log("lone surrogate in %s replaced by U+FFFD in the result" % where)
        return fixed
    if isinstance(value, dict):
        return {_no_lone_surrogates(k, where): _no_lone_surrogates(v, where + "." + str(k))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_no_lone_surrogates(v, where) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        # a non-finite number normalize() did not see (botocore put one
        # where a string belongs): strict JSON cannot carry it either
        log("non-finite number %r in %s sent as a string" % (value, where))
        return "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")
    return value


def send(obj):
    # ASCII-only lines: every non-ASCII character travels as a \u escape.
    sys.stdout.write(json.dumps(_no_lone_surrogates(obj, "$"), ensure_ascii=True,
                                separators=(",", ":")) + "\n")
    sys.stdout.flush()


def log(msg):
    sys.stderr.write("boto3-adapter: " + msg + "\n")
    sys.stderr.flush()


hello_line = sys.stdin.readline()
if not hello_line:
    sys.exit(0)
hello = json.loads(hello_line)["hello"]

try:
    import boto3
    import botocore
    import botocore.session
    from botocore.config import Config
    from botocore.exceptions import ClientError, HTTPClientError, ParamValidationError
    from botocore.parsers import ResponseParserError
    from botocore.utils import hyphenize_service_id
except ImportError as e:  # boto3 not installed here: skip, never fail
    send({"unavailable": {"reason": "python3 cannot import boto3 (%s)" % e}})
    sys.exit(0)

# An endpoint ruleset that returns the endpoint URL given (SDK::Endpoint), as
# the services' own rulesets do when one is set: the client then resolves
# its endpoint the way current botocore does, without a ruleset of the
# installed botocore (for another API version of the model) getting in.
_RULESET = {
    "version": "1.0",
    "parameters": {
        "Region": {"builtIn": "AWS::Region", "required": False, "type": "String"},
        "Endpoint": {"builtIn": "SDK::Endpoint", "required": False, "type": "String"},
    },
    "rules": [
        {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}],
         "endpoint": {"url": {"ref": "Endpoint"}, "properties": {}, "headers": {}},
         "type": "endpoint"},
        {"conditions": [], "error": "sdkconform: no endpoint given", "type": "error"},
    ],
}


class Unavailable(Exception):
    """The hello's model cannot be served: answered `unavailable`."""


# Host names under an endpoint's host, resolved as that host (PROTOCOL.md
# "Host names"): a model's hostPrefix puts "foo." in front of the loopback
# address the harness serves on, and foo.127.0.0.1 is in no DNS (a lookup
# goes to the machine's resolver, which may stall 5 s before it fails).
# Only the connection's address changes: the Host header and the signature
# keep the prefixed name, which is what the harness checks.
_endpoint_hosts = set()
_real_getaddrinfo = socket.getaddrinfo


def _getaddrinfo(host, *args, **kwargs):
    if isinstance(host, str):
        name = host.lower().rstrip(".")
        for base in _endpoint_hosts:
            if name.endswith("." + base):
                host = base
                break
    return _real_getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _getaddrinfo


def resolve_under(endpoint):
    """Send names under the endpoint's host to the endpoint."""
    try:
        base = urllib.parse.urlsplit(endpoint).hostname if isinstance(endpoint, str) else None
    except ValueError:
        base = None
    if base:
        _endpoint_hosts.add(base.lower())


class Service:
    """A boto3 client built from one hello's model, and what the result
    documents need from it."""

    def __init__(self, hello):
        path = hello.get("model")
        if not path:
            raise Unavailable("the hello names no model file (harness adapter protocol 3 "
                              "sends one)")
        try:
            with open(path, "rb") as f:
                model = json.loads(f.read().decode("utf-8"))
            md = model["metadata"]
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise Unavailable("cannot read the model %s: %s" % (path, e))
        service_id = md.get("serviceId") or md.get("endpointPrefix") or "service"
        api_version = md.get("apiVersion") or "2000-01-01"
        # botocore's own naming (hyphenized serviceId); the folder is private
        # and searched first, so this model is the one loaded, whatever the
        # installed botocore has under that name.
        self.name = hyphenize_service_id(service_id)
        self.data = tempfile.mkdtemp(prefix="sdkc-boto3-")
        folder = os.path.join(self.data, self.name, api_version)
        os.makedirs(folder)
        shutil.copyfile(path, os.path.join(folder, "service-2.json"))
        with open(os.path.join(folder, "endpoint-rule-set-1.json"), "w") as f:
            json.dump(_RULESET, f)
        creds = hello.get("credentials") or {}
        resolve_under(hello.get("endpoint"))
        try:
            session = botocore.session.Session()
            loader = session.get_component("data_loader")
            loader.search_paths.insert(0, self.data)
            # No sdk-extras of the installed botocore merged in: the client
            # is built from exactly the model given.
            if hasattr(loader, "_extras_types"):
                loader._extras_types = []
            self.client = boto3.session.Session(
                aws_access_key_id=creds.get("accessKeyId"),
                aws_secret_access_key=creds.get("secretAccessKey"),
                aws_session_token=creds.get("sessionToken"),
                region_name=hello.get("region") or "us-east-1",
                botocore_session=session,
            ).client(
                self.name,
                api_version=api_version,
                endpoint_url=hello["endpoint"],
                config=Config(retries={"total_max_attempts": 1}, connect_timeout=5,
                              read_timeout=8, tcp_keepalive=False),
            )
        except Exception as e:  # noqa: BLE001 - a model botocore refuses
            log("cannot build a client for %s:\n%s" % (path, traceback.format_exc()))
            self.close()
            raise Unavailable("botocore %s cannot build a client from %s: %s: %s"
                              % (botocore.__version__, path, type(e).__name__, e))
        self.client.meta.events.register("before-parse.*", _on_before_parse)
        self.modeled = tuple(set(self.client.exceptions._code_to_exception.values()))

    def drop_connections(self):
        try:
            self.client._endpoint.http_session.close()
        except Exception as e:  # noqa: BLE001 - a botocore without it: keep them
            log("cannot close the idle connections: %s: %s" % (type(e).__name__, e))

    def close(self):
        shutil.rmtree(self.data, ignore_errors=True)


# Set per call: True once botocore has an HTTP response in hand, so an
# unexpected exception afterwards is a parse failure, not a request one.
_state = {"response": False}


def _on_before_parse(**kwargs):
    _state["response"] = True


# PROTOCOL.md "JSON traps": a result document nests at most 256 levels; a
# value deeper than MAX_DEPTH is cut there (the harness's oracle refuses any
# body nested past 64 levels, so such a value is garbage the SDK accepted,
# and the cut keeps that visible). It also keeps the recursion here and in
# json.dumps inside Python's limit, which botocore's own json.loads
# reaches first (about 1000 levels).
MAX_DEPTH = 200
CUT = "(cut by the adapter: nested deeper than %d levels)" % MAX_DEPTH


def normalize(value, depth=0):
    """The result-document JSON form of a botocore output value."""
    if depth >= MAX_DEPTH and isinstance(value, (dict, list)):
        return CUT
    if isinstance(value, float) and not math.isfinite(value):
        # Python's json accepts NaN/Infinity in a response (RFC 8259 §6 has
        # no such numbers); strict JSON cannot carry them back, so they
        # travel as the strings the result document uses for them
        # (PROTOCOL.md "JSON traps"; repr() would say inf), and the log
        # says so.
        log("non-finite number %r in the output sent as a string" % value)
        if value != value:
            return "NaN"
        return "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, dict):
        return {k: normalize(v, depth + 1) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [normalize(v, depth + 1) for v in value]
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if hasattr(value, "read"):  # streaming body
        return base64.b64encode(value.read()).decode("ascii")
    return value


def error_fault(client, exc, status):
    """fault from the model when botocore knows the shape, else the status."""
    code = exc.response.get("Error", {}).get("Code")
    try:
        shape = client.meta.service_model.shape_for(code) if code else None
    except Exception:  # not a shape of this model
        shape = None
    if shape is not None and shape.metadata.get("exception"):
        md = shape.metadata
        if md.get("fault"):
            return "server"
        err = md.get("error") or {}
        if err.get("senderFault"):
            return "client"
        modeled_status = err.get("httpStatusCode")
        if isinstance(modeled_status, int):
            return "server" if modeled_status >= 500 else "client"
    return "server" if isinstance(status, int) and status >= 500 else "client"


def error_shape(client, code):
    """The error shape botocore resolved for code, or None (unmodeled)."""
    if not code:
        return None
    model = client.meta.service_model
    try:
        shape = model.shape_for_error_code(code)
    except AttributeError:  # botocore before shape_for_error_code
        try:
            shape = model.shape_for(code)
        except Exception:  # not a shape of this model
            shape = None
    except Exception:  # noqa: BLE001 - an unknown code is unmodeled
        shape = None
    return shape if shape is not None and shape.type_name == "structure" else None


def error_members(client, exc):
    """The modeled error members botocore put in e.response: only names
    the error shape has (Error, ResponseMetadata and anything else botocore
    adds are not members), the message left out whatever its case (it is
    the error's message), absent and null members omitted."""
    shape = error_shape(client, exc.response.get("Error", {}).get("Code"))
    if shape is None:
        return None
    members = {}
    for name, member in shape.members.items():
        wire = member.serialization.get("name", name)
        if name.lower() == "message" or wire.lower() == "message":
            continue
        value = exc.response.get(name)
        if value is not None:
            members[name] = normalize(value)
    return members or None


def in_parser(tb):
    for frame in traceback.extract_tb(tb):
        if frame.filename.endswith(os.path.join("botocore", "parsers.py")):
            return True
    return False


_NON_FINITE = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}


def python_params(shape, value):
    """Params as botocore takes them: JSON has no NaN or infinities, so a
    float or double member carries them as the strings "NaN", "Infinity"
    and "-Infinity" (PROTOCOL.md message 3); botocore wants a float."""
    if shape is None:
        return value
    kind = shape.type_name
    if kind in ("float", "double") and isinstance(value, str) and value in _NON_FINITE:
        return _NON_FINITE[value]
    if kind == "structure" and isinstance(value, dict):
        return {k: python_params(shape.members.get(k), v) for k, v in value.items()}
    if kind == "list" and isinstance(value, list):
        return [python_params(shape.member, v) for v in value]
    if kind == "map" and isinstance(value, dict):
        return {k: python_params(shape.value, v) for k, v in value.items()}
    return value


def call(svc, operation, params):
    _state["response"] = False
    if svc is None:  # PROTOCOL.md: no call follows an unavailable hello
        return {"clientError": {"kind": "unsupported",
                                "message": "no model is loaded (the last hello was "
                                           "answered unavailable)"}}
    client = svc.client
    method = getattr(client, botocore.xform_name(operation), None)
    if method is None:
        return {"clientError": {"kind": "unsupported",
                                "message": "boto3 %s client has no operation %s"
                                           % (svc.name, operation)}}
    try:
        op_model = client.meta.service_model.operation_model(operation)
        params = python_params(op_model.input_shape, params)
    except Exception:  # noqa: BLE001 - an operation botocore cannot model: as given
        pass
    try:
        out = method(**params)
    except ParamValidationError as e:
        return {"clientError": {"kind": "validation", "message": str(e)}}
    except ResponseParserError as e:
        return {"clientError": {"kind": "deserialization", "message": str(e)}}
    except ClientError as e:
        err = e.response.get("Error", {})
        status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        code = err.get("Code", "")
        # botocore passes the body's code through whatever its JSON type
        doc = {"code": code if isinstance(code, str) else "(not a string: %s)"
               % type(code).__name__}
        message = err.get("Message")
        if isinstance(message, str) and message:
            doc["message"] = message
        elif message not in (None, ""):
            # botocore passes the body's "message" through whatever its JSON
            # type: shown, not dropped (PROTOCOL.md message 4)
            doc["message"] = "(not a string: %s)" % type(message).__name__
        doc["modeled"] = isinstance(e, svc.modeled)
        if status is not None:
            doc["httpStatus"] = status
        doc["fault"] = error_fault(client, e, status)
        members = error_members(client, e)
        if members:
            doc["members"] = members
        return {"error": doc}
    except HTTPClientError as e:
        return {"clientError": {"kind": "transport", "message": str(e)}}
    except Exception as e:  # noqa: BLE001 - every failure is a result
        tb = sys.exc_info()[2]
        log("%s during %s:\n%s" % (type(e).__name__, operation, traceback.format_exc()))
        if _state["response"] or in_parser(tb):
            return {"clientError": {"kind": "deserialization",
                                    "message": "%s: %s" % (type(e).__name__, e)}}
        return {"clientError": {"kind": "unsupported",
                                "message": "%s before sending: %s" % (type(e).__name__, e)}}
    out = dict(out)
    out.pop("ResponseMetadata", None)
    return {"output": normalize(out)}


READY = {"ready": {"name": "boto3",
                   "version": "%s (botocore %s)" % (boto3.__version__, botocore.__version__),
                   "protocol": PROTOCOL}}
# One client per model file and endpoint, built on its first hello: vectors
# of several models alternate between a few (PROTOCOL.md "Models"; the
# endpoint changes with a vector's base path).
_services = {}
_current = {}


def on_hello(h):
    """The answer to a hello: ready with the model's client current, or
    unavailable with the reason."""
    key = (h.get("model"), h.get("endpoint"))
    # The client switched from drops its idle keep-alive connections: the
    # mock endpoint accepts 64 connections at a time, and a run over the 87
    # protocol-test models would otherwise hold one open per client until
    # the endpoint stalls (each new connection waiting 30 s for an idle one
    # to time out).
    prev = _current.get("svc")
    if prev is not None and _current.get("key") != key:
        prev.drop_connections()
    if key not in _services:
        try:
            _services[key] = Service(h)
        except Unavailable as e:
            return None, {"unavailable": {"reason": str(e)}}
    _current.update(svc=_services[key], key=key)
    return _services[key], READY


svc, answer = on_hello(hello)
send(answer)
if svc is None:
    sys.exit(0)

try:
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        if "hello" in req:
            svc, answer = on_hello(req["hello"])
            send(answer)
            continue
        doc = call(svc, req["operation"], req.get("params") or {})
        send(dict({"id": req["id"]}, **doc))
finally:
    for s in _services.values():
        s.close()
