/* SPDX-License-Identifier: Apache-2.0
 *
 * app/replay.c: `sdkconform replay` as a library call (replay.h). Exit
 * codes (DESIGN.md): 0 all good; 1 failures at the gating level, stale
 * expected failures, or an interrupted run (130 when the stop flag ended
 * it); 2 bad usage or input files; 3 an implementation could not be run.
 */
#include "app/replay.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/paths.h"
#include "core/text.h"
#include "impl/adapter.h"
#include "report/report.h"
#include "runner/xfail.h"

/* Everything one replay holds; s_state_init / s_state_clean_up. */
struct s_state {
    const struct sdkc_replay_options *o;
    struct sdkc_replay_outcome *out;
    struct sdkc_impl *impls[SDKC_RUNNER_MAX_IMPLS];
    size_t n_impls;
    struct sdkc_buf impl_arg_bufs[SDKC_RUNNER_MAX_IMPLS];
    const char *impl_args[SDKC_RUNNER_MAX_IMPLS];
    struct sdkc_report_impl rimpls[SDKC_RUNNER_MAX_IMPLS];
    struct sdkc_report_skip skips[SDKC_RUNNER_MAX_IMPLS];
    char *skip_msgs[SDKC_RUNNER_MAX_IMPLS];
    size_t n_skips;
    struct sdkc_credentials creds; /* what adapters are given, and checked against */
    struct sdkc_buf prefix, command;
    char spool[PATH_MAX];
    struct sdkc_run_summary sum;
    struct sdkc_console con;
};

/* The message of err as the cli prints it (with the byte offset, if any). */
static void s_say_error(const struct s_state *s, const struct sdkc_error *err)
{
    if (err->offset != SDKC_NO_OFFSET)
        sdkc_report_say(s->o->err_out, "replay", "%s (byte %zu)\n", err->msg, err->offset);
    else
        sdkc_report_say(s->o->err_out, "replay", "%s\n", err->msg);
}

/* Record an implementation named that cannot run here (its SDK missing,
 * its adapter unavailable, or every vector skipped), and say so now. */
static void s_skip(struct s_state *s, const char *impl, const char *reason)
{
    sdkc_report_say(s->o->err_out, "replay", "%s cannot run here: %s\n", impl, reason);
    if (s->n_skips >= SDKC_RUNNER_MAX_IMPLS)
        return;
    s->skip_msgs[s->n_skips] = sdkc_strdup(reason && *reason ? reason : "unavailable");
    s->skips[s->n_skips].impl = impl;
    s->skips[s->n_skips].reason =
        s->skip_msgs[s->n_skips] ? s->skip_msgs[s->n_skips] : "unavailable";
    s->n_skips++;
}

/* The executable as a user would type it: relative to the working folder
 * when it lives below it ("build/sdkconform"). */
static void s_self(char *out, size_t n)
{
    char exe[PATH_MAX], cwd[PATH_MAX];
    if (sdkc_paths_self_exe(exe, sizeof(exe), NULL)) {
        snprintf(out, n, "sdkconform");
        return;
    }
    if (getcwd(cwd, sizeof(cwd)) && strncmp(exe, cwd, strlen(cwd)) == 0 && exe[strlen(cwd)] == '/')
        snprintf(out, n, "%s", exe + strlen(cwd) + 1);
    else
        snprintf(out, n, "%s", exe);
}

int sdkc_replay_impl_name_ok(const char *name)
{
    size_t n = 0;
    if (!name)
        return 0;
    for (; name[n]; n++) {
        char c = name[n];
        if (n >= SDKC_REPLAY_MAX_IMPL_NAME || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                                (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return 0;
    }
    return n > 0;
}

/* 1 when name is taken: an implementation started before index `upto`,
 * or one asked for by a name of its own (--impl NAME, --impl-name NAME),
 * which a ready name never takes over. */
static int s_name_taken(const struct s_state *s, size_t upto, const char *name)
{
    size_t i;
    for (i = 0; i < upto; i++)
        if (s->impls[i]->name && strcmp(s->impls[i]->name, name) == 0)
            return 1;
    for (i = 0; i < s->o->impl_count; i++) {
        const struct sdkc_replay_impl *ia = &s->o->impls[i];
        const char *own = ia->name ? ia->name : ia->label;
        if (own && strcmp(own, name) == 0)
            return 1;
    }
    return 0;
}

/* Name the adapter s->impls[k], started from --impl-cmd without
 * --impl-name, after its ready line (PROTOCOL.md message 2): that name
 * made valid (sdkc_replay_impl_name_ok: other bytes become '-', "adapter"
 * when nothing is left) and unique in the run (-2, -3, ...: two
 * implementations under one name would share report rows and
 * expected-failure entries). The rerun command then names it with
 * --impl-name, so a rerun keeps the name. */
static sdkc_result s_name_adapter(struct s_state *s, size_t k, struct sdkc_buf *ab)
{
    struct sdkc_impl *impl = s->impls[k];
    const char *ready = impl->name ? impl->name : "";
    /* name has room for any size_t suffix, though base is cut so that
     * "-NN" keeps it within SDKC_REPLAY_MAX_IMPL_NAME. */
    char base[SDKC_REPLAY_MAX_IMPL_NAME + 1], name[SDKC_REPLAY_MAX_IMPL_NAME + 24];
    size_t n, suffix;
    char *copy;
    /* Room for "-NN" (at most SDKC_RUNNER_MAX_IMPLS suffixes). */
    for (n = 0; ready[n] && n < SDKC_REPLAY_MAX_IMPL_NAME - 3; n++) {
        char c = ready[n];
        base[n] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '_' || c == '-')
                      ? c
                      : '-';
    }
    base[n] = '\0';
    if (n == 0)
        snprintf(base, sizeof(base), "adapter");
    snprintf(name, sizeof(name), "%s", base);
    for (suffix = 2; s_name_taken(s, k, name) && suffix <= SDKC_RUNNER_MAX_IMPLS + 1; suffix++)
        snprintf(name, sizeof(name), "%s-%zu", base, suffix);
    if (strcmp(name, ready) != 0) {
        if (strcmp(name, base) != 0)
            sdkc_report_say(s->o->err_out, "replay",
                            "%s: its adapter's ready name \"%s\" is taken; reported as %s (name it "
                            "with --impl-name NAME after --impl-cmd CMD)\n",
                            name, base, name);
        copy = sdkc_strdup(name);
        if (!copy)
            return SDKC_ERR_NOMEM;
        sdkc_free(impl->name);
        impl->name = copy;
    }
    return sdkc_buf_appendf(ab, " --impl-name %s", impl->name);
}

sdkc_result sdkc_replay_impl_new(const struct sdkc_replay_impl_setup *setup,
                                 const struct sdkc_replay_impl *ia, struct sdkc_impl **out,
                                 struct sdkc_error *err)
{
    struct sdkc_adapter_options ao;
    char *cmd = NULL;
    sdkc_result result;

    *out = NULL;
    if (ia->name && strcmp(ia->name, "builtin") == 0) {
        struct sdkc_builtin_options bo;
        memset(&bo, 0, sizeof(bo));
        bo.uuid = setup->uuid;
        return sdkc_impl_builtin_new(setup->spec, &bo, out, err);
    }
    if (ia->name) {
        result = sdkc_adapter_builtin_command(ia->name, &cmd, err);
        if (result == SDKC_ERR_NOT_FOUND)
            result = SDKC_ERR_UNSUPPORTED;
        if (result)
            return result;
    }
    /* The adapter starts its own mock endpoint (impl/adapter.h) and signs
     * with the run's fake credentials, which the runner checks. */
    memset(&ao, 0, sizeof(ao));
    /* NULL for --impl-cmd without --impl-name: the adapter's ready name. */
    ao.name = ia->name ? ia->name : ia->label;
    ao.command = ia->name ? cmd : ia->cmd;
    if (setup->creds) {
        ao.credentials.access_key_id = setup->creds->access_key_id;
        ao.credentials.secret_access_key = setup->creds->secret_access_key;
        ao.credentials.session_token = setup->creds->session_token;
    }
    /* Prune what newer models know, as a client built from this spec
     * would see it (adapter.h). */
    ao.spec = setup->spec;
    ao.stop = setup->stop;
    ao.timeout_ms = setup->timeout_ms;
    result = sdkc_impl_adapter_new(&ao, out, err);
    sdkc_free(cmd);
    return result;
}

/* Start implementation ia into s->impls[s->n_impls] and note how a rerun
 * names it. SDKC_ERR_UNSUPPORTED: it cannot run here (recorded as NOT RUN);
 * other failures: it could not be started (exit 3). */
static sdkc_result s_start_one(struct s_state *s, const struct sdkc_replay_impl *ia,
                               struct sdkc_error *err)
{
    struct sdkc_buf *ab = &s->impl_arg_bufs[s->n_impls];
    struct sdkc_replay_impl_setup setup;
    sdkc_result result;

    memset(&setup, 0, sizeof(setup));
    setup.spec = s->o->spec;
    setup.uuid = s->o->uuid;
    setup.creds = &s->creds;
    setup.stop = s->o->stop;
    result = sdkc_replay_impl_new(&setup, ia, &s->impls[s->n_impls], err);
    if (result == SDKC_ERR_UNSUPPORTED) {
        s_skip(s,
               ia->name    ? ia->name
               : ia->label ? ia->label
                           : ia->cmd,
               err ? err->msg : "unavailable");
        return result;
    }
    if (result || (ia->name && strcmp(ia->name, "builtin") == 0))
        return result ? result : sdkc_buf_append_str(ab, "--impl builtin");
    result = ia->name ? sdkc_buf_appendf(ab, "--impl %s", ia->name)
                      : sdkc_buf_append_str(ab, "--impl-cmd ");
    if (!result && !ia->name)
        result = sdkc_text_shell_quote(ab, ia->cmd);
    if (!result && !ia->name && ia->label)
        result = sdkc_buf_appendf(ab, " --impl-name %s", ia->label);
    else if (!result && !ia->name)
        result = s_name_adapter(s, s->n_impls, ab);
    return result;
}

static int s_stopped(const struct s_state *s)
{
    return s->o->stop && *s->o->stop;
}

/* The implementations, in the order asked for. Not SDKC_OK: the replay
 * ends here with s->out->exit_code (3, or 130 when interrupted). */
static sdkc_result s_start_impls(struct s_state *s, struct sdkc_error *err)
{
    size_t i;
    for (i = 0; i < s->o->impl_count; i++) {
        const struct sdkc_replay_impl *ia = &s->o->impls[i];
        struct sdkc_error e;
        sdkc_result result;
        sdkc_error_init(&e);
        result = s_start_one(s, ia, &e);
        if (result == SDKC_ERR_UNSUPPORTED)
            continue;
        if (s->impls[s->n_impls])
            s->n_impls++; /* destroyed at the end whatever follows */
        if (result == SDKC_ERR_INTERRUPTED || s_stopped(s)) {
            sdkc_report_say(s->o->err_out, "replay",
                            "interrupted while starting the implementations\n");
            s->out->exit_code = SDKC_REPLAY_EXIT_INTERRUPTED;
            return sdkc_error_set(err, SDKC_ERR_INTERRUPTED, SDKC_NO_OFFSET,
                                  "interrupted while starting the implementations");
        }
        if (result) {
            sdkc_report_say(s->o->err_out, "replay", "%s could not be started: %s\n",
                            ia->name ? ia->name : ia->cmd,
                            e.msg[0] ? e.msg : sdkc_result_str(result));
            if (err)
                *err = e;
            s->out->exit_code = SDKC_REPLAY_EXIT_IMPL;
            return result;
        }
        s->impl_args[s->n_impls - 1] = s->impl_arg_bufs[s->n_impls - 1].data;
        s->rimpls[s->n_impls - 1].name = s->impls[s->n_impls - 1]->name;
        s->rimpls[s->n_impls - 1].version =
            s->impls[s->n_impls - 1]->version ? s->impls[s->n_impls - 1]->version : "";
    }
    if (s->n_impls == 0) {
        /* Nothing ran: never green, --allow-skip or not (DESIGN.md exit 3). */
        sdkc_report_say(s->o->err_out, "replay",
                        "every implementation asked for was skipped; nothing ran (exit 3)\n");
        s->out->exit_code = SDKC_REPLAY_EXIT_IMPL;
        return sdkc_error_set(err, SDKC_ERR_UNSUPPORTED, SDKC_NO_OFFSET,
                              "every implementation asked for was skipped; nothing ran");
    }
    return SDKC_OK;
}

/* The rerun command of each failure repeats what selects the corpus and
 * the gate (--impl and --filter are added per result), and the command
 * line for the record. */
static sdkc_result s_commands(struct s_state *s)
{
    const struct sdkc_replay_options *o = s->o;
    char self[PATH_MAX];
    size_t i;
    sdkc_result result;

    s_self(self, sizeof(self));
    result = sdkc_buf_appendf(&s->prefix, "%s replay", self);
    if (!result && o->spec_path && !(result = sdkc_buf_append_str(&s->prefix, " --spec ")))
        result = sdkc_text_shell_quote(&s->prefix, o->spec_path);
    for (i = 0; !result && i < o->vector_path_count; i++)
        if (!(result = sdkc_buf_append_str(&s->prefix, " --vectors ")))
            result = sdkc_text_shell_quote(&s->prefix, o->vector_paths[i]);
    if (!result && o->gate_given)
        result = sdkc_buf_appendf(&s->prefix, " --level %s", sdkc_vector_level_name(o->gate));
    for (i = 0; !result && i < o->expected_failures_count; i++)
        if (!(result = sdkc_buf_append_str(&s->prefix, " --expected-failures ")))
            result = sdkc_text_shell_quote(&s->prefix, o->expected_failures[i]);
    if (!result && o->no_sigv4)
        result = sdkc_buf_append_str(&s->prefix, " --no-sigv4"); /* else the rerun fails on sigv4 */
    if (!result && o->uuid != SDKC_BUILTIN_UUID_RANDOM)
        result = sdkc_buf_appendf(&s->prefix, " --uuid %s",
                                  o->uuid == SDKC_BUILTIN_UUID_FIXED ? "fixed" : "sequence");
    /* A rerun writes its reports beside the run's, never over them. */
    if (!result && o->report_dir) {
        struct sdkc_buf rd;
        sdkc_buf_init(&rd, 0);
        result = sdkc_buf_appendf(&rd, "%s/" SDKC_REPORT_RERUN_SUBDIR, o->report_dir);
        if (!result)
            result = sdkc_buf_append_str(&s->prefix, " --report-dir ");
        if (!result)
            result = sdkc_text_shell_quote(&s->prefix, rd.data);
        sdkc_buf_clean_up(&rd);
    }
    if (!result)
        result = sdkc_buf_append_str(&s->command, "sdkconform");
    for (i = 0; !result && i < (size_t)(o->argc > 0 ? o->argc : 0); i++)
        if (!(result = sdkc_buf_append_byte(&s->command, ' ')))
            result = sdkc_text_shell_quote(&s->command, o->argv[i]);
    return result;
}

/* The result spool: a private temp file, removed at the end. */
static sdkc_result s_make_spool(struct s_state *s, struct sdkc_error *err)
{
    const char *tmp = getenv("TMPDIR");
    int fd;
    snprintf(s->spool, sizeof(s->spool), "%s/sdkconform-spool-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    fd = mkstemp(s->spool);
    if (fd < 0) {
        sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: cannot create the result spool: %s",
                       s->spool, strerror(errno));
        sdkc_report_say(s->o->err_out, "replay", "%s\n",
                        err ? err->msg : "cannot create the result spool");
        s->spool[0] = '\0';
        return SDKC_ERR_IO;
    }
    close(fd);
    if (s->o->spool_path_note && s->o->spool_path_note_size > strlen(s->spool))
        memcpy(s->o->spool_path_note, s->spool, strlen(s->spool) + 1);
    return SDKC_OK;
}

/* Forward each result to the console, then to the caller's observer. */
static void s_on_record(void *ctx, const struct sdkc_run_record *rec)
{
    struct s_state *s = ctx;
    if (s->o->out)
        sdkc_console_record(&s->con, rec);
    if (s->o->on_record)
        s->o->on_record(s->o->on_record_ctx, rec);
}

/* Run the runner over the started implementations. SDKC_OK, or what
 * broke the run (then *fatal says whose fault). */
static sdkc_result s_run(struct s_state *s, enum sdkc_run_fatal *fatal, struct sdkc_error *err)
{
    const struct sdkc_replay_options *o = s->o;
    struct sdkc_runner_options ro;
    const char *corpus[1];

    corpus[0] = o->corpus;
    memset(&ro, 0, sizeof(ro));
    ro.spec = o->spec;
    ro.vector_paths = o->vector_path_count ? o->vector_paths : corpus;
    ro.vector_path_count = o->vector_path_count ? o->vector_path_count : (o->corpus ? 1 : 0);
    ro.impls = s->impls;
    ro.impl_count = s->n_impls;
    ro.gate = o->gate;
    ro.filter = o->filter;
    ro.shard_index = o->shard_index;
    ro.shard_count = o->shard_count;
    ro.expected_failures = o->expected_failures;
    ro.expected_failures_count = o->expected_failures_count;
    ro.jobs = o->jobs;
    ro.rerun_prefix = s->prefix.data;
    ro.impl_args = s->impl_args;
    ro.check_token_uniqueness = o->uuid == SDKC_BUILTIN_UUID_RANDOM;
    /* Only progress (the TTY bar, or the plain lines off a terminal) needs
     * the total. */
    ro.estimate_progress = o->out && (s->con.tty || s->con.progress_lines);
    ro.spool_path = s->spool;
    ro.on_record = s_on_record;
    ro.on_record_ctx = s;
    ro.stop = o->stop;
    ro.sigv4_off = o->no_sigv4;
    return sdkc_runner_run(&ro, &s->sum, fatal, err);
}

#define S_MAX_UNUSED_SHOWN 20 /* unused expected failures printed one per line */

/* The expected-failures entries for implementations that did not run
 * (runner/xfail.h sdkc_xfail_unused; not named, or named and NOT RUN):
 * reported, never silently ignored. Each file is loaded again (the runner
 * validated them); *out (sdkc_malloc, NULL when none) points into xs,
 * which the caller destroys after the reports are written. A warning line
 * per entry, the first S_MAX_UNUSED_SHOWN of them. */
static sdkc_result s_unused_xfail(struct s_state *s, struct sdkc_xfail **xs,
                                  struct sdkc_report_unused_xfail **out, size_t *count,
                                  struct sdkc_error *err)
{
    const struct sdkc_replay_options *o = s->o;
    const struct sdkc_xfail_entry **found = NULL;
    const char *ran[SDKC_RUNNER_MAX_IMPLS];
    size_t f, i, k, n_ran = 0, total = 0;
    sdkc_result result = SDKC_OK;

    *out = NULL;
    *count = 0;
    for (i = 0; i < s->n_impls; i++) {
        for (k = 0; k < s->n_skips && strcmp(s->skips[k].impl, s->rimpls[i].name) != 0; k++)
            ;
        if (k == s->n_skips)
            ran[n_ran++] = s->rimpls[i].name;
    }
    for (f = 0; f < o->expected_failures_count; f++) {
        if ((result = sdkc_xfail_load(o->expected_failures[f], &xs[f], err)))
            return result;
        total += sdkc_xfail_unused(xs[f], ran, n_ran, NULL, 0);
    }
    if (!total)
        return SDKC_OK;
    *out = sdkc_calloc(total, sizeof(**out));
    found = sdkc_calloc(total, sizeof(*found));
    if (!*out || !found) {
        sdkc_free(*out);
        *out = NULL;
        sdkc_free(found);
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    }
    for (f = 0; f < o->expected_failures_count; f++) {
        size_t got = sdkc_xfail_unused(xs[f], ran, n_ran, found, total - *count);
        for (k = 0; k < got; k++) {
            struct sdkc_report_unused_xfail *u = &(*out)[(*count)++];
            u->impl = found[k]->impl;
            u->id = found[k]->id;
            u->file = o->expected_failures[f];
            if (*count <= S_MAX_UNUSED_SHOWN)
                sdkc_report_say(
                    s->o->err_out, "replay",
                    "warning: %s: the expected failure %s of %s was not used: %s did not run "
                    "in this run\n",
                    u->file, u->id, u->impl, u->impl);
        }
    }
    if (*count > S_MAX_UNUSED_SHOWN)
        sdkc_report_say(s->o->err_out, "replay",
                        "warning: %zu more unused expected failures (report.json "
                        "unused_expected_failures)\n",
                        *count - S_MAX_UNUSED_SHOWN);
    sdkc_free(found);
    return SDKC_OK;
}

/* --write-expected-failures: the run's failures as an expected-failures
 * file (report/report.h sdkc_report_write_expected_failures), written only
 * after a complete run. */
static sdkc_result s_write_xfail(struct s_state *s, sdkc_result run_result, struct sdkc_error *err)
{
    const struct sdkc_replay_options *o = s->o;
    struct sdkc_report_xfail_written w;
    sdkc_result result;
    if (run_result || s->sum.partial) {
        sdkc_report_say(s->o->err_out, "replay", "%s not written: the run did not complete\n",
                        o->write_expected_failures);
        return SDKC_OK;
    }
    sdkc_error_init(err);
    if ((result =
             sdkc_report_write_expected_failures(o->write_expected_failures, s->spool, &w, err))) {
        sdkc_error_prefix(err, "--write-expected-failures %s: ", o->write_expected_failures);
        return result;
    }
    sdkc_report_say(
        s->o->err_out, "replay",
        "wrote %zu expected failure%s of %zu implementation%s to %s: edit each reason and "
        "evidence\n",
        w.entries, w.entries == 1 ? "" : "s", w.impls, w.impls == 1 ? "" : "s",
        o->write_expected_failures);
    if (w.uncoverable)
        sdkc_report_say(
            s->o->err_out, "replay",
            "%zu failure%s not listed there: the checks sigv4 (MUST), requests and framing "
            "are never covered by an expected failure\n",
            w.uncoverable, w.uncoverable == 1 ? "" : "s");
    return SDKC_OK;
}

/* After the run: NOT RUN for impls that ran nothing, the exit status, the
 * reports and the console summary. run_result: what sdkc_runner_run said
 * (an implementation that broke). */
static sdkc_result s_conclude(struct s_state *s, sdkc_result run_result, struct sdkc_error *err)
{
    const struct sdkc_replay_options *o = s->o;
    struct sdkc_report_meta meta;
    struct sdkc_xfail *xs[SDKC_RUNNER_MAX_XFAIL_FILES];
    struct sdkc_report_unused_xfail *unused = NULL;
    size_t i, n_unused = 0;
    sdkc_result result;
    int rc;

    memset(xs, 0, sizeof(xs));

    /* An implementation for which every vector was skipped (request-only
     * vectors for a client that cannot show its request, vectors bound to
     * a model an adapter was not started with) ran nothing: NOT RUN, like
     * one that could not start, never a green gate on nothing. */
    for (i = 0; !run_result && i < s->n_impls; i++) {
        const struct sdkc_run_counts *k = &s->sum.per_impl[i];
        if (k->total > 0 && k->by[SDKC_VERDICT_SKIP] == k->total && !s->sum.partial) {
            char why[160];
            snprintf(why, sizeof(why),
                     "every one of its %llu vectors was skipped as not applicable (see the "
                     "skip messages)",
                     (unsigned long long)k->total);
            s_skip(s, s->rimpls[i].name, why);
        }
    }
    /* The exit status first, so the reports record exactly what the
     * process returns: an implementation that broke or was named and not
     * run is exit 3 (unless allow_skip for the latter), an interrupt 130,
     * else the verdicts' code. */
    if (run_result || (s->n_skips > 0 && !o->allow_skip))
        rc = SDKC_REPLAY_EXIT_IMPL;
    else if (s->sum.partial && s_stopped(s))
        rc = SDKC_REPLAY_EXIT_INTERRUPTED;
    else
        rc = sdkc_run_exit_code(&s->sum);
    memset(&meta, 0, sizeof(meta));
    meta.tool_name = "sdkconform";
    meta.tool_version = SDKC_VERSION;
    meta.impls = s->rimpls;
    meta.impl_count = s->n_impls;
    meta.gate = sdkc_vector_level_name(o->gate);
    meta.command = s->command.data;
    meta.exit_code = rc;
    meta.skipped = s->skips;
    meta.skipped_count = s->n_skips;
    s->out->exit_code = rc;
    sdkc_error_init(err);
    if ((result = s_unused_xfail(s, xs, &unused, &n_unused, err)) ||
        (o->write_expected_failures && (result = s_write_xfail(s, run_result, err)))) {
        s_say_error(s, err);
        s->out->exit_code = SDKC_REPLAY_EXIT_USAGE;
        goto done;
    }
    meta.unused_xfail = unused;
    meta.unused_xfail_count = n_unused;
    if (o->report_dir) {
        sdkc_error_init(err);
        if ((result = sdkc_report_write_all(o->report_dir, &meta, &s->sum, s->spool, err))) {
            s_say_error(s, err);
            s->out->exit_code = SDKC_REPLAY_EXIT_USAGE;
            goto done;
        }
        s->out->reports_written = 1;
    }
    if (o->out)
        sdkc_console_finish(&s->con, &meta, &s->sum, o->report_dir);
    if (s->sum.vectors_selected == 0 && !run_result)
        sdkc_report_say(s->o->err_out, "replay",
                        "warning: no vector selected (%llu read; check --filter and --shard)\n",
                        (unsigned long long)s->sum.vectors_read);
    if (s->n_skips > 0)
        sdkc_report_say(s->o->err_out, "replay",
                        "%zu implementation%s named on the command line did not run%s\n",
                        s->n_skips, s->n_skips == 1 ? "" : "s",
                        o->allow_skip ? " (--allow-skip: not an error)"
                                      : ": exit 3 (--allow-skip to accept that)");
    result = run_result;
done:
    sdkc_free(unused);
    for (i = 0; i < SDKC_RUNNER_MAX_XFAIL_FILES; i++)
        sdkc_xfail_destroy(xs[i]);
    return result;
}

static void s_state_clean_up(struct s_state *s)
{
    size_t i;
    if (s->spool[0])
        unlink(s->spool);
    if (s->o->spool_path_note && s->o->spool_path_note_size)
        s->o->spool_path_note[0] = '\0';
    for (i = 0; i < SDKC_RUNNER_MAX_IMPLS; i++) {
        sdkc_impl_destroy(s->impls[i]);
        sdkc_buf_clean_up(&s->impl_arg_bufs[i]);
    }
    for (i = 0; i < s->n_skips; i++)
        sdkc_free(s->skip_msgs[i]);
    sdkc_buf_clean_up(&s->prefix);
    sdkc_buf_clean_up(&s->command);
    sdkc_run_summary_clean_up(&s->sum);
    sdkc_console_clean_up(&s->con);
    sdkc_report_scrub_set_credentials(NULL);
    sdkc_credentials_clean_up(&s->creds);
}

sdkc_result sdkc_replay_run(const struct sdkc_replay_options *o,
                            struct sdkc_replay_outcome *outcome, struct sdkc_error *err)
{
    struct s_state *s;
    enum sdkc_run_fatal fatal = SDKC_RUN_FATAL_NONE;
    struct sdkc_error local;
    sdkc_result result;
    size_t i;

    if (!err)
        err = &local; /* messages are printed from it */
    sdkc_error_init(err);
    memset(outcome, 0, sizeof(*outcome));
    outcome->exit_code = SDKC_REPLAY_EXIT_USAGE;
    if (!o->spec || o->impl_count == 0 || o->impl_count > SDKC_RUNNER_MAX_IMPLS ||
        (!o->vector_path_count && !o->corpus))
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "replay: a spec, 1..%d implementations and vectors are required",
                              SDKC_RUNNER_MAX_IMPLS);
    /* On the heap: the state holds path buffers and per-impl arrays. */
    if (!(s = sdkc_calloc(1, sizeof(*s)))) {
        outcome->exit_code = SDKC_REPLAY_EXIT_IMPL;
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    }
    s->o = o;
    s->out = outcome;
    sdkc_credentials_init(&s->creds);
    for (i = 0; i < SDKC_RUNNER_MAX_IMPLS; i++)
        sdkc_buf_init(&s->impl_arg_bufs[i], 0);
    sdkc_buf_init(&s->prefix, 0);
    sdkc_buf_init(&s->command, 0);
    sdkc_run_summary_init(&s->sum);

    /* A report folder that cannot be made is bad input: say so before the
     * run, not after it. */
    if (o->report_dir &&
        ((result = sdkc_report_dir_prepare(o->report_dir, o->report_dir_default, err)) ||
         (result = sdkc_dir_check_writable(o->report_dir, err)))) {
        sdkc_report_say(s->o->err_out, "replay", "--report-dir %s: %s\n", o->report_dir, err->msg);
        goto done; /* exit 2 */
    }
    /* The credentials adapters sign with: fixed fake test keys (never real
     * ones: the mock endpoint needs none) plus a session token. Registered
     * with the report layer so that no report or console line carries the
     * secret or the token verbatim (docs/DESIGN.md). */
    outcome->exit_code = SDKC_REPLAY_EXIT_IMPL;
    if ((result = sdkc_credentials_set(&s->creds, SDKC_ADAPTER_DEFAULT_ACCESS_KEY,
                                       SDKC_ADAPTER_DEFAULT_SECRET_KEY,
                                       SDKC_REPLAY_TEST_SESSION_TOKEN, err))) {
        s_say_error(s, err);
        goto done;
    }
    sdkc_report_scrub_set_credentials(&s->creds);
    if ((result = s_start_impls(s, err)))
        goto done;
    if ((result = s_commands(s))) {
        sdkc_report_say(s->o->err_out, "replay", "out of memory\n");
        result = sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
        goto done;
    }
    if ((result = s_make_spool(s, err))) {
        outcome->exit_code = SDKC_REPLAY_EXIT_USAGE;
        goto done;
    }
    if (o->out) {
        sdkc_console_init(&s->con, o->out, s->n_impls);
        s->con.verbose = o->verbose;
    }
    result = s_run(s, &fatal, err);
    if (result && fatal == SDKC_RUN_FATAL_INPUT) {
        s_say_error(s, err);
        outcome->exit_code = SDKC_REPLAY_EXIT_USAGE;
        goto done;
    }
    if (result) {
        /* The implementation broke: report what ran, marked partial. */
        s_say_error(s, err);
        s->sum.partial = 1;
    }
    result = s_conclude(s, result, err);
done:
    outcome->all = s->sum.all;
    memcpy(outcome->per_impl, s->sum.per_impl, sizeof(outcome->per_impl));
    outcome->impl_count = s->n_impls;
    outcome->skipped_count = s->n_skips;
    outcome->vectors_read = s->sum.vectors_read;
    outcome->vectors_selected = s->sum.vectors_selected;
    outcome->partial = s->sum.partial;
    s_state_clean_up(s);
    sdkc_free(s);
    return result;
}
