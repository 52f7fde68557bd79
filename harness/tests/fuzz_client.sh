#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# sh.fuzz_client: `sdkconform fuzz-client` (app/fuzz_client.h) finds a
# planted client defect by itself. tests/adapters/decode_adapter.py decodes
# exactly like the builtin client except, in mode union-two, it takes a
# union with two members set as success. A short seeded run must find that,
# minimize it, and write a vector that replay runs unchanged: FAIL for the
# broken adapter, PASS for the builtin client. A rerun with the same --out
# writes no duplicate and appends a run to summary.json. The correct mode
# and builtin against itself give no finding (no false positives); SIGINT
# writes a partial summary and exits 130; bad arguments exit 2 with a
# message.
set -u
: "${SDKC:?}" "${SDKC_SOURCE_DIR:?}"
command -v python3 >/dev/null || { echo "python3 missing: skip"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
check() { # check <description> <command...>
    local what=$1; shift
    if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fails=$((fails + 1)); fi
}
run() { # run <name> <args...>: output to $T/<name>.out/.err, status to $T/<name>.rc
    local name=$1; shift
    "$SDKC" "$@" >"$T/$name.out" 2>"$T/$name.err"
    echo $? >"$T/$name.rc"
}
rc() { cat "$T/$1.rc"; }
json() { # json <file> <python expression over r>
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2"
}
A="python3 $SDKC_SOURCE_DIR/harness/tests/adapters/decode_adapter.py $SDKC"
BROKEN="$A union-two"
CORRECT="$A correct"
RUNS=600

# Bad arguments: exit 2, saying what is wrong.
run noimpl fuzz-client --runs 5 --out "$T/x"
check "no implementation: exit 2" [ "$(rc noimpl)" = 2 ]
check "no implementation: says so" grep -q "name at least one implementation" "$T/noimpl.err"
run nolen fuzz-client --impl builtin --out "$T/x"
check "neither --runs nor --time: exit 2" [ "$(rc nolen)" = 2 ]
check "neither --runs nor --time: says so" grep -q -- "--runs N or --time T" "$T/nolen.err"
run badtime fuzz-client --impl builtin --time 10y --out "$T/x"
check "--time 10y: exit 2 naming it" [ "$(rc badtime)" = 2 ]
check "--time 10y: message" grep -q -- "--time 10y: expected a duration" "$T/badtime.err"
run badimpl fuzz-client --impl boto4 --runs 1 --out "$T/x"
check "--impl boto4: exit 2" [ "$(rc badimpl)" = 2 ]
run badop fuzz-client --impl builtin --runs 1 --operation Nope --out "$T/x"
check "--operation Nope: exit 2" [ "$(rc badop)" = 2 ]
check "--operation Nope: names it" grep -q -- "--operation Nope: no such operation" "$T/badop.err"
mkdir -p "$T/badsum" && echo '{"x":1}' >"$T/badsum/summary.json"
run badsum fuzz-client --impl builtin --runs 1 --out "$T/badsum"
check "a summary.json not ours: exit 2 naming it" [ "$(rc badsum)" = 2 ]
check "a summary.json not ours: message" grep -q "badsum/summary.json: \$: not a fuzz-client summary" "$T/badsum.err"
run help fuzz-client --help
check "--help: exit 0 with the options" grep -q -- "--impl-cmd CMD" "$T/help.out"

# No false positives: builtin against the oracle, and the correct adapter.
run self fuzz-client --impl builtin --runs 400 --seed 1 --out "$T/self"
check "builtin vs oracle: exit 0" [ "$(rc self)" = 0 ]
check "builtin vs oracle: no finding file" [ -z "$(ls "$T/self/findings")" ]
run correct fuzz-client --impl-cmd "$CORRECT" --runs $RUNS --seed 1 --out "$T/correct"
check "correct adapter: exit 0" [ "$(rc correct)" = 0 ]
check "correct adapter: no finding file" [ -z "$(ls "$T/correct/findings")" ]
check "correct adapter: every input ran" json "$T/correct/summary.json" \
    'r["runs"][-1]["impls"][0]["execs"] == '$RUNS' and r["findings"] == []'

# The planted defect: found, minimized, written as a vector.
run broken fuzz-client --impl-cmd "$BROKEN" --runs $RUNS --seed 1 --out "$T/out"
check "broken adapter: exit 1 (findings)" [ "$(rc broken)" = 1 ]
F=$(grep -l '"accepted-garbage"' "$T"/out/findings/*.json 2>/dev/null | head -1)
check "broken adapter: an accepted-garbage finding" [ -n "$F" ]
if [ -n "$F" ]; then
    # at the level the corpus gives the rule (union.two-members: SHOULD)
    check "the finding is the two-member union, at SHOULD" json "$F" \
        'r["level"] == "SHOULD" and "exactly one member" in r["notes"] and r["expect"]["clientError"]["kind"] == "deserialization"'
    check "the finding is minimized (headers dropped, a short body)" json "$F" \
        'r["response"]["headers"] == {} and len(r["response"]["body"]) <= 40 and "details" in r["response"]["body"]'
    mkdir "$T/one" && cp "$F" "$T/one/"
    run rbroken replay --vectors "$T/one" --impl-cmd "$BROKEN" --no-sigv4 --no-report --level should
    check "replay of the finding: FAIL for the broken adapter (exit 1)" [ "$(rc rbroken)" = 1 ]
    check "replay of the finding: the broken adapter's FAIL line" grep -q "^FAIL \[SHOULD\] fuzz\." "$T/rbroken.out"
    run rbuiltin replay --vectors "$T/one" --impl builtin --no-report
    check "replay of the finding: PASS for builtin (exit 0)" [ "$(rc rbuiltin)" = 0 ]
    run rcorrect replay --vectors "$T/one" --impl-cmd "$CORRECT" --no-sigv4 --no-report
    check "replay of the finding: PASS for the correct adapter (exit 0)" [ "$(rc rcorrect)" = 0 ]
    base=$(basename "$F")
    check "summary.json lists it" json "$T/out/summary.json" \
        'any(f["file"] == "'"$base"'" and f["kind"] == "accepted-garbage" and f["new_last_run"] for f in r["findings"])'
    check "summary.html lists it" grep -q "$base" "$T/out/summary.html"
fi
(cd "$T/out/findings" && md5sum -- *.json) >"$T/first.sums"
check "behaviours: kept in --out, sorted, one hash a line" \
    bash -c '[ -s "$1" ] && sort -c "$1" && ! grep -qvE "^[0-9a-f]{16}$" "$1"' _ "$T/out/behaviours"
cp "$T/out/behaviours" "$T/first.behaviours"
corpus_first=$(find "$T/out/corpus" -name '*.json' | wc -l)

# A rerun continues from the corpus kept in --out (so it may reach new
# signatures) but never writes a known signature again: the first run's
# files stay byte for byte, no signature has two files, and summary.json
# gains a run.
run again fuzz-client --impl-cmd "$BROKEN" --runs $RUNS --seed 1 --out "$T/out"
check "rerun: exit 1" [ "$(rc again)" = 1 ]
check "rerun: the first run's findings kept as they were" \
    bash -c 'cd "$1/out/findings" && md5sum --quiet -c "$1/first.sums"' _ "$T"
check "rerun: one file per signature, each listed once" json "$T/out/summary.json" \
    'len(set(f["signature"] for f in r["findings"])) == len(r["findings"]) == len(__import__("os").listdir("'"$T"'/out/findings"))'
# Resumed, it keeps only behaviours new to both runs: every behaviour of
# the first run is still there, and each corpus entry the rerun added is
# one behaviour it added (none repeats one the first run had).
check "rerun: the first run's behaviours kept" \
    bash -c '[ -z "$(comm -23 "$1" "$2")" ]' _ "$T/first.behaviours" "$T/out/behaviours"
corpus_new=$(($(find "$T/out/corpus" -name '*.json' | wc -l) - corpus_first))
behaviours_new=$(($(wc -l <"$T/out/behaviours") - $(wc -l <"$T/first.behaviours")))
check "rerun: one corpus entry per new behaviour ($corpus_new entries, $behaviours_new behaviours)" \
    [ "$corpus_new" = "$behaviours_new" ]
# A behaviours file that is not one: bad harness input, exit 2, file:line.
cp -r "$T/out" "$T/bad" && echo "not-a-hash" >>"$T/bad/behaviours"
run bad fuzz-client --impl-cmd "$CORRECT" --runs 5 --seed 1 --out "$T/bad"
check "a bad behaviours file: exit 2" [ "$(rc bad)" = 2 ]
check "a bad behaviours file: named with its line" grep -q "behaviours:$(wc -l <"$T/bad/behaviours"): not a behaviour hash" "$T/bad.err"
if [ -n "$F" ]; then
    check "rerun: two runs in summary.json; the first finding seen again, not new" \
        json "$T/out/summary.json" \
        'len(r["runs"]) == 2 and any(f["file"] == "'"$base"'" and not f["new_last_run"] and f["hits"] > f["hits_last_run"] for f in r["findings"])'
    check "rerun: the console does not announce the known finding again" \
        bash -c '! grep -q "new finding $1" "$2"' _ "$base" "$T/again.out"
fi

# No false pass, and levels from the rule: a client that takes the code
# from the status is found, at MUST (an error code rule); a client that
# cuts strings at U+0000 fails a vector whose response holds \u0000, which
# the correct one passes.
run status fuzz-client --impl-cmd "$A code-from-status" --runs 200 --seed 1 --out "$T/status"
check "code-from-status: exit 1 (findings)" [ "$(rc status)" = 1 ]
check "code-from-status: a MUST finding on \$.error.code" json "$T/status/summary.json" \
    'any(f["level"] == "MUST" and "$.error.code" in f["signature"] for f in r["findings"])'
mkdir "$T/nul"
cat >"$T/nul/nul.json" <<'VEC'
{"vectors":[{"id":"nul.in-a-string","title":"U+0000 in an output string is kept","level":"MUST",
 "refs":["RFC 8259 section 7"],"tags":["test"],"operation":"CreateUserProfile",
 "params":{"domainIdentifier":"dzd_a","userIdentifier":"u"},
 "response":{"status":201,"headers":{"Content-Type":"application/json"},"body":"{\"id\":\"a\\u0000b\"}"},
 "expect":{"output":{"id":"a\u0000b"}}}]}
VEC
run nulok replay --vectors "$T/nul" --impl-cmd "$A correct" --no-sigv4 --no-report
check "\\u0000 kept: the correct client passes" [ "$(rc nulok)" = 0 ]
run nulcut replay --vectors "$T/nul" --impl-cmd "$A nul-cut" --no-sigv4 --no-report
check "\\u0000 cut: exit 1" [ "$(rc nulcut)" = 1 ]
check "\\u0000 cut: the diff names \$.output.id" grep -qF '$.output.id: wanted "a\u0000b", got "a"' "$T/nulcut.out"

# SIGINT: stop, a complete summary marked partial, exit 130.
"$SDKC" fuzz-client --impl-cmd "$CORRECT" --time 60s --seed 2 --out "$T/int" >"$T/int.out" 2>&1 &
pid=$!
sleep 2
kill -INT $pid
wait $pid
echo $? >"$T/int.rc"
check "SIGINT: exit 130" [ "$(rc int)" = 130 ]
check "SIGINT: summary marked partial" json "$T/int/summary.json" \
    'r["runs"][-1]["partial"] is True and r["runs"][-1]["exit"] == 130 and r["runs"][-1]["inputs"] > 0'

if [ $fails -ne 0 ]; then
    for f in "$T"/*.err; do echo "== $f"; head -20 "$f"; done
    echo "$fails check(s) failed"
    exit 1
fi
echo "all fuzz-client checks passed"
