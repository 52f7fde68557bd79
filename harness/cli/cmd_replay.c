/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/cmd_replay.c: `sdkconform replay` (docs/DESIGN.md).
 * Parses arguments, builds the implementations (and, for those that talk
 * HTTP, the loopback mock endpoint they talk to), runs the runner with the
 * console reporter, and writes the reports. Exit codes (DESIGN.md): 0 all
 * good; 1 failures at the gating level, stale expected failures, or an
 * interrupted run (130 when SIGINT/SIGTERM stopped it); 2 bad usage or
 * input files; 3 an implementation could not be run.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/spec_arg.h"
#include "core/alloc.h"
#include "impl/adapter.h"
#include "impl/builtin.h"
#include "report/report.h"
#include "runner/runner.h"
#include "server/server.h"
#include "sigv4/sigv4.h"

#define S_CMD "replay"
#define S_DEFAULT_REPORT_DIR SDKC_REPORT_DEFAULT_DIR /* ./sdkconform-reports */
#define S_EXIT_INTERRUPTED 130 /* 128 + SIGINT, the shell convention */
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
    fprintf(out,
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

/* One implementation as asked for on the command line. */
struct s_impl_arg {
    const char *name; /* --impl NAME, or NULL for --impl-cmd */
    const char *cmd;  /* --impl-cmd CMD */
};

struct s_args {
    const char *spec;
    const char *vectors[SDKC_RUNNER_MAX_VECTOR_PATHS];
    size_t vector_count;
    struct s_impl_arg impls[SDKC_RUNNER_MAX_IMPLS];
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
    int no_sigv4; /* --no-sigv4: clients that do not sign */
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

/* Record an implementation named on the command line that cannot run
 * here (its SDK missing, its adapter unavailable), and say so now. */
static void s_skip(struct sdkc_report_skip *skips, char **msgs, size_t *n, const char *impl,
                   const char *reason)
{
    sdkc_cli_fprintf(stderr, "sdkconform replay: %s cannot run here: %s\n", impl, reason);
    if (*n >= SDKC_RUNNER_MAX_IMPLS)
        return;
    msgs[*n] = sdkc_strdup(reason && *reason ? reason : "unavailable");
    skips[*n].impl = impl;
    skips[*n].reason = msgs[*n] ? msgs[*n] : "unavailable";
    (*n)++;
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
                return sdkc_cli_usage_error(S_CMD, "--vectors: at most %d paths",
                                            SDKC_RUNNER_MAX_VECTOR_PATHS);
            a->vectors[a->vector_count++] = v;
        } else if (strcmp(o, "--impl") == 0 || strcmp(o, "--impl-cmd") == 0) {
            if (a->impl_count == SDKC_RUNNER_MAX_IMPLS)
                return sdkc_cli_usage_error(S_CMD, "at most %d implementations",
                                            SDKC_RUNNER_MAX_IMPLS);
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
                return sdkc_cli_usage_error(S_CMD, "--shard %s: expected K/N with 1 <= K <= N <= %d",
                                            v, SDKC_RUNNER_MAX_SHARDS);
        } else if (strcmp(o, "--expected-failures") == 0) {
            if (a->xfail_count == SDKC_RUNNER_MAX_XFAIL_FILES)
                return sdkc_cli_usage_error(S_CMD, "--expected-failures: at most %d files",
                                            SDKC_RUNNER_MAX_XFAIL_FILES);
            a->xfail[a->xfail_count++] = v;
        } else if (strcmp(o, "--report-dir") == 0) {
            if (!*v)
                return sdkc_cli_usage_error(S_CMD, "--report-dir: empty path");
            a->report_dir = v;
        } else if (strcmp(o, "--jobs") == 0) {
            if (s_parse_uint(v, SDKC_RUNNER_MAX_JOBS, &a->jobs) || a->jobs == 0)
                return sdkc_cli_usage_error(S_CMD, "--jobs %s: expected 1..%d", v,
                                            SDKC_RUNNER_MAX_JOBS);
        } else if (strcmp(o, "--uuid") == 0) {
            if (strcmp(v, "random") == 0)
                a->uuid = SDKC_BUILTIN_UUID_RANDOM;
            else if (strcmp(v, "fixed") == 0)
                a->uuid = SDKC_BUILTIN_UUID_FIXED;
            else if (strcmp(v, "sequence") == 0)
                a->uuid = SDKC_BUILTIN_UUID_SEQUENCE;
            else
                return sdkc_cli_usage_error(S_CMD, "--uuid %s: expected random, fixed or sequence",
                                            v);
        } else {
            return sdkc_cli_usage_error(S_CMD, "unknown option %s", o);
        }
    }
    if (a->impl_count == 0)
        return sdkc_cli_usage_error(S_CMD, "name at least one implementation: --impl builtin");
    return 0;
}

/* The executable as a user would type it: relative to the working folder
 * when it lives below it ("build/sdkconform"). */
static void s_self(char *out, size_t n)
{
    char exe[PATH_MAX], cwd[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (len <= 0) {
        snprintf(out, n, "sdkconform");
        return;
    }
    exe[len] = '\0';
    if (getcwd(cwd, sizeof(cwd)) && strncmp(exe, cwd, strlen(cwd)) == 0 &&
        exe[strlen(cwd)] == '/')
        snprintf(out, n, "%s", exe + strlen(cwd) + 1);
    else
        snprintf(out, n, "%s", exe);
}

static sdkc_result s_quote(struct sdkc_buf *b, const char *s)
{
    sdkc_result result = sdkc_buf_append_byte(b, '\'');
    for (; !result && *s; s++)
        result = *s == '\'' ? sdkc_buf_append_str(b, "'\\''") : sdkc_buf_append_byte(b, *s);
    return result ? result : sdkc_buf_append_byte(b, '\'');
}

int sdkc_cmd_replay(int argc, char **argv)
{
    struct s_args a;
    struct sdkc_spec *spec = NULL;
    /* One mock endpoint per wire implementation, so that nothing one sends
     * can land on another's call (runner.h, sdkc_runner_endpoint). */
    struct sdkc_server *srvs[SDKC_RUNNER_MAX_IMPLS];
    struct sdkc_runner_endpoint eps[SDKC_RUNNER_MAX_IMPLS];
    const struct sdkc_runner_endpoint *ep_of[SDKC_RUNNER_MAX_IMPLS];
    struct sdkc_impl *impls[SDKC_RUNNER_MAX_IMPLS];
    struct sdkc_buf impl_arg_bufs[SDKC_RUNNER_MAX_IMPLS];
    const char *impl_args[SDKC_RUNNER_MAX_IMPLS];
    struct sdkc_report_impl rimpls[SDKC_RUNNER_MAX_IMPLS];
    struct sdkc_report_skip skips[SDKC_RUNNER_MAX_IMPLS];
    char *skip_msgs[SDKC_RUNNER_MAX_IMPLS];
    size_t n_impls = 0, n_skips = 0, i;
    char corpus[PATH_MAX], self[PATH_MAX], spool[PATH_MAX];
    const char *paths[SDKC_RUNNER_MAX_VECTOR_PATHS];
    size_t n_paths = 0;
    struct sdkc_buf prefix, command;
    struct sdkc_runner_options ro;
    struct sdkc_run_summary sum;
    struct sdkc_console con;
    struct sdkc_report_meta meta;
    struct sdkc_error err;
    enum sdkc_run_fatal fatal = SDKC_RUN_FATAL_NONE;
    struct sigaction sa, old_int, old_term;
    struct sdkc_credentials creds; /* what adapters are given, and checked against */
    int rc, wire = 0, spool_fd = -1, signals_set = 0;
    sdkc_result result;

    memset(impls, 0, sizeof(impls));
    memset(srvs, 0, sizeof(srvs));
    memset(ep_of, 0, sizeof(ep_of));
    sdkc_credentials_init(&creds);
    for (i = 0; i < SDKC_RUNNER_MAX_IMPLS; i++)
        sdkc_buf_init(&impl_arg_bufs[i], 0);
    sdkc_buf_init(&prefix, 0);
    sdkc_buf_init(&command, 0);
    sdkc_run_summary_init(&sum);
    memset(&con, 0, sizeof(con)); /* cleaned up on every path */
    sdkc_error_init(&err);
    spool[0] = '\0';

    rc = s_parse_args(argc, argv, &a);
    if (rc < 0) {
        rc = SDKC_EXIT_OK; /* --help */
        goto done;
    }
    if (rc)
        goto done;
    /* SIGINT/SIGTERM: stop after the current vector, then report (partial).
     * Installed before anything is started, so an interrupt while adapters
     * start still stops them (every exit path below destroys them). */
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = s_on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    g_stop = 0;
    g_spool_path[0] = '\0';
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    signals_set = 1;
    if ((rc = sdkc_cli_load_spec(S_CMD, a.spec, &spec)))
        goto done;

    if (a.vector_count) {
        for (i = 0; i < a.vector_count; i++)
            paths[n_paths++] = a.vectors[i];
    } else {
        if (sdkc_cli_default_corpus(corpus, sizeof(corpus)) != 0) {
            rc = sdkc_cli_usage_error(S_CMD, "no bundled corpus found (set SDKC_CORPUS or pass "
                                             "--vectors PATH)");
            goto done;
        }
        paths[n_paths++] = corpus;
    }

    /* A report folder that cannot be made is bad input: say so before the
     * run, not after it. */
    if (!a.no_report) {
        sdkc_error_init(&err);
        if (sdkc_report_dir_prepare(a.report_dir, strcmp(a.report_dir, S_DEFAULT_REPORT_DIR) == 0,
                                    &err) != SDKC_OK ||
            sdkc_dir_check_writable(a.report_dir, &err) != SDKC_OK) {
            sdkc_cli_fprintf(
              stderr, "sdkconform replay: --report-dir %s: %s\n", a.report_dir, err.msg);
            rc = SDKC_EXIT_USAGE;
            goto done;
        }
    }

    /* The credentials adapters sign with: fixed fake test keys (never real
     * ones: the mock endpoint needs none) plus a session token. Registered
     * with the report layer so that no report or console line carries the
     * secret or the token verbatim (docs/DESIGN.md). */
    sdkc_error_init(&err);
    if (sdkc_credentials_set(&creds, SDKC_ADAPTER_DEFAULT_ACCESS_KEY,
                             SDKC_ADAPTER_DEFAULT_SECRET_KEY, S_TEST_SESSION_TOKEN, &err)) {
        sdkc_cli_print_error(S_CMD, &err);
        rc = SDKC_EXIT_IMPL;
        goto done;
    }
    sdkc_report_scrub_set_credentials(&creds);

    /* The implementations, in command-line order. */
    for (i = 0; i < a.impl_count; i++) {
        struct s_impl_arg *ia = &a.impls[i];
        struct sdkc_buf *ab = &impl_arg_bufs[n_impls];
        sdkc_error_init(&err);
        if (ia->name && strcmp(ia->name, "builtin") == 0) {
            struct sdkc_builtin_options bo;
            memset(&bo, 0, sizeof(bo));
            bo.uuid = a.uuid;
            result = sdkc_impl_builtin_new(spec, &bo, &impls[n_impls], &err);
            if (!result)
                result = sdkc_buf_append_str(ab, "--impl builtin");
        } else {
            struct sdkc_adapter_options ao;
            char *cmd = NULL;
            memset(&ao, 0, sizeof(ao));
            if (ia->name) {
                result = sdkc_adapter_builtin_command(ia->name, &cmd, &err);
                if (result == SDKC_ERR_UNSUPPORTED || result == SDKC_ERR_NOT_FOUND) {
                    s_skip(skips, skip_msgs, &n_skips, ia->name, err.msg);
                    continue;
                }
            } else {
                result = SDKC_OK;
            }
            /* Its own mock endpoint (docs/DESIGN.md), started before the
             * adapter, which is told its URL in hello. */
            if (!result && (result = sdkc_server_new(NULL, &srvs[n_impls], &err)) != SDKC_OK) {
                sdkc_cli_print_error(S_CMD, &err);
                sdkc_free(cmd);
                rc = SDKC_EXIT_IMPL;
                goto done;
            }
            if (!result) {
                ao.name = ia->name ? ia->name : ia->cmd;
                ao.command = ia->name ? cmd : ia->cmd;
                ao.endpoint = sdkc_server_url(srvs[n_impls]);
                ao.credentials.access_key_id = creds.access_key_id;
                ao.credentials.secret_access_key = creds.secret_access_key;
                ao.credentials.session_token = creds.session_token;
                /* Prune what newer models know, as a client built from this
                 * spec would see it (issue 4; adapter.h). */
                ao.spec = spec;
                ao.stop = &g_stop;
                result = sdkc_impl_adapter_new(&ao, &impls[n_impls], &err);
                if (result == SDKC_ERR_UNSUPPORTED) {
                    s_skip(skips, skip_msgs, &n_skips, ao.name, err.msg);
                    sdkc_free(cmd);
                    /* Not reused: nothing it may have sent reaches another. */
                    sdkc_server_destroy(srvs[n_impls]);
                    srvs[n_impls] = NULL;
                    continue;
                }
            }
            sdkc_free(cmd);
            if (!result)
                result = ia->name ? sdkc_buf_appendf(ab, "--impl %s", ia->name)
                                  : sdkc_buf_append_str(ab, "--impl-cmd ");
            if (!result && !ia->name)
                result = s_quote(ab, ia->cmd);
        }
        if (result == SDKC_ERR_INTERRUPTED || (result && g_stop)) {
            sdkc_cli_fprintf(stderr,
                             "sdkconform replay: interrupted while starting the implementations\n");
            rc = S_EXIT_INTERRUPTED;
            goto done;
        }
        if (result) {
            sdkc_cli_fprintf(stderr,
                             "sdkconform replay: %s could not be started: %s\n",
                             ia->name ? ia->name : ia->cmd,
                             err.msg[0] ? err.msg : sdkc_result_str(result));
            rc = SDKC_EXIT_IMPL;
            goto done;
        }
        if (srvs[n_impls]) {
            sdkc_runner_endpoint_from_server(srvs[n_impls], &eps[n_impls]);
            ep_of[n_impls] = &eps[n_impls];
            wire = 1;
        }
        impl_args[n_impls] = ab->data;
        if (g_stop) {
            /* interrupted while starting: stop what started, report nothing */
            sdkc_cli_fprintf(stderr,
                             "sdkconform replay: interrupted while starting the implementations\n");
            n_impls++;
            rc = S_EXIT_INTERRUPTED;
            goto done;
        }
        rimpls[n_impls].name = impls[n_impls]->name;
        rimpls[n_impls].version = impls[n_impls]->version ? impls[n_impls]->version : "";
        n_impls++;
    }
    if (n_impls == 0) {
        /* Nothing ran: never green, --allow-skip or not (DESIGN.md exit 3). */
        sdkc_cli_fprintf(stderr, "sdkconform replay: every implementation asked for was skipped; nothing "
                        "ran (exit 3)\n");
        rc = SDKC_EXIT_IMPL;
        goto done;
    }

    /* The rerun command of each failure repeats what selects the corpus
     * and the gate; --impl and --filter are added per result. */
    s_self(self, sizeof(self));
    result = sdkc_buf_appendf(&prefix, "%s replay", self);
    if (!result && a.spec) {
        result = sdkc_buf_append_str(&prefix, " --spec ");
        if (!result)
            result = s_quote(&prefix, a.spec);
    }
    for (i = 0; !result && i < a.vector_count; i++) {
        result = sdkc_buf_append_str(&prefix, " --vectors ");
        if (!result)
            result = s_quote(&prefix, a.vectors[i]);
    }
    if (!result && a.level_arg)
        result = sdkc_buf_appendf(&prefix, " --level %s", sdkc_vector_level_name(a.level));
    for (i = 0; !result && i < a.xfail_count; i++) {
        result = sdkc_buf_append_str(&prefix, " --expected-failures ");
        if (!result)
            result = s_quote(&prefix, a.xfail[i]);
    }
    if (!result && a.no_sigv4)
        result = sdkc_buf_append_str(&prefix, " --no-sigv4"); /* else the rerun fails on sigv4 */
    if (!result && a.uuid != SDKC_BUILTIN_UUID_RANDOM)
        result = sdkc_buf_appendf(&prefix, " --uuid %s",
                                  a.uuid == SDKC_BUILTIN_UUID_FIXED ? "fixed" : "sequence");
    /* A rerun writes its reports beside the run's, never over them. */
    if (!result && !a.no_report) {
        struct sdkc_buf rd;
        sdkc_buf_init(&rd, 0);
        result = sdkc_buf_appendf(&rd, "%s/" SDKC_REPORT_RERUN_SUBDIR, a.report_dir);
        if (!result)
            result = sdkc_buf_append_str(&prefix, " --report-dir ");
        if (!result)
            result = s_quote(&prefix, rd.data);
        sdkc_buf_clean_up(&rd);
    }
    if (!result)
        result = sdkc_buf_append_str(&command, "sdkconform");
    for (i = 0; !result && i < (size_t)argc; i++) {
        result = sdkc_buf_append_byte(&command, ' ');
        if (!result)
            result = s_quote(&command, argv[i]);
    }
    if (result) {
        sdkc_cli_fprintf(stderr, "sdkconform replay: out of memory\n");
        rc = SDKC_EXIT_IMPL;
        goto done;
    }

    /* The result spool: a private temp file, removed at the end. */
    {
        const char *tmp = getenv("TMPDIR");
        snprintf(spool, sizeof(spool), "%s/sdkconform-spool-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        spool_fd = mkstemp(spool);
        if (spool_fd < 0) {
            sdkc_cli_fprintf(stderr,
                             "sdkconform replay: %s: cannot create the result spool: %s\n",
                             spool,
                             strerror(errno));
            spool[0] = '\0';
            rc = SDKC_EXIT_USAGE;
            goto done;
        }
        close(spool_fd);
        memcpy(g_spool_path, spool, sizeof(g_spool_path));
    }


    sdkc_console_init(&con, stdout, n_impls);
    con.verbose = a.verbose;
    memset(&ro, 0, sizeof(ro));
    ro.spec = spec;
    ro.vector_paths = paths;
    ro.vector_path_count = n_paths;
    ro.impls = impls;
    ro.impl_count = n_impls;
    ro.gate = a.level;
    ro.filter = a.filter;
    ro.shard_index = a.shard_k;
    ro.shard_count = a.shard_n;
    ro.expected_failures = a.xfail;
    ro.expected_failures_count = a.xfail_count;
    ro.jobs = a.jobs;
    ro.rerun_prefix = prefix.data;
    ro.impl_args = impl_args;
    ro.check_token_uniqueness = a.uuid == SDKC_BUILTIN_UUID_RANDOM;
    ro.estimate_progress = con.tty || con.progress_lines; /* only progress needs the total */
    ro.spool_path = spool;
    ro.on_record = sdkc_console_record;
    ro.on_record_ctx = &con;
    ro.stop = &g_stop;
    ro.endpoints = ep_of;
    if (wire && !a.no_sigv4) {
        ro.sigv4_creds = &creds;
        ro.sigv4_region = SDKC_ADAPTER_DEFAULT_REGION;
        ro.sigv4_service = spec->metadata.signing_name;
    }

    sdkc_error_init(&err);
    result = sdkc_runner_run(&ro, &sum, &fatal, &err);
    if (result && fatal == SDKC_RUN_FATAL_INPUT) {
        sdkc_cli_print_error(S_CMD, &err);
        rc = SDKC_EXIT_USAGE;
        goto done;
    }
    if (result) {
        /* The implementation broke: report what ran, marked partial. */
        sdkc_cli_print_error(S_CMD, &err);
        sum.partial = 1;
    }

    /* An implementation for which every vector was skipped (request-only
     * vectors for a client that cannot show its request, vectors bound to
     * a model an adapter was not started with) ran nothing: NOT RUN, like
     * one that could not start, never a green gate on nothing. */
    for (i = 0; !result && i < n_impls; i++) {
        const struct sdkc_run_counts *k = &sum.per_impl[i];
        if (k->total > 0 && k->by[SDKC_VERDICT_SKIP] == k->total && !sum.partial) {
            char why[160];
            snprintf(why, sizeof(why),
                     "every one of its %llu vectors was skipped as not applicable (see the "
                     "skip messages)",
                     (unsigned long long)k->total);
            s_skip(skips, skip_msgs, &n_skips, rimpls[i].name, why);
        }
    }
    /* The exit status first, so the reports record exactly what the
     * process returns: an implementation that broke or was named and not
     * run is exit 3 (unless --allow-skip for the latter), an interrupt 130,
     * else the verdicts' code. */
    if (result || (n_skips > 0 && !a.allow_skip))
        rc = SDKC_EXIT_IMPL;
    else if (sum.partial && g_stop)
        rc = S_EXIT_INTERRUPTED;
    else
        rc = sdkc_run_exit_code(&sum);
    memset(&meta, 0, sizeof(meta));
    meta.tool_name = "sdkconform";
    meta.tool_version = SDKC_VERSION;
    meta.impls = rimpls;
    meta.impl_count = n_impls;
    meta.gate = sdkc_vector_level_name(a.level);
    meta.command = command.data;
    meta.exit_code = rc;
    meta.skipped = skips;
    meta.skipped_count = n_skips;
    if (!a.no_report) {
        sdkc_error_init(&err);
        if (sdkc_report_write_all(a.report_dir, &meta, &sum, spool, &err)) {
            sdkc_cli_print_error(S_CMD, &err);
            rc = SDKC_EXIT_USAGE;
            goto done;
        }
    }
    sdkc_console_finish(&con, &meta, &sum, a.no_report ? NULL : a.report_dir);
    if (sum.vectors_selected == 0 && !result)
        sdkc_cli_fprintf(stderr, "sdkconform replay: warning: no vector selected (%llu read; check "
                        "--filter and --shard)\n",
                (unsigned long long)sum.vectors_read);
    if (n_skips > 0)
        sdkc_cli_fprintf(stderr, "sdkconform replay: %zu implementation%s named on the command line did "
                        "not run%s\n",
                n_skips, n_skips == 1 ? "" : "s",
                a.allow_skip ? " (--allow-skip: not an error)" : ": exit 3 (--allow-skip to "
                                                                  "accept that)");

done:
    if (signals_set) {
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGTERM, &old_term, NULL);
    }
    if (spool[0])
        unlink(spool);
    g_spool_path[0] = '\0';
    for (i = 0; i < SDKC_RUNNER_MAX_IMPLS; i++)
        sdkc_impl_destroy(impls[i]);
    for (i = 0; i < SDKC_RUNNER_MAX_IMPLS; i++)
        sdkc_server_destroy(srvs[i]);
    sdkc_spec_destroy(spec);
    for (i = 0; i < SDKC_RUNNER_MAX_IMPLS; i++)
        sdkc_buf_clean_up(&impl_arg_bufs[i]);
    for (i = 0; i < n_skips; i++)
        sdkc_free(skip_msgs[i]);
    sdkc_buf_clean_up(&prefix);
    sdkc_buf_clean_up(&command);
    sdkc_run_summary_clean_up(&sum);
    sdkc_console_clean_up(&con);
    sdkc_report_scrub_set_credentials(NULL);
    sdkc_credentials_clean_up(&creds);
    return rc;
}
