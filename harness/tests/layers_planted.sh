#!/bin/bash
# ctest-labels: slow
# tools/check-layers catches each kind of violation it exists for: on a
# copy of the tree (the layers of harness/LAYERS, cmake/SdkcDeps.cmake) that passes, one
# planted bad #include or link entry at a time must make it fail, naming
# the file. A checker that passes everything would pass sh.layers too.
set -euo pipefail
src=$SDKC_SOURCE_DIR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fresh() {
    rm -rf "$tmp/root"
    mkdir -p "$tmp/root/cmake" "$tmp/root/harness"
    cp "$src/harness/LAYERS" "$tmp/root/harness/"
    for l in $(sed -n 's/^\([a-z][a-z0-9_]*\).*/\1/p' "$src/harness/LAYERS"); do
        cp -R "$src/harness/$l" "$tmp/root/harness/"
    done
    cp "$src/cmake/SdkcDeps.cmake" "$tmp/root/cmake/"
}

# expect_fail WHAT PATTERN: check-layers exits 1 and prints PATTERN.
expect_fail() {
    local out rc=0
    out=$("$src/tools/check-layers" "$tmp/root" 2>&1) || rc=$?
    if [ "$rc" -ne 1 ] || ! grep -q -- "$2" <<<"$out"; then
        echo "FAIL: planted $1 not caught (exit $rc):"
        echo "$out"
        exit 1
    fi
    echo "caught: $1: $(grep -- "$2" <<<"$out" | head -1)"
}

fresh
"$src/tools/check-layers" "$tmp/root" >/dev/null || { echo "FAIL: the clean copy does not pass"; exit 1; }

# 1. An upward include: core reaching the report layer.
fresh
printf '#include "report/report.h"\n' >> "$tmp/root/harness/core/buf.c"
expect_fail "upward include" "core/buf.c:[0-9]* (core) includes report/report.h"

# 2. A "must never" pair that is not upward: sigv4 knowing specs.
fresh
printf '#include "spec/spec.h"\n' >> "$tmp/root/harness/sigv4/sign.c"
expect_fail "sigv4 -> spec" "sigv4/sign.c:[0-9]* (sigv4 must never know spec)"

# 3. Another layer's private/ header, from a layer above it.
fresh
printf '#include "vectors/private/vector_internal.h"\n' >> "$tmp/root/harness/runner/runner.c"
expect_fail "private include" "runner/runner.c:[0-9]* (runner) includes vectors/private/vector_internal.h (private to vectors)"

# 4. A private/ header of the layer itself stays allowed; a fuzz target
#    reaching one is not (fuzz/ is checked when present).
mkdir -p "$tmp/root/fuzz"
printf '#include "sigv4/private/canonical.h"\n' > "$tmp/root/fuzz/planted.c"
expect_fail "private include from fuzz/" "fuzz/planted.c:[0-9]* includes sigv4/private/canonical.h"
rm -rf "$tmp/root/fuzz"

# 5. A layer including a lower layer its SDKC_DEPS line does not link.
fresh
printf '#include "codec/codec.h"\n' >> "$tmp/root/harness/runner/runner.c"
expect_fail "unlinked include" "harness/runner includes codec but SDKC_DEPS_runner"

# 6. A linked layer that is never included.
fresh
sed -i 's/^set(SDKC_DEPS_http core)/set(SDKC_DEPS_http core spec)/' "$tmp/root/cmake/SdkcDeps.cmake"
expect_fail "unused link" "SDKC_DEPS_http .* links spec but harness/http includes none of it"

# 7. The order comes from harness/LAYERS: swapping two layers there turns
#    a legal include into an upward one.
fresh
sed -i 's/^core$/CORE_TMP/; s/^http$/core/; s/^CORE_TMP$/http/' "$tmp/root/harness/LAYERS"
expect_fail "order from harness/LAYERS" "(core) includes http/\|(http) is above\|includes core/.*core is above"
echo "all planted violations caught"
