/* SPDX-License-Identifier: Apache-2.0
 *
 * app/live.c: see live.h. Probes, implementation and reports are the
 * layers' own; this file only wires them together in the order the run
 * needs (docs/DESIGN.md "Live probes").
 */
#include "app/live.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/text.h"
#include "impl/live.h"
#include "report/report.h"
#include "runner/runner.h"
#include "server/simulator.h"
#include "sigv4/credentials.h"
#include "vectors/probe.h"

static int s_fail(const struct sdkc_live_run_options *o, const struct sdkc_error *err, int rc)
{
    sdkc_report_say(o->err_out, "live", "%s\n", err->msg);
    return rc;
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

/* The command line (report.json) and how a rerun names the implementation:
 * every argument but --filter and its value, each shell-quoted, so the
 * runner's "--filter ID" completes it. */
static sdkc_result s_commands(const struct sdkc_live_run_options *o, struct sdkc_buf *command,
                              struct sdkc_buf *rest)
{
    sdkc_result result = sdkc_buf_append_str(command, "sdkconform");
    size_t i, argc = (size_t)(o->argc > 0 ? o->argc : 0);
    for (i = 0; !result && i < argc; i++)
        if (!(result = sdkc_buf_append_byte(command, ' ')))
            result = sdkc_text_shell_quote(command, o->argv[i]);
    for (i = 1; !result && i < argc; i++) {
        if (strcmp(o->argv[i], "--filter") == 0) {
            i++;
            continue;
        }
        if (strncmp(o->argv[i], "--filter=", 9) == 0)
            continue;
        if (rest->len && (result = sdkc_buf_append_byte(rest, ' ')))
            break;
        result = sdkc_text_shell_quote(rest, o->argv[i]);
    }
    return result;
}

int sdkc_live_run(const struct sdkc_live_run_options *o, struct sdkc_error *err)
{
    struct sdkc_credentials creds;
    struct sdkc_simulator *sim = NULL;
    struct sdkc_impl *impl = NULL;
    struct sdkc_gen_output probes;
    struct sdkc_probe_options po;
    struct sdkc_live_impl_options lo;
    struct sdkc_runner_options ro;
    struct sdkc_run_summary sum;
    struct sdkc_report_impl rimpl;
    struct sdkc_report_meta meta;
    struct sdkc_console con;
    struct sdkc_buf command, rest;
    struct sdkc_error local;
    enum sdkc_run_fatal fatal = SDKC_RUN_FATAL_NONE;
    char corpus[4096], spool[4096], why[256];
    const char *endpoint, *paths[1], *impl_args[1], *tmp;
    int rc = SDKC_LIVE_EXIT_USAGE, fd;
    sdkc_result result;

    if (!err)
        err = &local;
    sdkc_error_init(err);
    if (!o || !o->spec || !o->region || !o->report_dir || (!o->endpoint && !o->simulate)) {
        sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                       "live: a spec, a region, a report folder and an endpoint (or "
                       "simulate) are required");
        return o ? s_fail(o, err, rc) : rc;
    }
    corpus[0] = spool[0] = '\0';
    memset(&con, 0, sizeof(con)); /* cleaned up on every path */
    sdkc_credentials_init(&creds);
    sdkc_gen_output_init(&probes);
    sdkc_run_summary_init(&sum);
    sdkc_buf_init(&command, 0);
    sdkc_buf_init(&rest, 0);
    if (sdkc_credentials_load(&creds, o->profile, err) != SDKC_OK) {
        s_fail(o, err, rc);
        goto done;
    }
    /* From here every report and console line is scrubbed of these. */
    sdkc_report_scrub_set_credentials(&creds);
    /* A report folder that cannot be made is bad input: before any probe. */
    if (sdkc_report_dir_prepare(o->report_dir, o->report_dir_default, err) != SDKC_OK ||
        sdkc_dir_check_writable(o->report_dir, err) != SDKC_OK) {
        sdkc_report_say(o->err_out, "live", "--report-dir %s: %s\n", o->report_dir, err->msg);
        goto done;
    }

    /* The probes, into a private temp corpus the runner reads. */
    memset(&po, 0, sizeof(po));
    po.operation = o->operation;
    po.allow_writes = o->allow_writes;
    po.existing_id = o->existing_id;
    po.write_params = o->write_params;
    if ((result = sdkc_probe_generate(o->spec, &po, &probes, err))) {
        rc = s_fail(o, err, result == SDKC_ERR_NOMEM ? SDKC_LIVE_EXIT_IMPL : SDKC_LIVE_EXIT_USAGE);
        goto done;
    }
    if (probes.notes.len && o->out)
        sdkc_report_fprintf(o->out, "%s", probes.notes.data);
    if (probes.vector_count == 0) {
        sdkc_error_set(err, SDKC_ERR_NOT_FOUND, SDKC_NO_OFFSET,
                       "no operation of %s%s%s is safe to probe",
                       o->spec->source ? o->spec->source : "the model",
                       o->operation ? " matching " : "", o->operation ? o->operation : "");
        s_fail(o, err, rc);
        goto done;
    }
    tmp = getenv("TMPDIR");
    snprintf(corpus, sizeof(corpus), "%s/sdkconform-live-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    snprintf(spool, sizeof(spool), "%s/sdkconform-live-spool-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(corpus)) {
        sdkc_report_say(o->err_out, "live", "%s: %s\n", corpus, strerror(errno));
        corpus[0] = '\0';
        goto done;
    }
    if ((fd = mkstemp(spool)) < 0) {
        sdkc_report_say(o->err_out, "live", "%s: cannot create the result spool: %s\n", spool,
                        strerror(errno));
        spool[0] = '\0';
        goto done;
    }
    close(fd);
    rc = SDKC_LIVE_EXIT_IMPL;
    if (sdkc_gen_write(&probes, corpus, err) != SDKC_OK) {
        s_fail(o, err, rc);
        goto done;
    }

    if (o->simulate) {
        struct sdkc_simulator_options so;
        memset(&so, 0, sizeof(so));
        so.creds = &creds;
        so.region = o->region;
        so.spec = o->spec;
        so.known_id = o->existing_id;
        if (sdkc_simulator_new(&so, &sim, err) != SDKC_OK) {
            s_fail(o, err, rc);
            goto done;
        }
        endpoint = sdkc_simulator_url(sim);
        if (o->out)
            sdkc_report_fprintf(o->out, "simulator listening at %s (existing id: %s)\n", endpoint,
                                o->existing_id ? o->existing_id : "none");
    } else {
        endpoint = o->endpoint;
    }
    if (!sdkc_live_endpoint_allowed(endpoint, o->insecure_http, why, sizeof(why))) {
        sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "%s", why);
        rc = s_fail(o, err, SDKC_LIVE_EXIT_USAGE);
        goto done;
    }
    memset(&lo, 0, sizeof(lo));
    lo.spec = o->spec;
    lo.creds = &creds;
    lo.region = o->region;
    lo.transport.endpoint = endpoint;
    lo.transport.timeout_ms = o->timeout_ms;
    lo.transport.insecure_http = o->insecure_http;
    if (sdkc_impl_live_new(&lo, &impl, err) != SDKC_OK) {
        rc = s_fail(o, err, SDKC_LIVE_EXIT_USAGE);
        goto done;
    }
    if (s_commands(o, &command, &rest)) {
        sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        s_fail(o, err, rc);
        goto done;
    }

    if (o->out) {
        sdkc_console_init(&con, o->out, 1);
        con.verbose = 1; /* a handful of probes: show every one */
    }
    paths[0] = corpus;
    impl_args[0] = rest.data ? rest.data : "";
    memset(&ro, 0, sizeof(ro));
    ro.spec = o->spec;
    ro.vector_paths = paths;
    ro.vector_path_count = 1;
    ro.impls = &impl;
    ro.impl_count = 1;
    ro.gate = SDKC_LEVEL_MUST;
    ro.filter = o->filter;
    ro.jobs = 1; /* one request at a time to a real account */
    ro.rerun_prefix = "sdkconform live";
    ro.impl_args = impl_args;
    ro.spool_path = spool;
    if (o->out) {
        ro.on_record = sdkc_console_record;
        ro.on_record_ctx = &con;
    }
    result = sdkc_runner_run(&ro, &sum, &fatal, err);
    if (result && fatal == SDKC_RUN_FATAL_INPUT) {
        rc = s_fail(o, err, SDKC_LIVE_EXIT_USAGE);
        goto done;
    }
    if (result) {
        /* Unreachable (or a client that could not run): report what ran. */
        sdkc_report_say(o->err_out, "live", "%s\n", err->msg);
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
    /* what this call returns below, so report.json records it */
    meta.exit_code = result ? SDKC_LIVE_EXIT_IMPL : sdkc_run_exit_code(&sum);
    if (sdkc_report_write_all(o->report_dir, &meta, &sum, spool, err) != SDKC_OK ||
        s_write_live_json(o->report_dir, endpoint, o->region, o->spec, sdkc_impl_live_log(impl),
                          sim, err) != SDKC_OK) {
        s_fail(o, err, rc);
        goto done;
    }
    if (o->out)
        sdkc_console_finish(&con, &meta, &sum, o->report_dir);
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
    sdkc_credentials_clean_up(&creds);
    return rc;
}
