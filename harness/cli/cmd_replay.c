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
#include "cli/opts.h"
#include "cli/spec_arg.h"
#include "cli/stop.h"
#include "report/report.h"

#define S_CMD                "replay"
#define S_DEFAULT_REPORT_DIR SDKC_REPORT_DEFAULT_DIR /* ./sdkconform-reports */
#define S_EXIT_INTERRUPTED   130                     /* 128 + SIGINT, the shell convention */
/* A fixed, obviously fake session token handed to adapters with the default
 * test keys, so every wire run exercises a signed X-Amz-Security-Token
 * (docs/DESIGN.md: it must be signed when present) and the reports prove it is
 * redacted. */
#define S_TEST_SESSION_TOKEN "sdkconformFakeSessionToken//replay+test=0123456789"

enum {
    S_SPEC = 1,
    S_VECTORS,
    S_IMPL,
    S_IMPL_CMD,
    S_IMPL_NAME,
    S_LEVEL,
    S_FILTER,
    S_SHARD,
    S_XFAIL,
    S_WRITE_XFAIL,
    S_REPORT_DIR,
    S_JOBS,
    S_UUID,
    S_VERBOSE,
    S_ALLOW_SKIP,
    S_NO_SIGV4,
    S_NO_REPORT
};

static const struct sdkc_cli_opt s_opts[] = {
    {S_SPEC, "--spec", 0, "FILE", 1,
     "service model (plain or .gz); default: the bundled\n"
     "DataZone CreateUserProfile model"},
    {S_VECTORS, "--vectors", 0, "PATH", SDKC_RUNNER_MAX_VECTOR_PATHS,
     "vector file (.json, .jsonl) or folder; repeatable.\n"
     "Default: the bundled corpus ($SDKC_CORPUS, else the\n"
     "installed share/sdkconform/corpus, else the source tree's)"},
    {S_IMPL, "--impl", 0, "NAME", SDKC_RUNNER_MAX_IMPLS,
     "builtin, boto3, js-v2 or js-v3; repeatable (one report,\na matrix)"},
    {S_IMPL_CMD, "--impl-cmd", 0, "CMD", SDKC_RUNNER_MAX_IMPLS,
     "an adapter run through /bin/sh -c\n(harness/adapters/PROTOCOL.md); repeatable. Named in\n"
     "reports and expected-failure files by the name in its\n"
     "ready line (letters, digits, _ and - kept, others -;\n"
     "-2, -3, ... when another implementation has it)"},
    {S_IMPL_NAME, "--impl-name", 0, "NAME", SDKC_RUNNER_MAX_IMPLS,
     "names the --impl-cmd given right before it\n"
     "(--impl-cmd CMD --impl-name NAME); 1-64 letters,\n"
     "digits, _ or -; unique in the run"},
    {S_LEVEL, "--level", 0, "L", 1,
     "failures at or above L fail the run (default must);\n"
     "lower-level failures are warnings"},
    {S_FILTER, "--filter", 0, "GLOB", 1, "only vectors whose id matches (fnmatch)"},
    {S_SHARD, "--shard", 0, "K/N", 1, "only shard K of N (deterministic hash of the id)"},
    {S_XFAIL, "--expected-failures", 0, "FILE", SDKC_RUNNER_MAX_XFAIL_FILES,
     "per-implementation expected failures\n"
     "(xfail); listed vectors that pass (stale entries) fail\n"
     "the run; repeatable; entries for implementations not in\n"
     "the run are reported (warning, report.json\n"
     "unused_expected_failures)"},
    {S_WRITE_XFAIL, "--write-expected-failures", 0, "FILE", 1,
     "after the run, write FILE listing its\n"
     "failures (one entry per failing implementation and\n"
     "vector, reason = the message, evidence = the diff:\n"
     "edit both), so a\n"
     "replay with --expected-failures FILE exits 0; failures\n"
     "of checks no entry covers (sigv4 at MUST, requests,\n"
     "framing) are not listed"},
    {S_REPORT_DIR, "--report-dir", 0, "DIR", 1,
     "report.json, junit.xml, report.html (default\n" S_DEFAULT_REPORT_DIR ", with a .gitignore)"},
    {S_JOBS, "--jobs", 0, "N", 1, "worker threads for in-process implementations (default 1)"},
    {S_UUID, "--uuid", 0, "MODE", 1,
     "builtin idempotency tokens: random (default), fixed\n"
     "(the Smithy 00000000-0000-4000-8000-000000000000),\n"
     "sequence"},
    {S_VERBOSE, "--verbose", 0, NULL, 1, "print every result, not only failures"},
    {S_ALLOW_SKIP, "--allow-skip", 0, NULL, 1,
     "an implementation named here that cannot run (its SDK\n"
     "is not installed, its adapter answers unavailable) is\n"
     "reported as NOT RUN but is not exit 3; a run where\n"
     "nothing ran is exit 3 regardless"},
    {S_NO_SIGV4, "--no-sigv4", 0, NULL, 1,
     "do not verify the SigV4 signature of what HTTP clients\n"
     "send (by default a request that does not verify fails\n"
     "the vector at MUST, check \"sigv4\")"},
    {S_NO_REPORT, "--no-report", 0, NULL, 1, "do not write report files"},
};

const struct sdkc_cli_syntax sdkc_cmd_replay_syntax = {
    S_CMD,
    "sdkconform replay [--spec FILE] [--vectors PATH]...\n"
    "                         (--impl NAME | --impl-cmd CMD [--impl-name NAME])...\n"
    "                         [--level must|should|may] [--filter GLOB] [--shard K/N]\n"
    "                         [--expected-failures FILE]\n"
    "                         [--write-expected-failures FILE] [--report-dir DIR]\n"
    "                         [--jobs N] [--uuid random|fixed|sequence] [--verbose]\n"
    "                         [--no-report] [--no-sigv4] [--allow-skip]",
    "Replay conformance vectors against client implementations and report.",
    s_opts,
    sizeof(s_opts) / sizeof(s_opts[0]),
    "exit: 0 ok, 1 failures at the gating level / stale expected failures /\n"
    "      interrupted, 2 bad usage or input, 3 an implementation could not be run\n"
    "      (or one named here is not installed / unavailable, unless --allow-skip),\n"
    "      130 SIGINT; report.json's \"exit\" is always this status"};

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
    const char *write_xfail; /* --write-expected-failures FILE */
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

/* 0, -1 after --help, or an exit code. */
static int s_parse_args(int argc, char **argv, struct s_args *a)
{
    struct sdkc_cli_opts p;
    struct sdkc_cli_arg arg;
    int step, last_id = -1; /* the option before this one (--impl-name pairs with it) */
    size_t j;
    memset(a, 0, sizeof(*a));
    a->level = SDKC_LEVEL_MUST;
    a->report_dir = S_DEFAULT_REPORT_DIR;
    a->jobs = 1;
    sdkc_cli_opts_init(&p, &sdkc_cmd_replay_syntax, argc, argv);
    while ((step = sdkc_cli_opts_next(&p, &arg)) == SDKC_CLI_OPTS_NEXT) {
        const char *v = arg.value;
        switch (arg.id) {
        case S_SPEC: a->spec = v; break;
        case S_VECTORS:
            a->vectors[a->vector_count++] = v; /* the table caps them at the array's size */
            break;
        case S_IMPL:
        case S_IMPL_CMD:
            /* one list, in command-line order: the matrix's column order */
            if (a->impl_count == SDKC_RUNNER_MAX_IMPLS)
                return sdkc_cli_usage_error(S_CMD, "at most %d implementations",
                                            SDKC_RUNNER_MAX_IMPLS);
            if (arg.id == S_IMPL) {
                if (strcmp(v, "builtin") && strcmp(v, "boto3") && strcmp(v, "js-v2") &&
                    strcmp(v, "js-v3"))
                    return sdkc_cli_usage_error(
                        S_CMD,
                        "--impl %s: unknown (builtin, boto3, js-v2, js-v3; or --impl-cmd CMD)", v);
                a->impls[a->impl_count].name = v;
            } else {
                a->impls[a->impl_count].cmd = v;
            }
            for (j = 0; j < a->impl_count; j++)
                if (arg.id == S_IMPL && a->impls[j].name && !strcmp(a->impls[j].name, v))
                    return sdkc_cli_usage_error(S_CMD, "--impl %s: given twice", v);
            a->impl_count++;
            break;
        case S_IMPL_NAME:
            /* It names the --impl-cmd right before it: the one unambiguous
             * pairing when several adapters run (the matrix's columns). */
            if (last_id != S_IMPL_CMD)
                return sdkc_cli_usage_error(S_CMD,
                                            "--impl-name %s: must follow the --impl-cmd it names "
                                            "(--impl-cmd CMD --impl-name NAME)",
                                            v);
            if (!sdkc_replay_impl_name_ok(v))
                return sdkc_cli_usage_error(S_CMD,
                                            "--impl-name %s: expected 1 to %d letters, digits, _ "
                                            "or - (it is part of JUnit classnames and "
                                            "expected-failure keys)",
                                            v, SDKC_REPLAY_MAX_IMPL_NAME);
            for (j = 0; j + 1 < a->impl_count; j++)
                if (!strcmp(a->impls[j].name ? a->impls[j].name
                                             : (a->impls[j].label ? a->impls[j].label : ""),
                            v))
                    return sdkc_cli_usage_error(
                        S_CMD, "--impl-name %s: another implementation of the run has that name",
                        v);
            a->impls[a->impl_count - 1].label = v;
            break;
        case S_LEVEL:
            if (sdkc_vector_level_parse(v, &a->level) != SDKC_OK)
                return sdkc_cli_usage_error(S_CMD, "--level %s: expected must, should or may", v);
            a->level_arg = v;
            break;
        case S_FILTER: a->filter = v; break;
        case S_SHARD: {
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
                                            "--shard %s: expected K/N with 1 <= K <= N <= %d", v,
                                            SDKC_RUNNER_MAX_SHARDS);
            break;
        }
        case S_XFAIL:
            a->xfail[a->xfail_count++] = v; /* the table caps them at the array's size */
            break;
        case S_WRITE_XFAIL: a->write_xfail = v; break;
        case S_REPORT_DIR: a->report_dir = v; break;
        case S_JOBS:
            if (s_parse_uint(v, SDKC_RUNNER_MAX_JOBS, &a->jobs) || a->jobs == 0)
                return sdkc_cli_usage_error(S_CMD, "--jobs %s: expected 1..%d", v,
                                            SDKC_RUNNER_MAX_JOBS);
            break;
        case S_UUID:
            if (strcmp(v, "random") == 0)
                a->uuid = SDKC_BUILTIN_UUID_RANDOM;
            else if (strcmp(v, "fixed") == 0)
                a->uuid = SDKC_BUILTIN_UUID_FIXED;
            else if (strcmp(v, "sequence") == 0)
                a->uuid = SDKC_BUILTIN_UUID_SEQUENCE;
            else
                return sdkc_cli_usage_error(S_CMD, "--uuid %s: expected random, fixed or sequence",
                                            v);
            break;
        case S_VERBOSE: a->verbose = 1; break;
        case S_ALLOW_SKIP: a->allow_skip = 1; break;
        case S_NO_SIGV4: a->no_sigv4 = 1; break;
        default: a->no_report = 1; break;
        }
        last_id = arg.id;
    }
    if (step != SDKC_CLI_OPTS_END)
        return step;
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
    struct sdkc_cli_stop stop;
    volatile sig_atomic_t *stop_flag;
    char corpus[PATH_MAX];
    int rc;

    rc = s_parse_args(argc, argv, &a);
    if (rc < 0)
        return SDKC_EXIT_OK; /* --help */
    if (rc)
        return rc;
    /* SIGINT/SIGTERM: stop after the current vector, then report (partial);
     * a second one kills the adapters and removes the spool (cli/stop.h).
     * Installed before anything is started, so an interrupt while adapters
     * start still stops them (the library destroys them on every path). */
    stop_flag = sdkc_cli_stop_install(&stop);
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
    ro.write_expected_failures = a.write_xfail;
    ro.jobs = a.jobs;
    ro.uuid = a.uuid;
    ro.report_dir = a.no_report ? NULL : a.report_dir;
    ro.report_dir_default = strcmp(a.report_dir, S_DEFAULT_REPORT_DIR) == 0;
    ro.verbose = a.verbose;
    ro.allow_skip = a.allow_skip;
    ro.no_sigv4 = a.no_sigv4;
    ro.argc = argc;
    ro.argv = argv;
    ro.out = stdout;
    ro.err_out = stderr;
    ro.stop = stop_flag;
    /* a second signal removes the result spool too (cli/stop.h) */
    ro.spool_path_note = sdkc_cli_stop_cleanup_path();
    ro.spool_path_note_size = SDKC_CLI_STOP_CLEANUP_PATH_MAX;
    (void)sdkc_replay_run(&ro, &outcome, NULL); /* it has said what went wrong */
    rc = outcome.exit_code;

done:
    sdkc_cli_stop_restore(&stop);
    sdkc_spec_destroy(spec);
    return rc;
}
