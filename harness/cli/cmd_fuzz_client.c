/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/cmd_fuzz_client.c: `sdkconform fuzz-client`: parse the arguments,
 * load the spec, install the signal handlers, then one call of
 * sdkc_fuzz_client_run (app/fuzz_client.h), whose exit status is returned
 * as it is: 0 no finding, 1 findings, 2 bad usage or OUT files, 3 an
 * implementation could not be run, 130 interrupted (summary partial).
 */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/fuzz_client.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/spec_arg.h"
#include "cli/stop.h"
#include "impl/adapter.h"
#include "spec/spec.h"

#define S_CMD "fuzz-client"

enum {
    S_SPEC = 1,
    S_IMPL,
    S_IMPL_CMD,
    S_IMPL_NAME,
    S_OPERATION,
    S_ALL,
    S_TIME,
    S_RUNS,
    S_SEED,
    S_OUT,
    S_TIMEOUT,
    S_JOBS,
};

static const struct sdkc_cli_opt s_opts[] = {
    {S_SPEC, "--spec", 0, "FILE", 1,
     "service model (plain or .gz); default: the bundled\nDataZone CreateUserProfile model"},
    {S_IMPL, "--impl", 0, "NAME", SDKC_RUNNER_MAX_IMPLS,
     "builtin, boto3, js-v2 or js-v3; repeatable"},
    {S_IMPL_CMD, "--impl-cmd", 0, "CMD", SDKC_RUNNER_MAX_IMPLS,
     "an adapter run through /bin/sh -c\n(harness/adapters/PROTOCOL.md); repeatable"},
    {S_IMPL_NAME, "--impl-name", 0, "NAME", SDKC_RUNNER_MAX_IMPLS,
     "names the --impl-cmd given right before it"},
    {S_OPERATION, "--operation", 0, "NAME", SDKC_FUZZ_CLIENT_MAX_OPERATIONS,
     "an operation to fuzz; repeatable (default: the spec's\nfirst operation)"},
    {S_ALL, "--all", 0, NULL, 1, "every operation of the spec (the time is shared)"},
    {S_TIME, "--time", 0, "T", 1, "stop after T: 90s, 10m, 2h (over all operations)"},
    {S_RUNS, "--runs", 0, "N", 1, "inputs per operation (with --time: whichever ends\nfirst)"},
    {S_SEED, "--seed", 0, "S", 1, "the run's seed (default 1): same seed, same inputs"},
    {S_OUT, "--out", 0, "DIR", 1,
     "corpus/, behaviours, findings/*.json (vectors: replay\n"
     "them with replay --vectors DIR/findings), summary.json\n"
     "and summary.html; a rerun continues its corpus and\n"
     "behaviours (default fuzz-client-out)"},
    {S_TIMEOUT, "--timeout", 0, "MS", 1,
     "an adapter call longer than this is a hang (default 2000)"},
    {S_JOBS, "--jobs", 0, "N", 1,
     "call up to N implementations at once on each input\n"
     "(default 1: one after the other; each one stays serial)"},
};

const struct sdkc_cli_syntax sdkc_cmd_fuzz_client_syntax = {
    S_CMD,
    "sdkconform fuzz-client (--impl NAME | --impl-cmd CMD\n"
    "                         [--impl-name NAME])... [--spec FILE]\n"
    "                         [--operation NAME... | --all] (--time T | --runs N)\n"
    "                         [--seed S] [--out DIR] [--timeout MS] [--jobs N]",
    "Fuzz the response side of client implementations: responses built from the\n"
    "model and mutated at every level are decoded by the builtin client (the\n"
    "oracle) and by each implementation; crashes, hangs, adapter protocol breaks,\n"
    "successes where the rules say error, and other differences from the oracle\n"
    "are deduplicated, minimized and written as vectors to DIR/findings, which\n"
    "`sdkconform replay --vectors DIR/findings --impl X` runs unchanged.",
    s_opts,
    sizeof(s_opts) / sizeof(s_opts[0]),
    "exit: 0 no finding, 1 findings (new or known), 2 bad usage or unreadable\n"
    "      files in DIR, 3 an implementation could not be run, 130 SIGINT (the\n"
    "      summary is written and marked partial)"};

struct s_args {
    const char *spec;
    struct sdkc_replay_impl impls[SDKC_RUNNER_MAX_IMPLS];
    size_t impl_count;
    const char *ops[SDKC_FUZZ_CLIENT_MAX_OPERATIONS];
    size_t op_count;
    int all;
    double time_s;
    unsigned long runs;
    unsigned long seed;
    const char *out;
    unsigned long timeout_ms;
    unsigned long jobs;
};

/* 0, -1 after --help, or an exit code. */
static int s_parse_args(int argc, char **argv, struct s_args *a)
{
    struct sdkc_cli_opts p;
    struct sdkc_cli_arg arg;
    int step, last_id = -1;
    size_t j;

    memset(a, 0, sizeof(*a));
    a->seed = 1;
    a->out = "fuzz-client-out";
    sdkc_cli_opts_init(&p, &sdkc_cmd_fuzz_client_syntax, argc, argv);
    while ((step = sdkc_cli_opts_next(&p, &arg)) == SDKC_CLI_OPTS_NEXT) {
        const char *v = arg.value;
        switch (arg.id) {
        case S_SPEC: a->spec = v; break;
        case S_IMPL:
        case S_IMPL_CMD:
            if (a->impl_count == SDKC_RUNNER_MAX_IMPLS)
                return sdkc_cli_usage_error(S_CMD, "at most %d implementations",
                                            SDKC_RUNNER_MAX_IMPLS);
            if (arg.id == S_IMPL) {
                if (strcmp(v, "builtin") && strcmp(v, "boto3") && strcmp(v, "js-v2") &&
                    strcmp(v, "js-v3"))
                    return sdkc_cli_usage_error(
                        S_CMD,
                        "--impl %s: unknown (builtin, boto3, js-v2, js-v3; or --impl-cmd CMD)", v);
                for (j = 0; j < a->impl_count; j++)
                    if (a->impls[j].name && !strcmp(a->impls[j].name, v))
                        return sdkc_cli_usage_error(S_CMD, "--impl %s: given twice", v);
                a->impls[a->impl_count].name = v;
            } else {
                a->impls[a->impl_count].cmd = v;
            }
            a->impl_count++;
            break;
        case S_IMPL_NAME:
            if (last_id != S_IMPL_CMD)
                return sdkc_cli_usage_error(S_CMD,
                                            "--impl-name %s: must follow the --impl-cmd it names "
                                            "(--impl-cmd CMD --impl-name NAME)",
                                            v);
            if (!sdkc_replay_impl_name_ok(v))
                return sdkc_cli_usage_error(S_CMD,
                                            "--impl-name %s: expected 1 to %d letters, digits, _ "
                                            "or -",
                                            v, SDKC_REPLAY_MAX_IMPL_NAME);
            a->impls[a->impl_count - 1].label = v;
            break;
        case S_OPERATION: a->ops[a->op_count++] = v; break;
        case S_ALL: a->all = 1; break;
        case S_TIME:
            if (sdkc_fuzz_client_parse_time(v, &a->time_s))
                return sdkc_cli_usage_error(S_CMD,
                                            "--time %s: expected a duration such as 90s, 10m or "
                                            "2h (at most %d s)",
                                            v, SDKC_FUZZ_CLIENT_MAX_TIME_S);
            break;
        case S_RUNS:
            if (sdkc_cli_parse_ulong(v, (unsigned long)SDKC_FUZZ_CLIENT_MAX_RUNS, &a->runs) ||
                a->runs == 0)
                return sdkc_cli_usage_error(S_CMD, "--runs %s: expected 1..%llu", v,
                                            (unsigned long long)SDKC_FUZZ_CLIENT_MAX_RUNS);
            break;
        case S_SEED:
            if (sdkc_cli_parse_ulong(v, ULONG_MAX, &a->seed))
                return sdkc_cli_usage_error(S_CMD, "--seed %s: expected an unsigned integer", v);
            break;
        case S_OUT: a->out = v; break;
        case S_JOBS:
            if (sdkc_cli_parse_ulong(v, SDKC_RUNNER_MAX_JOBS, &a->jobs) || a->jobs == 0)
                return sdkc_cli_usage_error(S_CMD, "--jobs %s: expected 1..%d", v,
                                            SDKC_RUNNER_MAX_JOBS);
            break;
        default: /* S_TIMEOUT */
            if (sdkc_cli_parse_ulong(v, SDKC_ADAPTER_MAX_TIMEOUT_MS, &a->timeout_ms) ||
                a->timeout_ms == 0)
                return sdkc_cli_usage_error(S_CMD, "--timeout %s: expected 1..%d milliseconds", v,
                                            SDKC_ADAPTER_MAX_TIMEOUT_MS);
            break;
        }
        last_id = arg.id;
    }
    if (step != SDKC_CLI_OPTS_END)
        return step;
    if (a->impl_count == 0)
        return sdkc_cli_usage_error(S_CMD, "name at least one implementation: --impl boto3");
    if (a->all && a->op_count)
        return sdkc_cli_usage_error(S_CMD, "--operation and --all: give one of them");
    if (a->runs == 0 && a->time_s <= 0)
        return sdkc_cli_usage_error(S_CMD, "say how long: --runs N or --time T");
    return 0;
}

int sdkc_cmd_fuzz_client(int argc, char **argv)
{
    struct s_args a;
    struct sdkc_spec *spec = NULL;
    struct sdkc_fuzz_client_options fo;
    struct sdkc_fuzz_client_outcome outcome;
    struct sdkc_cli_stop stop;
    volatile sig_atomic_t *stop_flag;
    int rc;

    rc = s_parse_args(argc, argv, &a);
    if (rc < 0)
        return SDKC_EXIT_OK; /* --help */
    if (rc)
        return rc;
    /* First signal: stop after the current call, write the summary
     * (partial), exit 130 (cli/stop.h). */
    stop_flag = sdkc_cli_stop_install(&stop);
    if ((rc = sdkc_cli_load_spec(S_CMD, a.spec, &spec)))
        goto done;
    memset(&fo, 0, sizeof(fo));
    fo.spec = spec;
    fo.spec_path = a.spec;
    fo.operations = a.ops;
    fo.operation_count = a.op_count;
    fo.all = a.all;
    fo.impls = a.impls;
    fo.impl_count = a.impl_count;
    fo.runs = a.runs;
    fo.time_s = a.time_s;
    fo.seed = a.seed;
    fo.out_dir = a.out;
    fo.timeout_ms = (int)a.timeout_ms;
    fo.jobs = (unsigned)a.jobs;
    fo.argc = argc;
    fo.argv = argv;
    fo.out = stdout;
    fo.err_out = stderr;
    fo.stop = stop_flag;
    (void)sdkc_fuzz_client_run(&fo, &outcome, NULL); /* it has said what went wrong */
    rc = outcome.exit_code;
done:
    sdkc_cli_stop_restore(&stop);
    sdkc_spec_destroy(spec);
    return rc;
}
