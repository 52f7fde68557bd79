#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ctest-labels: no-asan;fuzz;needs-clang;slow
#
# sh.fuzz_clusterfuzzlite: .clusterfuzzlite/build.sh outside Docker, with
# the OSS-Fuzz variables set to local values (docs/DESIGN.md): every target must
# land in $OUT as a libFuzzer binary with its seed corpus zip, dictionary
# and options; and each binary must run its own seeds.
# Skipped (77) without clang or zip, and in the sanitizer build.
set -euo pipefail

src=${SDKC_SOURCE_DIR:?}
bin=${SDKC_BINARY_DIR:?}
command -v clang >/dev/null || { echo "clang not found: skipped"; exit 77; }
command -v zip >/dev/null && command -v unzip >/dev/null || { echo "zip/unzip not found: skipped"; exit 77; }
if grep -Eq '^SDKC_SANITIZE:STRING=.+' "$bin/CMakeCache.txt" 2>/dev/null; then
  echo "sanitizer build: skipped"; exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# The build folder persists in the build tree, so a second `make test`
# rebuilds incrementally; $OUT is fresh each time.
work="$bin/fuzz-cflite-work"
mkdir -p "$tmp/src" "$tmp/out" "$work"
ln -s "$src" "$tmp/src/sdkconform"

CC=clang CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link" \
LIB_FUZZING_ENGINE=-fsanitize=fuzzer SRC="$tmp/src" OUT="$tmp/out" WORK="$work" \
  bash "$src/.clusterfuzzlite/build.sh" >"$tmp/build.log" 2>&1 || { tail -n 60 "$tmp/build.log"; fail "build.sh failed"; }

for t in json decode errors sigv4 vector spec adapter_line; do
  [[ -x $tmp/out/$t ]] || fail "$t: no binary in \$OUT"
  [[ -s $tmp/out/$t.dict ]] || fail "$t: no dictionary"
  grep -q '^max_len = [0-9]' "$tmp/out/$t.options" || fail "$t: options without max_len"
  grep -q "^dict = $t.dict" "$tmp/out/$t.options" || fail "$t: options do not name the dictionary"
  n=$(unzip -Z1 "$tmp/out/${t}_seed_corpus.zip" | wc -l)
  seeds=$(find "$src/corpus/fuzz/$t" -path "*/regressions" -prune -o -type f ! -name '.*' -print | wc -l)
  [[ $n -eq $seeds ]] || fail "$t: seed zip has $n files, corpus/fuzz/$t has $seeds"
  if unzip -Z1 "$tmp/out/${t}_seed_corpus.zip" | grep -q regressions; then fail "$t: regressions zipped"; fi
  mkdir -p "$tmp/seeds/$t"
  unzip -q -o "$tmp/out/${t}_seed_corpus.zip" -d "$tmp/seeds/$t"
  # The libFuzzer engine is linked in: it runs the seeds and says INITED.
  "$tmp/out/$t" -runs=0 "$tmp/seeds/$t" >"$tmp/$t.run" 2>&1 || { cat "$tmp/$t.run"; fail "$t: seeds failed"; }
  grep -q "INITED cov: [1-9]" "$tmp/$t.run" || fail "$t: no coverage reported"
  # Found at run time from $OUT/lib (the runner image lacks them).
  ldd "$tmp/out/$t" | grep -q "not found" && fail "$t: unresolved shared library"
done

echo "ok: build.sh produced 7 targets with seeds, dictionaries and options"
