#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# The `sdkconform gen` command-line contract: exit 2 on bad arguments or a
# bad model (message names the problem), exit 0 with byte-identical output
# for the same model, and the committed generated corpus equals fresh output.
set -u
if [ -z "${SDKC:-}" ] || [ ! -x "$SDKC" ]; then
    echo "SKIP: SDKC (path of build/sdkconform) is not set" >&2
    exit 77
fi
src=${SDKC_SOURCE_DIR:?}
tmp=$(mktemp -d "${SDKC_BINARY_DIR:-/tmp}/gen-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0

# expect_exit CODE NEEDLE -- ARGS...: run gen, check the exit code and that
# stderr (or stdout for --help) contains NEEDLE.
expect_exit() {
    local want=$1 needle=$2
    shift 3
    "$SDKC" gen "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL: gen $* exited $got, wanted $want" >&2
        cat "$tmp/err" >&2
        fails=$((fails + 1))
    elif [ -n "$needle" ] && ! grep -qF -- "$needle" "$tmp/out" "$tmp/err"; then
        echo "FAIL: gen $*: output lacks '$needle'" >&2
        cat "$tmp/out" "$tmp/err" >&2
        fails=$((fails + 1))
    fi
}

expect_exit 0 "usage: sdkconform gen" -- --help
expect_exit 2 "exactly one of --operation NAME and --all" --
expect_exit 2 "exactly one of --operation NAME and --all" -- --all --operation CreateUserProfile --out "$tmp/x"
expect_exit 2 "--out DIR is required" -- --operation CreateUserProfile
expect_exit 2 "unknown option '--bogus'" -- --bogus
expect_exit 2 "--out needs a value" -- --operation CreateUserProfile --out
expect_exit 2 "CreateUserProfil" -- --operation CreateUserProfil --out "$tmp/x"
expect_exit 2 "no-such-model.json" -- --spec "$tmp/no-such-model.json" --all --out "$tmp/x"
printf '{"metadata":' >"$tmp/broken.json"
expect_exit 2 "broken.json" -- --spec "$tmp/broken.json" --all --out "$tmp/x"
printf '{"metadata":{"protocol":"rest-json"},"operations":{"A":{"http":7}},"shapes":{}}' >"$tmp/bad-shape.json"
expect_exit 2 "bad-shape.json" -- --spec "$tmp/bad-shape.json" --all --out "$tmp/x"
if [ -e "$tmp/x" ]; then
    echo "FAIL: a refused gen left files behind in $tmp/x" >&2
    fails=$((fails + 1))
fi

# Deterministic, and equal to the committed corpus.
expect_exit 0 "97 vectors in 5 files" -- --operation CreateUserProfile --out "$tmp/a"
expect_exit 0 "" -- --operation CreateUserProfile --out "$tmp/b"
if ! diff -r "$tmp/a" "$tmp/b" >/dev/null; then
    echo "FAIL: two gen runs differ" >&2
    fails=$((fails + 1))
fi
if ! diff -r "$tmp/a" "$src/corpus/vectors/generated" >&2; then
    echo "FAIL: corpus/vectors/generated is stale: run tools/regen-corpus" >&2
    fails=$((fails + 1))
fi
expect_exit 0 "under $tmp/all" -- --all --out "$tmp/all"
if [ ! -s "$tmp/all/CreateUserProfile/errors.json" ]; then
    echo "FAIL: gen --all wrote no errors.json" >&2
    fails=$((fails + 1))
fi
# An output folder that cannot be created is an I/O failure, not usage.
: >"$tmp/file"
expect_exit 1 "" -- --operation CreateUserProfile --out "$tmp/file/sub"

if [ "$fails" -ne 0 ]; then
    echo "gen_cli: $fails failure(s)" >&2
    exit 1
fi
echo "gen_cli: ok"
