/* SPDX-License-Identifier: Apache-2.0
 *
 * report/console.c: what a person watching `sdkconform replay` sees: a
 * progress bar when stdout is a terminal, colour unless NO_COLOR is set
 * (https://no-color.org: any non-empty value) or output is not a terminal,
 * every failure as it happens (id, level, refs, path-level diff, rerun
 * command), and one final summary line that CI logs can grep for.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/alloc.h"
#include "core/text.h"
#include "report/report.h"

#define S_BAR_WIDTH 30
#define S_REDRAW_MS 100.0 /* at most ten redraws a second */

#define S_RED     "\033[31m"
#define S_YELLOW  "\033[33m"
#define S_GREEN   "\033[32m"
#define S_MAGENTA "\033[35m"
#define S_BOLD    "\033[1m"
#define S_RESET   "\033[0m"

void sdkc_console_init(struct sdkc_console *c, FILE *out, size_t impl_count)
{
    const char *nc = getenv("NO_COLOR");
    memset(c, 0, sizeof(*c));
    c->out = out;
    c->impl_count = impl_count;
    c->tty = isatty(fileno(out));
    c->colour = c->tty && !(nc && *nc);
    c->progress_out = stderr;
    c->progress_lines = !isatty(fileno(stderr));
    c->progress_every_ms = SDKC_CONSOLE_PROGRESS_EVERY_MS;
    c->start_ms = c->last_progress_ms = sdkc_clock_ms_f();
    sdkc_causes_init(&c->causes);
}

void sdkc_console_clean_up(struct sdkc_console *c)
{
    if (c)
        sdkc_causes_clean_up(&c->causes);
}

static const char *s_col(const struct sdkc_console *c, const char *code)
{
    return c->colour ? code : "";
}

/* Print text scrubbed (secrets redacted, valid UTF-8), each line indented. */
static void s_print_scrubbed(struct sdkc_console *c, const char *indent, const char *text)
{
    struct sdkc_buf b;
    const char *p, *end;
    sdkc_buf_init(&b, 0);
    if (sdkc_report_scrub(&b, text, strlen(text)) != SDKC_OK || !b.data) {
        sdkc_buf_clean_up(&b);
        return;
    }
    p = b.data;
    end = b.data + b.len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        /* Diff lines already carry their own two-space indent. */
        while (n > 0 && *p == ' ' && indent[0]) {
            p++;
            n--;
        }
        if (n) {
            /* Vector titles, adapter stderr and reasons come from outside:
             * no control character reaches the terminal raw (core/text.h). */
            fputs(indent, c->out);
            sdkc_text_fwrite(c->out, p, n, SDKC_TEXT_KEEP_LINES);
            fputc('\n', c->out);
        } else if (nl) {
            /* Blank lines stay: a canonical request has them (SigV4's own
             * format), as report.json and `sign --verbose` show it. */
            fprintf(c->out, "%s\n", indent);
        }
        p += n + (nl ? 1 : 0);
    }
    sdkc_buf_clean_up(&b);
}

/* s (a category, an implementation's name or version: from vectors and
 * adapters) with its control characters made visible, in b. */
static const char *s_clean(struct sdkc_buf *b, const char *s)
{
    sdkc_buf_reset(b);
    if (!s || sdkc_text_sanitize(b, s, strlen(s), 0) != SDKC_OK || !b->data)
        return "?";
    return b->data;
}

static void s_clear_bar(struct sdkc_console *c)
{
    if (c->tty && c->bar_drawn) {
        fputs("\r\033[K", c->out);
        c->bar_drawn = 0;
    }
}

static void s_draw_bar(struct sdkc_console *c, const struct sdkc_run_record *rec)
{
    double now = sdkc_clock_ms_f();
    if (now - c->last_draw_ms < S_REDRAW_MS)
        return;
    c->last_draw_ms = now;
    fputs("\r\033[K", c->out);
    if (rec->progress >= 0) {
        double p = rec->progress > 1 ? 1 : rec->progress;
        int fill = (int)(p * S_BAR_WIDTH);
        char bar[S_BAR_WIDTH + 1];
        memset(bar, '#', (size_t)fill);
        memset(bar + fill, '.', (size_t)(S_BAR_WIDTH - fill));
        bar[S_BAR_WIDTH] = '\0';
        fprintf(c->out, "[%s] %3d%% ", bar, (int)(p * 100));
    }
    fprintf(c->out, "%llu results", (unsigned long long)rec->done);
    if (c->fails || c->errors || c->xpass)
        fprintf(c->out, "  %s%llu failing%s", s_col(c, S_RED),
                (unsigned long long)(c->fails + c->errors + c->xpass), s_col(c, S_RESET));
    if (c->warns)
        fprintf(c->out, "  %s%llu warnings%s", s_col(c, S_YELLOW), (unsigned long long)c->warns,
                s_col(c, S_RESET));
    fflush(c->out);
    c->bar_drawn = 1;
}

/* A plain progress line (stderr not a terminal: CI logs): no carriage
 * returns or escapes, one line at most every progress_every_ms. */
static void s_progress_line(struct sdkc_console *c, const struct sdkc_run_record *rec)
{
    double now = sdkc_clock_ms_f(), secs;
    if (now - c->last_progress_ms < c->progress_every_ms)
        return;
    c->last_progress_ms = now;
    secs = (now - c->start_ms) / 1000.0;
    fprintf(c->progress_out, "progress: %llu results", (unsigned long long)rec->done);
    if (rec->progress >= 0)
        fprintf(c->progress_out, " (%d%% of the vectors)",
                (int)((rec->progress > 1 ? 1 : rec->progress) * 100));
    fprintf(c->progress_out, ", %llu failing (gating), %llu warnings, %.0f results/s, %.0f s\n",
            (unsigned long long)(c->fails + c->errors + c->xpass), (unsigned long long)c->warns,
            secs > 0 ? (double)rec->done / secs : 0.0, secs);
    fflush(c->progress_out);
}

/* Count rec under its cause: 1 when it is the first of its cause (print it
 * in full), 0 when it repeats one (*first_id = the cause's first id). Out
 * of memory: print everything in full from then on. */
static int s_first_of_cause(struct sdkc_console *c, const struct sdkc_run_record *rec,
                            const char **first_id)
{
    struct sdkc_cause_in in;
    size_t ix;
    int first = 1;
    *first_id = NULL;
    if (c->causes_failed)
        return 1;
    memset(&in, 0, sizeof(in));
    in.impl_index = rec->impl_index;
    in.impl = rec->impl;
    in.id = rec->id;
    in.status = sdkc_verdict_name(rec->verdict);
    in.gating = rec->gating;
    in.level = rec->level;
    in.check = rec->check;
    in.message = rec->message;
    in.diff = rec->diff;
    in.rerun = rec->rerun;
    if (sdkc_causes_add(&c->causes, &in, &ix, &first, NULL) != SDKC_OK) {
        c->causes_failed = 1;
        return 1;
    }
    if (ix == (size_t)-1)
        return 1; /* past the cap: not grouped */
    if (!first && c->causes.v[ix].id_count)
        *first_id = c->causes.v[ix].ids[0];
    return first;
}

void sdkc_console_record(void *ctx, const struct sdkc_run_record *rec)
{
    struct sdkc_console *c = ctx;
    const char *tag = NULL, *colour = "", *same_as = NULL;
    int full = 1;

    switch (rec->verdict) {
    case SDKC_VERDICT_FAIL:
        if (rec->gating) {
            tag = "FAIL";
            colour = S_RED;
            c->fails++;
        } else {
            tag = "WARN";
            colour = S_YELLOW;
            c->warns++;
        }
        break;
    case SDKC_VERDICT_ERROR:
        tag = "ERROR";
        colour = S_MAGENTA;
        c->errors++;
        break;
    case SDKC_VERDICT_XPASS:
        tag = "XPASS";
        colour = S_RED;
        c->xpass++;
        break;
    default:
        if (c->verbose)
            tag = sdkc_verdict_name(rec->verdict);
        break;
    }
    if (tag && rec->verdict != SDKC_VERDICT_PASS && rec->verdict != SDKC_VERDICT_SKIP &&
        rec->verdict != SDKC_VERDICT_XFAIL) {
        full = s_first_of_cause(c, rec, &same_as);
        if (!full && !c->verbose)
            tag = NULL; /* a repeat: counted, listed under its cause at the end */
    }
    if (tag) {
        s_clear_bar(c);
        fprintf(c->out, "%s%s%s%s [", s_col(c, S_BOLD), s_col(c, colour), tag, s_col(c, S_RESET));
        sdkc_text_fputs(c->out, rec->level ? rec->level : "", 0);
        fputs("] ", c->out);
        sdkc_text_fputs(c->out, rec->id ? rec->id : "", 0);
        if (c->impl_count > 1 || rec->verdict != SDKC_VERDICT_PASS) {
            fputs(" (", c->out);
            sdkc_text_fputs(c->out, rec->impl ? rec->impl : "", 0);
            fputc(')', c->out);
        }
        /* Say why a result gates above its vector's level. */
        if (rec->check && rec->vector_level && rec->level &&
            strcmp(rec->vector_level, rec->level) != 0) {
            fputc(' ', c->out);
            sdkc_text_fputs(c->out, rec->vector_level, 0);
            fputs(" vector, failed check ", c->out);
            sdkc_text_fputs(c->out, rec->check, 0);
            fputs(" (", c->out);
            sdkc_text_fputs(c->out, rec->level, 0);
            fputc(')', c->out);
        }
        if (!full) {
            fputs(": same cause as ", c->out);
            sdkc_text_fputs(c->out, same_as ? same_as : "?", 0);
            fputc('\n', c->out);
        } else {
            fputc('\n', c->out);
        }
        if (full && rec->verdict != SDKC_VERDICT_PASS && rec->verdict != SDKC_VERDICT_SKIP) {
            if (rec->title && *rec->title)
                s_print_scrubbed(c, "  ", rec->title);
            if (rec->refs) {
                fputs("  refs: ", c->out);
                s_print_scrubbed(c, "", rec->refs);
            }
            if (rec->message && *rec->message)
                s_print_scrubbed(c, "  ", rec->message);
            if (rec->diff && *rec->diff)
                s_print_scrubbed(c, "    ", rec->diff);
            if (rec->reason && *rec->reason) {
                fputs("  stale expected-failure entry; its reason was: ", c->out);
                s_print_scrubbed(c, "", rec->reason);
            }
            if (rec->diagnostics && *rec->diagnostics) {
                fputs("  diagnostics:\n", c->out);
                s_print_scrubbed(c, "    ", rec->diagnostics);
            }
            if (rec->rerun) {
                fputs("  rerun: ", c->out);
                s_print_scrubbed(c, "", rec->rerun);
            }
        }
    }
    if (c->tty)
        s_draw_bar(c, rec);
    if (c->progress_lines)
        s_progress_line(c, rec);
}

static void s_counts_line(struct sdkc_console *c, const struct sdkc_run_counts *k)
{
    fprintf(c->out,
            "%llu passed, %s%llu failed%s, %llu skipped, %llu xfailed, %s%llu xpassed%s, "
            "%s%llu errors%s",
            (unsigned long long)k->by[SDKC_VERDICT_PASS],
            k->by[SDKC_VERDICT_FAIL] ? s_col(c, S_RED) : "",
            (unsigned long long)k->by[SDKC_VERDICT_FAIL],
            k->by[SDKC_VERDICT_FAIL] ? s_col(c, S_RESET) : "",
            (unsigned long long)k->by[SDKC_VERDICT_SKIP],
            (unsigned long long)k->by[SDKC_VERDICT_XFAIL],
            k->by[SDKC_VERDICT_XPASS] ? s_col(c, S_RED) : "",
            (unsigned long long)k->by[SDKC_VERDICT_XPASS],
            k->by[SDKC_VERDICT_XPASS] ? s_col(c, S_RESET) : "",
            k->by[SDKC_VERDICT_ERROR] ? s_col(c, S_MAGENTA) : "",
            (unsigned long long)k->by[SDKC_VERDICT_ERROR],
            k->by[SDKC_VERDICT_ERROR] ? s_col(c, S_RESET) : "");
    if (k->warnings)
        fprintf(c->out, " (%llu below the gate: warnings)", (unsigned long long)k->warnings);
}

/* ids: a, b, c, d, e and N more */
static void s_ids(struct sdkc_console *c, const struct sdkc_cause *k)
{
    size_t i;
    for (i = 0; i < k->id_count; i++) {
        if (i)
            fputs(", ", c->out);
        sdkc_text_fputs(c->out, k->ids[i], 0);
    }
    if (k->count > k->id_count)
        fprintf(c->out, " and %llu more", (unsigned long long)(k->count - k->id_count));
}

static const char *s_kind_colour(enum sdkc_cause_kind kind)
{
    switch (kind) {
    case SDKC_CAUSE_WARN: return S_YELLOW;
    case SDKC_CAUSE_ERROR: return S_MAGENTA;
    default: return S_RED;
    }
}

/* One cause: "FAIL [MUST] 210x sigv4: <first message>" then its ids. */
static void s_cause_lines(struct sdkc_console *c, const struct sdkc_cause *k, const char *indent)
{
    static const char *const tags[SDKC_CAUSE_KIND_COUNT] = {"FAIL", "XPASS", "ERROR", "WARN",
                                                            "XFAIL"};
    fprintf(c->out, "%s%s%s%s [", indent, s_col(c, s_kind_colour(k->kind)), tags[k->kind],
            s_col(c, S_RESET));
    sdkc_text_fputs(c->out, k->level, 0);
    fprintf(c->out, "] %llux", (unsigned long long)k->count);
    if (*k->check) {
        fputc(' ', c->out);
        sdkc_text_fputs(c->out, k->check, 0);
    }
    fputs(": ", c->out);
    s_print_scrubbed(c, "", k->message);
    fprintf(c->out, "%s    ", indent);
    s_ids(c, k);
    fputc('\n', c->out);
}

/* The failures grouped by cause, per implementation (report/cause.h):
 * gating causes first; warnings listed with --verbose, else counted. */
static void s_by_cause(struct sdkc_console *c, const struct sdkc_report_meta *meta,
                       struct sdkc_buf *t)
{
    size_t i, k;
    if (c->causes.count == 0)
        return;
    fprintf(c->out,
            "\n%s== Failures by cause%s (each cause printed in full once above, at its "
            "first result; cause = check + level + message and diff with values "
            "masked)\n",
            s_col(c, S_BOLD), s_col(c, S_RESET));
    for (i = 0; i < meta->impl_count && i < SDKC_RUNNER_MAX_IMPLS; i++) {
        uint64_t results = 0, warn_results = 0;
        size_t causes = 0;
        for (k = 0; k < c->causes.count; k++) {
            const struct sdkc_cause *z = &c->causes.v[k];
            if (z->impl_index != i)
                continue;
            causes++;
            results += z->count;
            if (z->kind == SDKC_CAUSE_WARN)
                warn_results += z->count;
        }
        if (!causes)
            continue;
        fprintf(c->out, "%s: %llu result%s in %zu cause%s (%llu below the gate: warnings)\n",
                s_clean(t, meta->impls[i].name), (unsigned long long)results,
                results == 1 ? "" : "s", causes, causes == 1 ? "" : "s",
                (unsigned long long)warn_results);
        for (k = 0; k < c->causes.count; k++) {
            const struct sdkc_cause *z = &c->causes.v[k];
            if (z->impl_index == i)
                s_cause_lines(c, z, "  ");
        }
        if (c->causes.other[i])
            fprintf(c->out, "  %llu more in causes past the %d tracked (see report.json)\n",
                    (unsigned long long)c->causes.other[i], SDKC_REPORT_MAX_CAUSES);
    }
}

/* What blocks the release, per implementation, after all detail: the
 * gating failures together (one line each; a cause of several results
 * once, with its ids), warnings counted. */
static void s_gating_summary(struct sdkc_console *c, const struct sdkc_report_meta *meta,
                             const struct sdkc_run_summary *sum, struct sdkc_buf *t)
{
    size_t i, k;
    fprintf(c->out,
            "\n%s== GATING SUMMARY%s (gate %s: failures at this level and above fail "
            "the run)\n",
            s_col(c, S_BOLD), s_col(c, S_RESET), meta->gate);
    for (i = 0; i < meta->impl_count && i < SDKC_RUNNER_MAX_IMPLS; i++) {
        const struct sdkc_run_counts *n = &sum->per_impl[i];
        size_t causes = 0;
        for (k = 0; k < c->causes.count; k++)
            if (c->causes.v[k].impl_index == i && c->causes.v[k].kind <= SDKC_CAUSE_ERROR)
                causes++;
        fprintf(c->out, "%s ", s_clean(t, meta->impls[i].name));
        fprintf(c->out, "%s: ", s_clean(t, meta->impls[i].version));
        if (n->gating)
            fprintf(c->out, "%s%sBLOCKS%s: %llu gating failure%s", s_col(c, S_BOLD),
                    s_col(c, S_RED), s_col(c, S_RESET), (unsigned long long)n->gating,
                    n->gating == 1 ? "" : "s");
        else
            fprintf(c->out, "%spasses the gate%s: 0 gating failures", s_col(c, S_GREEN),
                    s_col(c, S_RESET));
        if (causes)
            fprintf(c->out, " in %zu cause%s", causes, causes == 1 ? "" : "s");
        fprintf(c->out, ", %llu warning%s (below the gate%s), %llu/%llu passed\n",
                (unsigned long long)n->warnings, n->warnings == 1 ? "" : "s",
                n->warnings && !c->verbose ? "; --verbose lists them" : "",
                (unsigned long long)n->by[SDKC_VERDICT_PASS], (unsigned long long)n->total);
        for (k = 0; k < c->causes.count; k++) {
            const struct sdkc_cause *z = &c->causes.v[k];
            if (z->impl_index != i)
                continue;
            if (z->kind > SDKC_CAUSE_ERROR && !(c->verbose && z->kind == SDKC_CAUSE_WARN))
                continue;
            if (z->count == 1) {
                fprintf(c->out, "  %-6s ", z->level);
                sdkc_text_fputs(c->out, z->ids[0], 0);
                fputs(": ", c->out);
                s_print_scrubbed(c, "", z->message);
            } else {
                fprintf(c->out, "  %-6s %llu vectors: ", z->level, (unsigned long long)z->count);
                s_print_scrubbed(c, "", z->message);
                fputs("         ", c->out);
                s_ids(c, z);
                fputc('\n', c->out);
            }
        }
        if (c->causes.other[i])
            fprintf(c->out,
                    "  and %llu results in causes past the %d tracked (see "
                    "report.json)\n",
                    (unsigned long long)c->causes.other[i], SDKC_REPORT_MAX_CAUSES);
    }
}

void sdkc_console_finish(struct sdkc_console *c, const struct sdkc_report_meta *meta,
                         const struct sdkc_run_summary *sum, const char *report_dir)
{
    size_t i, k;
    int code = meta->exit_code;
    struct sdkc_buf t;

    sdkc_buf_init(&t, 0);
    s_clear_bar(c);
    if (!c->causes.sorted)
        (void)sdkc_causes_sort(&c->causes, NULL, NULL);
    s_by_cause(c, meta, &t);
    if (meta->impl_count > 1) {
        /* The compact matrix: categories x implementations. Passing is
         * passing: expected failures are shown apart ("+2x"), so a matrix
         * never hides what an SDK gets wrong. */
        fprintf(c->out,
                "\n%s== Matrix%s: each cell is passed/total of the category's vectors, "
                "+Nx = N more are expected failures (listed in an expected-failures "
                "file)\n",
                s_col(c, S_BOLD), s_col(c, S_RESET));
        fprintf(c->out, "%-28s", "category");
        for (i = 0; i < meta->impl_count; i++)
            fprintf(c->out, " %14.14s", s_clean(&t, meta->impls[i].name));
        fputc('\n', c->out);
        for (k = 0; k < sum->category_count; k++) {
            fprintf(c->out, "%-28.28s", s_clean(&t, sum->categories[k].name));
            for (i = 0; i < meta->impl_count; i++) {
                const struct sdkc_run_counts *n = &sum->categories[k].per_impl[i];
                char cell[32];
                if (n->by[SDKC_VERDICT_XFAIL])
                    snprintf(cell, sizeof(cell), "%llu/%llu +%llux",
                             (unsigned long long)n->by[SDKC_VERDICT_PASS],
                             (unsigned long long)n->total,
                             (unsigned long long)n->by[SDKC_VERDICT_XFAIL]);
                else
                    snprintf(cell, sizeof(cell), "%llu/%llu",
                             (unsigned long long)n->by[SDKC_VERDICT_PASS],
                             (unsigned long long)n->total);
                fprintf(c->out, " %s%14s%s",
                        n->gating     ? s_col(c, S_RED)
                        : n->warnings ? s_col(c, S_YELLOW)
                                      : "",
                        cell, (n->gating || n->warnings) ? s_col(c, S_RESET) : "");
            }
            fputc('\n', c->out);
        }
        /* What a cell's red means, in numbers: the failures that fail the
         * run, per implementation. */
        fprintf(c->out, "%-28s", "GATING failures");
        for (i = 0; i < meta->impl_count; i++)
            fprintf(c->out, " %s%14llu%s", sum->per_impl[i].gating ? s_col(c, S_RED) : "",
                    (unsigned long long)sum->per_impl[i].gating,
                    sum->per_impl[i].gating ? s_col(c, S_RESET) : "");
        fputc('\n', c->out);
        for (i = 0; i < meta->impl_count; i++) {
            fprintf(c->out, "%s ", s_clean(&t, meta->impls[i].name));
            fprintf(c->out, "%s: ", s_clean(&t, meta->impls[i].version));
            s_counts_line(c, &sum->per_impl[i]);
            fputc('\n', c->out);
        }
    }
    s_gating_summary(c, meta, sum, &t);
    for (i = 0; i < meta->skipped_count; i++) {
        /* the reason comes from the adapter: no control bytes reach the terminal */
        fprintf(c->out, "%sNOT RUN: ", s_col(c, S_RED));
        sdkc_text_fputs(c->out, meta->skipped[i].impl, 0);
        fputs(": ", c->out);
        sdkc_text_fputs(c->out, meta->skipped[i].reason, 0);
        fprintf(c->out, "%s\n", s_col(c, S_RESET));
    }
    if (sum->partial)
        fprintf(c->out, "%sinterrupted: the report covers only the results so far (partial)%s\n",
                s_col(c, S_YELLOW), s_col(c, S_RESET));
    fprintf(c->out, "%s%s%s: %llu results (%llu vectors x %zu impl%s, gate %s): ", s_col(c, S_BOLD),
            !code                                     ? "PASSED"
            : meta->skipped_count && !sum->all.gating ? "INCOMPLETE" /* NOT RUN above */
                                                      : "FAILED",
            s_col(c, S_RESET), (unsigned long long)sum->all.total,
            (unsigned long long)sum->vectors_selected, meta->impl_count,
            meta->impl_count == 1 ? "" : "s", meta->gate);
    s_counts_line(c, &sum->all);
    fprintf(c->out, " in %.2f s", sum->wall_ms / 1000.0);
    if (report_dir)
        fprintf(c->out, "; reports in %s/", s_clean(&t, report_dir));
    fputc('\n', c->out);
    fflush(c->out);
    sdkc_buf_clean_up(&t);
}
