#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# The verifier against an independent signer (docs/DESIGN.md, §7): requests
# signed by botocore's SigV4Auth.add_auth (a CreateUserProfile POST with an
# encoded label, a session token, a query string) verify with
# `sdkconform sign --verify`; the same requests tampered with (body,
# signature, a signed header, the date) do not. Skipped (77) when botocore
# is not importable.
set -u
python3 -c 'import botocore.auth' 2>/dev/null || { echo "skip: botocore not importable"; exit 77; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

AK=AKIDBOTOCORETEST
SK='botocoreSecret/Key+With=Specials0123456789ab'
TOKEN='FQoGZXIvYXdzEXAMPLE//token+with/specials=='

# Writes the signed request as raw HTTP/1.1 text (the format sign reads).
# botocore signs host from the URL without adding a Host header, so the
# script writes it, as the HTTP layer would.
cat >"$W/sign.py" <<'EOF'
import sys
from urllib.parse import urlsplit
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ak, sk, token, out, variant = sys.argv[1:6]
body = ('{"domainIdentifier":"dzd a/b","userIdentifier":'
        '"arn:aws:iam::123456789012:user/alice","userType":"IAM_USER",'
        '"clientToken":"5c8e1b4a-0000-4000-8000-000000000001"}')
url = "https://datazone.us-east-1.api.aws/v2/domains/dzd%20a%2Fb/user-profiles"
if variant == "query":
    url += "?maxResults=5&nextToken=a%2Bb%3D"
req = AWSRequest(method="POST", url=url, data=body.encode(),
                 headers={"Content-Type": "application/json",
                          "User-Agent": "Boto3/1.0 test"})
SigV4Auth(Credentials(ak, sk, token if token != "-" else None),
          "datazone", "us-east-1").add_auth(req)
parts = urlsplit(req.url)
target = parts.path + ("?" + parts.query if parts.query else "")
with open(out, "w", newline="") as f:
    f.write("POST %s HTTP/1.1\n" % target)
    f.write("Host:%s\n" % parts.netloc)
    for k, v in req.headers.items():
        f.write("%s:%s\n" % (k, v))
    f.write("\n")
    f.write(body)
EOF

V=(--verify --access-key "$AK" --secret-key "$SK" --region us-east-1 --service datazone)
for variant in plain query; do
    python3 "$W/sign.py" "$AK" "$SK" "$TOKEN" "$W/req" "$variant" || { bad "botocore failed"; continue; }
    grep -q '^Authorization:AWS4-HMAC-SHA256 Credential=' "$W/req" || bad "botocore did not sign"
    "$SDKC" sign "${V[@]}" --session-token "$TOKEN" "$W/req" >"$W/out" 2>&1 \
        || { bad "$variant: botocore-signed request does not verify"; cat "$W/out"; }
    if grep -qF -- "$SK" "$W/out"; then bad "secret printed"; fi

    # tampered: body, signature digit, a signed header, the query
    sed 's/IAM_USER/SSO_USER/' "$W/req" >"$W/t"
    "$SDKC" sign "${V[@]}" --session-token "$TOKEN" "$W/t" >"$W/out" 2>&1
    [ $? -eq 1 ] && grep -q 'signature mismatch' "$W/out" || bad "$variant: tampered body verified"
    sig=$(grep -o 'Signature=[0-9a-f]*' "$W/req" | cut -d= -f2)
    c=${sig:5:1}; [ "$c" = a ] && n=b || n=a
    sed "s/$sig/${sig:0:5}$n${sig:6}/" "$W/req" >"$W/t"
    "$SDKC" sign "${V[@]}" --session-token "$TOKEN" "$W/t" >"$W/out" 2>&1
    [ $? -eq 1 ] && grep -q 'signature mismatch' "$W/out" || bad "$variant: tampered signature verified"
    sed 's/^Content-Type:application\/json/Content-Type:application\/x-amz-json-1.1/' "$W/req" >"$W/t"
    "$SDKC" sign "${V[@]}" --session-token "$TOKEN" "$W/t" >"$W/out" 2>&1
    [ $? -eq 1 ] || bad "$variant: tampered content-type verified"
    sed 's/^X-Amz-Security-Token:.*/X-Amz-Security-Token:other/' "$W/req" >"$W/t"
    "$SDKC" sign "${V[@]}" --session-token "$TOKEN" "$W/t" >"$W/out" 2>&1
    [ $? -eq 1 ] && grep -q 'session token' "$W/out" || bad "$variant: tampered token verified"
    sed 's/dzd%20a%2Fb/dzd%20a%2Fc/' "$W/req" >"$W/t"
    "$SDKC" sign "${V[@]}" --session-token "$TOKEN" "$W/t" >"$W/out" 2>&1
    [ $? -eq 1 ] || bad "$variant: tampered path verified"
    # the right signature with the wrong secret
    "$SDKC" sign --verify --access-key "$AK" --secret-key "${SK}x" --session-token "$TOKEN" \
        --region us-east-1 --service datazone "$W/req" >"$W/out" 2>&1
    [ $? -eq 1 ] || bad "$variant: verified with the wrong secret"
done
# without a session token
python3 "$W/sign.py" "$AK" "$SK" - "$W/req" plain || bad "botocore failed"
"$SDKC" sign "${V[@]}" "$W/req" >"$W/out" 2>&1 || { bad "no-token request does not verify"; cat "$W/out"; }

# Dot segments (docs/DESIGN.md): `sign` gives botocore's canonical path for
# every shape, byte for byte, and verifies what botocore signs.
for p in '/v2/~/%26%2A/.' '/a/b/..' '/a/./b' '/.' '/..' '/a/..' '/a/b/../' '/./a' '/a/.b' \
    '/a/..b/' '//a//b//.'; do
    printf 'PUT %s HTTP/1.1\r\nHost: example.amazonaws.com\r\nX-Amz-Date: 20150830T123600Z\r\n\r\n' \
        "$p" >"$W/dot"
    ours=$("$SDKC" sign --region us-east-1 --service service --access-key "$AK" --secret-key "$SK" \
        --date 20150830T123600Z --verbose "$W/dot" 2>&1 | sed -n '/canonical request/,/^$/p' | sed -n 3p)
    boto=$(python3 - "$p" <<'PY'
import sys
from botocore.awsrequest import AWSRequest
from botocore.auth import SigV4Auth
from botocore.credentials import Credentials
r = AWSRequest(method="PUT", url="https://example.amazonaws.com" + sys.argv[1],
               headers={"X-Amz-Date": "20150830T123600Z"})
print(SigV4Auth(Credentials("a", "b"), "service", "us-east-1").canonical_request(r).split("\n")[1])
PY
)
    [ -n "$ours" ] && [ "$ours" = "$boto" ] || bad "dot segments: $p: sign gives '$ours', botocore '$boto'"
done

[ $fail -eq 0 ] && echo "sigv4_botocore: ok"
exit $fail
