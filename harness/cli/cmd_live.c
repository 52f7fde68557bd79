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
 * This file parses arguments and calls the layers; it holds no probe and no
 * verdict of its own.
 *
 * Exit: 0 no failures; 1 a probe failed; 2 bad usage; 3 endpoint unreachable.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/spec_arg.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/json.h"
#include "impl/live.h"
#include "report/report.h"
#include "runner/runner.h"
#include "server/simulator.h"
#include "sigv4/credentials.h"
#include "vectors/probe.h"

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

/* Remove the probe corpus written under dir (only the files gen wrote). */
static void s_remove_corpus(const char *dir, const struct sdkc_gen_output *out)
{
    struct sdkc_buf p;
    size_t i;
    sdkc_buf_init(&p, 0);
    for (i = 0; i < out->count; i++) {
        char *slash;
        sdkc_buf_reset(&p);
        if (sdkc_buf_appendf(&p, "%s/%s", dir, out->files[i].path))
            continue;
        unlink(p.data);
        if ((slash = strrchr(p.data, '/')) != NULL) {
            *slash = '\0';
            rmdir(p.data);
        }
    }
    rmdir(dir);
    sdkc_buf_clean_up(&p);
}

/* live.json: the run's endpoint and every exchange, scrubbed like the
 * other reports (redaction replaces bytes inside JSON strings only, with a
 * marker free of quotes and backslashes, so the file stays valid JSON). */
static sdkc_result s_write_live_json(const char *dir, const char *endpoint, const char *region,
                                     const struct sdkc_spec *spec, const cJSON *log,
                                     struct sdkc_simulator *sim, struct sdkc_error *err)
{
    cJSON *j = cJSON_CreateObject(), *sj;
    struct sdkc_buf red, path;
    char *text = NULL;
    sdkc_result result = SDKC_ERR_NOMEM;
    sdkc_buf_init(&red, 0);
    sdkc_buf_init(&path, 0);
    if (!j || !cJSON_AddStringToObject(j, "endpoint", endpoint) ||
        !cJSON_AddStringToObject(j, "region", region) ||
        !cJSON_AddStringToObject(j, "spec", spec->source ? spec->source : "") ||
        !cJSON_AddItemToObject(j, "probes", log ? cJSON_Duplicate(log, 1) : cJSON_CreateArray()))
        goto done;
    if (sim) {
        struct sdkc_simulator_stats st;
        sdkc_simulator_stats(sim, &st);
        if (!(sj = cJSON_AddObjectToObject(j, "simulator")) ||
            !cJSON_AddNumberToObject(sj, "requests", (double)st.requests) ||
            !cJSON_AddNumberToObject(sj, "verified", (double)st.verified) ||
            !cJSON_AddNumberToObject(sj, "auth_failures", (double)st.auth_failures))
            goto done;
    }
    if (sdkc_json_print(j, 1, &text, NULL) || sdkc_report_scrub(&red, text, strlen(text)) ||
        sdkc_buf_appendf(&path, "%s/live.json", dir))
        goto done;
    result = sdkc_write_file_atomic(path.data, red.data ? red.data : "", red.len, err);
done:
    if (result == SDKC_ERR_NOMEM)
        sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
    cJSON_Delete(j);
    sdkc_free(text);
    sdkc_buf_clean_up(&red);
    sdkc_buf_clean_up(&path);
    return result;
}

int sdkc_cmd_live(int argc, char **argv)
{
    struct s_args a;
    struct sdkc_credentials creds;
    struct sdkc_spec *spec = NULL;
    struct sdkc_simulator *sim = NULL;
    struct sdkc_impl *impl = NULL;
    struct sdkc_error err;
    struct sdkc_gen_output probes;
    struct sdkc_probe_options po;
    struct sdkc_live_impl_options lo;
    struct sdkc_runner_options ro;
    struct sdkc_run_summary sum;
    struct sdkc_report_impl rimpl;
    struct sdkc_report_meta meta;
    struct sdkc_console con;
    struct sdkc_buf command, rest;
    enum sdkc_run_fatal fatal = SDKC_RUN_FATAL_NONE;
    cJSON *params = NULL;
    char corpus[4096], spool[4096], why[256];
    const char *endpoint, *paths[1], *impl_args[1];
    int rc, fd;
    size_t i;
    sdkc_result result;

    rc = s_parse(argc, argv, &a);
    if (rc)
        return rc < 0 ? SDKC_EXIT_OK : rc;
    corpus[0] = spool[0] = '\0';
    memset(&con, 0, sizeof(con)); /* cleaned up on every path */
    sdkc_credentials_init(&creds);
    sdkc_gen_output_init(&probes);
    sdkc_run_summary_init(&sum);
    sdkc_buf_init(&command, 0);
    sdkc_buf_init(&rest, 0);
    sdkc_error_init(&err);
    rc = SDKC_EXIT_USAGE;
    if (sdkc_credentials_load(&creds, a.profile, &err) != SDKC_OK) {
        sdkc_cli_print_error(S_CMD, &err);
        goto done;
    }
    /* From here every report and console line is scrubbed of these. */
    sdkc_report_scrub_set_credentials(&creds);
    /* A report folder that cannot be made is bad input: before any probe. */
    if (sdkc_report_dir_prepare(a.report_dir, strcmp(a.report_dir, S_DEFAULT_REPORT_DIR) == 0,
                                &err) != SDKC_OK ||
        sdkc_dir_check_writable(a.report_dir, &err) != SDKC_OK) {
        sdkc_cli_fprintf(stderr, "sdkconform live: --report-dir %s: %s\n", a.report_dir, err.msg);
        goto done;
    }
    if ((rc = sdkc_cli_load_spec(S_CMD, a.spec, &spec)))
        goto done;
    rc = SDKC_EXIT_USAGE;
    if (a.params && (strlen(a.params) > S_MAX_PARAMS ||
                     sdkc_json_parse(a.params, strlen(a.params), NULL, &params, &err) != SDKC_OK ||
                     !cJSON_IsObject(params))) {
        sdkc_cli_fprintf(stderr,
                         "sdkconform live: --params: a JSON object of at most %zu bytes "
                         "is due\n",
                         S_MAX_PARAMS);
        goto done;
    }

    /* The probes, into a private temp corpus the runner reads. */
    memset(&po, 0, sizeof(po));
    po.operation = a.operation;
    po.allow_writes = a.allow_writes;
    po.existing_id = a.domain;
    po.write_params = params;
    if ((result = sdkc_probe_generate(spec, &po, &probes, &err))) {
        sdkc_cli_print_error(S_CMD, &err);
        rc = result == SDKC_ERR_NOMEM ? SDKC_EXIT_IMPL : SDKC_EXIT_USAGE;
        goto done;
    }
    if (probes.notes.len)
        sdkc_cli_fprintf(stdout, "%s", probes.notes.data);
    if (probes.vector_count == 0) {
        sdkc_cli_fprintf(stderr, "sdkconform live: no operation of %s%s%s is safe to probe\n",
                         spec->source ? spec->source : "the model", a.operation ? " matching " : "",
                         a.operation ? a.operation : "");
        goto done;
    }
    {
        const char *tmp = getenv("TMPDIR");
        snprintf(corpus, sizeof(corpus), "%s/sdkconform-live-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        snprintf(spool, sizeof(spool), "%s/sdkconform-live-spool-XXXXXX",
                 tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(corpus)) {
            sdkc_cli_fprintf(stderr, "sdkconform live: %s: %s\n", corpus, strerror(errno));
            corpus[0] = '\0';
            goto done;
        }
        if ((fd = mkstemp(spool)) < 0) {
            sdkc_cli_fprintf(stderr, "sdkconform live: %s: cannot create the result spool: %s\n",
                             spool, strerror(errno));
            spool[0] = '\0';
            goto done;
        }
        close(fd);
    }
    if (sdkc_gen_write(&probes, corpus, &err) != SDKC_OK) {
        sdkc_cli_print_error(S_CMD, &err);
        rc = SDKC_EXIT_IMPL;
        goto done;
    }

    if (a.simulate) {
        struct sdkc_simulator_options so;
        memset(&so, 0, sizeof(so));
        so.creds = &creds;
        so.region = a.region;
        so.spec = spec;
        so.known_id = a.domain;
        if (sdkc_simulator_new(&so, &sim, &err) != SDKC_OK) {
            sdkc_cli_print_error(S_CMD, &err);
            rc = SDKC_EXIT_IMPL;
            goto done;
        }
        endpoint = sdkc_simulator_url(sim);
        sdkc_cli_fprintf(stdout, "simulator listening at %s (existing id: %s)\n", endpoint,
                         a.domain ? a.domain : "none");
    } else {
        endpoint = a.endpoint;
    }
    if (!sdkc_live_endpoint_allowed(endpoint, a.insecure_http, why, sizeof(why))) {
        rc = sdkc_cli_usage_error(S_CMD, "%s", why);
        goto done;
    }
    memset(&lo, 0, sizeof(lo));
    lo.spec = spec;
    lo.creds = &creds;
    lo.region = a.region;
    lo.transport.endpoint = endpoint;
    lo.transport.timeout_ms = a.timeout_ms;
    lo.transport.insecure_http = a.insecure_http;
    if (sdkc_impl_live_new(&lo, &impl, &err) != SDKC_OK) {
        sdkc_cli_print_error(S_CMD, &err);
        goto done;
    }

    /* The command line, for report.json and each result's rerun command. */
    result = sdkc_buf_append_str(&command, "sdkconform");
    for (i = 0; !result && i < (size_t)argc; i++)
        result = sdkc_buf_appendf(&command, " %s", argv[i]);
    for (i = 1; !result && i < (size_t)argc; i++)
        if (strcmp(argv[i], "--filter") == 0)
            i++;
        else
            result = sdkc_buf_appendf(&rest, "%s'%s'", rest.len ? " " : "", argv[i]);
    if (result) {
        rc = SDKC_EXIT_IMPL;
        goto done;
    }
    sdkc_console_init(&con, stdout, 1);
    con.verbose = 1; /* a handful of probes: show every one */
    paths[0] = corpus;
    impl_args[0] = rest.data ? rest.data : "";
    memset(&ro, 0, sizeof(ro));
    ro.spec = spec;
    ro.vector_paths = paths;
    ro.vector_path_count = 1;
    ro.impls = &impl;
    ro.impl_count = 1;
    ro.gate = SDKC_LEVEL_MUST;
    ro.filter = a.filter;
    ro.jobs = 1; /* one request at a time to a real account */
    ro.rerun_prefix = "sdkconform live";
    ro.impl_args = impl_args;
    ro.spool_path = spool;
    ro.on_record = sdkc_console_record;
    ro.on_record_ctx = &con;
    result = sdkc_runner_run(&ro, &sum, &fatal, &err);
    if (result && fatal == SDKC_RUN_FATAL_INPUT) {
        sdkc_cli_print_error(S_CMD, &err);
        goto done;
    }
    if (result) {
        /* Unreachable (or a client that could not run): report what ran. */
        sdkc_cli_print_error(S_CMD, &err);
        sum.partial = 1;
    }
    memset(&rimpl, 0, sizeof(rimpl));
    rimpl.name = impl->name;
    rimpl.version = impl->version;
    memset(&meta, 0, sizeof(meta));
    meta.tool_name = "sdkconform";
    meta.tool_version = SDKC_VERSION;
    meta.impls = &rimpl;
    meta.impl_count = 1;
    meta.gate = "MUST";
    meta.command = command.data;
    /* what this command returns below, so report.json records it */
    meta.exit_code = result ? SDKC_EXIT_IMPL : sdkc_run_exit_code(&sum);
    if (sdkc_report_write_all(a.report_dir, &meta, &sum, spool, &err) != SDKC_OK ||
        s_write_live_json(a.report_dir, endpoint, a.region, spec, sdkc_impl_live_log(impl), sim,
                          &err) != SDKC_OK) {
        sdkc_cli_print_error(S_CMD, &err);
        rc = SDKC_EXIT_IMPL;
        goto done;
    }
    sdkc_console_finish(&con, &meta, &sum, a.report_dir);
    rc = meta.exit_code;
done:
    if (corpus[0])
        s_remove_corpus(corpus, &probes);
    if (spool[0])
        unlink(spool);
    sdkc_report_scrub_set_credentials(NULL);
    sdkc_impl_destroy(impl);
    sdkc_simulator_destroy(sim);
    sdkc_run_summary_clean_up(&sum);
    sdkc_console_clean_up(&con);
    sdkc_gen_output_clean_up(&probes);
    sdkc_buf_clean_up(&command);
    sdkc_buf_clean_up(&rest);
    cJSON_Delete(params);
    sdkc_spec_destroy(spec);
    sdkc_credentials_clean_up(&creds);
    return rc;
}
