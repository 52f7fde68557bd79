#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# `sdkconform sign` end to end (docs/DESIGN.md, §4): signatures equal the AWS
# suite's in both forms, --verbose prints the suite's stages, secrets never
# reach stdout or stderr, --verify accepts good and rejects tampered
# requests, and bad usage / bad request files exit 2 naming the problem.
set -u
S="$SDKC_SHARED_DIR/testdata/sigv4/aws-c-auth-v4"
[ -d "$S" ] || { echo "skip: $S not found"; exit 77; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

AK=AKIDEXAMPLE
SK='wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
TOKEN=6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267
COMMON=(--access-key "$AK" --secret-key "$SK" --region us-east-1 --service service
        --date 20150830T123600Z)

# 1. header form with a session token: the suite's signature, every stage
C="$S/get-vanilla-with-session-token"
"$SDKC" sign "${COMMON[@]}" --session-token "$TOKEN" --verbose "$C/request.txt" \
    >"$W/out" 2>"$W/err" || bad "sign exited $?"
grep -qF "Signature=$(cat "$C/header-signature.txt")" "$W/out" || bad "header signature differs"
# --verbose stages: the canonical request (token redacted) and string to sign
sed "s/$TOKEN/[REDACTED]/" "$C/header-canonical-request.txt" >"$W/want-creq"
awk '/^--- canonical request$/{f=1;next} /^--- string to sign$/{f=0} f' "$W/out" \
    | head -c "$(wc -c <"$W/want-creq")" >"$W/got-creq"
cmp -s "$W/want-creq" "$W/got-creq" || { bad "verbose canonical request differs";
    diff "$W/want-creq" "$W/got-creq"; }
grep -qF "$(tail -n1 "$C/header-string-to-sign.txt")" "$W/out" || bad "string to sign missing"
for secret in "$SK" "$TOKEN"; do
    if grep -qF -- "$secret" "$W/out" "$W/err"; then bad "a secret was printed"; fi
done
grep -q '^X-Amz-Security-Token:\[REDACTED\]$' "$W/out" || bad "token header not redacted"

# 2. query form (presigned), read from stdin
C="$S/get-vanilla-query-order-key-case"
"$SDKC" sign "${COMMON[@]}" --query --expires 3600 - <"$C/request.txt" >"$W/out" 2>"$W/err" \
    || bad "sign --query exited $?"
grep -qF "X-Amz-Signature=$(cat "$C/query-signature.txt")" "$W/out" || bad "query signature differs"
grep -qF "X-Amz-Expires=3600" "$W/out" || bad "X-Amz-Expires missing"
if grep -qF -- "$SK" "$W/out" "$W/err"; then bad "secret printed (query form)"; fi

# 3. --verify: our output, upstream's signed request, and tampered copies
C="$S/post-x-www-form-urlencoded"
"$SDKC" sign "${COMMON[@]}" --content-sha256 "$C/request.txt" >"$W/signed" || bad "sign post"
V=(--verify --access-key "$AK" --secret-key "$SK" --region us-east-1 --service service
   --now 20150830T124000Z)
"$SDKC" sign "${V[@]}" "$W/signed" >"$W/out" || { bad "our signed request does not verify"; cat "$W/out"; }
grep -qx verified "$W/out" || bad "no 'verified'"
"$SDKC" sign "${V[@]}" "$S/get-vanilla/header-signed-request.txt" >"$W/out" \
    || bad "upstream get-vanilla signed request does not verify"
sed 's/Param1=value1/Param1=value2/' "$W/signed" >"$W/t1"
"$SDKC" sign "${V[@]}" "$W/t1" >"$W/out"; rc=$?
[ $rc -eq 1 ] || bad "tampered body: exit $rc, wanted 1"
grep -q 'x-amz-content-sha256 does not match the body' "$W/out" || bad "tampered body: wrong reason"
sed -E 's/(Signature=.{10})./\1x/' "$W/signed" >"$W/t2"
"$SDKC" sign "${V[@]}" "$W/t2" >"$W/out"; rc=$?
[ $rc -eq 1 ] || bad "tampered signature: exit $rc"
sig=$(grep -o 'Signature=[0-9a-f]*' "$W/signed" | cut -d= -f2)
c=${sig:10:1}; [ "$c" = 0 ] && n=1 || n=0
sed "s/$sig/${sig:0:10}$n${sig:11}/" "$W/signed" >"$W/t2"
cmp -s "$W/signed" "$W/t2" && bad "signature flip did not change the file"
"$SDKC" sign "${V[@]}" "$W/t2" >"$W/out"; rc=$?
[ $rc -eq 1 ] || bad "flipped signature digit: exit $rc"
grep -q 'signature mismatch' "$W/out" || bad "flipped signature: wrong reason"
grep -q '^--- canonical request (computed)$' "$W/out" || bad "no computed canonical request shown"
"$SDKC" sign "${V[@]/20150830T124000Z/20150830T140000Z}" "$W/signed" >"$W/out"; rc=$?
[ $rc -eq 1 ] && grep -q 'outside the allowed skew' "$W/out" || bad "stale date not rejected"
"$SDKC" sign "${V[@]/us-east-1/eu-west-1}" "$W/signed" >"$W/out"; rc=$?
[ $rc -eq 1 ] && grep -q 'wrong region' "$W/out" || bad "wrong region not rejected"

# 4. bad usage and bad request files: exit 2, the message names the problem
"$SDKC" sign --access-key "$AK" --secret-key "$SK" --service s "$C/request.txt" 2>"$W/err" >/dev/null
[ $? -eq 2 ] && grep -q -- '--region' "$W/err" || bad "missing --region: not exit 2"
"$SDKC" sign "${COMMON[@]}" --bogus 2>"$W/err" >/dev/null
[ $? -eq 2 ] && grep -q "unknown option '--bogus'" "$W/err" || bad "unknown option"
"$SDKC" sign "${COMMON[@]}" --query --expires 0 "$C/request.txt" 2>"$W/err" >/dev/null
[ $? -eq 2 ] || bad "--expires 0 accepted"
printf 'GET / HTTP/1.1\nHost:x\nno colon here\n\n' >"$W/bad.txt"
"$SDKC" sign "${COMMON[@]}" "$W/bad.txt" 2>"$W/err" >/dev/null
[ $? -eq 2 ] && grep -qF "$W/bad.txt: line 3: expected 'Name:value' (byte 22)" "$W/err" \
    || { bad "bad request file"; cat "$W/err"; }
"$SDKC" sign "${COMMON[@]}" "$W/nonexistent.txt" 2>"$W/err" >/dev/null
[ $? -eq 2 ] && grep -qF "nonexistent.txt" "$W/err" || bad "missing file not named"
printf 'GET / HTTP/1.1\nX:y\n\n' >"$W/nohost.txt"
"$SDKC" sign "${COMMON[@]}" "$W/nohost.txt" 2>"$W/err" >/dev/null
[ $? -eq 2 ] && grep -q 'no Host header' "$W/err" || bad "request without Host"
if grep -qF -- "$SK" "$W/err"; then bad "secret in an error message"; fi

# 5. credentials from a shared credentials file profile (no keys on the command line)
printf '[ci]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$AK" "$SK" >"$W/creds"
C="$S/get-vanilla"
AWS_SHARED_CREDENTIALS_FILE="$W/creds" "$SDKC" sign --profile ci --region us-east-1 \
    --service service --date 20150830T123600Z "$C/request.txt" >"$W/out" 2>"$W/err" \
    || bad "sign --profile exited $?"
grep -qF "Signature=$(cat "$C/header-signature.txt")" "$W/out" || bad "profile signature differs"
env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY AWS_SHARED_CREDENTIALS_FILE="$W/creds" \
    "$SDKC" sign --profile nope --region r --service s "$C/request.txt" 2>"$W/err" >/dev/null
[ $? -eq 2 ] && grep -q 'no \[nope\] profile' "$W/err" || bad "missing profile"

[ $fail -eq 0 ] && echo "sign_cli: ok"
exit $fail
