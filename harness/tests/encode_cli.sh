#!/usr/bin/env bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# The `sdkconform encode` contract (docs/DESIGN.md): output document, exit codes
# (0 request or result document, 2 usage or bad input), messages naming the
# file or byte offset, --token-seq, --spec, @FILE and @- params.
# Env: SDKC = path of build/sdkconform.
set -u
: "${SDKC:?SDKC must point at build/sdkconform}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

fail() {
    echo "FAIL: $*" >&2
    fails=$((fails + 1))
}

# run EXPECTED_RC ARGS...: runs encode, keeps stdout/stderr in $out/$err
run() {
    local want=$1
    shift
    "$SDKC" encode "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    out=$(cat "$tmp/out")
    err=$(cat "$tmp/err")
    if [ "$rc" -ne "$want" ]; then
        fail "encode $* -> exit $rc, wanted $want (stderr: $err)"
        return 1
    fi
    return 0
}

expect_out() {
    if [ "$out" != "$1" ]; then
        fail "output differs for: $2"
        echo "  wanted: $1" >&2
        echo "  got:    $out" >&2
    fi
}

expect_err_has() {
    case "$err" in
    *"$1"*) ;;
    *) fail "stderr lacks '$1' ($2): $err" ;;
    esac
}

SEQ0=00000000-0000-4000-8000-000000000000

# --help
run 0 --help && case "$out" in
*"usage: sdkconform encode"*"--token-seq"*) ;;
*) fail "--help does not describe the command" ;;
esac

# a full request, deterministic
P='{"domainIdentifier":"dzd 1/x","userIdentifier":"arn:aws:iam::123456789012:role/r","userType":"IAM_ROLE"}'
WANT='{"method":"POST","path":"/v2/domains/dzd%201%2Fx/user-profiles","query":null,"rawQuery":null,"headers":{"Content-Type":"application/json","Content-Length":"128"},"body":{"userIdentifier":"arn:aws:iam::123456789012:role/r","userType":"IAM_ROLE","clientToken":"'$SEQ0'"}}'
run 0 --operation CreateUserProfile --params "$P" --token-seq --compact &&
    expect_out "$WANT" "CreateUserProfile --token-seq"

# the same from @FILE and from @- (stdin)
printf '%s' "$P" >"$tmp/params.json"
run 0 --operation CreateUserProfile --params "@$tmp/params.json" --token-seq --compact &&
    expect_out "$WANT" "--params @FILE"
"$SDKC" encode --operation CreateUserProfile --params @- --token-seq --compact \
    <"$tmp/params.json" >"$tmp/out" 2>"$tmp/err"
[ "$(cat "$tmp/out")" = "$WANT" ] || fail "--params @- differs: $(cat "$tmp/out" "$tmp/err")"

# --host sets host and a Host header, the explicit token is kept verbatim
run 0 --operation CreateUserProfile --host datazone.us-east-1.amazonaws.com --compact \
    --params '{"domainIdentifier":"d","userIdentifier":"u","clientToken":""}' &&
    expect_out '{"method":"POST","host":"datazone.us-east-1.amazonaws.com","path":"/v2/domains/d/user-profiles","query":null,"rawQuery":null,"headers":{"Host":"datazone.us-east-1.amazonaws.com","Content-Type":"application/json","Content-Length":"39"},"body":{"userIdentifier":"u","clientToken":""}}' "--host and an empty token"

# --endpoint: its path prefixes the request path (Smithy RestJsonHostWithPath)
run 0 --operation CreateUserProfile --endpoint https://example.com:8443/base/ --compact --token-seq \
    --params '{"domainIdentifier":"d","userIdentifier":"u","clientToken":""}' &&
    expect_out '{"method":"POST","host":"example.com:8443","path":"/base/v2/domains/d/user-profiles","query":null,"rawQuery":null,"headers":{"Host":"example.com:8443","Content-Type":"application/json","Content-Length":"39"},"body":{"userIdentifier":"u","clientToken":""}}' "--endpoint with a path"
run 2 --operation CreateUserProfile --endpoint 'example.com' --params '{}' &&
    expect_err_has "scheme://host" "--endpoint without a scheme"
run 2 --operation CreateUserProfile --endpoint 'https://example.com/?a=b' --params '{}' &&
    expect_err_has "not allowed" "--endpoint with a query"

# without --token-seq: a fresh lowercase UUID v4 each run
v4='[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'
run 0 --operation CreateUserProfile --params '{"domainIdentifier":"d","userIdentifier":"u"}' --compact
t1=$(printf '%s' "$out" | grep -oE "\"clientToken\":\"$v4\"")
run 0 --operation CreateUserProfile --params '{"domainIdentifier":"d","userIdentifier":"u"}' --compact
t2=$(printf '%s' "$out" | grep -oE "\"clientToken\":\"$v4\"")
[ -n "$t1" ] && [ -n "$t2" ] || fail "random token is not a lowercase v4: $out"
[ "$t1" != "$t2" ] || fail "two runs gave the same random token $t1"

# indented by default, and the same document
run 0 --operation CreateUserProfile --params "$P" --token-seq &&
    [ "$(printf '%s' "$out" | wc -l)" -gt 5 ] || fail "default output is not indented"

# client-side validation: a result document, exit 0
run 0 --operation CreateUserProfile --compact --params '{"domainIdentifier":"d"}' &&
    expect_out '{"clientError":{"kind":"validation","message":"missing required member userIdentifier"}}' "missing userIdentifier"
run 0 --operation CreateUserProfile --compact --params '{"domainIdentifier":"","userIdentifier":"u"}' &&
    expect_out '{"clientError":{"kind":"validation","message":"domainIdentifier: label must not be empty"}}' "empty label"
run 0 --operation CreateUserProfile --compact --params '{"userIdentifier":"u"}' &&
    expect_out '{"clientError":{"kind":"validation","message":"missing required member domainIdentifier"}}' "missing label"
run 0 --operation CreateUserProfile --compact --params '{"domainIdentifier":"d","userIdentifier":"u","userType":1}' &&
    expect_out '{"clientError":{"kind":"validation","message":"userType: expected a string, got number"}}' "wrong type"
run 0 --operation CreateUserProfile --compact --params '{"domainIdentifier":"d","userIdentifier":"u","extra":1}' &&
    expect_out '{"clientError":{"kind":"validation","message":"unknown member extra"}}' "unknown member"

# usage errors and bad input: exit 2 with a message naming the problem
run 2 --operation CreateUserProfile --params '{"domainIdentifier":"d",}' &&
    expect_err_has "byte 24" "bad JSON names the offset"
run 2 --operation CreateUserProfile --params "@$tmp/missing.json" &&
    expect_err_has "$tmp/missing.json" "unreadable @FILE names the file"
printf '{"a":\n  nope}' >"$tmp/bad.json"
run 2 --operation CreateUserProfile --params "@$tmp/bad.json" &&
    expect_err_has "$tmp/bad.json" "malformed @FILE names the file"
run 2 --operation NoSuchOperation --params '{}' && expect_err_has "NoSuchOperation" "unknown operation"
run 2 --params '{}' && expect_err_has "--operation" "missing --operation"
run 2 --operation CreateUserProfile && expect_err_has "--params" "missing --params"
run 2 --operation CreateUserProfile --params '{}' --bogus && expect_err_has "--bogus" "unknown option"
run 2 --operation CreateUserProfile --params && expect_err_has "needs a value" "option without value"
run 2 --spec "$tmp/nope.json" --operation X --params '{}' && expect_err_has "nope.json" "unreadable --spec"

# --spec with another model: query, header and greedy label bindings
cat >"$tmp/spec.json" <<'EOF'
{"version":"2.0",
 "metadata":{"protocol":"rest-json","apiVersion":"2020-01-01","endpointPrefix":"t","signingName":"t","serviceId":"T"},
 "operations":{"GetThing":{"name":"GetThing","http":{"method":"GET","requestUri":"/things/{key+}?x-id=GetThing"},
   "input":{"shape":"GetThingInput"}}},
 "shapes":{
  "S":{"type":"string"},
  "SList":{"type":"list","member":{"shape":"S"}},
  "T":{"type":"timestamp"},
  "GetThingInput":{"type":"structure","required":["key"],"members":{
    "key":{"shape":"S","location":"uri","locationName":"key"},
    "tags":{"shape":"SList","location":"querystring","locationName":"tag"},
    "since":{"shape":"T","location":"header","locationName":"If-Modified-Since"}}}}}
EOF
run 0 --spec "$tmp/spec.json" --operation GetThing --compact \
    --params '{"key":"a b/c.txt","tags":["x","y z"],"since":1576540098}' &&
    expect_out '{"method":"GET","path":"/things/a%20b/c.txt","query":{"x-id":"GetThing","tag":["x","y z"]},"rawQuery":"x-id=GetThing&tag=x&tag=y%20z","headers":{"If-Modified-Since":"Mon, 16 Dec 2019 23:48:18 GMT"},"body":null}' "--spec GetThing"

# an event stream input is refused as "unsupported", naming the member; a
# hostPrefix is expanded in front of the --endpoint authority
cat >"$tmp/stream.json" <<'EOF'
{"version":"2.0",
 "metadata":{"protocol":"rest-json","apiVersion":"2020-01-01","endpointPrefix":"t","signingName":"t","serviceId":"T"},
 "operations":{
  "Publish":{"name":"Publish","http":{"method":"POST","requestUri":"/publish"},"input":{"shape":"PublishInput"}},
  "Ping":{"name":"Ping","http":{"method":"POST","requestUri":"/ping"},"input":{"shape":"PingInput"},
   "endpoint":{"hostPrefix":"{acct}.data."}}},
 "shapes":{
  "S":{"type":"string"},
  "Events":{"type":"structure","eventstream":true,"union":true,"members":{"a":{"shape":"S"}}},
  "PublishInput":{"type":"structure","members":{"events":{"shape":"Events"}},"payload":"events"},
  "PingInput":{"type":"structure","required":["acct"],"members":{"acct":{"shape":"S","hostLabel":true}}}}}
EOF
run 0 --spec "$tmp/stream.json" --operation Publish --compact --params '{}' &&
    expect_out '{"clientError":{"kind":"unsupported","message":"unsupported: member events is an event stream"}}' "event stream"
run 0 --spec "$tmp/stream.json" --operation Ping --compact --endpoint http://127.0.0.1:9 \
    --params '{"acct":"a-1"}' &&
    expect_out '{"method":"POST","host":"a-1.data.127.0.0.1:9","path":"/ping","query":null,"rawQuery":null,"headers":{"Host":"a-1.data.127.0.0.1:9","Content-Type":"application/json","Content-Length":"14"},"body":{"acct":"a-1"}}' "hostPrefix"
run 0 --spec "$tmp/stream.json" --operation Ping --compact --params '{"acct":"a.b"}' &&
    expect_out '{"clientError":{"kind":"validation","message":"acct: not a valid host label (RFC 1123: 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen)"}}' "bad host label"

# Cross-check with botocore's RestJSONSerializer on the bundled model, when
# python3 can import botocore (the rest of this test runs regardless):
# method, path, query, Content-Type and the body (as JSON) must agree.
if command -v python3 >/dev/null 2>&1 && python3 -c 'import botocore' 2>/dev/null; then
    : "${SDKC_SOURCE_DIR:?SDKC_SOURCE_DIR must point at the source tree}"
    SDKC="$SDKC" SPEC="$SDKC_SOURCE_DIR/specs/datazone-createuserprofile.json" python3 - <<'EOF' || fail "botocore cross-check"
import json, os, subprocess, sys
import botocore.model, botocore.serialize
spec = json.load(open(os.environ["SPEC"]))
op = botocore.model.ServiceModel(spec).operation_model("CreateUserProfile")
ser = botocore.serialize.create_serializer("rest-json")
labels = ["dzd_abc123", " %:/?#[]@!$&'()*+,;=\U0001F639", "a/b", "a b", "100%", "a+b",
          "#x", "?y", "\u00e4", "AZaz09-._~", "..", "\u4e2d\u6587"]
cases = [{"domainIdentifier": l, "userIdentifier": "u", "clientToken": "t"} for l in labels]
cases += [{"domainIdentifier": "d", "userIdentifier": "arn:aws:iam::1:role/r", "userType": t,
           "clientToken": "00000000-0000-4000-8000-000000000000"}
          for t in ["IAM_USER", "IAM_ROLE", "SSO_USER", "NOT_IN_THE_ENUM"]]
cases += [{"domainIdentifier": "d", "userIdentifier": "\"quoted\" \\ \u00e9\n", "clientToken": ""}]
bad = 0
for p in cases:
    want = ser.serialize_to_request(dict(p), op)
    out = subprocess.run([os.environ["SDKC"], "encode", "--operation", "CreateUserProfile",
                          "--compact", "--params", json.dumps(p)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        print("encode failed for", p, out.stderr, file=sys.stderr)
        bad += 1
        continue
    got = json.loads(out.stdout)
    checks = [
        ("method", want["method"], got["method"]),
        ("path", want["url_path"], got["path"]),
        ("query", want["query_string"] or None, got["query"]),
        ("content-type", want["headers"].get("Content-Type"), got["headers"].get("Content-Type")),
        ("body", json.loads(want["body"]), got["body"]),
    ]
    for what, w, g in checks:
        if w != g:
            print(f"botocore differs on {what} for {p!r}: botocore {w!r}, sdkconform {g!r}",
                  file=sys.stderr)
            bad += 1
print(f"botocore cross-check: {len(cases)} cases, {bad} differences")
sys.exit(1 if bad else 0)
EOF
else
    echo "botocore not importable: cross-check not run"
fi

if [ "$fails" -ne 0 ]; then
    echo "$fails failure(s)" >&2
    exit 1
fi
echo "encode CLI: all checks passed"
