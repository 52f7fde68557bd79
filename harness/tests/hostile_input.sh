#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# sh.hostile_input: bad input to the harness is refused clearly (exit 2,
# naming the file and JSON path or the path) before a run, never a hang, a
# crash or a report lost at the end:
#   - --report-dir that is a file or cannot be written (replay, live);
#   - FIFOs and folders given where a file is expected (decode, replay);
#   - response headers a wire run cannot send (refused at load);
#   - terminal escapes in vectors and adapter output never reach the console
#     raw;
#   - the secret and access key id never reach any written file or stream,
#     in any of the encodings a request carries them in.
set -u
: "${SDKC:?}" "${SDKC_SOURCE_DIR:?}"
D="$SDKC_SOURCE_DIR/harness/tests/data/runner"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
check() { # check <description> <command...>
    local what=$1
    shift
    if "$@"; then echo "ok   $what"; else
        echo "FAIL $what"
        fails=$((fails + 1))
    fi
}
run() { # run <name> <args...>: stdout/stderr to $T/<name>.out/.err, rc to $T/<name>.rc
    local name=$1
    shift
    timeout 20 "$SDKC" "$@" >"$T/$name.out" 2>"$T/$name.err" </dev/null
    echo $? >"$T/$name.rc"
}
rc() { cat "$T/$1.rc"; }
has() { grep -qF -- "$2" "$T/$1.err"; } # has <name> <text in stderr>

# 1. --report-dir that is a file, or a folder nothing can be created in
#    (/proc/self: not even root can), is refused before the run.
: >"$T/afile"
run rd_file replay --impl builtin --vectors "$D/pass" --report-dir "$T/afile"
check "replay --report-dir FILE: exit 2" test "$(rc rd_file)" = 2
check "replay --report-dir FILE: names it" has rd_file "$T/afile: exists and is not a folder"
check "replay --report-dir FILE: nothing ran" test ! -s "$T/rd_file.out"
run rd_ro replay --impl builtin --vectors "$D/pass" --report-dir /proc/self
check "replay --report-dir unwritable: exit 2" test "$(rc rd_ro)" = 2
check "replay --report-dir unwritable: names it" has rd_ro "/proc/self: cannot write there"
AWS_ACCESS_KEY_ID=AKIDHOSTILE AWS_SECRET_ACCESS_KEY=hostileSecret AWS_PROFILE= \
    run live_file live --simulate --region us-east-1 --report-dir "$T/afile"
check "live --report-dir FILE: exit 2" test "$(rc live_file)" = 2
check "live --report-dir FILE: names it" has live_file "$T/afile: exists and is not a folder"

# 2. FIFOs given by name never block; folders say so.
mkfifo "$T/fifo"
mkdir "$T/folder"
run dec_fifo decode --operation CreateUserProfile --status 200 "$T/fifo"
check "decode FIFO: exit 2" test "$(rc dec_fifo)" = 2
check "decode FIFO: says what it is" has dec_fifo "$T/fifo: is a FIFO, not a regular file"
run dec_dir decode --operation CreateUserProfile --status 200 "$T/folder"
check "decode folder: exit 2" test "$(rc dec_dir)" = 2
check "decode folder: is a directory" has dec_dir "$T/folder: is a directory"
run rep_fifo replay --impl builtin --vectors "$T/fifo" --report-dir "$T/r_fifo"
check "replay --vectors FIFO: exit 2" test "$(rc rep_fifo)" = 2
check "replay --vectors FIFO: names it" has rep_fifo "$T/fifo: neither a regular file nor a folder"

# 3. A response header the mock endpoint cannot send is refused at load
#    (RFC 9110 §5.1 / §5.5), naming the file and the JSON path.
head -1 "$D/pass/response.jsonl" >"$T/one.jsonl"
python3 - "$T/one.jsonl" "$T/hdr" <<'PY'
import json, os, sys
v = json.loads(open(sys.argv[1]).readline())
os.mkdir(sys.argv[2])
for name, headers in [("space", {"X Bad": "1"}), ("colon", {"X:Bad": "1"}),
                      ("crlf-value", {"X-Bad": "1\r\nSet-Cookie: a=b"})]:
    w = dict(v, response=dict(v["response"], headers=dict(v["response"]["headers"], **headers)))
    json.dump(w, open(os.path.join(sys.argv[2], name + ".json"), "w"))
PY
for n in space colon crlf-value; do
    run "hdr_$n" replay --impl builtin --vectors "$T/hdr/$n.json" --report-dir "$T/r_hdr"
    check "header $n: exit 2" test "$(rc "hdr_$n")" = 2
    check "header $n: names file and path" has "hdr_$n" "$T/hdr/$n.json: \$.response.headers.X"
done

# 4. Terminal escapes from vectors and adapters never reach the console raw:
#    a title with ESC[2J (clear screen) and BEL on a failing vector, an id
#    with an OSC sequence in a load error, an adapter's stderr with escapes.
python3 - "$T/one.jsonl" "$T/esc" <<'PY'
import json, os, sys
v = json.loads(open(sys.argv[1]).readline())
os.mkdir(sys.argv[2])
w = dict(v, title="wipe \x1b[2J\x1b[H title \x07 bell \x9b31m c1 \u009b1m", expect={"output": {"id": "nope"}})
json.dump(w, open(os.path.join(sys.argv[2], "title.json"), "w"))
w = dict(v, id="evil\x1b]0;pwned\x07id")
json.dump(w, open(os.path.join(sys.argv[2], "id.json"), "w"), ensure_ascii=False)
PY
no_raw_ctl() { # no_raw_ctl <file>...: none holds ESC, BEL, CR, DEL or a C1 control
    ! LC_ALL=C grep -qP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$@"
}
run esc_title replay --impl builtin --vectors "$T/esc/title.json" --report-dir "$T/r_esc"
check "escapes: failing vector exits 1" test "$(rc esc_title)" = 1
check "escapes: title shown, made visible" grep -qF 'wipe \x1b[2J\x1b[H title \x07 bell' "$T/esc_title.out"
check "escapes: no raw control in stdout" no_raw_ctl "$T/esc_title.out"
check "escapes: no raw control in stderr" no_raw_ctl "$T/esc_title.err"
run esc_id replay --impl builtin --vectors "$T/esc/id.json" --report-dir "$T/r_esc2"
check "escapes: bad id exits 2" test "$(rc esc_id)" = 2
check "escapes: no raw control in the id error" no_raw_ctl "$T/esc_id.err"
run esc_adapter replay --impl-cmd "printf 'mock: \\033[2J\\033]0;pwned\\007 boom\\r\\n' >&2; exit 3" \
    --vectors "$T/one.jsonl" --no-report
check "escapes: failing adapter exits 3" test "$(rc esc_adapter)" = 3
check "escapes: adapter stderr shown" has esc_adapter 'mock: \x1b[2J\x1b]0;pwned\x07 boom'
check "escapes: no raw control from the adapter" no_raw_ctl "$T/esc_adapter.err" "$T/esc_adapter.out"

# 5. Secrets: a live run (simulated) with a secret that percent-encodes and
#    holds a space; no written file, nor stdout or stderr, holds it in any
#    form (raw, %XX, %xx, '+' for space, base64, hex), nor the access key id.
export_secret='wJalr/XUtn+FEMI K7MDENG=bPxRfi~CYEXAMPLEKEY'
AWS_ACCESS_KEY_ID=AKIDHOSTILEKEY01 AWS_SECRET_ACCESS_KEY="$export_secret" \
    AWS_SESSION_TOKEN='hostileToken/session+value=0123' AWS_PROFILE= \
    run live_sec live --simulate --region us-east-1 --allow-writes --domain dzd_sdkconformsim01 \
        --report-dir "$T/r_live"
check "secrets: live --simulate exits 0" test "$(rc live_sec)" = 0
check "secrets: live.json written" test -s "$T/r_live/live.json"
check "secrets: live.json still JSON" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/r_live/live.json"
check "secrets: no form of a secret or the key id in any file or stream" python3 - "$T" <<'PY'
import base64, os, sys, urllib.parse
t = sys.argv[1]
secret = "wJalr/XUtn+FEMI K7MDENG=bPxRfi~CYEXAMPLEKEY"
token = "hostileToken/session+value=0123"
forms = {"key id": "AKIDHOSTILEKEY01"}
for name, s in (("secret", secret), ("token", token)):
    up = urllib.parse.quote(s, safe="~")
    forms[name + " raw"] = s
    forms[name + " %XX"] = up
    forms[name + " %xx"] = "".join(c.lower() if i and (up[i - 1] == "%" or (i > 1 and up[i - 2] == "%")) else c for i, c in enumerate(up))
    forms[name + " +"] = urllib.parse.quote_plus(s, safe="~")
    forms[name + " base64"] = base64.b64encode(s.encode()).decode()
    forms[name + " hex"] = s.encode().hex()
files = [os.path.join(t, f) for f in ("live_sec.out", "live_sec.err")]
for d, _, names in os.walk(os.path.join(t, "r_live")):
    files += [os.path.join(d, n) for n in names]
bad = 0
for f in files:
    data = open(f, "rb").read().decode("utf-8", "replace")
    for what, v in forms.items():
        if v in data:
            print("  %s: holds the %s" % (f, what))
            bad = 1
sys.exit(bad)
PY

if [ "$fails" -ne 0 ]; then
    echo "$fails check(s) failed"
    exit 1
fi
echo "all hostile-input checks passed"
