#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ctest-labels: no-asan;fuzz;needs-clang;slow
#
# sh.fuzz_overnight: fuzz/run-overnight end to end on a short run:
# a real target (errors, libFuzzer flavour) next to a tiny libFuzzer
# binary built here with two distinct planted bugs, so that crash
# deduplication by stack hash, minimization, the regressions/ store with its
# REPRODUCE lines, the summary files, SIGINT and resume are all checked on
# known findings. Everything is written under a temporary folder (work,
# reports, regressions), never into the repository.
# Skipped (77) without clang, and in the sanitizer build (make test runs
# the suite twice; the fuzz builds carry their own ASan+UBSan).
set -euo pipefail

src=${SDKC_SOURCE_DIR:?}
bin=${SDKC_BINARY_DIR:?}
command -v clang >/dev/null || { echo "clang not found: skipped"; exit 77; }
command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
if grep -Eq '^SDKC_SANITIZE:STRING=.+' "$bin/CMakeCache.txt" 2>/dev/null; then
  echo "sanitizer build: skipped (the libFuzzer flavour is ASan+UBSan already)"; exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cat >"$tmp/planted.c" <<'C'
#include <stdint.h>
#include <stdlib.h>
static void planted_abort(void) { abort(); }
static void planted_uaf(void)
{
    volatile char *p = malloc(8);
    free((void *)p);
    p[1] = 1;
}
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    if (n >= 2 && d[0] == 'Q' && d[1] == 'Z')
        planted_abort();
    if (n >= 3 && d[0] == 'U' && d[1] == 'A' && d[2] == 'F')
        planted_uaf();
    return 0;
}
C
clang -g -O1 -fsanitize=fuzzer,address "$tmp/planted.c" -o "$tmp/planted"

ro=("$src/fuzz/run-overnight" --work "$tmp/w" --reports "$tmp/r" --regressions "$tmp/g"
    --extra-target "planted=$tmp/planted")

# ---- 1. a 20 s run: both planted bugs found once each, the real target fuzzed
set +e
"${ro[@]}" --time 20s --jobs 2 errors >"$tmp/run1.log" 2>&1
rc=$?
set -e
cat "$tmp/run1.log"
[[ $rc -eq 1 ]] || fail "run 1 exit $rc, want 1 (new unique crashes)"
regs=("$tmp"/g/planted/regressions/*-*)
[[ ${#regs[@]} -eq 2 ]] || fail "want 2 unique planted crashes, got ${#regs[@]}: ${regs[*]}"
[[ $(wc -l <"$tmp/g/planted/regressions/REPRODUCE") -eq 2 ]] || fail "REPRODUCE should have 2 lines"
grep -q "AddressSanitizer: heap-use-after-free" "$tmp/g/planted/regressions/REPRODUCE" ||
  fail "use-after-free not described"
grep -q "deadly signal" "$tmp/g/planted/regressions/REPRODUCE" || fail "abort not described"
# Each stored reproducer is minimized and reproduces with its one-line command.
while IFS= read -r line; do
  cmd=${line#*: }
  cmd=${cmd%%   #*}
  if (cd "$src" && $cmd) >/dev/null 2>&1; then fail "reproducer does not crash: $cmd"; fi
done <"$tmp/g/planted/regressions/REPRODUCE"
for f in "${regs[@]}"; do
  [[ $(stat -c %s "$f") -le 8 ]] || fail "$f not minimized ($(stat -c %s "$f") bytes)"
done
[[ ! -e $tmp/g/errors/regressions ]] || [[ -z $(ls "$tmp/g/errors/regressions") ]] ||
  fail "the errors target produced findings: $(cat "$tmp"/g/errors/regressions/REPRODUCE)"

summary=$(ls "$tmp"/r/*/summary.json)
python3 - "$summary" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
for name in ("errors", "planted"):
    t = s["targets"][name]
    assert t["execs"] > 1000, (name, t["execs"])
    assert t["execs_per_s"] > 0, (name, "execs_per_s")
    assert t["coverage_edges"] > 0 and t["corpus_files"] > 0, name
    assert len(t["series"]) >= 2, (name, "time series")
assert len(s["targets"]["planted"]["crashes"]) == 2
assert s["targets"]["errors"]["coverage_edges"] > 100, "errors target barely covered"
assert len(s["new_crashes"]) == 2
PY
html=${summary%.json}.html
grep -q "<polyline" "$html" || fail "summary.html has no plot"
grep -q "heap-use-after-free" "$html" || fail "summary.html does not list the crashes"
corpus1=$(ls "$tmp/w/errors/corpus" | wc -l)
samples1=$(wc -l <"$tmp/w/errors/stats.jsonl")
[[ $corpus1 -gt 0 ]] || fail "errors corpus empty after run 1"

# ---- 2. interrupted: SIGINT ends it early, cleanly, with a summary ---------
"${ro[@]}" --time 10m --jobs 2 errors >"$tmp/run2.log" 2>&1 &
pid=$!
sleep 10
kill -INT "$pid"
t0=$SECONDS
set +e
wait "$pid"
rc=$?
set -e
cat "$tmp/run2.log"
[[ $((SECONDS - t0)) -lt 120 ]] || fail "SIGINT took $((SECONDS - t0)) s to finish"
[[ $rc -eq 0 ]] || fail "run 2 exit $rc, want 0 (the planted crashes are known, not new)"
grep -q "stopping (signal)" "$tmp/run2.log" || fail "run 2 did not see the signal"
[[ $(ls "$tmp"/g/planted/regressions/*-* | wc -l) -eq 2 ]] || fail "known crashes stored twice"

# ---- 3. resumed: corpus, time series and crash database carry over --------
"${ro[@]}" --time 5s --jobs 2 errors >"$tmp/run3.log" 2>&1 || fail "run 3 failed: $(cat "$tmp/run3.log")"
samples3=$(wc -l <"$tmp/w/errors/stats.jsonl")
[[ $samples3 -gt $samples1 ]] || fail "time series did not grow across runs ($samples1 -> $samples3)"
[[ $(ls "$tmp/w/errors/corpus" | wc -l) -gt 0 ]] || fail "corpus lost on resume"
python3 - "$tmp/w/errors/stats.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
execs = [r["execs"] for r in rows]
assert execs == sorted(execs), "cumulative execs went backwards across resume"
PY
echo "ok: run-overnight (dedup, minimize, store, report, SIGINT, resume)"
