#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# sh.replay_shard_sigint: on a generated corpus (the fixture vectors
# replicated under new ids into one .jsonl, made here in a temp folder):
#  - --shard K/N for N = 1..5 covers every vector exactly once;
#  - SIGINT stops the run after the current vector: exit 130, a complete,
#    parseable report.json marked "partial": true, fewer results than the
#    corpus, and a console line saying so.
set -u
: "${SDKC:?}" "${SDKC_SOURCE_DIR:?}"
command -v python3 >/dev/null || { echo "python3 missing: skip"; exit 77; }
D="$SDKC_SOURCE_DIR/harness/tests/data/runner"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
check() { local what=$1; shift; if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fails=$((fails + 1)); fi; }

gen() { # gen <count> <out.jsonl>: replicate the passing response vectors
    python3 - "$D/pass/response.jsonl" "$1" "$2" <<'PY'
import json, sys
src = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
n, out = int(sys.argv[2]), open(sys.argv[3], "w")
for i in range(n):
    v = dict(src[i % len(src)]); v["id"] = "gen.%07d.%s" % (i, v["id"])
    out.write(json.dumps(v, separators=(",", ":")) + "\n")
PY
}

gen 500 "$T/small.jsonl"
for n in 1 2 3 5; do
    : >"$T/ids.$n"
    for k in $(seq 1 $n); do
        "$SDKC" replay --impl builtin --vectors "$T/small.jsonl" --shard "$k/$n" --report-dir "$T/s$n.$k" >/dev/null 2>&1
        python3 -c 'import json,sys; [print(x["id"]) for x in json.load(open(sys.argv[1]))["results"]]' "$T/s$n.$k/report.json" >>"$T/ids.$n"
    done
    check "shard N=$n: every vector exactly once" bash -c "test \$(sort '$T/ids.$n' | uniq | wc -l) = 500 && test \$(wc -l <'$T/ids.$n') = 500"
done
check "shard 1/2 and 2/2 both non-empty" bash -c "test -s '$T/s2.1/report.json' && python3 -c 'import json,sys; sys.exit(0 if all(json.load(open(p))[\"summary\"][\"total\"]>0 for p in sys.argv[1:]) else 1)' '$T/s2.1/report.json' '$T/s2.2/report.json'"

gen 150000 "$T/big.jsonl"
mkdir -p "$T/tmp"
TMPDIR="$T/tmp" "$SDKC" replay --impl builtin --vectors "$T/big.jsonl" --report-dir "$T/int" >"$T/int.out" 2>"$T/int.err" &
pid=$!
# Wait until the run is under way (its private spool holds results, so the
# signal handler is installed), then interrupt it.
for _ in $(seq 1 600); do
    sleep 0.05
    for f in "$T"/tmp/sdkconform-spool-*; do [ -s "$f" ] && break 2; done
done
sleep 0.2
kill -INT "$pid"
wait "$pid"; rc=$?
check "sigint: exit 130" test "$rc" = 130
check "sigint: report.json complete and partial" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["partial"] is True, "not partial"
assert 0 < r["summary"]["total"] < 150000, r["summary"]
assert r["summary"]["total"] == len(r["results"])
' "$T/int/report.json"
check "sigint: junit.xml well-formed" python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$T/int/junit.xml"
check "sigint: console says partial" grep -q 'interrupted' "$T/int.out"
echo "$fails failure(s)"
[ "$fails" = 0 ]
