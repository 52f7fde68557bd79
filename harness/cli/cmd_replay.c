/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/cmd_replay.c: `sdkconform replay` (docs/DESIGN.md): parse the
 * arguments, load the spec, install the signal handlers, then one call of
 * sdkc_replay_run (app/replay.h), whose exit status is returned. Exit codes
 * (DESIGN.md): 0 all good; 1 failures at the gating level, stale expected
 * failures, or an interrupted run (130 when SIGINT/SIGTERM stopped it); 2
 * bad usage or input files; 3 an implementation could not be run.
 */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/replay.h"
#include "cli/cli.h"
#include "cli/spec_arg.h"
#include "impl/adapter.h"

#define S_CMD                "replay"
#define S_DEFAULT_REPORT_DIR "reports/latest"
#define S_EXIT_INTERRUPTED   130 /* 128 + SIGINT, the shell convention */
/* A fixed, obviously fake session token handed to adapters with the default
 * test keys, so every wire run exercises a signed X-Amz-Security-Token
 * (docs/DESIGN.md: it must be signed when present) and the reports prove it is
 * redacted. */
#define S_TEST_SESSION_TOKEN "sdkconformFakeSessionToken//replay+test=0123456789"

static volatile sig_atomic_t g_stop;

/* The first SIGINT/SIGTERM asks for a clean stop after the current vector;
 * a second one, while that is pending, kills the process the default way. */
/* The result spool's path, for the handler to remove on a second signal. */
static char g_spool_path[PATH_MAX];

/* First SIGINT/SIGTERM: stop after the current vector and report. A second
 * one ends the process at once, but first kills every adapter process
 * group and removes the spool (both async-signal-safe), so nothing is left
 * behind (ppid-1 adapters, sdkconform-spool-* files). */
static void s_on_signal(int sig)
{
    if (g_stop) {
        sdkc_adapter_kill_all_from_signal();
        if (g_spool_path[0])
            unlink(g_spool_path);
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    g_stop = 1;
}

static void s_help(FILE *out)
{
    fprintf(
      out,
      "usage: sdkconform replay [--spec FILE] [--vectors PATH]... (--impl NAME | --impl-cmd "
      "CMD)...\n"
      "                         [--level must|should|may] [--filter GLOB] [--shard K/N]\n"
      "                         [--expected-failures FILE] [--report-dir DIR] [--jobs N]\n"
      "                         [--uuid random|fixed|sequence] [--verbose] [--no-report]\n"
      "                         [--no-sigv4] [--allow-skip]\n\n"
      "Replay conformance vectors against client implementations and report.\n\n"
      "  --spec FILE        service model (plain or .gz); default: the bundled DataZone\n"
      "                     CreateUserProfile model\n"
      "  --vectors PATH     vector file (.json, .jsonl) or folder; repeatable. Default: the\n"
      "                     bundled corpus ($SDKC_CORPUS, else <exe dir>/../corpus/vectors,\n"
      "                     else ./corpus/vectors)\n"
      "  --impl NAME        builtin, boto3 or js-v3; repeatable (one report, a matrix)\n"
      "  --impl-cmd CMD     an adapter run through /bin/sh -c (harness/adapters/PROTOCOL.md)\n"
      "  --level L          failures at or above L fail the run (default must); lower-level\n"
      "                     failures are warnings\n"
      "  --filter GLOB      only vectors whose id matches (fnmatch)\n"
      "  --shard K/N        only shard K of N (deterministic hash of the id)\n"
      "  --expected-failures FILE  per-implementation expected failures (xfail); listed\n"
      "                     vectors that pass (stale entries) fail the run; repeatable\n"
      "  --report-dir DIR   report.json, junit.xml, report.html (default %s)\n"
      "  --jobs N           worker threads for in-process implementations (default 1)\n"
      "  --uuid MODE        builtin idempotency tokens: random (default), fixed (the\n"
      "                     Smithy 00000000-0000-4000-8000-000000000000), sequence\n"
      "  --verbose          print every result, not only failures\n"
      "  --allow-skip       an implementation named here that cannot run (its SDK is\n"
      "                     not installed, its adapter answers unavailable) is reported\n"
      "                     as NOT RUN but is not exit 3; a run where nothing ran is\n"
      "                     exit 3 regardless\n"
      "  --no-sigv4         do not verify the SigV4 signature of what HTTP clients send\n"
      "                     (by default a request that does not verify fails the vector\n"
      "                     at MUST, check \"sigv4\")\n"
      "  --no-report        do not write report files\n\n"
      "exit: 0 ok, 1 failures at the gating level / stale expected failures / interrupted,\n"
      "      2 bad usage or input, 3 an implementation could not be run (or one named\n"
      "      here is not installed / unavailable, unless --allow-skip), 130 SIGINT;\n"
      "      report.json's \"exit\" is always this status\n",
      S_DEFAULT_REPORT_DIR);
}

struct s_args {
    const char *spec;
    const char *vectors[SDKC_RUNNER_MAX_VECTOR_PATHS];
    size_t vector_count;
    struct sdkc_replay_impl impls[SDKC_RUNNER_MAX_IMPLS];
    size_t impl_count;
    enum sdkc_vector_level level;
    const char *level_arg;
    const char *filter;
    unsigned shard_k, shard_n;
    const char *xfail[SDKC_RUNNER_MAX_XFAIL_FILES];
    size_t xfail_count;
    const char *report_dir;
    unsigned jobs;
    enum sdkc_builtin_uuid uuid;
    int verbose;
    int no_report;
    int no_sigv4;   /* --no-sigv4: clients that do not sign */
    int allow_skip; /* --allow-skip: an implementation that cannot run is not exit 3 */
};

/* An unsigned option value in 0..max (see sdkc_cli_parse_ulong). */
static int s_parse_uint(const char *s, unsigned max, unsigned *out)
{
    unsigned long v;
    if (sdkc_cli_parse_ulong(s, max, &v))
        return -1;
    *out = (unsigned)v;
    return 0;
}

static int s_parse_args(int argc, char **argv, struct s_args *a)
{
    int i;
    memset(a, 0, sizeof(*a));
    a->level = SDKC_LEVEL_MUST;
    a->report_dir = S_DEFAULT_REPORT_DIR;
    a->jobs = 1;
    for (i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
            s_help(stdout);
            return -1;
        }
        if (strcmp(o, "--verbose") == 0) {
            a->verbose = 1;
            continue;
        }
        if (strcmp(o, "--no-report") == 0) {
            a->no_report = 1;
            continue;
        }
        if (strcmp(o, "--no-sigv4") == 0) {
            a->no_sigv4 = 1;
            continue;
        }
        if (strcmp(o, "--allow-skip") == 0) {
            a->allow_skip = 1;
            continue;
        }
        if (!v)
            return sdkc_cli_usage_error(S_CMD, "%s: missing value (or unknown option)", o);
        i++;
        if (strcmp(o, "--spec") == 0) {
            a->spec = v;
        } else if (strcmp(o, "--vectors") == 0) {
            if (a->vector_count == SDKC_RUNNER_MAX_VECTOR_PATHS)
                return sdkc_cli_usage_error(
                  S_CMD, "--vectors: at most %d paths", SDKC_RUNNER_MAX_VECTOR_PATHS);
            a->vectors[a->vector_count++] = v;
        } else if (strcmp(o, "--impl") == 0 || strcmp(o, "--impl-cmd") == 0) {
            if (a->impl_count == SDKC_RUNNER_MAX_IMPLS)
                return sdkc_cli_usage_error(
                  S_CMD, "at most %d implementations", SDKC_RUNNER_MAX_IMPLS);
            if (o[6] == '\0') {
                if (strcmp(v, "builtin") && strcmp(v, "boto3") && strcmp(v, "js-v3"))
                    return sdkc_cli_usage_error(
                      S_CMD, "--impl %s: unknown (builtin, boto3, js-v3; or --impl-cmd CMD)", v);
                a->impls[a->impl_count].name = v;
            } else {
                if (!*v)
                    return sdkc_cli_usage_error(S_CMD, "--impl-cmd: empty command");
                a->impls[a->impl_count].cmd = v;
            }
            a->impl_count++;
        } else if (strcmp(o, "--level") == 0) {
            if (sdkc_vector_level_parse(v, &a->level) != SDKC_OK)
                return sdkc_cli_usage_error(S_CMD, "--level %s: expected must, should or may", v);
            a->level_arg = v;
        } else if (strcmp(o, "--filter") == 0) {
            a->filter = v;
        } else if (strcmp(o, "--shard") == 0) {
            const char *slash = strchr(v, '/');
            char k[16];
            if (!slash || (size_t)(slash - v) >= sizeof(k))
                return sdkc_cli_usage_error(S_CMD, "--shard %s: expected K/N", v);
            memcpy(k, v, (size_t)(slash - v));
            k[slash - v] = '\0';
            if (s_parse_uint(k, SDKC_RUNNER_MAX_SHARDS, &a->shard_k) ||
                s_parse_uint(slash + 1, SDKC_RUNNER_MAX_SHARDS, &a->shard_n) || a->shard_n == 0 ||
                a->shard_k == 0 || a->shard_k > a->shard_n)
                return sdkc_cli_usage_error(S_CMD,
                                            "--shard %s: expected K/N with 1 <= K <= N <= %d",
                                            v,
                                            SDKC_RUNNER_MAX_SHARDS);
        } else if (strcmp(o, "--expected-failures") == 0) {
            if (a->xfail_count == SDKC_RUNNER_MAX_XFAIL_FILES)
                return sdkc_cli_usage_error(
                  S_CMD, "--expected-failures: at most %d files", SDKC_RUNNER_MAX_XFAIL_FILES);
            a->xfail[a->xfail_count++] = v;
        } else if (strcmp(o, "--report-dir") == 0) {
            if (!*v)
                return sdkc_cli_usage_error(S_CMD, "--report-dir: empty path");
            a->report_dir = v;
        } else if (strcmp(o, "--jobs") == 0) {
            if (s_parse_uint(v, SDKC_RUNNER_MAX_JOBS, &a->jobs) || a->jobs == 0)
                return sdkc_cli_usage_error(
                  S_CMD, "--jobs %s: expected 1..%d", v, SDKC_RUNNER_MAX_JOBS);
        } else if (strcmp(o, "--uuid") == 0) {
            if (strcmp(v, "random") == 0)
                a->uuid = SDKC_BUILTIN_UUID_RANDOM;
            else if (strcmp(v, "fixed") == 0)
                a->uuid = SDKC_BUILTIN_UUID_FIXED;
            else if (strcmp(v, "sequence") == 0)
                a->uuid = SDKC_BUILTIN_UUID_SEQUENCE;
            else
                return sdkc_cli_usage_error(
                  S_CMD, "--uuid %s: expected random, fixed or sequence", v);
        } else {
            return sdkc_cli_usage_error(S_CMD, "unknown option %s", o);
        }
    }
    if (a->impl_count == 0)
        return sdkc_cli_usage_error(S_CMD, "name at least one implementation: --impl builtin");
    return 0;
}

int sdkc_cmd_replay(int argc, char **argv)
{
    struct s_args a;
    struct sdkc_spec *spec = NULL;
    struct sdkc_replay_options ro;
    struct sdkc_replay_outcome outcome;
    struct sigaction sa, old_int, old_term;
    char corpus[PATH_MAX];
    int rc;

    rc = s_parse_args(argc, argv, &a);
    if (rc < 0)
        return SDKC_EXIT_OK; /* --help */
    if (rc)
        return rc;
    /* SIGINT/SIGTERM: stop after the current vector, then report (partial).
     * Installed before anything is started, so an interrupt while adapters
     * start still stops them (the library destroys them on every path). */
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = s_on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    g_stop = 0;
    g_spool_path[0] = '\0';
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    if ((rc = sdkc_cli_load_spec(S_CMD, a.spec, &spec)))
        goto done;
    if (a.vector_count == 0 && sdkc_cli_default_corpus(corpus, sizeof(corpus)) != 0) {
        rc = sdkc_cli_usage_error(S_CMD, "no bundled corpus found (set SDKC_CORPUS or pass "
                                         "--vectors PATH)");
        goto done;
    }

    memset(&ro, 0, sizeof(ro));
    ro.spec = spec;
    ro.spec_path = a.spec;
    ro.vector_paths = a.vectors;
    ro.vector_path_count = a.vector_count;
    ro.corpus = a.vector_count ? NULL : corpus;
    ro.impls = a.impls;
    ro.impl_count = a.impl_count;
    ro.gate = a.level;
    ro.gate_given = a.level_arg != NULL;
    ro.filter = a.filter;
    ro.shard_index = a.shard_k;
    ro.shard_count = a.shard_n;
    ro.expected_failures = a.xfail;
    ro.expected_failures_count = a.xfail_count;
    ro.jobs = a.jobs;
    ro.uuid = a.uuid;
    ro.report_dir = a.no_report ? NULL : a.report_dir;
    ro.verbose = a.verbose;
    ro.allow_skip = a.allow_skip;
    ro.no_sigv4 = a.no_sigv4;
    ro.argc = argc;
    ro.argv = argv;
    ro.out = stdout;
    ro.err_out = stderr;
    ro.stop = &g_stop;
    ro.spool_path_note = g_spool_path;
    ro.spool_path_note_size = sizeof(g_spool_path);
    (void)sdkc_replay_run(&ro, &outcome, NULL); /* it has said what went wrong */
    rc = outcome.exit_code;

done:
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    g_spool_path[0] = '\0';
    sdkc_spec_destroy(spec);
    return rc;
}
