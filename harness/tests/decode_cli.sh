#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# The `sdkconform decode` contract (docs/DESIGN.md): outputs, exit codes, usage
# errors, --syntax-only, and `make demo` (tools/demo) over corpus/examples.
set -u
: "${SDKC:?}" "${SDKC_SOURCE_DIR:?}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
OP=(--operation CreateUserProfile)

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# run ARGS...: sets $out, $err, $rc
run() {
    "$SDKC" decode "$@" >"$T/out" 2>"$T/err" </dev/null
    rc=$?
    out=$(cat "$T/out")
    err=$(cat "$T/err")
}
# run_in INPUT ARGS...: the same with INPUT on stdin
run_in() {
    local input=$1
    shift
    printf '%s' "$input" | "$SDKC" decode "$@" >"$T/out" 2>"$T/err"
    rc=$?
    out=$(cat "$T/out")
    err=$(cat "$T/err")
}
expect() { # WHAT WANT_RC WANT_OUT
    [ "$rc" = "$2" ] || fail "$1: exit $rc, wanted $2 (stderr: $err)"
    [ "$out" = "$3" ] || fail "$1: stdout
  got    $out
  wanted $3"
}
expect_usage() { # WHAT STDERR_PART
    [ "$rc" = 2 ] || fail "$1: exit $rc, wanted 2"
    [ -z "$out" ] || fail "$1: stdout should be empty on a usage error, got $out"
    case $err in *"$2"*) ;; *) fail "$1: stderr lacks '$2': $err" ;; esac
}

IAM='{"domainId":"dzd_1","id":"u1","type":"IAM","status":"ACTIVATED","details":{"iam":{"arn":"a"}}}'
IAM_DOC='{"output":{"domainId":"dzd_1","id":"u1","type":"IAM","status":"ACTIVATED","details":{"iam":{"arn":"a"}}}}'
printf '%s' "$IAM" >"$T/iam.json"

# ---- result documents, exit 0 -------------------------------------------------
run "${OP[@]}" --status 201 "$T/iam.json"
expect "success from a file" 0 "$IAM_DOC"
run_in "$IAM" "${OP[@]}" --status 201 -
expect "success from stdin" 0 "$IAM_DOC"
run_in "$IAM" --operation=CreateUserProfile --status=200 --header=Content-Type:application/json -
expect "--opt=value forms, any 2xx" 0 "$IAM_DOC"
run "${OP[@]}" --status 201
expect "no body file = empty body" 0 '{"output":{}}'
run_in '{"details":{"saml":{}}}' "${OP[@]}" --status 201 -
expect "unknown union member" 0 '{"output":{"details":{"SDK_UNKNOWN_MEMBER":{"name":"saml"}}}}'
run_in '{"message":"nope"}' "${OP[@]}" --status 404 --header 'x-amzn-errortype:  ns#ResourceNotFoundException:http://x/ ' -
expect "modeled error via header" 0 '{"error":{"code":"ResourceNotFoundException","message":"nope","modeled":true,"httpStatus":404,"fault":"client"}}'
run "${OP[@]}" --status 500 --header 'X-Amzn-Errortype: InternalServerException'
expect "500, header, no body" 0 '{"error":{"code":"InternalServerException","modeled":true,"httpStatus":500,"fault":"server"}}'
run_in '<html>oops</html>' "${OP[@]}" --status 503 -
expect "HTML 503" 0 '{"error":{"modeled":false,"httpStatus":503,"fault":"server"}}'
run_in '{"id":' "${OP[@]}" --status 201 -
[ "$rc" = 0 ] || fail "malformed body: exit $rc, wanted 0"
case $out in '{"clientError":{"kind":"deserialization","message":"malformed JSON body'*'byte 6'*) ;;
*) fail "malformed body: $out" ;; esac
run_in '{"details":{"iam":{},"sso":{}}}' "${OP[@]}" --status 201 -
expect "two union members" 0 '{"clientError":{"kind":"deserialization","message":"at $.details: union UserProfileDetails must have exactly one member set, got more than one (iam, sso)"}}'
run_in "$IAM" "${OP[@]}" --status 201 --pretty -
[ "$rc" = 0 ] && [ "$(printf '%s\n' "$out" | wc -l)" -gt 5 ] || fail "--pretty: $out"

# --spec with the model file, plain and gzip-compressed, decodes the same
run "${OP[@]}" --spec "$SDKC_SOURCE_DIR/specs/datazone-createuserprofile.json" --status 201 "$T/iam.json"
expect "--spec plain" 0 "$IAM_DOC"
gzip -c "$SDKC_SOURCE_DIR/specs/datazone-createuserprofile.json" >"$T/model.json.gz"
run "${OP[@]}" --spec "$T/model.json.gz" --status 201 "$T/iam.json"
expect "--spec gzip" 0 "$IAM_DOC"

# a body over the codec cap (16 MiB) is the server's fault: a clientError
head -c $((16 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' >"$T/big.json"
run "${OP[@]}" --status 201 "$T/big.json"
[ "$rc" = 0 ] || fail "oversized body: exit $rc"
case $out in '{"clientError":{"kind":"deserialization","message":"response body '*'over the 16777216-byte cap"}}') ;;
*) fail "oversized body: $out" ;; esac

# ---- usage errors, exit 2 -------------------------------------------------------
run --bogus; expect_usage "unknown option" "unknown option '--bogus'"
run --status 201; expect_usage "missing --operation" "--operation NAME is required"
run "${OP[@]}"; expect_usage "missing --status" "--status CODE is required"
run "${OP[@]}" --status; expect_usage "--status without a value" "--status needs a value"
for s in abc 99 1000 20x 2O1 -201; do
    run "${OP[@]}" --status "$s"; expect_usage "bad status '$s'" "expected an HTTP status"
done
# an empty value is a missing one, for every option of every command (cli/opts.h)
run "${OP[@]}" --status ""; expect_usage "empty status" "--status needs a value"
run "${OP[@]}" --status 201 --header 'no colon here'; expect_usage "header without colon" "expected 'Name: value'"
run "${OP[@]}" --status 201 --header ': value'; expect_usage "header without name" "expected 'Name: value'"
run "${OP[@]}" --status 201 --header 'Bad Name: v'; expect_usage "header name with a space" "token characters"
run "${OP[@]}" --status 201 "$T/missing.json"; expect_usage "unreadable body file" "$T/missing.json"
run "${OP[@]}" --status 201 "$T/iam.json" "$T/iam.json"; expect_usage "two body files" "unexpected argument '$T/iam.json' (at most 1 BODY_FILE | -)"
run --operation NoSuchOperation --status 201; expect_usage "unknown operation" "NoSuchOperation"
printf '{"metadata":' >"$T/bad-model.json"
run "${OP[@]}" --spec "$T/bad-model.json" --status 201; expect_usage "malformed --spec" "bad-model.json"
run --syntax-only --status 201 "$T/iam.json"; expect_usage "--syntax-only with --status" "--syntax-only takes only"

# ---- --help ------------------------------------------------------------------------
run --help
[ "$rc" = 0 ] || fail "--help: exit $rc"
case $out in *"usage: sdkconform decode"*"--syntax-only"*) ;; *) fail "--help text: $out" ;; esac
"$SDKC" --help | grep -q '^  decode ' || fail "decode is missing from sdkconform --help"

# ---- --syntax-only -------------------------------------------------------------------
run --syntax-only "$T/iam.json"; expect "syntax-only valid file" 0 '{"valid":true}'
run_in '[1,2]' --syntax-only; expect "syntax-only stdin by default" 0 '{"valid":true}'
run_in '{"a":1,}' --syntax-only -
[ "$rc" = 1 ] || fail "syntax-only invalid: exit $rc"
case $out in '{"valid":false,"offset":7,"message":"'*'"}') ;; *) fail "syntax-only invalid: $out" ;; esac
run_in '' --syntax-only -
[ "$rc" = 1 ] || fail "syntax-only empty input: exit $rc ($out)"
run --syntax-only "$T/missing.json"; expect_usage "syntax-only unreadable file" "$T/missing.json"

# JSONTestSuite through the CLI: every y_ valid (0), every n_ invalid (1)
JTS="${SDKC_SHARED_DIR:-}/testdata/json/JSONTestSuite/test_parsing"
if [ -d "$JTS" ]; then
    n=0
    for f in "$JTS"/y_*.json "$JTS"/n_*.json; do
        "$SDKC" decode --syntax-only "$f" >"$T/out" 2>/dev/null
        rc=$?
        case $(basename "$f") in
        y_*) [ "$rc" = 0 ] && grep -qx '{"valid":true}' "$T/out" || fail "JSONTestSuite $(basename "$f"): exit $rc $(cat "$T/out")" ;;
        n_*) [ "$rc" = 1 ] && grep -q '^{"valid":false,"offset":[0-9]*,"message":' "$T/out" || fail "JSONTestSuite $(basename "$f"): exit $rc $(cat "$T/out")" ;;
        esac
        n=$((n + 1))
    done
    [ "$n" -gt 200 ] || fail "JSONTestSuite: only $n files found"
else
    echo "note: $JTS not found, JSONTestSuite pass skipped" >&2
fi

# ---- make demo -----------------------------------------------------------------------------
"$SDKC_SOURCE_DIR/tools/demo" "$(dirname "$SDKC")" >"$T/demo" 2>"$T/demo.err" || fail "tools/demo failed: $(cat "$T/demo.err")"
[ "$(grep -c '^== .*\.http$' "$T/demo")" = "$(ls "$SDKC_SOURCE_DIR"/corpus/examples/*.http | wc -l)" ] ||
    fail "tools/demo did not decode every example"
grep -q '"SDK_UNKNOWN_MEMBER"' "$T/demo" || fail "demo: no unknown union member"
grep -q '"code": "ResourceNotFoundException"' "$T/demo" || fail "demo: no modeled error"
grep -q '"kind": "deserialization"' "$T/demo" || fail "demo: no malformed body"
grep -q '"iam": {' "$T/demo" && grep -q '"sso": {' "$T/demo" || fail "demo: no iam/sso success"

[ "$fails" = 0 ] || { echo "$fails failure(s)" >&2; exit 1; }
echo "decode CLI contract: all checks passed"
