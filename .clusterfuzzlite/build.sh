#!/bin/bash -eu
# SPDX-License-Identifier: Apache-2.0
#
# .clusterfuzzlite/build.sh: build every fuzz target the OSS-Fuzz way
# (https://google.github.io/oss-fuzz/getting-started/new-project-guide/):
# compiled with $CC $CFLAGS, linked with $LIB_FUZZING_ENGINE, installed in
# $OUT with <target>_seed_corpus.zip, <target>.dict and <target>.options.
#
# Also runs outside Docker (the test sh.fuzz_clusterfuzzlite does):
#   CC=clang CFLAGS="-fsanitize=address,fuzzer-no-link" \
#   LIB_FUZZING_ENGINE=-fsanitize=fuzzer SRC=/path/to/parent OUT=$(mktemp -d) \
#   .clusterfuzzlite/build.sh
#
# Shared libraries the runner image may lack (libcjson, libcurl, ...) are
# copied into $OUT/lib and found through an $ORIGIN rpath, since the
# ClusterFuzzLite runner image only has the base system.
: "${CC:?}" "${OUT:?}" "${LIB_FUZZING_ENGINE:?}"
CFLAGS=${CFLAGS:-}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -n ${SRC:-} && -d $SRC/sdkconform/fuzz ]]; then
  proj=$(cd -P "$SRC/sdkconform" && pwd) # physical: a symlinked checkout keeps one CMake cache
else
  proj=$here
fi
work=${WORK:-$(mktemp -d)}
build=$work/sdkconform-build
targets=(json decode errors sigv4 vector spec adapter_line)

cmake -S "$proj" -B "$build" \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$CFLAGS" \
  -DCMAKE_BUILD_TYPE=Release -DSDKC_BUILD_TESTS=OFF -DSDKC_WERROR=OFF \
  -DSDKC_FUZZ=libfuzzer -DSDKC_FUZZ_INSTRUMENT="" \
  -DSDKC_FUZZ_ENGINE_LINK="$LIB_FUZZING_ENGINE -Wl,-rpath,\$ORIGIN/lib" \
  -DSDKC_SHARED_DIR="$proj/../shared"
cmake --build "$build" -j "$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}")

mkdir -p "$OUT/lib"
for t in "${targets[@]}"; do
  cp "$build/fuzz/fuzz_$t" "$OUT/$t"
  cp "$proj/fuzz/$t.dict" "$OUT/$t.dict"
  cp "$proj/fuzz/$t.options" "$OUT/$t.options"
  rm -f "$OUT/${t}_seed_corpus.zip"
  # Seeds only: regressions/ holds known findings, which the engines would
  # report again on their first run.
  (cd "$proj/corpus/fuzz/$t" && find . -path ./regressions -prune -o -type f ! -name '.*' -print0 |
     xargs -0 zip -q -j "$OUT/${t}_seed_corpus.zip")
  # Libraries outside the base system travel with the binaries.
  ldd "$OUT/$t" | awk '/=> \//{print $3}' | while read -r lib; do
    case $(basename "$lib") in
      libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|ld-linux*|libgcc_s.so*|libstdc++.so*) ;;
      *) cp -n "$lib" "$OUT/lib/" ;;
    esac
  done
done
echo "build.sh: ${#targets[@]} targets in $OUT"
