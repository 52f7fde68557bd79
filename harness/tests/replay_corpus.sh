#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# sh.replay_corpus: the built-in client passes every MUST and SHOULD vector
# of the bundled corpus (docs/DESIGN.md), found the way users find it (no
# --vectors: $SDKC_CORPUS unset, resolved from the executable), and the
# report says so; MAY failures would only be warnings.
set -u
: "${SDKC:?}" "${SDKC_SOURCE_DIR:?}"
C="$SDKC_SOURCE_DIR/corpus/vectors"
if [ -z "$(find "$C" -type f \( -name '*.json' -o -name '*.jsonl' \) 2>/dev/null | head -1)" ]; then
    echo "no bundled corpus yet: skip"; exit 77
fi
command -v python3 >/dev/null || { echo "python3 missing: skip"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
unset SDKC_CORPUS
cd "$T" || exit 1   # not the source tree: the corpus must be found from the executable
"$SDKC" replay --impl builtin --level should --report-dir "$T/r" >"$T/out" 2>&1
rc=$?
cat "$T/out" | tail -5
[ "$rc" = 0 ] || { echo "FAIL: builtin does not pass every MUST and SHOULD vector (exit $rc)"; cat "$T/out"; exit 1; }
python3 - "$T/r/report.json" "$C" <<'PY' || exit 1
import json, os, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
n = 0
for root, _, files in os.walk(sys.argv[2]):
    for f in files:
        p = os.path.join(root, f)
        if f.endswith(".jsonl"):
            n += sum(1 for l in open(p) if l.strip())
        elif f.endswith(".json"):
            d = json.load(open(p))
            n += len(d["vectors"]) if isinstance(d, dict) and "vectors" in d else 1
assert s["total"] == n, ("not every corpus vector ran", s["total"], n)
bad = [x for x in r["results"] if x["level"] in ("MUST", "SHOULD") and x["status"] != "pass"]
assert not bad, bad[:3]
print("ok: %d vectors, %d passed" % (s["total"], s["passed"]))
PY
