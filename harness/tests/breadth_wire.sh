#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# tools/breadth's wire sample on two small services (sso: unsigned
# operations; mediastore-data: blob payloads): `--wire-only` with
# --impl builtin, boto3 when it is importable, and js-v3, whose adapter
# serves only DataZone (its one installed client package) and so must be
# listed as skipped, never as passed. latest.json must carry the "wire"
# section with per-service and per-implementation counts that add up, a
# throughput > 0 for every implementation that ran, and latest.md its
# table. Then a replay that cannot run (exit 3 from a stand-in sdkconform
# whose replay always fails) must make tools/breadth exit 1, counted as a
# harness error. Skipped (77) when botocore is not importable.
# ctest-labels: no-asan;breadth;slow
set -u
if [ -z "${SDKC:-}" ] || [ ! -x "$SDKC" ]; then
    echo "SKIP: SDKC (path of build/sdkconform) is not set" >&2
    exit 77
fi
src=${SDKC_SOURCE_DIR:?}
if ! python3 -c 'import botocore' 2>/dev/null; then
    echo "SKIP: botocore is not importable" >&2
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
impls="--impl builtin --impl js-v3"
want="builtin js-v3"
if python3 -c 'import boto3' 2>/dev/null; then
    impls="$impls --impl boto3"
    want="builtin js-v3 boto3"
else
    echo "note: boto3 is not importable: its part is skipped"
fi
# SDK findings must not fail the run: exit 0 even though boto3 fails some
# mediastore-data vectors.
# shellcheck disable=SC2086
python3 "$src/tools/breadth" --build "$(dirname "$SDKC")" --wire-only \
    --wire-services sso,mediastore-data $impls --report-dir "$tmp/r" >"$tmp/out" 2>&1
rc=$?
cat "$tmp/out"
if [ "$rc" != 0 ]; then
    echo "FAIL: tools/breadth --wire-only exited $rc"
    exit 1
fi
python3 - "$tmp/r/latest.json" "$tmp/r/latest.md" "$want" <<'PY' || exit 1
import json, sys
doc = json.load(open(sys.argv[1]))
md = open(sys.argv[2]).read()
want = sys.argv[3].split()
assert "totals" not in doc, "--wire-only ran the sweep"
w = doc.get("wire")
assert w, "no wire section in latest.json"
assert w["impls"] == want, w["impls"]
assert [r["service"] for r in w["services"]] == ["sso", "mediastore-data"], w["services"]
tot = {t["impl"]: t for t in w["totals"]}
assert sorted(tot) == sorted(want), tot.keys()
for r in w["services"]:
    assert r["vectors"] > 100, r            # gen --all writes ~195 each
    assert [i["impl"] for i in r["impls"]] == want, r["impls"]
    for i in r["impls"]:
        if i["impl"] == "js-v3":
            # not installed for these services: visibly skipped, nothing passed
            assert i["status"] == "skipped" and i["message"], i
            assert i["passed"] == 0 and i["vectors"] == 0, i
            continue
        assert i["status"] == "ran", i
        assert i["vectors"] == r["vectors"], (i, r["vectors"])
        n = i["passed"] + i["failed"] + i["xfailed"] + i["skipped"] + i["errors"]
        assert n == i["vectors"], i
        assert i["seconds"] > 0 and i["vectorsPerSecond"] > 0, i
        assert i["timeouts"] == 0 and i["crashes"] == 0, i
        assert i["slowVectors"] >= 0 and len(i["slowest"]) == min(i["slowVectors"], 3), i
        assert len(i["causes"]) == min(i["causeCount"], 8), i
        assert sum(c["count"] for c in i["causes"]) <= i["vectors"] - i["passed"], i
        if i["impl"] == "builtin":
            assert i["passed"] == i["vectors"], i   # the builtin client passes gen's vectors
for name in want:
    t = tot[name]
    if name == "js-v3":
        assert t["servicesRun"] == 0 and t["servicesSkipped"] == 2 and t["passed"] == 0, t
        continue
    assert t["servicesRun"] == 2 and t["harnessErrors"] == 0, t
    assert t["vectors"] == sum(r["vectors"] for r in w["services"]), t
    assert t["vectors"] > 0 and t["vectorsPerSecond"] > 0, t
    assert t["passed"] + t["failed"] + t["xfailed"] + t["skipped"] + t["errors"] == t["vectors"], t
    assert (t["passed"] == t["vectors"]) == (not t["topCauses"]), t
assert "## Wire sample" in md, "no wire section in latest.md"
for name in want:
    assert "| %s |" % name in md, name
print("breadth wire: ok:", ", ".join("%s %d/%d %.0f/s" % (
    n, tot[n]["passed"], tot[n]["vectors"], tot[n]["vectorsPerSecond"]) for n in want))
PY

# A wire run that could not run is not a finding: exit 1, harness error.
mkdir -p "$tmp/fakebuild"
cat >"$tmp/fakebuild/sdkconform" <<EOF
#!/bin/sh
if [ "\$1" = replay ]; then
    echo "sdkconform replay: builtin cannot run here: stand-in for a harness error" >&2
    exit 3
fi
exec "$SDKC" "\$@"
EOF
chmod +x "$tmp/fakebuild/sdkconform"
python3 "$src/tools/breadth" --build "$tmp/fakebuild" --wire-only --wire-services sso \
    --impl builtin --report-dir "$tmp/r2" >"$tmp/out2" 2>&1
rc=$?
cat "$tmp/out2"
if [ "$rc" != 1 ] || ! grep -q "HARNESS ERROR sso / builtin: replay exit 3" "$tmp/out2"; then
    echo "FAIL: a replay exiting 3 gave tools/breadth exit $rc, not 1 with a HARNESS ERROR line"
    exit 1
fi
python3 - "$tmp/r2/latest.json" <<'PY' || exit 1
import json, sys
t = json.load(open(sys.argv[1]))["wire"]["totals"][0]
assert t["impl"] == "builtin" and t["harnessErrors"] == 1 and t["passed"] == 0, t
PY
echo "breadth wire: a harness error fails the run: ok"
