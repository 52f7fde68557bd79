/* SPDX-License-Identifier: Apache-2.0
 *
 * report/report_html.c: report.html, one self-contained page (docs/DESIGN.md):
 * inline CSS, no scripts, no fonts, images or anything else fetched, so it
 * opens the same from a CI artifact store, an e-mail or a file:// URL.
 *
 * Sections: the run summary (per implementation), the matrix of categories
 * (the vectors' first tag) x implementations, every failure / error / stale
 * expected failure with its level, refs, diff and rerun command (folded in
 * <details>), warnings below the gate, and the full result list while it
 * stays readable (SDKC_REPORT_HTML_MAX_ROWS).
 */
#include <string.h>

#include "core/alloc.h"
#include "core/json.h"
#include "report/report.h"
#include "report/private/report_io.h"

static const char s_css[] =
    "body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5em;color:#222}"
    "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;margin:.5em 0}"
    "th,td{border:1px solid #ccc;padding:.2em .6em;text-align:left;vertical-align:top}"
    "th{background:#f3f3f3}td.n{text-align:right}"
    ".pass{background:#dff5df}.fail{background:#fbdcdc}.warn{background:#fff1c7}"
    ".skip{background:#eee}.error{background:#f7c6f0}.partial{color:#a40;font-weight:bold}"
    "pre{background:#f7f7f7;padding:.5em;overflow-x:auto;white-space:pre-wrap}"
    "code{background:#f0f0f0;padding:0 .2em}details{margin:.3em 0}"
    "summary{cursor:pointer}.lvl{font-weight:bold}";

static const char *s_css_class(const char *status, int gating)
{
    if (strcmp(status, "pass") == 0)
        return "pass";
    if (strcmp(status, "fail") == 0)
        return gating ? "fail" : "warn";
    if (strcmp(status, "xpass") == 0)
        return "fail";
    if (strcmp(status, "error") == 0)
        return "error";
    return "skip";
}

static void s_counts_row(struct sdkc_afile *a, const char *name, const char *version,
                         const struct sdkc_run_counts *c)
{
    int v;
    sdkc_afile_puts(a, "<tr><td>");
    sdkc_afile_xml(a, name);
    sdkc_afile_puts(a, "</td><td>");
    sdkc_afile_xml(a, version);
    sdkc_afile_printf(a, "</td><td class=n>%llu</td>", (unsigned long long)c->total);
    for (v = 0; v < SDKC_VERDICT_COUNT; v++)
        sdkc_afile_printf(a, "<td class=n>%llu</td>", (unsigned long long)c->by[v]);
    sdkc_afile_printf(a, "<td class=n>%llu</td></tr>\n", (unsigned long long)c->warnings);
}

static void s_failure(struct sdkc_afile *a, const cJSON *rec)
{
    const char *status = sdkc_spool_str(rec, "status");
    const char *diff = sdkc_spool_str(rec, "diff");
    const char *reason = sdkc_spool_str(rec, "reason");
    const char *diag = sdkc_spool_str(rec, "diagnostics");
    const cJSON *refs = sdkc_json_get(rec, "refs");
    const cJSON *r;
    int gating = cJSON_IsTrue(sdkc_json_get(rec, "gating"));

    sdkc_afile_printf(a, "<details class=%s><summary><span class=lvl>",
                      s_css_class(status, gating));
    sdkc_afile_xml(a, status);
    sdkc_afile_puts(a, "</span> [");
    sdkc_afile_xml(a, sdkc_spool_str(rec, "level"));
    sdkc_afile_puts(a, "] <code>");
    sdkc_afile_xml(a, sdkc_spool_str(rec, "id"));
    sdkc_afile_puts(a, "</code> on ");
    sdkc_afile_xml(a, sdkc_spool_str(rec, "impl"));
    sdkc_afile_puts(a, ": ");
    sdkc_afile_xml(a, sdkc_spool_str(rec, "message"));
    sdkc_afile_puts(a, "</summary>\n<p>");
    sdkc_afile_xml(a, sdkc_spool_str(rec, "title"));
    sdkc_afile_puts(a, "<br>refs:");
    cJSON_ArrayForEach(r, refs)
    {
        if (!cJSON_IsString(r))
            continue;
        sdkc_afile_puts(a, " <code>");
        sdkc_afile_xml(a, r->valuestring);
        sdkc_afile_puts(a, "</code>");
    }
    sdkc_afile_puts(a, "</p>\n");
    if (*diff) {
        sdkc_afile_puts(a, "<pre>");
        sdkc_afile_xml(a, diff);
        sdkc_afile_puts(a, "</pre>\n");
    }
    if (*reason) {
        sdkc_afile_puts(a, "<p>expected-failure reason: ");
        sdkc_afile_xml(a, reason);
        sdkc_afile_puts(a, "<br>evidence: ");
        sdkc_afile_xml(a, sdkc_spool_str(rec, "evidence"));
        sdkc_afile_puts(a, "</p>\n");
    }
    if (*diag) {
        sdkc_afile_puts(a, "<p>diagnostics:</p><pre>");
        sdkc_afile_xml(a, diag);
        sdkc_afile_puts(a, "</pre>\n");
    }
    sdkc_afile_puts(a, "<p>rerun: <code>");
    sdkc_afile_xml(a, sdkc_spool_str(rec, "rerun"));
    sdkc_afile_puts(a, "</code></p></details>\n");
}

/* Shown in the failures section: everything that did not pass, expected
 * failures included (their reason and evidence are the SDK's findings). */
static int s_is_problem(const cJSON *rec)
{
    const char *st = sdkc_spool_str(rec, "status");
    return strcmp(st, "fail") == 0 || strcmp(st, "error") == 0 || strcmp(st, "xpass") == 0 ||
           strcmp(st, "xfail") == 0;
}

/* One vector's row of the vectors x implementations table. */
struct s_row {
    int used;
    struct sdkc_buf id, category, level;
    char status[SDKC_RUNNER_MAX_IMPLS][8];
    int gating[SDKC_RUNNER_MAX_IMPLS];
};

static size_t s_row_flush(struct sdkc_afile *a, struct s_row *row, size_t impl_count)
{
    size_t k;
    sdkc_afile_puts(a, "<tr><td><code>");
    sdkc_afile_xml(a, row->id.data);
    sdkc_afile_puts(a, "</code></td><td>");
    sdkc_afile_xml(a, row->category.data);
    sdkc_afile_puts(a, "</td><td>");
    sdkc_afile_xml(a, row->level.data);
    sdkc_afile_puts(a, "</td>");
    for (k = 0; k < impl_count && k < SDKC_RUNNER_MAX_IMPLS; k++) {
        if (row->status[k][0]) {
            sdkc_afile_printf(a, "<td class=%s>", s_css_class(row->status[k], row->gating[k]));
            sdkc_afile_xml(a, row->status[k]);
            sdkc_afile_puts(a, "</td>");
        } else {
            sdkc_afile_puts(a, "<td class=skip>-</td>");
        }
    }
    sdkc_afile_puts(a, "</tr>\n");
    memset(row->status, 0, sizeof(row->status));
    memset(row->gating, 0, sizeof(row->gating));
    sdkc_buf_reset(&row->id);
    sdkc_buf_reset(&row->category);
    sdkc_buf_reset(&row->level);
    row->used = 0;
    return 1;
}

sdkc_result sdkc_report_write_html(const char *path, const struct sdkc_report_meta *meta,
                                   const struct sdkc_run_summary *sum, const char *spool_path,
                                   struct sdkc_error *err)
{
    struct sdkc_afile a;
    struct sdkc_spool_reader r;
    cJSON *rec = NULL;
    struct sdkc_error perr;
    size_t i, c, shown = 0, rows = 0;
    int v;
    sdkc_result result;

    memset(&r, 0, sizeof(r));
    sdkc_error_init(&perr);
    if ((result = sdkc_afile_open(&a, path, err)))
        return result;

    sdkc_afile_puts(&a, "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>\n"
                        "<meta name=viewport content=\"width=device-width\">\n<title>");
    sdkc_afile_xml(&a, meta->tool_name);
    sdkc_afile_puts(&a, " conformance report</title>\n<style>");
    sdkc_afile_puts(&a, s_css);
    sdkc_afile_puts(&a, "</style></head><body>\n<h1>");
    sdkc_afile_xml(&a, meta->tool_name);
    sdkc_afile_puts(&a, " ");
    sdkc_afile_xml(&a, meta->tool_version);
    sdkc_afile_puts(&a, " conformance report</h1>\n");
    if (sum->partial)
        sdkc_afile_puts(&a, "<p class=partial id=partial>PARTIAL: the run was interrupted; "
                            "results cover only the vectors run before the signal.</p>\n");
    for (i = 0; i < meta->skipped_count; i++) {
        sdkc_afile_puts(&a, "<p class=fail id=notrun>NOT RUN: ");
        sdkc_afile_xml(&a, meta->skipped[i].impl);
        sdkc_afile_puts(&a, ": ");
        sdkc_afile_xml(&a, meta->skipped[i].reason);
        sdkc_afile_puts(&a, "</p>\n");
    }
    sdkc_afile_printf(&a,
                      "<p id=verdict class=%s>Result: <b>%s</b> (exit %d). Gate: level ",
                      meta->exit_code ? "fail" : "pass", meta->exit_code ? "FAILED" : "PASSED",
                      meta->exit_code);
    sdkc_afile_xml(&a, meta->gate);
    sdkc_afile_printf(&a, " and above. %llu vectors read, %llu selected, %.1f ms.</p>\n",
                      (unsigned long long)sum->vectors_read,
                      (unsigned long long)sum->vectors_selected, sum->wall_ms);
    if (meta->command) {
        sdkc_afile_puts(&a, "<p>command: <code>");
        sdkc_afile_xml(&a, meta->command);
        sdkc_afile_puts(&a, "</code></p>\n");
    }

    /* Summary per implementation. */
    sdkc_afile_puts(&a, "<h2>Summary</h2>\n<table id=summary><tr><th>implementation</th>"
                        "<th>version</th><th>total</th>");
    for (v = 0; v < SDKC_VERDICT_COUNT; v++)
        sdkc_afile_printf(&a, "<th>%s</th>", sdkc_verdict_name((enum sdkc_verdict)v));
    sdkc_afile_puts(&a, "<th>warnings</th></tr>\n");
    for (i = 0; i < meta->impl_count; i++)
        s_counts_row(&a, meta->impls[i].name, meta->impls[i].version, &sum->per_impl[i]);
    if (meta->impl_count > 1)
        s_counts_row(&a, "all", "", &sum->all);
    sdkc_afile_puts(&a, "</table>\n");

    /* Matrix: categories x implementations, "passed/total" per cell. */
    sdkc_afile_puts(&a, "<h2>Matrix</h2>\n<table id=matrix><tr><th>category</th>");
    for (i = 0; i < meta->impl_count; i++) {
        sdkc_afile_puts(&a, "<th>");
        sdkc_afile_xml(&a, meta->impls[i].name);
        sdkc_afile_puts(&a, "</th>");
    }
    sdkc_afile_puts(&a, "</tr>\n");
    for (c = 0; c < sum->category_count; c++) {
        sdkc_afile_puts(&a, "<tr><td>");
        sdkc_afile_xml(&a, sum->categories[c].name);
        sdkc_afile_puts(&a, "</td>");
        for (i = 0; i < meta->impl_count; i++) {
            const struct sdkc_run_counts *k = &sum->categories[c].per_impl[i];
            const char *cls = k->gating ? "fail" : k->warnings ? "warn" : "pass";
            uint64_t ok = k->by[SDKC_VERDICT_PASS];
            if (k->total == 0)
                cls = "skip";
            sdkc_afile_printf(&a, "<td class=%s>%llu/%llu", cls, (unsigned long long)ok,
                              (unsigned long long)k->total);
            if (k->by[SDKC_VERDICT_XFAIL])
                sdkc_afile_printf(&a, " (+%llu xfail)", (unsigned long long)k->by[SDKC_VERDICT_XFAIL]);
            if (k->by[SDKC_VERDICT_FAIL] || k->by[SDKC_VERDICT_ERROR] || k->by[SDKC_VERDICT_XPASS])
                sdkc_afile_printf(&a, " (%llu fail, %llu error, %llu xpass)",
                                  (unsigned long long)k->by[SDKC_VERDICT_FAIL],
                                  (unsigned long long)k->by[SDKC_VERDICT_ERROR],
                                  (unsigned long long)k->by[SDKC_VERDICT_XPASS]);
            sdkc_afile_puts(&a, "</td>");
        }
        sdkc_afile_puts(&a, "</tr>\n");
    }
    sdkc_afile_puts(&a, "</table>\n<p>A cell counts passed vectors over all vectors of the "
                        "category; expected failures (listed in an expected-failures file, "
                        "with their reasons below) are counted apart, as +N xfail, so the "
                        "matrix never hides what an implementation gets wrong.</p>\n");

    /* Failures, errors, stale entries (and warnings below the gate). */
    sdkc_afile_puts(&a, "<h2>Failures</h2>\n<p>Failures, errors and stale expected failures "
                        "first make the run fail; warnings (below the gate) and expected "
                        "failures (with their reason) are listed too.</p>\n<div id=failures>\n");
    if ((result = sdkc_spool_reader_open(&r, spool_path, err)))
        goto fail;
    for (;;) {
        const char *line;
        size_t len;
        if ((result = sdkc_spool_reader_line(&r, &line, &len, err)))
            goto fail;
        if (!line)
            break;
        if (sdkc_spool_line_is_pass(line, len))
            continue; /* most lines: no parse */
        if (!(rec = sdkc_spool_parse(line, len, spool_path, r.line_no, &perr))) {
            result = perr.code;
            if (err)
                *err = perr;
            goto fail;
        }
        if (s_is_problem(rec)) {
            if (shown < SDKC_REPORT_HTML_MAX_FAILURES)
                s_failure(&a, rec);
            shown++;
        }
        cJSON_Delete(rec);
        rec = NULL;
    }
    sdkc_spool_reader_clean_up(&r);
    if (shown == 0)
        sdkc_afile_puts(&a, "<p>None.</p>\n");
    else if (shown > SDKC_REPORT_HTML_MAX_FAILURES)
        sdkc_afile_printf(&a, "<p>%zu more not shown: see report.json.</p>\n",
                          shown - (size_t)SDKC_REPORT_HTML_MAX_FAILURES);
    sdkc_afile_puts(&a, "</div>\n");

    /* Every result, while the table stays readable. */
    /* Every vector x every implementation, one row per vector (the runner
     * spools a vector's results consecutively, impls in order). */
    sdkc_afile_puts(&a, "<h2>All vectors</h2>\n");
    if (sum->all.total > SDKC_REPORT_HTML_MAX_ROWS) {
        sdkc_afile_printf(&a, "<p>%llu results: too many to list here; see report.json and "
                              "junit.xml.</p>\n",
                          (unsigned long long)sum->all.total);
    } else {
        struct s_row row;
        memset(&row, 0, sizeof(row));
        sdkc_buf_init(&row.id, 0);
        sdkc_buf_init(&row.category, 0);
        sdkc_buf_init(&row.level, 0);
        sdkc_afile_puts(&a, "<table id=results><tr><th>id</th><th>category</th><th>level</th>");
        for (i = 0; i < meta->impl_count; i++) {
            sdkc_afile_puts(&a, "<th>");
            sdkc_afile_xml(&a, meta->impls[i].name);
            sdkc_afile_puts(&a, "</th>");
        }
        sdkc_afile_puts(&a, "</tr>\n");
        result = sdkc_spool_reader_open(&r, spool_path, err);
        while (!result) {
            const char *id;
            const cJSON *ix;
            if ((result = sdkc_spool_reader_next(&r, &rec, err)) || !rec)
                break;
            id = sdkc_spool_str(rec, "id");
            if (row.used && strcmp(id, row.id.data) != 0)
                rows += s_row_flush(&a, &row, meta->impl_count);
            if (!row.used) {
                row.used = 1;
                if (sdkc_buf_append_str(&row.id, id) ||
                    sdkc_buf_append_str(&row.category, sdkc_spool_str(rec, "category")) ||
                    sdkc_buf_append_str(&row.level, sdkc_spool_str(rec, "level")))
                    result = SDKC_ERR_NOMEM;
            }
            ix = sdkc_json_get(rec, "impl_index");
            if (cJSON_IsNumber(ix) && ix->valuedouble >= 0 &&
                (size_t)ix->valuedouble < meta->impl_count && (size_t)ix->valuedouble < SDKC_RUNNER_MAX_IMPLS) {
                size_t k = (size_t)ix->valuedouble;
                snprintf(row.status[k], sizeof(row.status[k]), "%s", sdkc_spool_str(rec, "status"));
                row.gating[k] = cJSON_IsTrue(sdkc_json_get(rec, "gating"));
            }
            cJSON_Delete(rec);
            rec = NULL;
        }
        if (!result && row.used)
            rows += s_row_flush(&a, &row, meta->impl_count);
        sdkc_buf_clean_up(&row.id);
        sdkc_buf_clean_up(&row.category);
        sdkc_buf_clean_up(&row.level);
        if (result) {
            sdkc_error_set(err, result, SDKC_NO_OFFSET, "%s: %s", spool_path,
                           result == SDKC_ERR_NOMEM ? "out of memory" : sdkc_result_str(result));
            goto fail;
        }
        sdkc_spool_reader_clean_up(&r);
        sdkc_afile_puts(&a, "</table>\n");
    }
    sdkc_afile_printf(&a, "<p id=footer>%zu vector rows. Generated by ", rows);
    sdkc_afile_xml(&a, meta->tool_name);
    sdkc_afile_puts(&a, "; no external resources.</p>\n</body></html>\n");
    return sdkc_afile_commit(&a, err);

fail:
    cJSON_Delete(rec);
    sdkc_spool_reader_clean_up(&r);
    sdkc_afile_clean_up(&a);
    return result;
}
