#!/usr/bin/env bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# `--spec FILE` and `--operation NAME` through the real commands:
# any model plain or gzip loads; a malformed model or one of
# another protocol exits 2 with "sdkconform <cmd>: <file>: <JSON path>: ..."
# (or line/column for JSON syntax); an unknown operation exits 2 naming the
# closest valid ones. Needs SDKC (build/sdkconform); skips (77) without it.
set -u
[ -n "${SDKC:-}" ] && [ -x "$SDKC" ] || { echo "SDKC not set"; exit 77; }
src=${SDKC_SOURCE_DIR:-$(dirname "$0")/../..}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
params='{"domainIdentifier":"dzd_1","userIdentifier":"arn:aws:iam::123456789012:user/alice"}'

# expect CODE STDERR_PATTERN (grep -F) -- command...
expect() {
    local want=$1 pat=$2 rc
    shift 3
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne "$want" ] || ! grep -qF -- "$pat" "$tmp/err" "$tmp/out"; then
        echo "FAIL: $* -> exit $rc (wanted $want), stderr:"
        sed 's/^/    /' "$tmp/err"
        echo "    (wanted to see: $pat)"
        fails=$((fails + 1))
    else
        echo "ok: exit $rc: $(head -c 160 "$tmp/err" | head -1)"
    fi
}

# The bundled model, gzip-compressed, given as a file.
gzip -c "$src/specs/datazone-createuserprofile.json" >"$tmp/model.json.gz"
expect 0 '/v2/domains/dzd_1/user-profiles' -- \
    "$SDKC" encode --spec "$tmp/model.json.gz" --operation CreateUserProfile --params "$params" --token-seq

# A dangling shape reference: the file and the JSON path are named.
cat >"$tmp/dangling.json" <<'JSON'
{"metadata":{"protocol":"rest-json"},"operations":{},
 "shapes":{"UserProfileDetails":{"type":"structure","members":{"iam":{"shape":"Foo"}}}}}
JSON
expect 2 "sdkconform encode: $tmp/dangling.json: shapes.UserProfileDetails.members.iam.shape: no shape named \"Foo\"" -- \
    "$SDKC" encode --spec "$tmp/dangling.json" --operation X --params '{}'
expect 2 "sdkconform decode: $tmp/dangling.json: shapes.UserProfileDetails.members.iam.shape" -- \
    "$SDKC" decode --spec "$tmp/dangling.json" --operation X --status 200 /dev/null

# A wrong JSON type.
printf '{"metadata":{"protocol":"rest-json"},"operations":{"A":{"http":{"method":"GET","requestUri":"/","responseCode":"200"}}},"shapes":{}}' >"$tmp/types.json"
expect 2 "$tmp/types.json: operations.A.http.responseCode: expected a number, got a string" -- \
    "$SDKC" encode --spec "$tmp/types.json" --operation A --params '{}'

# JSON syntax: line and column, and the byte offset.
printf '{"metadata": {\n  "protocol": "rest-json",\n}}' >"$tmp/syntax.json"
expect 2 "$tmp/syntax.json: line 3, column 1" -- \
    "$SDKC" encode --spec "$tmp/syntax.json" --operation A --params '{}'

# Another protocol.
printf '{"metadata":{"protocol":"json","serviceId":"DynamoDB"},"operations":{},"shapes":{}}' >"$tmp/json.json"
expect 2 "$tmp/json.json: metadata.protocol: service DynamoDB uses protocol 'json'; sdkconform supports rest-json" -- \
    "$SDKC" encode --spec "$tmp/json.json" --operation A --params '{}'

# Missing file.
expect 2 "$tmp/none.json" -- "$SDKC" encode --spec "$tmp/none.json" --operation A --params '{}'

# Unknown operation: the closest valid names.
expect 2 'no operation named "CreateUserProfil" in (bundled); closest: CreateUserProfile' -- \
    "$SDKC" encode --operation CreateUserProfil --params "$params"

# botocore's full DataZone model, when python3 has botocore.
data=$(python3 -c 'import botocore,os;print(os.path.dirname(botocore.__file__))' 2>/dev/null)
full="$data/data/datazone/2018-05-10/service-2.json.gz"
if [ -n "$data" ] && [ -r "$full" ]; then
    expect 0 '/v2/domains/dzd_1/user-profiles' -- \
        "$SDKC" encode --spec "$full" --operation CreateUserProfile --params "$params" --token-seq
    expect 2 'closest: GetDomain' -- "$SDKC" encode --spec "$full" --operation GetDomian --params '{}'
    other="$data/data/dynamodb/2012-08-10/service-2.json.gz"
    if [ -r "$other" ]; then
        expect 2 "uses protocol 'json'; sdkconform supports rest-json" -- \
            "$SDKC" encode --spec "$other" --operation GetItem --params '{}'
    fi
else
    echo "note: botocore not importable; full-model checks skipped"
fi

[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "spec_cli: all checks passed"
