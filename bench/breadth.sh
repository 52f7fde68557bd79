#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench/breadth.sh (run by tools/bench): the breadth sweep:
# `gen --all` + `replay --impl builtin` over every rest-json model botocore
# ships (tools/breadth), timed, with vectors per second and the peak RSS of
# each service's gen and replay. Target: the whole sweep under 2 minutes on
# 2 cores, RSS flat across services (each service runs in fresh processes,
# so nothing accumulates; the largest model sets the maximum). The
# same-run baseline is python3 reading every one of those models
# (gunzip + json.load): it anchors the figure to this machine's speed.
# Skipped (status "skipped") without botocore.
set -u
: "${SDKC_BENCH_OUT:?}" "${SDKC_BUILD_DIR:?}" "${SDKC_SOURCE_DIR:?}"
dest="$SDKC_BENCH_OUT/breadth.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rc=0
python3 -c 'import botocore' 2>/dev/null || rc=77
if [ "$rc" = 0 ]; then
    "$SDKC_SOURCE_DIR/tools/breadth" --build "$SDKC_BUILD_DIR" --quiet \
        --report-dir "$tmp/report" >"$tmp/out" 2>&1 || rc=$?
fi
python3 - "$dest" "$tmp/report/latest.json" "$rc" <<'PY'
import glob, gzip, json, os, sys, time
dest, latest, rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
row = {"name": "breadth sweep: gen --all + replay builtin, every rest-json service",
       "unit": "s", "target": "< 120 s, 250/250 clean",
       "baseline_name": "python3 gunzip + json.load of the same models"}
result = {"bench": "breadth", "host": {"cpus": os.cpu_count(),
          "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}, "rows": [row]}
if rc == 77:
    row.update(status="skipped", note="botocore is not importable")
elif not os.path.exists(latest):
    row.update(status="error", note="tools/breadth exited %d without a report" % rc)
else:
    d = json.load(open(latest))
    t = d["totals"]
    import botocore
    data = os.path.join(os.path.dirname(botocore.__file__), "data")
    start = time.perf_counter()
    for s in d["services"]:
        for p in glob.glob(os.path.join(data, s["service"], s["apiVersion"], "service-2.json*")):
            with (gzip.open(p) if p.endswith(".gz") else open(p, "rb")) as f:
                json.load(f)
    base = time.perf_counter() - start
    ok = t["servicesClean"] == t["services"] and t["sweepSeconds"] < 120
    row.update(ours=t["sweepSeconds"], baseline=base, ratio=t["sweepSeconds"] / base,
               status="ok" if ok else "missed",
               services_clean="%d/%d" % (t["servicesClean"], t["services"]),
               vectors=t["vectors"], vectors_per_second=t["vectorsPerSecond"],
               gen_rss_kib=[t["genRssKiBMin"], t["genRssKiBMax"]],
               replay_rss_kib=[t["replayRssKiBMin"], t["replayRssKiBMax"]],
               note="%s clean, %d vectors at %.0f vectors/s; peak RSS per service: gen %d-%d KiB, "
                    "replay %d-%d KiB" % (row.get("services_clean", "%d/%d" % (t["servicesClean"], t["services"])),
                                          t["vectors"], t["vectorsPerSecond"], t["genRssKiBMin"],
                                          t["genRssKiBMax"], t["replayRssKiBMin"], t["replayRssKiBMax"]))
tmpf = dest + ".tmp"
with open(tmpf, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
os.replace(tmpf, dest)
print("%-52s %s" % (row["name"][:52], ("%.1f s (ratio %.1f to the model read); %s" % (row["ours"], row["ratio"], row["note"]))
                    if "ours" in row else row["status"] + ": " + row.get("note", "")))
PY
