#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# `cmake --install` of this build into a temporary prefix gives a binary that
# finds its own corpus and adapters (core/paths.h: the data installed next
# to it comes before the source folder compiled in) when run from another
# folder with every SDKC_* override unset.
# ctest-labels: slow
set -eu
: "${SDKC_BINARY_DIR:?}" "${SDKC_SOURCE_DIR:?}"
command -v cmake >/dev/null || { echo "SKIP: cmake not on PATH"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$SDKC_BINARY_DIR" --prefix "$T/inst" >"$T/install.log" 2>&1 ||
    { cat "$T/install.log" >&2; fail "cmake --install"; }
D="$T/inst/share/sdkconform"
test -x "$T/inst/bin/sdkconform" || fail "no bin/sdkconform"
for f in adapters/PROTOCOL.md adapters/boto3/adapter.py adapters/js-v3/adapter.mjs \
         corpus/vectors/enums/type.json specs/datazone-createuserprofile.json docs/DESIGN.md; do
    test -f "$D/$f" || fail "not installed: share/sdkconform/$f"
done

# Keep one folder of the installed corpus, so a run over the source tree's
# corpus (which the binary must not read) would count more vectors.
find "$D/corpus/vectors" -mindepth 1 -maxdepth 1 ! -name enums -exec rm -rf {} +
want=$(cd / && "$T/inst/bin/sdkconform" replay --impl builtin \
    --vectors "$SDKC_SOURCE_DIR/corpus/vectors/enums" --report-dir "$T/want" >/dev/null 2>&1;
    grep -o '"vectors_read":[0-9]*' "$T/want/report.json")
unset SDKC_CORPUS SDKC_ADAPTERS_DIR SDKC_SPECS
(cd / && "$T/inst/bin/sdkconform" replay --impl builtin --report-dir "$T/r" >"$T/out" 2>&1) ||
    { cat "$T/out" >&2; fail "installed replay from / failed"; }
got=$(grep -o '"vectors_read":[0-9]*' "$T/r/report.json")
[ -n "$want" ] && [ "$got" = "$want" ] || fail "installed corpus not used: $got, want $want"

# The bundled adapters come from the install too: with its boto3 script
# gone, the error names the installed folder.
if command -v python3 >/dev/null; then
    rm "$D/adapters/boto3/adapter.py"
    rc=0
    (cd / && "$T/inst/bin/sdkconform" replay --impl boto3 --no-report >"$T/out2" 2>&1) || rc=$?
    [ "$rc" = 3 ] || [ "$rc" = 2 ] || { cat "$T/out2" >&2; fail "boto3 without its script: exit $rc"; }
    grep -qF "$D/adapters/boto3/adapter.py is missing" "$T/out2" ||
        { cat "$T/out2" >&2; fail "adapters not looked up in the install"; }
fi
echo "install tree: ok ($got)"
