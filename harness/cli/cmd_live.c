/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/cmd_live.c: `sdkconform live` (docs/DESIGN.md): safe probes of a live
 * endpoint with SigV4 over libcurl, each response decoded against the spec
 * into a result document and judged; with --simulate, against an
 * in-process loopback simulator (server/simulator.h) instead.
 *
 * Probes (creating nothing):
 *   nonexistent-domain  a well-formed DomainId that does not exist -> an error
 *   bad-domain-pattern  an id that breaks ^dzd[-_][a-zA-Z0-9_-]{1,36}$ -> an error
 *   wrong-signature     correctly signed, one signature digit changed -> 403
 *   stale-date          signed an hour ago -> 403
 * With --allow-writes --domain ID: create-profile, which must answer 201
 * with exactly one `details` member and enum values the spec knows.
 * A 2xx where an error is due is a failure (exit 1). An error code the spec
 * does not model for the operation (InvalidSignatureException,
 * UnrecognizedClientException, ...) is reported as spec drift, not a
 * failure. Results, in --report-dir, in the same formats as replay (issue 5
 * §6), written atomically through the report layer: report.json,
 * junit.xml, report.html with one result per probe (id "live.<probe>",
 * impl "live"; a failed check is a MUST failure, spec drift a SHOULD
 * failure, which is below the MUST gate and so a warning; an unreachable
 * endpoint an error), plus live.json (every probe: the redacted request,
 * status, result document, findings). Secrets never reach them: requests
 * pass through sdkc_redact_append, and every report and console line through
 * sdkc_report_scrub with this run's credentials registered.
 *
 * Exit: 0 no failures; 1 a probe failed; 2 bad usage; 3 endpoint unreachable.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "codec/codec.h"
#include "core/clock.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"
#include "impl/live.h"
#include "report/report.h"
#include "runner/runner.h"
#include "server/simulator.h"
#include "sigv4/credentials.h"
#include "sigv4/sigv4.h"
#include "spec/spec.h"

#define S_STALE_S 3600 /* the stale-date probe signs this long ago (AWS allows 900 s) */
#define S_SIM_DOMAIN "dzd_sdkconformsim01"
#define S_IMPL "live"
#define S_CATEGORY "live"
#define S_MAX_DOC 8192 /* bytes of a request / result document shown in a diff */

#define S_DEFAULT_REPORT_DIR "reports/live"
#define S_MAX_TIMEOUT_MS     600000 /* --timeout-ms cap: ten minutes */
#define S_STR2(x)            #x
#define S_STR(x)             S_STR2(x)
/* The --timeout-ms help states the impl layer's default. */
_Static_assert(SDKC_LIVE_TIMEOUT_MS_DEFAULT == 15000, "update the --timeout-ms help");

enum {
    S_ENDPOINT = 1,
    S_REGION,
    S_PROFILE,
    S_DOMAIN,
    S_ALLOW_WRITES,
    S_REPORT_DIR,
    S_INSECURE_HTTP,
    S_TIMEOUT_MS,
    S_SIMULATE
};

static const struct sdkc_cli_opt s_opts[] = {
    { S_ENDPOINT,
      "--endpoint",
      0,
      "URL",
      1,
      "the endpoint to probe (https; plain http only to\nloopback unless --insecure-http)" },
    { S_REGION, "--region", 0, "R", 1, "the region to sign for" },
    { S_PROFILE,
      "--profile",
      0,
      "P",
      1,
      "the shared credentials profile (default: AWS_PROFILE);\n"
      "without one, the environment's credentials" },
    { S_DOMAIN,
      "--domain",
      0,
      "ID",
      1,
      "the domain --allow-writes creates a profile in; with\n"
      "--simulate the simulator's one existing domain\n"
      "(default " S_SIM_DOMAIN ")" },
    { S_ALLOW_WRITES,
      "--allow-writes",
      0,
      NULL,
      1,
      "also create a user profile in --domain and validate it" },
    { S_REPORT_DIR,
      "--report-dir",
      0,
      "DIR",
      1,
      "report.json, junit.xml, report.html, live.json\n(default " S_DEFAULT_REPORT_DIR ")" },
    { S_INSECURE_HTTP,
      "--insecure-http",
      0,
      NULL,
      1,
      "allow plain http to hosts other than loopback" },
    { S_TIMEOUT_MS,
      "--timeout-ms",
      0,
      "N",
      1,
      "per-request timeout, 1.." S_STR(S_MAX_TIMEOUT_MS) " ms (default 15000)" },
    { S_SIMULATE,
      "--simulate",
      0,
      NULL,
      1,
      "probe an in-process loopback simulator instead of an\nendpoint" },
};

const struct sdkc_cli_syntax sdkc_cmd_live_syntax = {
    "live",
    "sdkconform live --endpoint URL --region R [--profile P] [--domain ID]\n"
    "                       [--allow-writes] [--report-dir DIR] [--insecure-http]\n"
    "                       [--timeout-ms N]\n"
    "       sdkconform live --simulate --region R [--domain ID] [--allow-writes] ...",
    "Safe SigV4 probes of a DataZone endpoint (CreateUserProfile): a nonexistent\n"
    "domain, a malformed domain id, a wrong signature, a stale date. With\n"
    "--allow-writes --domain ID it also creates a user profile and validates it.\n"
    "Credentials: environment or shared credentials file (--profile / AWS_PROFILE).\n"
    "TLS is verified; plain http only to loopback unless --insecure-http.\n"
    "--simulate runs against an in-process loopback simulator that verifies SigV4\n"
    "and answers like the service (its one existing domain: --domain, default\n" S_SIM_DOMAIN ").",
    s_opts,
    sizeof(s_opts) / sizeof(s_opts[0]),
    "exit: 0 no failures (spec drift is reported, not failed), 1 a probe failed,\n"
    "      2 bad usage, 3 endpoint unreachable"
};

struct s_args {
    const char *endpoint, *region, *profile, *domain, *report_dir;
    long timeout_ms;
    int allow_writes, insecure_http, simulate;
};

enum s_tamper { S_NONE, S_WRONG_SIGNATURE, S_STALE };

struct s_probe {
    const char *name;
    const char *title; /* the report's title of the result */
    const char *domain; /* NULL: the --domain value */
    enum s_tamper tamper;
    int expect_success; /* 1: 201 due; 0: an error due */
};

struct s_run {
    const struct s_args *a;
    const struct sdkc_spec *spec;
    const struct sdkc_operation *op;
    struct sdkc_credentials creds;
    struct sdkc_live_options lo;
    char host[256];
    const char *endpoint;
    int failures, drift, unreachable;
    cJSON *probes; /* array in the report */
    /* The replay-format results (report layer): one spool line per probe. */
    FILE *spool;
    struct sdkc_run_summary *sum;
    struct sdkc_buf messages; /* this probe's findings, "; "-joined */
    int spool_failed;
};

/* 0, -1 after --help, or an exit code. */
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
        case S_ENDPOINT:
            a->endpoint = arg.value;
            break;
        case S_REGION:
            a->region = arg.value;
            break;
        case S_PROFILE:
            a->profile = arg.value;
            break;
        case S_DOMAIN:
            a->domain = arg.value;
            break;
        case S_ALLOW_WRITES:
            a->allow_writes = 1;
            break;
        case S_REPORT_DIR:
            a->report_dir = arg.value;
            break;
        case S_INSECURE_HTTP:
            a->insecure_http = 1;
            break;
        case S_TIMEOUT_MS:
            if (sdkc_cli_parse_ulong(arg.value, S_MAX_TIMEOUT_MS, &ms) || ms < 1)
                return sdkc_cli_usage_error(
                  "live", "--timeout-ms wants 1..%d, got '%s'", S_MAX_TIMEOUT_MS, arg.value);
            a->timeout_ms = (long)ms;
            break;
        default:
            a->simulate = 1;
            break;
        }
    }
    if (step != SDKC_CLI_OPTS_END)
        return step;
    if (sdkc_cli_opts_require(&p, S_REGION))
        return SDKC_EXIT_USAGE;
    if (!a->endpoint && !a->simulate)
        return sdkc_cli_usage_error("live", "--endpoint (or --simulate) is required");
    if (a->endpoint && a->simulate)
        return sdkc_cli_usage_error("live", "--endpoint and --simulate exclude each other");
    if (a->allow_writes && !a->domain && !a->simulate)
        return sdkc_cli_usage_error("live", "--allow-writes needs --domain ID");
    return 0;
}

static void s_finding(struct s_run *run, cJSON *findings, const char *level, const char *msg,
                      int *counter)
{
    struct sdkc_buf clean;
    cJSON *f = cJSON_CreateObject();
    if (f) {
        cJSON_AddStringToObject(f, "level", level);
        cJSON_AddStringToObject(f, "message", msg);
        cJSON_AddItemToArray(findings, f);
    }
    if (counter)
        (*counter)++;
    if (strcmp(level, "ok") != 0 || run->messages.len == 0) {
        if (run->messages.len)
            (void)sdkc_buf_append_str(&run->messages, "; ");
        (void)sdkc_buf_appendf(&run->messages, "%s: %s", level, msg);
    }
    /* Console text passes the same scrub as the reports. */
    sdkc_buf_init(&clean, 0);
    if (sdkc_report_scrub(&clean, msg, strlen(msg)) == SDKC_OK && clean.data)
        sdkc_cli_fprintf(stdout, "    %s: %s\n", level, clean.data);
    else
        sdkc_cli_fprintf(stdout, "    %s: (message withheld)\n", level);
    sdkc_buf_clean_up(&clean);
}

/* Judge a success document against the operation's output shape. */
static void s_check_output(struct s_run *run, const cJSON *out, cJSON *findings)
{
    const struct sdkc_shape *sh = run->op->output;
    char msg[512];
    size_t i;
    if (!sh || !cJSON_IsObject(out)) {
        s_finding(run, findings, "fail", "the 2xx response has no output document", &run->failures);
        return;
    }
    for (i = 0; i < sh->member_count; i++) {
        const struct sdkc_member *m = &sh->members[i];
        const cJSON *v = sdkc_json_get(out, m->name);
        if (!v || !m->shape)
            continue;
        if (m->shape->type == SDKC_SHAPE_STRING && m->shape->enum_count && cJSON_IsString(v) &&
            !sdkc_shape_enum_has(m->shape, v->valuestring)) {
            snprintf(msg, sizeof(msg), "%s is '%.100s', not a value the spec's %s knows",
                     m->name, v->valuestring, m->shape->name);
            s_finding(run, findings, "drift", msg, &run->drift);
        }
        if (m->shape->is_union) {
            int n = cJSON_GetArraySize(v);
            if (!cJSON_IsObject(v) || n != 1) {
                snprintf(msg, sizeof(msg), "union %s has %d members set, exactly one is due",
                         m->name, n);
                s_finding(run, findings, "fail", msg, &run->failures);
            }
        }
    }
}

static void s_count(struct sdkc_run_counts *c, enum sdkc_verdict v, int gating, int warning,
                    double ms)
{
    c->total++;
    c->by[v]++;
    c->gating += (uint64_t)gating;
    c->warnings += (uint64_t)warning;
    c->duration_ms += ms;
}

/* Append "what: <compact JSON>" to the diff, cut at S_MAX_DOC bytes. */
static void s_diff_json(struct sdkc_buf *diff, const char *what, const cJSON *j)
{
    /* core/json.h printing: numbers keep their exact digits ("Numbers") */
    char *t = NULL;
    size_t n;
    if (j && sdkc_json_print(j, 0, &t, NULL) != SDKC_OK)
        t = NULL;
    n = t ? strlen(t) : 0;
    (void)sdkc_buf_appendf(diff, "%s: ", what);
    if (!t)
        (void)sdkc_buf_append_str(diff, "(none)");
    else if (n > S_MAX_DOC)
        (void)sdkc_buf_appendf(diff, "%.*s...(%zu bytes)", (int)S_MAX_DOC, t, n);
    else
        (void)sdkc_buf_append(diff, t, n);
    (void)sdkc_buf_append_byte(diff, '\n');
    sdkc_free(t);
}

/* One probe as a replay-format result (runner.h spool line; report.json
 * "results" entry), judged from the findings it added: unreachable ->
 * error; a failed check -> fail at MUST (gating); spec drift only -> fail
 * at SHOULD, below the MUST gate, so a warning; else pass. */
static void s_emit(struct s_run *run, const struct s_probe *p, const cJSON *rec, int fails0,
                   int drift0, int unreach0, double ms)
{
    enum sdkc_verdict v = SDKC_VERDICT_PASS;
    const char *level = "MUST";
    int gating = 0, warning = 0;
    struct sdkc_buf id, diff;
    cJSON *line = NULL, *refs;
    char *text = NULL;
    const cJSON *f;

    sdkc_buf_init(&id, 0);
    sdkc_buf_init(&diff, SDKC_RUNNER_MAX_DIFF);
    if (run->unreachable > unreach0) {
        v = SDKC_VERDICT_ERROR;
        gating = 1;
    } else if (run->failures > fails0) {
        v = SDKC_VERDICT_FAIL;
        gating = 1;
    } else if (run->drift > drift0) {
        v = SDKC_VERDICT_FAIL;
        level = "SHOULD";
        warning = 1;
    }
    if (v != SDKC_VERDICT_PASS) {
        const cJSON *st = sdkc_json_get(rec, "status");
        (void)sdkc_buf_append_str(&diff, "findings:\n");
        cJSON_ArrayForEach(f, sdkc_json_get(rec, "findings"))
        {
            const cJSON *l = sdkc_json_get(f, "level"), *m = sdkc_json_get(f, "message");
            (void)sdkc_buf_appendf(&diff, "  %s: %s\n", cJSON_IsString(l) ? l->valuestring : "?",
                                   cJSON_IsString(m) ? m->valuestring : "");
        }
        if (cJSON_IsNumber(st))
            (void)sdkc_buf_appendf(&diff, "status: %d\n", st->valueint);
        s_diff_json(&diff, "request (redacted)", sdkc_json_get(rec, "request"));
        s_diff_json(&diff, "result document", sdkc_json_get(rec, "result"));
    }
    if (sdkc_buf_appendf(&id, "live.%s", p->name) ||
        !(line = cJSON_CreateObject()) ||
        !cJSON_AddStringToObject(line, "id", id.data) ||
        !cJSON_AddStringToObject(line, "impl", S_IMPL) ||
        !cJSON_AddNumberToObject(line, "impl_index", 0) ||
        !cJSON_AddStringToObject(line, "level", level) ||
        !cJSON_AddStringToObject(line, "status", sdkc_verdict_name(v)) ||
        !cJSON_AddStringToObject(line, "message",
                                 run->messages.data ? run->messages.data : "") ||
        !cJSON_AddNumberToObject(line, "duration_ms", ms) ||
        !cJSON_AddBoolToObject(line, "gating", gating) ||
        !cJSON_AddStringToObject(line, "title", p->title) ||
        !cJSON_AddStringToObject(line, "category", S_CATEGORY) ||
        !(refs = cJSON_AddArrayToObject(line, "refs")) ||
        !cJSON_AddItemToArray(refs, cJSON_CreateString("issue5:6")) ||
        (diff.len && !cJSON_AddStringToObject(line, "diff", diff.data)) ||
        sdkc_json_print(line, 0, &text, NULL) != SDKC_OK || fputs(text, run->spool) < 0 ||
        fputc('\n', run->spool) == EOF) {
        run->spool_failed = 1;
        goto done;
    }
    s_count(&run->sum->all, v, gating, warning, ms);
    s_count(&run->sum->per_impl[0], v, gating, warning, ms);
    s_count(&run->sum->categories[0].per_impl[0], v, gating, warning, ms);
    run->sum->vectors_read++;
    run->sum->vectors_selected++;
done:
    sdkc_free(text);
    cJSON_Delete(line);
    sdkc_buf_clean_up(&id);
    sdkc_buf_clean_up(&diff);
}

static void s_probe(struct s_run *run, const struct s_probe *p)
{
    struct sdkc_http_request req;
    struct sdkc_http_response resp;
    struct sdkc_codec_options co;
    struct sdkc_sigv4_options so;
    struct sdkc_error err;
    struct sdkc_buf red;
    cJSON *params = NULL, *doc = NULL, *rec = NULL, *findings, *reqj = NULL;
    char date[17], msg[SDKC_ERROR_MSG_MAX + 128], *reqtext = NULL;
    const char *kind;
    time_t now = time(NULL);
    int fails0 = run->failures, drift0 = run->drift, unreach0 = run->unreachable;
    double t0 = sdkc_clock_ms_f();

    sdkc_http_request_init(&req);
    sdkc_http_response_init(&resp);
    sdkc_error_init(&err);
    sdkc_buf_init(&red, 0);
    sdkc_buf_reset(&run->messages);
    sdkc_cli_fprintf(stdout, "probe %s\n", p->name);
    rec = cJSON_CreateObject();
    findings = rec ? cJSON_AddArrayToObject(rec, "findings") : NULL;
    params = cJSON_CreateObject();
    if (!findings || !params ||
        !cJSON_AddStringToObject(params, "domainIdentifier", p->domain ? p->domain : run->a->domain) ||
        !cJSON_AddStringToObject(params, "userIdentifier",
                                 "arn:aws:iam::123456789012:user/sdkconform-probe") ||
        !cJSON_AddStringToObject(params, "userType", "IAM_USER")) {
        s_finding(run, findings, "fail", "out of memory", &run->failures);
        goto done;
    }
    cJSON_AddStringToObject(rec, "probe", p->name);
    memset(&co, 0, sizeof(co));
    co.host = run->host;
    if (sdkc_codec_encode(run->spec, run->op, params, &co, &req, &err) != SDKC_OK) {
        snprintf(msg, sizeof(msg), "cannot encode the request: %s", err.msg);
        s_finding(run, findings, "fail", msg, &run->failures);
        goto done;
    }
    memset(&so, 0, sizeof(so));
    so.creds = &run->creds;
    so.region = run->a->region;
    so.service = "datazone";
    sdkc_sigv4_format_date(p->tamper == S_STALE ? now - S_STALE_S : now, date);
    so.amz_date = date;
    so.normalize_path = 1;
    so.double_encode_path = 1;
    if (sdkc_sigv4_sign(&req, &so, NULL, &err) != SDKC_OK) {
        snprintf(msg, sizeof(msg), "cannot sign: %s", err.msg);
        s_finding(run, findings, "fail", msg, &run->failures);
        goto done;
    }
    if (p->tamper == S_WRONG_SIGNATURE) {
        const char *a = sdkc_http_headers_get(&req.headers, "authorization");
        char *last = a ? (char *)a + strlen(a) - 1 : NULL;
        if (last)
            *last = *last == '0' ? '1' : '0';
    }
    if (sdkc_codec_request_to_json(&req, &reqj, NULL) == SDKC_OK &&
        sdkc_json_print(reqj, 0, &reqtext, NULL) == SDKC_OK &&
        sdkc_redact_append(&red, reqtext, strlen(reqtext), &run->creds) == SDKC_OK) {
        cJSON *r2 = NULL;
        if (sdkc_json_parse(red.data, red.len, NULL, &r2, NULL) == SDKC_OK)
            cJSON_AddItemToObject(rec, "request", r2);
    }
    if (sdkc_live_send(&run->lo, &req, &resp, &err) != SDKC_OK) {
        snprintf(msg, sizeof(msg), "no HTTP response: %s", err.msg);
        s_finding(run, findings, "unreachable", msg, &run->unreachable);
        goto done;
    }
    cJSON_AddNumberToObject(rec, "status", resp.status);
    if (sdkc_codec_decode(run->spec, run->op, &resp, &doc, &err) != SDKC_OK) {
        snprintf(msg, sizeof(msg), "cannot decode the response: %s", err.msg);
        s_finding(run, findings, "fail", msg, &run->failures);
        goto done;
    }
    kind = sdkc_result_kind(doc);
    if (p->expect_success) {
        if (!kind || strcmp(kind, "output") != 0 || resp.status != run->op->response_code) {
            snprintf(msg, sizeof(msg), "wanted %d with an output document, got %d (%s)",
                     run->op->response_code, resp.status, kind ? kind : "no document");
            s_finding(run, findings, "fail", msg, &run->failures);
        } else {
            int before = run->failures + run->drift;
            s_check_output(run, sdkc_json_get(doc, "output"), findings);
            if (run->failures + run->drift == before) {
                snprintf(msg, sizeof(msg), "%d with a valid %s", resp.status,
                         run->op->output ? run->op->output->name : "output");
                s_finding(run, findings, "ok", msg, NULL);
            }
        }
    } else if (!kind || strcmp(kind, "error") != 0) {
        snprintf(msg, sizeof(msg), "an error was due, got %d (%s)", resp.status,
                 kind ? kind : "no document");
        s_finding(run, findings, "fail", msg, &run->failures);
    } else {
        const cJSON *e = sdkc_json_get(doc, "error");
        const cJSON *code = sdkc_json_get(e, "code");
        const char *cs = cJSON_IsString(code) ? code->valuestring : "(no code)";
        if ((p->tamper != S_NONE) && resp.status != 403) {
            snprintf(msg, sizeof(msg), "a bad signature got %d %s, 403 was due", resp.status, cs);
            s_finding(run, findings, "fail", msg, &run->failures);
        } else if (!cJSON_IsTrue(sdkc_json_get(e, "modeled"))) {
            snprintf(msg, sizeof(msg),
                     "%d %s: an error code the spec does not model for %s (spec drift)",
                     resp.status, cs, run->op->name);
            s_finding(run, findings, "drift", msg, &run->drift);
        } else {
            snprintf(msg, sizeof(msg), "%d %s (modeled)", resp.status, cs);
            s_finding(run, findings, "ok", msg, NULL);
        }
    }
done:
    if (rec && doc) {
        cJSON_AddItemToObject(rec, "result", doc);
        doc = NULL;
    }
    if (rec)
        s_emit(run, p, rec, fails0, drift0, unreach0, sdkc_clock_ms_f() - t0);
    if (rec)
        cJSON_AddItemToArray(run->probes, rec);
    cJSON_Delete(doc);
    cJSON_Delete(params);
    cJSON_Delete(reqj);
    sdkc_free(reqtext);
    sdkc_buf_clean_up(&red);
    sdkc_http_response_clean_up(&resp);
    sdkc_http_request_clean_up(&req);
}

int sdkc_cmd_live(int argc, char **argv)
{
    struct s_args a;
    struct s_run run;
    struct sdkc_spec *spec = NULL;
    struct sdkc_simulator *sim = NULL;
    struct sdkc_error err;
    cJSON *report = NULL;
    char *text = NULL, path[4096], why[256], spool[4096];
    struct sdkc_run_summary sum;
    struct sdkc_report_impl rimpl;
    struct sdkc_report_meta meta;
    struct sdkc_buf command;
    int rc, fd;
    double wall0 = 0;
    size_t i;

    rc = s_parse(argc, argv, &a);
    if (rc)
        return rc < 0 ? SDKC_EXIT_OK : rc;
    memset(&run, 0, sizeof(run));
    run.a = &a;
    spool[0] = '\0';
    sdkc_run_summary_init(&sum);
    run.sum = &sum;
    sdkc_buf_init(&run.messages, SDKC_RUNNER_MAX_MESSAGE);
    sdkc_buf_init(&command, 0);
    sdkc_credentials_init(&run.creds);
    sdkc_error_init(&err);
    rc = SDKC_EXIT_USAGE;
    if (sdkc_credentials_load(&run.creds, a.profile, &err) != SDKC_OK) {
        sdkc_cli_print_error("live", &err);
        goto done;
    }
    /* From here every report and console line is scrubbed of these. */
    sdkc_report_scrub_set_credentials(&run.creds);
    /* A report folder that cannot be made is bad input: before any probe. */
    if (sdkc_dir_check_writable(a.report_dir, &err) != SDKC_OK) {
        sdkc_cli_fprintf(stderr, "sdkconform live: --report-dir %s: %s\n", a.report_dir, err.msg);
        goto done;
    }
    /* The result spool the report writers read (runner.h format). */
    {
        const char *tmp = getenv("TMPDIR");
        snprintf(spool, sizeof(spool), "%s/sdkconform-live-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        fd = mkstemp(spool);
        if (fd < 0 || !(run.spool = fdopen(fd, "wb"))) {
            sdkc_cli_fprintf(stderr,
                             "sdkconform live: %s: cannot create the result spool: %s\n",
                             spool,
                             strerror(errno));
            if (fd >= 0)
                close(fd);
            else
                spool[0] = '\0';
            goto done;
        }
    }
    sum.impl_count = 1;
    sum.categories = sdkc_calloc(1, sizeof(*sum.categories));
    if (!sum.categories || !(sum.categories[0].name = sdkc_strdup(S_CATEGORY))) {
        sdkc_cli_fprintf(stderr, "sdkconform live: out of memory\n");
        rc = SDKC_EXIT_IMPL;
        goto done;
    }
    sum.category_count = sum.category_cap = 1;
    wall0 = sdkc_clock_ms_f();
    if (sdkc_spec_load_default(&spec, &err) != SDKC_OK) {
        sdkc_cli_print_error("live", &err);
        goto done;
    }
    run.spec = spec;
    run.op = sdkc_spec_find_operation(spec, "CreateUserProfile");
    if (!run.op) {
        sdkc_cli_fprintf(stderr, "sdkconform live: the bundled spec has no CreateUserProfile\n");
        goto done;
    }
    if (a.simulate) {
        struct sdkc_simulator_options sopt;
        if (!a.domain)
            a.domain = S_SIM_DOMAIN;
        memset(&sopt, 0, sizeof(sopt));
        sopt.creds = &run.creds;
        sopt.region = a.region;
        sopt.known_domain = a.domain;
        if (sdkc_simulator_new(&sopt, &sim, &err) != SDKC_OK) {
            sdkc_cli_print_error("live", &err);
            rc = SDKC_EXIT_IMPL;
            goto done;
        }
        run.endpoint = sdkc_simulator_url(sim);
        sdkc_cli_fprintf(stdout, "simulator listening at %s (domain %s)\n", run.endpoint, a.domain);
    } else {
        run.endpoint = a.endpoint;
    }
    if (!sdkc_live_endpoint_allowed(run.endpoint, a.insecure_http, why, sizeof(why))) {
        rc = sdkc_cli_usage_error("live", "%s", why);
        goto done;
    }
    if (sdkc_live_endpoint_host(run.endpoint, run.host, sizeof(run.host), &err) != SDKC_OK) {
        sdkc_cli_print_error("live", &err);
        goto done;
    }
    run.lo.endpoint = run.endpoint;
    run.lo.timeout_ms = a.timeout_ms;
    run.lo.insecure_http = a.insecure_http;
    report = cJSON_CreateObject();
    if (!report || !cJSON_AddStringToObject(report, "endpoint", run.endpoint) ||
        !cJSON_AddStringToObject(report, "region", a.region) ||
        !cJSON_AddStringToObject(report, "operation", run.op->name) ||
        !(run.probes = cJSON_AddArrayToObject(report, "probes"))) {
        sdkc_cli_fprintf(stderr, "sdkconform live: out of memory\n");
        rc = SDKC_EXIT_IMPL;
        goto done;
    }
    {
        const struct s_probe probes[] = {
            {"nonexistent-domain", "a well-formed DomainId that does not exist is an error",
             "dzd_sdkconformnonexistent0", S_NONE, 0},
            {"bad-domain-pattern", "a DomainId breaking the model's pattern is an error",
             "not a domain/../x", S_NONE, 0},
            {"wrong-signature", "a request with one signature digit changed is refused (403)",
             "dzd_sdkconformnonexistent0", S_WRONG_SIGNATURE, 0},
            {"stale-date", "a request signed an hour ago is refused (403)",
             "dzd_sdkconformnonexistent0", S_STALE, 0},
            {"create-profile", "CreateUserProfile answers 201 with a valid profile", NULL,
             S_NONE, 1}};
        for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
            if (probes[i].expect_success && !a.allow_writes)
                continue;
            s_probe(&run, &probes[i]);
            if (run.unreachable)
                break;
        }
    }
    cJSON_AddNumberToObject(report, "failures", run.failures);
    cJSON_AddNumberToObject(report, "drift", run.drift);
    if (sim) {
        struct sdkc_simulator_stats st;
        cJSON *sj = cJSON_AddObjectToObject(report, "simulator");
        sdkc_simulator_stats(sim, &st);
        if (sj) {
            cJSON_AddNumberToObject(sj, "requests", (double)st.requests);
            cJSON_AddNumberToObject(sj, "verified", (double)st.verified);
            cJSON_AddNumberToObject(sj, "auth_failures", (double)st.auth_failures);
        }
    }
    /* The replay formats (report.json, junit.xml, report.html). */
    sum.wall_ms = sdkc_clock_ms_f() - wall0;
    if (fflush(run.spool) != 0 || ferror(run.spool) || run.spool_failed) {
        sdkc_cli_fprintf(stderr, "sdkconform live: %s: cannot write the result spool\n", spool);
        rc = SDKC_EXIT_IMPL;
        goto done;
    }
    fclose(run.spool);
    run.spool = NULL;
    if (sdkc_buf_append_str(&command, "sdkconform") != SDKC_OK) {
        rc = SDKC_EXIT_IMPL;
        goto done;
    }
    for (i = 0; i < (size_t)argc; i++)
        (void)sdkc_buf_appendf(&command, " %s", argv[i]);
    memset(&rimpl, 0, sizeof(rimpl));
    rimpl.name = S_IMPL;
    rimpl.version = run.endpoint;
    memset(&meta, 0, sizeof(meta));
    meta.tool_name = "sdkconform";
    meta.tool_version = SDKC_VERSION;
    meta.impls = &rimpl;
    meta.impl_count = 1;
    meta.gate = "MUST";
    meta.command = command.data;
    /* what this command returns below, so report.json records it */
    meta.exit_code = run.unreachable ? SDKC_EXIT_IMPL : run.failures ? SDKC_EXIT_FAIL : SDKC_EXIT_OK;
    if (sdkc_report_write_all(a.report_dir, &meta, &sum, spool, &err) != SDKC_OK) {
        sdkc_cli_print_error("live", &err);
        rc = SDKC_EXIT_IMPL;
        goto done;
    }
    snprintf(path, sizeof(path), "%s/live.json", a.report_dir);
    if (sdkc_json_print(report, 1, &text, NULL) != SDKC_OK)
        text = NULL;
    /* live.json goes through the same redactor as every other report: it
     * carried the access key id the others cut. Redaction only replaces
     * bytes inside JSON strings with a marker free of quotes and
     * backslashes, so the file stays valid JSON. */
    {
        struct sdkc_buf red;
        sdkc_buf_init(&red, 0);
        if (!text || sdkc_report_scrub(&red, text, strlen(text)) != SDKC_OK ||
            sdkc_write_file_atomic(path, red.data ? red.data : "", red.len, &err) != SDKC_OK) {
            if (text && red.data)
                sdkc_cli_print_error("live", &err);
            sdkc_buf_clean_up(&red);
            rc = SDKC_EXIT_IMPL;
            goto done;
        }
        sdkc_buf_clean_up(&red);
    }
    sdkc_cli_fprintf(stdout,
                     "live: %d failure(s), %d spec-drift finding(s); reports in %s/ (report.json, "
                     "junit.xml, report.html, live.json)\n",
                     run.failures,
                     run.drift,
                     a.report_dir);
    rc = meta.exit_code;
done:
    if (run.spool)
        fclose(run.spool);
    if (spool[0])
        unlink(spool);
    sdkc_report_scrub_set_credentials(NULL);
    sdkc_run_summary_clean_up(&sum);
    sdkc_buf_clean_up(&run.messages);
    sdkc_buf_clean_up(&command);
    sdkc_free(text);
    cJSON_Delete(report);
    sdkc_simulator_destroy(sim);
    sdkc_spec_destroy(spec);
    sdkc_credentials_clean_up(&run.creds);
    return rc;
}
