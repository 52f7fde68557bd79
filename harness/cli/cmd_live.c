/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/cmd_live.c: `sdkconform live` (docs/DESIGN.md "Live probes"): probe
 * vectors derived from the model's safe operations (vectors/probe.h) run by
 * the replay runner against the live implementation (impl/live.h: codec,
 * SigV4, libcurl), or, with --simulate, against an in-process loopback
 * simulator of the model (server/simulator.h). The reports are replay's
 * (report.json, junit.xml, report.html, console), plus live.json: every
 * exchange with its redacted request, status and result document. Secrets
 * never reach them: requests pass through sdkc_redact_append, and every
 * report and console line through sdkc_report_scrub with this run's
 * credentials registered.
 *
 * This file parses arguments and makes one call, sdkc_live_run (app/live.h);
 * it holds no probe and no verdict of its own.
 *
 * Exit: 0 no failures; 1 a probe failed; 2 bad usage; 3 endpoint unreachable.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/live.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/spec_arg.h"
#include "core/json.h"
#include "impl/live.h"
#include "report/report.h"

#define S_CMD        "live"
#define S_MAX_PARAMS ((size_t)1024 * 1024) /* bytes of --params JSON */

#define S_DEFAULT_REPORT_DIR SDKC_REPORT_DEFAULT_DIR "/live" /* not in a source tree */
#define S_MAX_TIMEOUT_MS     600000                          /* --timeout-ms cap: ten minutes */
#define S_STR2(x)            #x
#define S_STR(x)             S_STR2(x)

enum {
    S_ENDPOINT = 1,
    S_REGION,
    S_PROFILE,
    S_SPEC,
    S_OPERATION,
    S_FILTER,
    S_DOMAIN,
    S_ALLOW_WRITES,
    S_PARAMS,
    S_REPORT_DIR,
    S_INSECURE_HTTP,
    S_TIMEOUT_MS,
    S_SIMULATE
};

static const struct sdkc_cli_opt s_opts[] = {
    {S_ENDPOINT, "--endpoint", 0, "URL", 1,
     "the endpoint to probe (https; plain http only to\nloopback unless --insecure-http)"},
    {S_REGION, "--region", 0, "R", 1, "the region to sign for"},
    {S_PROFILE, "--profile", 0, "P", 1,
     "the shared credentials profile (default: AWS_PROFILE);\n"
     "without one, the environment's credentials"},
    {S_SPEC, "--spec", 0, "M", 1, "service model (plain or .gz); default: the bundled one"},
    {S_OPERATION, "--operation", 0, "GLOB", 1, "only operations whose name matches (fnmatch)"},
    {S_FILTER, "--filter", 0, "GLOB", 1, "only probes whose id matches (fnmatch)"},
    {S_DOMAIN, "--domain", 0, "ID", 1,
     "the id of an existing resource: the write probe's\n"
     "parent, and with --simulate the simulator's known id"},
    {S_ALLOW_WRITES, "--allow-writes", 0, NULL, 1,
     "also call the one selected operation that writes; it\nmust succeed"},
    {S_PARAMS, "--params", 0, "JSON", 1, "the write probe's params (with --allow-writes)"},
    {S_REPORT_DIR, "--report-dir", 0, "DIR", 1,
     "report.json, junit.xml, report.html, live.json\n(default " S_DEFAULT_REPORT_DIR ")"},
    {S_INSECURE_HTTP, "--insecure-http", 0, NULL, 1,
     "allow plain http to hosts other than loopback"},
    {S_TIMEOUT_MS, "--timeout-ms", 0, "N", 1,
     "per-request timeout, 1.." S_STR(S_MAX_TIMEOUT_MS) " ms (default 15000)"},
    {S_SIMULATE, "--simulate", 0, NULL, 1,
     "probe an in-process loopback simulator of the model\ninstead of an endpoint"},
};

_Static_assert(SDKC_LIVE_TIMEOUT_MS_DEFAULT == 15000, "the help states the default");

const struct sdkc_cli_syntax sdkc_cmd_live_syntax = {
    S_CMD,
    "sdkconform live --endpoint URL --region R [--profile P] [--spec M]\n"
    "                       [--operation GLOB] [--filter GLOB] [--domain ID]\n"
    "                       [--allow-writes [--params JSON]] [--report-dir DIR]\n"
    "                       [--insecure-http] [--timeout-ms N]\n"
    "       sdkconform live --simulate --region R [...]",
    "Safe SigV4 probes of a live endpoint, derived from the model (--spec, default\n"
    "the bundled one): for each operation that is read-only, or that names a parent\n"
    "a nonexistent id keeps it from changing, a well-formed nonexistent id, a value\n"
    "breaking a member's pattern/length/enum, a wrong signature and a stale date;\n"
    "each is due an error. --operation selects operations by name.\n"
    "With --allow-writes (and --domain ID, the id of an existing resource, and/or\n"
    "--params JSON) the one selected operation that writes is also called and must\n"
    "succeed. Credentials: environment or shared credentials file (--profile /\n"
    "AWS_PROFILE). TLS is verified; plain http only to loopback unless\n"
    "--insecure-http. --simulate runs against an in-process loopback simulator of\n"
    "the model that verifies SigV4 (its one existing id: --domain).",
    s_opts,
    sizeof(s_opts) / sizeof(s_opts[0]),
    "exit: 0 no failures (spec drift is reported, not failed), 1 a probe failed,\n"
    "      2 bad usage, 3 endpoint unreachable"};

struct s_args {
    const char *endpoint, *region, *profile, *domain, *report_dir, *spec, *operation, *params,
        *filter;
    long timeout_ms;
    int allow_writes, insecure_http, simulate;
};

static int s_parse(int argc, char **argv, struct s_args *a)
{
    struct sdkc_cli_opts p;
    struct sdkc_cli_arg arg;
    unsigned long ms;
    int step;
    memset(a, 0, sizeof(*a));
    a->report_dir = S_DEFAULT_REPORT_DIR;
    sdkc_cli_opts_init(&p, &sdkc_cmd_live_syntax, argc, argv);
    while ((step = sdkc_cli_opts_next(&p, &arg)) == SDKC_CLI_OPTS_NEXT) {
        switch (arg.id) {
        case S_ENDPOINT: a->endpoint = arg.value; break;
        case S_REGION: a->region = arg.value; break;
        case S_PROFILE: a->profile = arg.value; break;
        case S_SPEC: a->spec = arg.value; break;
        case S_OPERATION: a->operation = arg.value; break;
        case S_FILTER: a->filter = arg.value; break;
        case S_DOMAIN: a->domain = arg.value; break;
        case S_ALLOW_WRITES: a->allow_writes = 1; break;
        case S_PARAMS: a->params = arg.value; break;
        case S_REPORT_DIR: a->report_dir = arg.value; break;
        case S_INSECURE_HTTP: a->insecure_http = 1; break;
        case S_TIMEOUT_MS:
            if (sdkc_cli_parse_ulong(arg.value, S_MAX_TIMEOUT_MS, &ms) || ms < 1)
                return sdkc_cli_usage_error(S_CMD, "--timeout-ms wants 1..%d, got '%s'",
                                            S_MAX_TIMEOUT_MS, arg.value);
            a->timeout_ms = (long)ms;
            break;
        case S_SIMULATE: a->simulate = 1; break;
        default: break;
        }
    }
    if (step != SDKC_CLI_OPTS_END)
        return step;
    if (sdkc_cli_opts_require(&p, S_REGION))
        return SDKC_EXIT_USAGE;
    if (!a->endpoint && !a->simulate)
        return sdkc_cli_usage_error(S_CMD, "--endpoint (or --simulate) is required");
    if (a->endpoint && a->simulate)
        return sdkc_cli_usage_error(S_CMD, "--endpoint and --simulate exclude each other");
    if (a->allow_writes && !a->domain && !a->params)
        return sdkc_cli_usage_error(S_CMD, "--allow-writes needs --domain ID or --params JSON");
    if (a->params && !a->allow_writes)
        return sdkc_cli_usage_error(S_CMD, "--params is for the write probe (--allow-writes)");
    return 0;
}

int sdkc_cmd_live(int argc, char **argv)
{
    struct sdkc_live_run_options lo;
    struct s_args a;
    struct sdkc_spec *spec = NULL;
    struct sdkc_error err;
    cJSON *params = NULL;
    int rc = s_parse(argc, argv, &a);
    if (rc)
        return rc < 0 ? SDKC_EXIT_OK : rc;
    if ((rc = sdkc_cli_load_spec(S_CMD, a.spec, &spec)))
        return rc;
    sdkc_error_init(&err);
    if (a.params && (strlen(a.params) > S_MAX_PARAMS ||
                     sdkc_json_parse(a.params, strlen(a.params), NULL, &params, &err) != SDKC_OK ||
                     !cJSON_IsObject(params))) {
        rc = sdkc_cli_usage_error(S_CMD, "--params: a JSON object of at most %zu bytes is due",
                                  S_MAX_PARAMS);
        goto done;
    }
    memset(&lo, 0, sizeof(lo));
    lo.spec = spec;
    lo.region = a.region;
    lo.profile = a.profile;
    lo.endpoint = a.endpoint;
    lo.simulate = a.simulate;
    lo.existing_id = a.domain;
    lo.operation = a.operation;
    lo.filter = a.filter;
    lo.allow_writes = a.allow_writes;
    lo.write_params = params;
    lo.report_dir = a.report_dir;
    lo.report_dir_default = strcmp(a.report_dir, S_DEFAULT_REPORT_DIR) == 0;
    lo.insecure_http = a.insecure_http;
    lo.timeout_ms = a.timeout_ms;
    lo.argc = argc;
    lo.argv = argv;
    lo.out = stdout;
    lo.err_out = stderr;
    rc = sdkc_live_run(&lo, &err);
done:
    cJSON_Delete(params);
    sdkc_spec_destroy(spec);
    return rc;
}
