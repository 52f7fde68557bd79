#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# sh.replay_expected_failures: adopting the harness on an SDK that fails
# some vectors today (harness/runner/README.md). `replay
# --write-expected-failures FILE` writes one entry per failing (impl, id),
# reason = the message, evidence = the diff on one line, atomically; a
# replay with `--expected-failures FILE` then exits 0; an entry that is
# already listed keeps its words; failures no entry covers (sigv4 at MUST)
# are counted, not listed. An expected-failures entry for an implementation
# that did not run is reported (a warning line, report.json
# "unused_expected_failures"), never silently ignored.
set -u
: "${SDKC:?}" "${SDKC_SOURCE_DIR:?}"
command -v python3 >/dev/null || { echo "python3 missing: skip"; exit 77; }
D="$SDKC_SOURCE_DIR/harness/tests/data/runner"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
check() { # check <description> <command...>
    local what=$1; shift
    if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fails=$((fails + 1)); fi
}
run() { # run <name> <args...>: stdout/stderr to $T/<name>.out/.err, rc to $T/<name>.rc
    local name=$1; shift
    "$SDKC" replay "$@" >"$T/$name.out" 2>"$T/$name.err"
    echo $? >"$T/$name.rc"
}
rc() { cat "$T/$1.rc"; }
json() { # json <file> <python expression over r>
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2"
}
V=(--impl builtin --vectors "$D/pass" --vectors "$D/wrong")

# 1. write: the run's own verdicts are unchanged (exit 1), the file lists
#    its one failure, one line each, and nothing else is left in the folder.
mkdir "$T/xf"
run write "${V[@]}" --report-dir "$T/r1" --write-expected-failures "$T/xf/builtin.json"
check "write: the run still fails" test "$(rc write)" = 1
check "write: says what it wrote" grep -q "wrote 1 expected failure of 1 implementation to $T/xf/builtin.json" "$T/write.err"
check "write: one entry, format, one-line reason and evidence from the failure" json "$T/xf/builtin.json" \
    'r["format"]=="sdkconform-expected-failures/1" and list(r["impls"])==["builtin"] and len(r["impls"]["builtin"])==1 and r["impls"]["builtin"][0]["id"]=="runner.wrong.code" and "\n" not in r["impls"]["builtin"][0]["evidence"] and "wanted \"ValidationException\", got \"ResourceNotFoundException\"" in r["impls"]["builtin"][0]["reason"] and "got document:" in r["impls"]["builtin"][0]["evidence"]'
check "write: atomic (no temp file left)" test "$(ls "$T/xf")" = builtin.json

# 2. the file as --expected-failures: exit 0, the failure is an xfail.
run use "${V[@]}" --report-dir "$T/r2" --expected-failures "$T/xf/builtin.json"
check "use: exit 0" test "$(rc use)" = 0
check "use: xfailed" json "$T/r2/report.json" 'r["summary"]["xfailed"]==1 and r["summary"]["failed"]==0 and r["unused_expected_failures"]==[]'

# 3. rewriting from a run that already lists it keeps the edited words.
python3 - "$T/xf/builtin.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["impls"]["builtin"][0]["reason"] = "edited: the fixture expects the wrong code on purpose"
d["impls"]["builtin"][0]["evidence"] = "edited: harness/tests/data/runner/wrong/wrong-expect.json"
json.dump(d, open(sys.argv[1], "w"))
PY
run rewrite "${V[@]}" --report-dir "$T/r3" --expected-failures "$T/xf/builtin.json" --write-expected-failures "$T/xf/again.json"
check "rewrite: exit 0" test "$(rc rewrite)" = 0
check "rewrite: keeps the edited reason and evidence" json "$T/xf/again.json" \
    'r["impls"]["builtin"][0]["reason"].startswith("edited: ") and r["impls"]["builtin"][0]["evidence"].startswith("edited: ")'

# 4. a passing run writes an empty list, which loads.
run clean --impl builtin --vectors "$D/pass" --report-dir "$T/r4" --write-expected-failures "$T/xf/none.json"
check "clean: exit 0, nothing listed" bash -c "test $(rc clean) = 0 && grep -q 'wrote 0 expected failures of 0 implementations' '$T/clean.err'"
run clean2 --impl builtin --vectors "$D/pass" --report-dir "$T/r4b" --expected-failures "$T/xf/none.json"
check "clean: the empty file loads" test "$(rc clean2)" = 0

# 5. an unwritable path (its folder is a file) is exit 2, naming it.
run nowhere "${V[@]}" --report-dir "$T/r5" --write-expected-failures "$T/xf/none.json/x.json"
check "unwritable: exit 2" test "$(rc nowhere)" = 2
check "unwritable: named" grep -q -- "--write-expected-failures $T/xf/none.json/x.json: .*is not a folder" "$T/nowhere.err"

# 6. entries for an implementation that did not run: reported, not ignored.
cat >"$T/xf/two.json" <<'JSON'
{"format": "sdkconform-expected-failures/1",
 "impls": {"builtin": [{"id": "runner.wrong.code", "reason": "fixture", "evidence": "wrong-expect.json"}],
           "js-v3": [{"id": "runner.wrong.code", "reason": "fixture", "evidence": "wrong-expect.json"}]}}
JSON
run unused "${V[@]}" --report-dir "$T/r6" --expected-failures "$T/xf/two.json"
check "unused: the run still passes" test "$(rc unused)" = 0
check "unused: a warning line" grep -q "warning: $T/xf/two.json: the expected failure runner.wrong.code of js-v3 was not used: js-v3 did not run in this run" "$T/unused.err"
check "unused: report.json unused_expected_failures" json "$T/r6/report.json" \
    "r['unused_expected_failures']==[{'impl':'js-v3','id':'runner.wrong.code','file':'$T/xf/two.json'}]"
# ... while a stale entry of an implementation that ran still fails the run.
run stale --impl builtin --vectors "$D/pass" --expected-failures "$D/xfail-stale.json" --report-dir "$T/r7"
check "stale: exit 1 as before" test "$(rc stale)" = 1

# 7. failures no entry covers (a bad signature, MUST) are counted, not listed.
A="$SDKC_SOURCE_DIR/harness/tests/adapters/sigv4_misbehave.py"
run sig --vectors "$SDKC_SOURCE_DIR/corpus/vectors" --impl-cmd "python3 '$A' tamper_sig" \
    --filter 'req.token.*' --report-dir "$T/r8" --write-expected-failures "$T/xf/sig.json"
check "sigv4: exit 1" test "$(rc sig)" = 1
check "sigv4: 4 failures not listed" grep -q "4 failures not listed there: the checks sigv4 (MUST), requests and framing" "$T/sig.err"
check "sigv4: nothing listed" json "$T/xf/sig.json" 'r["impls"]=={}'

[ $fails -eq 0 ] && echo "replay_expected_failures: ok"
exit $fails
