#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# sh.replay_basic: `sdkconform replay` can pass, fail and refuse (docs/DESIGN.md):
# a wrong expectation exits 1 with the right diff and a rerun command that
# works; a malformed vector file exits 2 naming file and JSON path; expected
# failures turn into xfail, a stale entry (xpass) fails the run, an unknown id
# is exit 2; --level gates; --filter selects; --jobs does not change the
# report; report.json and junit.xml parse back with the documented keys.
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

# 1. everything passes
run pass --impl builtin --vectors "$D/pass" --report-dir "$T/r1"
check "pass: exit 0" test "$(rc pass)" = 0
check "pass: report.json keys" json "$T/r1/report.json" \
    'set(r)>={"tool","impls","summary","results"} and r["tool"]["name"]=="sdkconform" and r["impls"][0]["name"]=="builtin" and "version" in r["impls"][0] and set(r["summary"])>={"total","passed","failed","skipped","xfailed","xpassed","errors"} and r["summary"]["total"]==7 and r["summary"]["passed"]==7 and all(set(x)>={"id","impl","level","status","message","duration_ms"} for x in r["results"]) and r["partial"] is False'
check "pass: junit.xml parses, one suite, 7 cases" python3 -c '
import sys, xml.etree.ElementTree as E
t = E.parse(sys.argv[1]).getroot()
s = t.findall("testsuite")
assert t.tag == "testsuites" and len(s) == 1 and s[0].get("name") == "builtin"
assert len(s[0].findall("testcase")) == 7 and s[0].get("tests") == "7" and s[0].get("failures") == "0"
' "$T/r1/junit.xml"
check "pass: report.html written" grep -q '<table id=matrix>' "$T/r1/report.html"
check "pass: summary line" grep -q '^PASSED: 7 results' "$T/pass.out"

# 2. a wrong expectation fails with the path-level diff and a rerun command
run wrong --impl builtin --vectors "$D/pass" --vectors "$D/wrong" --report-dir "$T/r2"
check "wrong: exit 1" test "$(rc wrong)" = 1
check "wrong: id and level" grep -q '^FAIL \[MUST\] runner.wrong.code' "$T/wrong.out"
check "wrong: refs" grep -q 'refs: \["harness-self-test"\]' "$T/wrong.out"
check "wrong: diff" grep -qF '$.error.code: wanted "ValidationException", got "ResourceNotFoundException"' "$T/wrong.out"
check "wrong: report.json status" json "$T/r2/report.json" \
    '[x["status"] for x in r["results"] if x["id"]=="runner.wrong.code"]==["fail"] and r["summary"]["failed"]==1 and r["summary"]["passed"]==7'
check "wrong: junit failure carries the diff" python3 -c '
import sys, xml.etree.ElementTree as E
t = E.parse(sys.argv[1]).getroot()
f = [c for c in t.iter("testcase") if c.get("name") == "runner.wrong.code"][0].find("failure")
assert f is not None and "ValidationException" in f.text and "rerun:" in f.text
' "$T/r2/junit.xml"
rerun=$(sed -n 's/^  rerun: //p' "$T/wrong.out" | head -1)
check "wrong: rerun command present" test -n "$rerun"
check "wrong: rerun writes its reports under the run's --report-dir/rerun" \
    bash -c "case \"\$1\" in *\" --report-dir '$T/r2/rerun' \"*) ;; *) exit 1;; esac" _ "$rerun"
(cd "$SDKC_SOURCE_DIR" && eval "$rerun" >"$T/rerun.out" 2>&1); rrc=$?
check "wrong: rerun reruns just that vector and fails again" \
    bash -c "test $rrc = 1 && grep -q '^FAILED: 1 results' '$T/rerun.out'"
check "wrong: the rerun's report is its own" json "$T/r2/rerun/report.json" 'r["summary"]["total"]==1'
check "wrong: the full run's report is not overwritten by the rerun" json "$T/r2/report.json" \
    'r["summary"]["total"]==8'

# 2b. no --report-dir: ./sdkconform-reports of the current directory, made
# with a .gitignore of "*" (a run from a checkout leaves git status clean);
# reruns write sdkconform-reports/rerun
mkdir -p "$T/cwd"
(cd "$T/cwd" && "$SDKC" replay --impl builtin --vectors "$D/wrong" >"$T/dflt.out" 2>&1)
check "default dir: reports in ./sdkconform-reports" test -s "$T/cwd/sdkconform-reports/report.json"
check "default dir: .gitignore holds *" test "$(cat "$T/cwd/sdkconform-reports/.gitignore")" = '*'
check "default dir: console names it" grep -q 'reports in sdkconform-reports/$' "$T/dflt.out"
check "default dir: rerun writes sdkconform-reports/rerun" \
    grep -q "^  rerun: .* --report-dir 'sdkconform-reports/rerun' " "$T/dflt.out"
echo keep >"$T/cwd/sdkconform-reports/.gitignore"
(cd "$T/cwd" && "$SDKC" replay --impl builtin --vectors "$D/wrong" >/dev/null 2>&1)
check "default dir: an existing folder is left as it is" \
    test "$(cat "$T/cwd/sdkconform-reports/.gitignore")" = keep

# 3. a malformed vector file: exit 2 naming the file and the JSON path
run bad --impl builtin --vectors "$D/bad" --report-dir "$T/r3"
check "bad: exit 2" test "$(rc bad)" = 2
check "bad: names file and path" grep -q 'bad-level.json: $.vectors\[1\].level' "$T/bad.err"

# 4. expected failures: xfail passes, a stale entry fails, unknown ids are exit 2
run xf --impl builtin --vectors "$D/pass" --vectors "$D/wrong" --expected-failures "$D/xfail-wrong.json" --report-dir "$T/r4"
check "xfail: exit 0" test "$(rc xf)" = 0
check "xfail: counted" json "$T/r4/report.json" 'r["summary"]["xfailed"]==1 and r["summary"]["failed"]==0'
run stale --impl builtin --vectors "$D/pass" --expected-failures "$D/xfail-stale.json" --report-dir "$T/r5"
check "stale: exit 1" test "$(rc stale)" = 1
check "stale: xpass reported" bash -c "grep -q '^XPASS \[MUST\] runner.response.success' '$T/stale.out'"
check "stale: report.json xpassed" json "$T/r5/report.json" 'r["summary"]["xpassed"]==1'
run unknown --impl builtin --vectors "$D/pass" --expected-failures "$D/xfail-unknown.json" --report-dir "$T/r6"
check "unknown id: exit 2" test "$(rc unknown)" = 2
check "unknown id: named" grep -q 'xfail-unknown.json: $.impls.builtin\[0\].id: "runner.no.such.vector"' "$T/unknown.err"

# 5. --level gating: SHOULD and MAY failures are warnings under must
run lm --impl builtin --vectors "$D/levels" --report-dir "$T/r7"
check "level must: exit 0 with warnings" bash -c "test $(rc lm) = 0 && grep -q '^WARN \[SHOULD\]' '$T/lm.out'"
run ls --impl builtin --vectors "$D/levels" --level should --report-dir "$T/r8"
check "level should: exit 1" test "$(rc ls)" = 1
check "level should: MAY still a warning" grep -q '^WARN \[MAY\] runner.levels.may' "$T/ls.out"
run ly --impl builtin --vectors "$D/levels" --level may --report-dir "$T/r9"
check "level may: exit 1, both fail" bash -c "test $(rc ly) = 1 && test \$(grep -c '^FAIL \\[' '$T/ly.out') = 2"

# 6. --filter selects by glob; --jobs keeps the report order
run flt --impl builtin --vectors "$D/pass" --filter 'runner.response.*' --report-dir "$T/r10"
check "filter: 4 selected" json "$T/r10/report.json" 'r["summary"]["total"]==4 and all(x["id"].startswith("runner.response.") for x in r["results"])'
run j1 --impl builtin --vectors "$D/pass" --vectors "$D/levels" --vectors "$D/wrong" --jobs 1 --report-dir "$T/j1"
run j4 --impl builtin --vectors "$D/pass" --vectors "$D/levels" --vectors "$D/wrong" --jobs 4 --report-dir "$T/j4"
check "jobs: same ids, statuses and order" python3 -c '
import json, sys
a, b = (json.load(open(p))["results"] for p in sys.argv[1:3])
assert [(x["id"], x["status"], x["message"]) for x in a] == [(x["id"], x["status"], x["message"]) for x in b]
' "$T/j1/report.json" "$T/j4/report.json"

# 7. usage errors are exit 2
run u1 --vectors "$D/pass"
check "no --impl: exit 2" test "$(rc u1)" = 2
run u2 --impl nosuch --vectors "$D/pass"
check "unknown impl: exit 2" test "$(rc u2)" = 2
run u3 --impl builtin --vectors "$D/pass" --shard 3/2
check "bad shard: exit 2" test "$(rc u3)" = 2
run u4 --impl builtin --vectors "$D/nonexistent"
check "missing vectors path: exit 2" bash -c "test $(rc u4) = 2 && grep -q nonexistent '$T/u4.err'"

run u5 --impl builtin --vectors "$D/pass" --report-dir /proc/no/such/dir
check "unusable --report-dir: exit 2 naming it" bash -c "test $(rc u5) = 2 && grep -q 'report-dir /proc/no/such/dir' '$T/u5.err'"

# 8. report.html is well-formed enough for a strict parser and self-contained
# (in-page links "#x" only: nothing fetched or left to)
check "report.html: balanced, no external resources" python3 -c '
import sys, html.parser
class P(html.parser.HTMLParser):
    void = {"meta", "br", "link", "img", "input", "hr"}
    def __init__(self):
        super().__init__(); self.stack = []; self.ext = []
    def handle_starttag(self, t, a):
        for k, v in a:
            if k == "src" or (k == "href" and not (v or "").startswith("#")) or (v and "url(" in v):
                self.ext.append((t, k, v))
        if t not in self.void: self.stack.append(t)
    def handle_endtag(self, t):
        assert self.stack and self.stack[-1] == t, (t, self.stack[-3:])
        self.stack.pop()
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read()); p.close()
assert not p.stack, p.stack
assert not p.ext, p.ext
' "$T/r2/report.html"

echo "$fails failure(s)"
[ "$fails" = 0 ]
