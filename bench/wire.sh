#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# bench/wire.sh (run by tools/bench, i.e. `make bench`): the
# harness's overhead on wire replay.
#
#   ours:     `sdkconform replay --impl boto3` over N vectors (each: start the
#             call, the SDK's HTTP request to the mock endpoint, capture, check
#             the request, serve the canned response, compare the result)
#   baseline: the same N calls made by boto3 itself in one Python process
#             (bench/wire_baseline_boto3.py) against a static HTTP endpoint
#             (`sdkconform serve`, which answers every request with the same
#             canned response)
#
# and the same for js-v3 (bench/wire_baseline_js.mjs). Both sides are whole
# process runs (interpreter start, SDK import and client creation included
# on both), interleaved round by round; the figure per side is the median
# round (wall time). Target: ratio <= 1.25. Never gates.
#
# Options (from tools/bench): --quick (fewer vectors and rounds), --rounds N;
# others are accepted and ignored. Env: SDKC_BENCH_OUT, SDKC_BUILD_DIR,
# SDKC_SOURCE_DIR; SDKC_WIRE_N overrides the vector count.
set -u
src=${SDKC_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${SDKC_BUILD_DIR:-$src/build}
out=${SDKC_BENCH_OUT:-$src/reports/bench}
sdkc="$build/sdkconform"
n=${SDKC_WIRE_N:-400}
rounds=5
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) n=${SDKC_WIRE_N:-60}; rounds=1 ;;
    --rounds) rounds=$2; shift ;;
    --out | --budget) shift ;;
    esac
    shift
done
[ -x "$sdkc" ] || { echo "bench/wire.sh: $sdkc not built" >&2; exit 1; }
mkdir -p "$out"
tmp=$(mktemp -d)
serve_pid=
trap '[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; rm -rf "$tmp"' EXIT

# N copies of one success vector with request expectations, so every
# harness step runs for each.
python3 - "$n" >"$tmp/v.jsonl" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({
        "id": "bench.wire.%05d" % i, "title": "bench", "level": "MUST", "refs": ["bench"],
        "tags": ["bench"], "operation": "CreateUserProfile",
        "params": {"domainIdentifier": "dzd_abc123",
                   "userIdentifier": "arn:aws:iam::123456789012:user/alice"},
        "request": {"method": "POST", "path": "/v2/domains/dzd_abc123/user-profiles",
                    "headers": {"equal": {"Content-Type": "application/json"}},
                    "body": {"userIdentifier": "arn:aws:iam::123456789012:user/alice",
                             "clientToken": {"$match": "uuid4"}}},
        "response": {"status": 201, "headers": {"Content-Type": "application/json"},
                     "body": json.dumps({"domainId": "dzd_abc123", "id": "up_123", "type": "IAM",
                                         "status": "ACTIVATED",
                                         "details": {"iam": {"arn": "arn:aws:iam::123456789012:user/alice"}}})},
        "expect": {"output": {"domainId": "dzd_abc123", "id": "up_123", "type": "IAM",
                              "status": "ACTIVATED",
                              "details": {"iam": {"arn": "arn:aws:iam::123456789012:user/alice"}}}}}))
PY

"$sdkc" serve --vectors "$tmp/v.jsonl" --vector bench.wire.00000 >"$tmp/serve.out" 2>&1 &
serve_pid=$!
for _ in $(seq 200); do grep -q '^listening on' "$tmp/serve.out" && break; sleep 0.05; done
url=$(sed -n 's/^listening on \(http:[^ ]*\) .*/\1/p' "$tmp/serve.out")
[ -n "$url" ] || { echo "bench/wire.sh: serve did not start" >&2; cat "$tmp/serve.out" >&2; exit 1; }

# The rounds run in one Python driver: wall time from the monotonic clock,
# CPU time from the children's rusage (the harness side: sdkconform and its
# adapter process; the baseline side: the SDK process) plus, for the
# baseline, the CPU the static endpoint spent in that round (/proc/PID/stat),
# since the harness side does its endpoint's work in-process.
python3 - "$tmp" "$n" "$rounds" "$out/wire.json" "$serve_pid" "$src" "$sdkc" "$url" <<'PY'
import json, os, resource, shutil, statistics, subprocess, sys, time
tmp, n, rounds, dest, serve_pid, src, sdkc, url = sys.argv[1:9]
n, rounds = int(n), int(rounds)
tick = os.sysconf("SC_CLK_TCK")

def serve_cpu():
    with open("/proc/%s/stat" % serve_pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick  # utime + stime

def run(cmd, with_serve):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    s0 = serve_cpu() if with_serve else 0.0
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if with_serve:
        cpu += serve_cpu() - s0
    if p.returncode != 0:
        raise RuntimeError("%s exited %d: %s" % (cmd[0], p.returncode, p.stderr.decode()[-300:]))
    return wall, cpu

def available(impl):
    if impl == "boto3":
        ok = subprocess.run(["python3", "-c", "import boto3"], capture_output=True).returncode == 0
        return ok, "python3 cannot import boto3"
    ok = shutil.which("node") and os.path.isfile(os.path.join(
        src, "harness/adapters/js-v3/node_modules/@aws-sdk/client-datazone/package.json"))
    return bool(ok), "node or harness/adapters/js-v3/node_modules missing (tools/install-adapters)"

result = {"bench": "wire",
          "host": {"cpus": os.cpu_count(), "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
          "vectors": n, "rounds": rounds, "rows": []}
for impl in ("boto3", "js-v3"):
    ours_cmd = [sdkc, "replay", "--impl", impl, "--vectors", os.path.join(tmp, "v.jsonl"),
                "--level", "may", "--no-report"]
    if impl == "boto3":
        base_cmd = ["python3", os.path.join(src, "bench/wire_baseline_boto3.py"), url, str(n)]
    else:
        base_cmd = ["node", os.path.join(src, "bench/wire_baseline_js.mjs"),
                    os.path.join(src, "harness/adapters/js-v3"), url, str(n)]
    ok, why = available(impl)
    rows = []
    for kind in ("cpu", "wall"):
        rows.append({"name": "wire replay, %d vectors via %s: %s time" % (n, impl, kind), "unit": "ms",
                     "baseline_name": "%s calling its SDK directly against a static endpoint" % impl,
                     "target": "<= 1.25", "status": "skipped", "note": why})
    if ok:
        ours, base = [], []
        try:
            for _ in range(rounds):  # interleaved: frequency scaling and neighbours hit both
                ours.append(run(ours_cmd, False))
                base.append(run(base_cmd, True))
        except RuntimeError as e:
            for r in rows:
                r.update(status="error", note=str(e))
            ours = []
        if ours:
            for i, r in enumerate(rows):
                o = statistics.median(x[1 - i] for x in ours) * 1000  # i=0: cpu, i=1: wall
                b = statistics.median(x[1 - i] for x in base) * 1000
                r.update(ours=o, baseline=b, ratio=o / b, ours_ms_per_call=o / n,
                         baseline_ms_per_call=b / n, status="ok" if o / b <= 1.25 else "missed",
                         note="per call %.2f ms via the harness, %.2f ms direct (median of %d "
                              "interleaved rounds; whole runs, interpreter start included)"
                              % (o / n, b / n, len(ours)))
    result["rows"].extend(rows)
tmpf = dest + ".tmp"
with open(tmpf, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
os.replace(tmpf, dest)
for r in result["rows"]:
    print("%-52s %s" % (r["name"], ("ratio %.3f (%.0f ms vs %.0f ms)" % (r["ratio"], r["ours"], r["baseline"]))
                        if "ratio" in r else r["status"] + ": " + r.get("note", "")))
PY
