#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# sh.cli_opts: all eight commands parse their arguments with the one parser
# (harness/cli/opts.h). For each: --opt=value does what --opt value does;
# -- ends the options; an unknown option, a missing or empty value, a flag
# given a value, a repeated option and a stray argument are exit 2 with
# nothing on stdout and, on stderr, the same words for every command; and
# every option --help lists is one the parser takes.
set -u
SDKC=$(realpath "$SDKC") # commands run from the temp folder
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() {
    echo "FAIL: $*"
    fails=$((fails + 1))
}
CMDS=(decode encode gen import live replay serve sign)
VEC="$SDKC_SOURCE_DIR/corpus/vectors/request/basic.json"
[ -f "$VEC" ] || { echo "FAIL: $VEC missing"; exit 1; }
export AWS_ACCESS_KEY_ID=AKIDCLIOPTSTEST
export AWS_SECRET_ACCESS_KEY='cliOptsSecret/Key+0123456789abcdefghijklm'
unset AWS_SESSION_TOKEN AWS_PROFILE

# run NAME ARGS...: the command's stdout, stderr and exit code in $tmp/NAME.*
# (run from $tmp, so relative operands such as "-body.json" resolve there)
run() {
    local n=$1
    shift
    (cd "$tmp" && "$SDKC" "$@" >"$tmp/$n.out" 2>"$tmp/$n.err" </dev/null)
    echo $? >"$tmp/$n.rc"
}
rc() { cat "$tmp/$1.rc"; }

# refused CMD MESSAGE ARGS...: exit 2, no stdout, stderr exactly
#   sdkconform CMD: MESSAGE
#   (see 'sdkconform CMD --help')
refused() {
    local cmd=$1 msg=$2
    shift 2
    run refused "$cmd" "$@"
    printf "sdkconform %s: %s\n(see 'sdkconform %s --help')\n" "$cmd" "$msg" "$cmd" >"$tmp/want"
    [ "$(rc refused)" = 2 ] || fail "$cmd $*: exit $(rc refused), wanted 2"
    [ -s "$tmp/refused.out" ] && fail "$cmd $*: stdout on a usage error: $(cat "$tmp/refused.out")"
    cmp -s "$tmp/want" "$tmp/refused.err" ||
        fail "$cmd $*: stderr
  got:    $(cat "$tmp/refused.err")
  wanted: $(cat "$tmp/want")"
}

# same A B WHAT: runs A and B had the same exit code and the same output
same() {
    [ "$(rc "$1")" = "$(rc "$2")" ] || fail "$3: exit $(rc "$1") vs $(rc "$2")"
    cmp -s "$tmp/$1.out" "$tmp/$2.out" || fail "$3: stdout differs"
    cmp -s "$tmp/$1.err" "$tmp/$2.err" || fail "$3: stderr differs"
}

printf 'GET / HTTP/1.1\nHost: example.amazonaws.com\n\n' >"$tmp/req.txt"
cp "$tmp/req.txt" "$tmp/-req.txt"
printf '{"a":[1,2]}' >"$tmp/-body.json"

# ---- one wording for every command -----------------------------------------
# an option value each command requires, and a flag of it (import and serve
# have none)
declare -A VALUE=([decode]=--status [encode]=--params [gen]=--out [import]=--out
    [live]=--region [replay]=--report-dir [serve]=--vector [sign]=--region)
declare -A FLAG=([decode]=--pretty [encode]=--compact [gen]=--all [live]=--simulate
    [replay]=--verbose [sign]=--query)
for c in "${CMDS[@]}"; do
    v=${VALUE[$c]}
    refused "$c" "unknown option '--bogus'" --bogus
    refused "$c" "unknown option '--bogus'" --bogus=1
    refused "$c" "unknown option '-x'" -x
    refused "$c" "$v needs a value" "$v"
    refused "$c" "$v needs a value" "$v="
    refused "$c" "$v needs a value" "$v" ""
    refused "$c" "$v given twice" "$v" 201 "$v" 202
    refused "$c" "$v given twice" "$v=201" "$v=202"
    if [ -n "${FLAG[$c]:-}" ]; then
        refused "$c" "${FLAG[$c]} takes no value" "${FLAG[$c]}=yes"
        refused "$c" "${FLAG[$c]} given twice" "${FLAG[$c]}" "${FLAG[$c]}"
    fi
    refused "$c" "--help takes no value" --help=1
done
# stray arguments: commands without operands, and past a command's count
for c in encode gen live replay serve; do
    refused "$c" "unexpected argument 'stray'" stray
    refused "$c" "unexpected argument '--verbose'" -- --verbose
done
refused decode "unexpected argument 'b' (at most 1 BODY_FILE | -)" a b
refused sign "unexpected argument 'b' (at most 1 REQUEST_FILE | -)" a b
mapfile -t many < <(seq -f 'f%g.json' 65)
refused import "unexpected argument 'f65.json' (at most 64 FILE)" --out "$tmp/i" "${many[@]}"
# a repeatable option past its cap (replay: SDKC_RUNNER_MAX_XFAIL_FILES)
xf=()
for i in $(seq 17); do xf+=(--expected-failures "x$i"); done
refused replay "--expected-failures given more than 16 times" "${xf[@]}"
# required options, by the same table
refused decode "--operation NAME is required" --status 201
refused encode "--params JSON|@FILE is required" --operation CreateUserProfile
refused gen "--out DIR is required" --all
refused import "FILE is required" --out "$tmp/i"
refused live "--region R is required" --simulate
refused serve "--vector ID is required"
refused sign "--service SVC is required" --region us-east-1

# ---- --opt=value does what --opt value does --------------------------------
run d1 decode --operation CreateUserProfile --status 404 \
    --header 'X-Amzn-Errortype: ResourceNotFoundException'
run d2 decode --operation=CreateUserProfile --status=404 \
    --header='X-Amzn-Errortype: ResourceNotFoundException'
same d1 d2 "decode --opt=value"
[ "$(rc d2)" = 0 ] && grep -q ResourceNotFoundException "$tmp/d2.out" || fail "decode: $(cat "$tmp/d2.err")"

P='{"domainIdentifier":"dzd_1","userIdentifier":"u"}'
run e1 encode --operation CreateUserProfile --params "$P" --token-seq --host example.com
run e2 encode --operation=CreateUserProfile --params="$P" --token-seq --host=example.com
same e1 e2 "encode --opt=value"
[ "$(rc e2)" = 0 ] && grep -q '"example.com"' "$tmp/e2.out" || fail "encode: $(cat "$tmp/e2.err")"

run g1 gen --operation CreateUserProfile --out "$tmp/g1"
run g2 gen --operation=CreateUserProfile --out="$tmp/g2"
[ "$(rc g1)" = 0 ] && [ "$(rc g2)" = 0 ] || fail "gen: exit $(rc g1) / $(rc g2)"
diff -r "$tmp/g1" "$tmp/g2" >/dev/null || fail "gen --opt=value wrote different files"

run i1 import --out "$tmp/i" "$tmp/missing.json"
run i2 import --out="$tmp/i" "$tmp/missing.json"
same i1 i2 "import --opt=value"
# (an unreadable FILE is an I/O failure, exit 1: the option was taken)
[ "$(rc i2)" = 1 ] && grep -q "missing.json: cannot open" "$tmp/i2.err" ||
    fail "import: exit $(rc i2): $(cat "$tmp/i2.err")"

run l1 live --simulate --region us-east-1 --report-dir "$tmp/l1"
run l2 live --simulate --region=us-east-1 --report-dir="$tmp/l2" --timeout-ms=5000
[ "$(rc l1)" = 0 ] && [ "$(rc l2)" = 0 ] || fail "live: exit $(rc l1) / $(rc l2)"
[ -s "$tmp/l2/report.json" ] || fail "live --report-dir=DIR: no report there"

run r1 replay --impl builtin --vectors "$VEC" --no-report --filter req.required-only
run r2 replay --impl=builtin --vectors="$VEC" --no-report --filter=req.required-only
sed -i 's/ in [0-9.]* s$//' "$tmp/r1.out" "$tmp/r2.out"
same r1 r2 "replay --opt=value"
[ "$(rc r2)" = 0 ] && grep -q "1 passed" "$tmp/r2.out" || fail "replay: $(cat "$tmp/r2.out")"

run s1 serve --vector no.such.id --vectors "$VEC"
run s2 serve --vector=no.such.id --vectors="$VEC"
same s1 s2 "serve --opt=value"
grep -q 'no vector with id "no.such.id"' "$tmp/s2.err" || fail "serve: $(cat "$tmp/s2.err")"

SIGN=(--service svc --access-key AK --secret-key SK --date 20150830T123600Z)
run k1 sign --region us-east-1 "${SIGN[@]}" req.txt
run k2 sign --region=us-east-1 --service=svc --access-key=AK --secret-key=SK \
    --date=20150830T123600Z req.txt
same k1 k2 "sign --opt=value"
[ "$(rc k2)" = 0 ] && grep -q '^Authorization:AWS4-HMAC-SHA256' "$tmp/k2.out" ||
    fail "sign: $(cat "$tmp/k2.err")"

# ---- -- ends the options ----------------------------------------------------
run dd1 decode --syntax-only -- -body.json
[ "$(rc dd1)" = 0 ] && grep -qx '{"valid":true}' "$tmp/dd1.out" || fail "decode -- FILE: $(cat "$tmp/dd1.err")"
refused decode "unknown option '-body.json'" --syntax-only -body.json
run kk1 sign --region us-east-1 "${SIGN[@]}" -- -req.txt
same k1 kk1 "sign -- FILE"
run ii1 import --out "$tmp/i" -- -missing.json
[ "$(rc ii1)" = 1 ] && grep -q -- "-missing.json: cannot open" "$tmp/ii1.err" ||
    fail "import -- FILE: exit $(rc ii1): $(cat "$tmp/ii1.err")"
# a trailing -- changes nothing
run ee1 encode --operation CreateUserProfile --params "$P" --token-seq --host example.com --
same e1 ee1 "encode ... --"
run rr1 replay --impl builtin --vectors "$VEC" --no-report --filter req.required-only --
sed -i 's/ in [0-9.]* s$//' "$tmp/rr1.out"
same r1 rr1 "replay ... --"
run ss1 serve --vector no.such.id --vectors "$VEC" --
same s1 ss1 "serve ... --"
run gg1 gen --operation CreateUserProfile --out "$tmp/gg1" --
[ "$(rc gg1)" = 0 ] || fail "gen ... --: exit $(rc gg1)"
run ll1 live --simulate --region us-east-1 --report-dir "$tmp/ll1" --
[ "$(rc ll1)" = 0 ] || fail "live ... --: exit $(rc ll1)"

# ---- help and parser agree --------------------------------------------------
for c in "${CMDS[@]}"; do
    run h1 "$c" --help
    run h2 "$c" -h
    [ "$(rc h1)" = 0 ] || fail "$c --help: exit $(rc h1)"
    same h1 h2 "$c -h and --help"
    head -n1 "$tmp/h1.out" | grep -q "^usage: sdkconform $c " || fail "$c --help: no usage line"
    grep -q -- '^  -h, --help ' "$tmp/h1.out" || fail "$c --help does not list --help"
    # every option row of the help is an option the parser takes
    opts=$(sed -n 's/^  \(-[a-z], \)\{0,1\}\(--[a-z0-9-]*\).*/\2/p' "$tmp/h1.out" | grep -vx -- --help)
    [ -n "$opts" ] || fail "$c --help lists no options"
    # (the trailing --bogus stops every command at parsing: nothing runs)
    for o in $opts; do
        run ho "$c" "$o=x" --bogus
        [ "$(rc ho)" = 2 ] || fail "$c $o=x --bogus: exit $(rc ho), wanted 2"
        grep -qF "unknown option '$o'" "$tmp/ho.err" &&
            fail "$c --help lists $o, which the parser refuses"
    done
done

if [ "$fails" -ne 0 ]; then
    echo "$fails failure(s)"
    exit 1
fi
echo "ok: one parser, one wording, for ${#CMDS[@]} commands"
