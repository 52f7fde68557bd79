#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# `sdkconform serve` (docs/DESIGN.md): serves one vector's canned response on
# loopback, prints how each request compared, exits after --count; bad
# arguments are exit 2 with a message naming what is wrong.
set -u
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
pid=
fail() { echo "FAIL: $*"; echo "--- serve output:"; cat "$tmp/out" 2>/dev/null; exit 1; }

cat > "$tmp/v.json" <<'JSON'
{"vectors": [{
  "id": "t.serve", "title": "serve test", "level": "MUST", "refs": ["test"], "tags": ["test"],
  "operation": "CreateUserProfile",
  "params": {"domainIdentifier": "dzd_1", "userIdentifier": "u"},
  "request": {"method": "POST", "path": "/v2/domains/dzd_1/user-profiles",
              "headers": {"equal": {"Content-Type": "application/json"}},
              "body": {"userIdentifier": "u", "clientToken": {"$match": "uuid4"}}},
  "response": {"status": 201, "headers": {"Content-Type": "application/json", "X-Test": "yes"},
               "body": "{\"domainId\":\"dzd_1\",\"id\":\"p1\"}"},
  "expect": {"output": {"domainId": "dzd_1", "id": "p1"}}
}]}
JSON

"$SDKC" serve --vectors "$tmp/v.json" --vector t.serve --count 2 >"$tmp/out" 2>&1 &
pid=$!
for _ in $(seq 400); do grep -q '^listening on' "$tmp/out" && break; sleep 0.05; done
url=$(sed -n 's/^listening on \(http:[^ ]*\) (vector t.serve)$/\1/p' "$tmp/out")
case "$url" in http://127.0.0.1:[0-9]*) ;; *) fail "no loopback URL printed";; esac

curl -s -D "$tmp/h1" -o "$tmp/b1" -X POST -H 'Content-Type: application/json' \
  -d '{"userIdentifier":"u","clientToken":"3f1e2d4c-5b6a-4c7d-8e9f-0a1b2c3d4e5f"}' \
  "$url/v2/domains/dzd_1/user-profiles" || fail "curl 1"
grep -q '^HTTP/1.1 201' "$tmp/h1" || fail "status is not the vector's 201"
grep -qi '^X-Test: yes' "$tmp/h1" || fail "vector header not served"
[ "$(cat "$tmp/b1")" = '{"domainId":"dzd_1","id":"p1"}' ] || fail "body is not the vector's"

curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"userIdentifier":"u"}' \
  "$url/v2/domains/dzd%2F2/user-profiles?x=1" || fail "curl 2"
wait "$pid"; rc=$?; pid=
[ "$rc" = 0 ] || fail "serve exit $rc after --count 2"

grep -q '^request 1: POST /v2/domains/dzd_1/user-profiles$' "$tmp/out" || fail "request 1 line"
grep -A1 '^request 1:' "$tmp/out" | grep -q "matches the vector's request expectations" ||
  fail "request 1 should match"
grep -q '^request 2: POST /v2/domains/dzd%2F2/user-profiles?x=1$' "$tmp/out" ||
  fail "request 2 line (raw path and query)"
grep -q 'differs from the vector' "$tmp/out" || fail "request 2 should differ"
grep -q '\$.path: wanted "/v2/domains/dzd_1/user-profiles", got "/v2/domains/dzd%2F2/user-profiles"' \
  "$tmp/out" || fail "path diff"
grep -q '\$.body.clientToken' "$tmp/out" || fail "token diff"

# bad input: exit 2, message names the problem
"$SDKC" serve --vectors "$tmp/v.json" --vector nope >"$tmp/e1" 2>&1; rc=$?
[ "$rc" = 2 ] && grep -q 'no vector with id "nope"' "$tmp/e1" || fail "unknown id: rc $rc $(cat "$tmp/e1")"
"$SDKC" serve --vectors "$tmp/v.json" --vector t.serve --bind localhost >"$tmp/e2" 2>&1; rc=$?
[ "$rc" = 2 ] && grep -q '"localhost" is not a numeric' "$tmp/e2" || fail "--bind name: rc $rc"
"$SDKC" serve --vectors "$tmp/v.json" --vector t.serve --port 99999 >"$tmp/e3" 2>&1; rc=$?
[ "$rc" = 2 ] || fail "--port 99999: rc $rc"
"$SDKC" serve >"$tmp/e4" 2>&1; rc=$?
[ "$rc" = 2 ] && grep -q -- '--vector ID is required' "$tmp/e4" || fail "no --vector: rc $rc"
echo '{"vectors": [{"id": 1}]}' > "$tmp/bad.json"
"$SDKC" serve --vectors "$tmp/bad.json" --vector x >"$tmp/e5" 2>&1; rc=$?
[ "$rc" = 2 ] && grep -q 'bad.json' "$tmp/e5" || fail "bad vector file: rc $rc $(cat "$tmp/e5")"

# SIGINT stops it cleanly (exit 0)
"$SDKC" serve --vectors "$tmp/v.json" --vector t.serve >"$tmp/out3" 2>&1 &
pid=$!
for _ in $(seq 400); do grep -q '^listening on' "$tmp/out3" && break; sleep 0.05; done
kill -INT "$pid"; wait "$pid"; rc=$?; pid=
[ "$rc" = 0 ] || fail "SIGINT: exit $rc"
echo "ok"
