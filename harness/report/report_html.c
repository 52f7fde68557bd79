/* SPDX-License-Identifier: Apache-2.0
 *
 * report/report_html.c: report.html, one self-contained page (docs/DESIGN.md):
 * inline CSS and one small inline script, no fonts, images, external
 * scripts or anything else fetched, so it opens the same from a CI artifact
 * store, an e-mail or a file:// URL; without the script everything shows.
 *
 * Sections: the verdict; the summary per implementation, with the gating
 * count beside the failure count (boto3 "fail 24" of which 4 gate); the
 * matrix of categories (the vectors' first tag) x implementations, each
 * cell a link to its first failure (or its first vector); the failures
 * grouped by implementation, gating first, then by level, then by cause
 * (report/cause.h, as the console groups them), each result's detail
 * (level, refs, diff, rerun command, folded in <details>) with an anchor
 * "r<spool line>" and a link back to its row; the vectors x
 * implementations table while it stays readable (SDKC_REPORT_HTML_MAX_ROWS),
 * rows "v<row>", every status that did not pass a link to its detail; and
 * one-click filters by implementation, level and status.
 *
 * The spool is read three times, streaming: causes, then which results get
 * a detail (at most SDKC_REPORT_HTML_MAX_FAILURES, in report order) with
 * their byte offsets, then the table; the details are read back by offset
 * in report order. A link is written only where its anchor is.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/json.h"
#include "report/cause.h"
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
    "summary{cursor:pointer}.lvl{font-weight:bold}"
    "td a,summary a{color:inherit}a.back{font-size:.85em;margin-left:.5em}"
    ".cause{margin:.6em 0 .6em 1em}.cause h4{margin:.2em 0;font-size:1em}"
    ".ids{color:#555;font-size:.9em}#filters button{margin:0 .2em .3em 0;cursor:pointer}"
    "#filters button.on{background:#333;color:#fff}[hidden]{display:none!important}"
    ":target{outline:2px solid #36c}";

/* One-click filters (implementation, level, status) and opening the
 * detail an anchor points at. Inline, no fetches; the page reads the same
 * without it. A query "?impl=X&level=Y&status=Z" clicks those buttons on
 * load (links to a filtered view). */
static const char s_js[] =
    "(function(){var f={impl:'all',level:'all',status:'all'};"
    "function st(s,w){return w==='all'||s===w||(w==='gating'&&(s==='fail'||s==='error'||"
    "s==='xpass'));}"
    "function ok(e){var d=e.dataset;if(d.st!==undefined){if(f.level!=='all'&&d.level!==f.level)"
    "return false;if(f.status==='all')return true;return d.st.split(' ').some(function(p){"
    "var i=p.lastIndexOf(':');return(f.impl==='all'||p.slice(0,i)===f.impl)&&st(p.slice(i+1),"
    "f.status);});}"
    "return(f.impl==='all'||d.impl===f.impl)&&(f.level==='all'||d.level===undefined||"
    "d.level===f.level)&&(f.status==='all'||d.status===undefined||st(d.status,f.status));}"
    "function apply(){document.querySelectorAll('.f').forEach(function(e){e.hidden=!ok(e);});"
    "document.querySelectorAll('#filters button').forEach(function(b){b.classList.toggle('on',"
    "f[b.dataset.f]===b.dataset.v);});}"
    "function reveal(){var id=decodeURIComponent(location.hash.slice(1)),e=id&&"
    "document.getElementById(id);if(!e)return;for(var p=e;p;p=p.parentElement){if(p.hidden){"
    "f={impl:'all',level:'all',status:'all'};apply();break;}}"
    "if(e.tagName==='DETAILS')e.open=true;e.scrollIntoView();}"
    "document.querySelectorAll('#filters button').forEach(function(b){b.addEventListener("
    "'click',function(){f[b.dataset.f]=b.dataset.v;apply();});});"
    "var q=new URLSearchParams(location.search);['impl','level','status'].forEach(function(k){"
    "var v=q.get(k);if(v===null)return;document.querySelectorAll('#filters button').forEach("
    "function(b){if(b.dataset.f===k&&b.dataset.v===v)b.click();});});"
    "window.addEventListener('hashchange',reveal);apply();reveal();})();";

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

/* The status a filter sees: a failure below the gate is "warn". */
static const char *s_filter_status(const char *status, int gating)
{
    if (strcmp(status, "fail") == 0 && !gating)
        return "warn";
    return status;
}

static void s_counts_row(struct sdkc_afile *a, size_t index, const char *name, const char *version,
                         const struct sdkc_run_counts *c)
{
    int v;
    if (index == (size_t)-1)
        sdkc_afile_puts(a, "<tr><td>");
    else
        sdkc_afile_printf(a, "<tr><td><a href=\"#impl-%zu\">", index);
    sdkc_afile_xml(a, name);
    sdkc_afile_puts(a, index == (size_t)-1 ? "</td><td>" : "</a></td><td>");
    sdkc_afile_xml(a, version);
    /* What blocks the release, beside what failed at all. */
    sdkc_afile_printf(a, "</td><td class=\"n %s\"><b>%llu</b></td><td class=n>%llu</td>",
                      c->gating ? "fail" : "pass", (unsigned long long)c->gating,
                      (unsigned long long)c->total);
    for (v = 0; v < SDKC_VERDICT_COUNT; v++)
        sdkc_afile_printf(a, "<td class=n>%llu</td>", (unsigned long long)c->by[v]);
    sdkc_afile_printf(a, "<td class=n>%llu</td></tr>\n", (unsigned long long)c->warnings);
}

/* One result's detail: anchor r<line>, a link back to its row v<row>
 * (row == (size_t)-1: the table is not listed). */
static void s_failure(struct sdkc_afile *a, const cJSON *rec, size_t line, size_t row)
{
    const char *status = sdkc_spool_str(rec, "status");
    const char *diff = sdkc_spool_str(rec, "diff");
    const char *reason = sdkc_spool_str(rec, "reason");
    const char *diag = sdkc_spool_str(rec, "diagnostics");
    const cJSON *refs = sdkc_json_get(rec, "refs");
    const cJSON *r;
    int gating = cJSON_IsTrue(sdkc_json_get(rec, "gating"));

    sdkc_afile_printf(a, "<details id=r%zu class=%s><summary><span class=lvl>", line,
                      s_css_class(status, gating));
    sdkc_afile_xml(a, s_filter_status(status, gating));
    sdkc_afile_puts(a, "</span> [");
    sdkc_afile_xml(a, sdkc_spool_str(rec, "level"));
    sdkc_afile_puts(a, "] <code>");
    sdkc_afile_xml(a, sdkc_spool_str(rec, "id"));
    sdkc_afile_puts(a, "</code> on ");
    sdkc_afile_xml(a, sdkc_spool_str(rec, "impl"));
    sdkc_afile_puts(a, ": ");
    sdkc_afile_xml(a, sdkc_spool_str(rec, "message"));
    if (row != (size_t)-1)
        sdkc_afile_printf(a, " <a class=back href=\"#v%zu\">&uarr; its row</a>", row);
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
static int s_is_problem_line(const char *line, size_t len, struct sdkc_buf *tmp)
{
    if (sdkc_spool_line_is_pass(line, len) || sdkc_spool_field_str(line, len, "status", tmp) != 1)
        return 0;
    return sdkc_cause_kind_of(tmp->data, 0) >= 0;
}

/* Parse a spool line; the error (NOMEM or PARSE naming path:line) both
 * returned and, when asked for, filled in. */
static sdkc_result s_parse(const char *line, size_t len, const char *path, size_t line_no,
                           cJSON **rec, struct sdkc_error *err)
{
    struct sdkc_error perr;
    sdkc_error_init(&perr);
    if ((*rec = sdkc_spool_parse(line, len, path, line_no, &perr)) != NULL)
        return SDKC_OK;
    if (err)
        *err = perr;
    return perr.code ? perr.code : SDKC_ERR_PARSE;
}

/* A result that gets a detail: its cause (report order), spool line, byte
 * offset and table row. */
struct s_entry {
    size_t cause;
    size_t line;
    uint64_t offset;
    size_t row;
};

static int s_entry_cmp(const void *pa, const void *pb)
{
    const struct s_entry *a = pa, *b = pb;
    if (a->cause != b->cause)
        return a->cause < b->cause ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* What the page needs to know before it writes anything. */
struct s_plan {
    struct sdkc_causes causes;
    size_t *quota;            /* per cause (report order): results given a detail */
    size_t *seen;             /* per cause: results met so far in the second pass */
    struct s_entry *by_line;  /* the results given a detail, in spool order */
    struct s_entry *by_cause; /* the same, in report order */
    size_t entries;
    size_t *cell_line; /* [category * impls + impl]: first detailed result's line + 1, or 0 */
    size_t *cell_kind; /* [same]: that result's cause kind + 1 (gating kinds first) */
    size_t *cat_row;   /* [category]: first row + 1, or 0 */
    size_t impls, cats;
    int rows_listed;
};

static void s_plan_clean_up(struct s_plan *p)
{
    sdkc_causes_clean_up(&p->causes);
    sdkc_free(p->quota);
    sdkc_free(p->seen);
    sdkc_free(p->by_line);
    sdkc_free(p->by_cause);
    sdkc_free(p->cell_line);
    sdkc_free(p->cell_kind);
    sdkc_free(p->cat_row);
}

static size_t s_category_index(const struct sdkc_run_summary *sum, const char *name)
{
    size_t c;
    for (c = 0; c < sum->category_count; c++)
        if (sum->categories[c].name && strcmp(sum->categories[c].name, name) == 0)
            return c;
    return (size_t)-1;
}

/* Pass 1: the causes, sorted; each cause's quota of details in report
 * order. */
static sdkc_result s_plan_causes(struct s_plan *p, const char *spool_path, struct sdkc_error *err)
{
    struct sdkc_spool_reader r;
    struct sdkc_buf tmp;
    cJSON *rec = NULL;
    size_t i, budget = SDKC_REPORT_HTML_MAX_FAILURES;
    sdkc_result result;

    sdkc_buf_init(&tmp, 0);
    if ((result = sdkc_spool_reader_open(&r, spool_path, err)))
        goto done;
    for (;;) {
        const char *line;
        size_t len, ix;
        int first;
        struct sdkc_cause_in in;
        if ((result = sdkc_spool_reader_line(&r, &line, &len, err)) || !line)
            break;
        if (!s_is_problem_line(line, len, &tmp))
            continue;
        if ((result = s_parse(line, len, spool_path, r.line_no, &rec, err))) {
            break;
        }
        sdkc_cause_in_from_spool(&in, rec);
        result = sdkc_causes_add(&p->causes, &in, &ix, &first, err);
        cJSON_Delete(rec);
        rec = NULL;
        if (result)
            break;
    }
    sdkc_spool_reader_clean_up(&r);
    if (result)
        goto done;
    if ((result = sdkc_causes_sort(&p->causes, NULL, err)))
        goto done;
    p->quota = sdkc_calloc(p->causes.count + 1, sizeof(*p->quota));
    p->seen = sdkc_calloc(p->causes.count + 1, sizeof(*p->seen));
    if (!p->quota || !p->seen) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        goto done;
    }
    for (i = 0; i < p->causes.count; i++) {
        uint64_t n = p->causes.v[i].count;
        p->quota[i] = n < budget ? (size_t)n : budget;
        budget -= p->quota[i];
    }
done:
    sdkc_buf_clean_up(&tmp);
    return result;
}

/* Pass 2: which results get a detail (offsets, rows), the matrix targets. */
static sdkc_result s_plan_entries(struct s_plan *p, const struct sdkc_run_summary *sum,
                                  const char *spool_path, struct sdkc_error *err)
{
    struct sdkc_spool_reader r;
    struct sdkc_buf tmp, prev_id;
    cJSON *rec = NULL;
    size_t row = (size_t)-1, cap = 0;
    sdkc_result result;

    sdkc_buf_init(&tmp, 0);
    sdkc_buf_init(&prev_id, 0);
    p->cats = sum->category_count;
    p->cell_line = sdkc_calloc(p->cats * p->impls + 1, sizeof(*p->cell_line));
    p->cell_kind = sdkc_calloc(p->cats * p->impls + 1, sizeof(*p->cell_kind));
    p->cat_row = sdkc_calloc(p->cats + 1, sizeof(*p->cat_row));
    for (cap = 0; cap < p->causes.count; cap++)
        p->entries += p->quota[cap];
    cap = p->entries;
    p->entries = 0;
    p->by_line = sdkc_calloc(cap + 1, sizeof(*p->by_line));
    if (!p->cell_line || !p->cell_kind || !p->cat_row || !p->by_line)
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    if ((result = sdkc_spool_reader_open(&r, spool_path, err)))
        goto done;
    for (;;) {
        const char *line;
        size_t len, cat = (size_t)-1, g;
        struct sdkc_cause_in in;
        if ((result = sdkc_spool_reader_line(&r, &line, &len, err)) || !line)
            break;
        /* Rows as the table numbers them: a vector's results are
         * consecutive (runner.h). */
        if (sdkc_spool_field_str(line, len, "id", &tmp) != 1)
            sdkc_buf_reset(&tmp);
        if (row == (size_t)-1 || tmp.len != prev_id.len ||
            (tmp.len && memcmp(tmp.data, prev_id.data, tmp.len) != 0)) {
            row++;
            sdkc_buf_reset(&prev_id);
            if (tmp.len && (result = sdkc_buf_append(&prev_id, tmp.data, tmp.len))) {
                sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
                break;
            }
        }
        if (sdkc_spool_field_str(line, len, "category", &tmp) == 1) {
            cat = s_category_index(sum, tmp.data);
            if (cat != (size_t)-1 && !p->cat_row[cat])
                p->cat_row[cat] = row + 1;
        }
        if (!s_is_problem_line(line, len, &tmp))
            continue;
        if ((result = s_parse(line, len, spool_path, r.line_no, &rec, err))) {
            break;
        }
        sdkc_cause_in_from_spool(&in, rec);
        g = sdkc_causes_find(&p->causes, &in, err);
        if (g != (size_t)-1 && p->seen[g]++ < p->quota[g] && p->entries < cap) {
            struct s_entry *e = &p->by_line[p->entries++];
            e->cause = g;
            e->line = r.line_no;
            e->offset = r.line_offset;
            e->row = row;
            /* A cell links to its first result that gates, else its first
             * warning or expected failure. */
            if (cat != (size_t)-1 && in.impl_index < p->impls) {
                size_t cell = cat * p->impls + in.impl_index;
                size_t kind = (size_t)p->causes.v[g].kind + 1;
                if (!p->cell_line[cell] || kind < p->cell_kind[cell]) {
                    p->cell_line[cell] = r.line_no + 1;
                    p->cell_kind[cell] = kind;
                }
            }
        }
        cJSON_Delete(rec);
        rec = NULL;
    }
    sdkc_spool_reader_clean_up(&r);
    if (result)
        goto done;
    p->by_cause = sdkc_malloc((p->entries + 1) * sizeof(*p->by_cause));
    if (!p->by_cause) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        goto done;
    }
    if (p->entries) {
        memcpy(p->by_cause, p->by_line, p->entries * sizeof(*p->by_cause));
        qsort(p->by_cause, p->entries, sizeof(*p->by_cause), s_entry_cmp);
    }
done:
    sdkc_buf_clean_up(&tmp);
    sdkc_buf_clean_up(&prev_id);
    return result;
}

/* The detail anchor of spool line `line`, if it has one. */
static int s_has_detail(const struct s_plan *p, size_t line)
{
    size_t lo = 0, hi = p->entries;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->by_line[mid].line == line)
            return 1;
        if (p->by_line[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* One vector's row of the vectors x implementations table. */
struct s_row {
    int used;
    size_t index;
    struct sdkc_buf id, category, level;
    char status[SDKC_RUNNER_MAX_IMPLS][8];
    int gating[SDKC_RUNNER_MAX_IMPLS];
    size_t line[SDKC_RUNNER_MAX_IMPLS]; /* spool line with a detail, or 0 */
};

static size_t s_row_flush(struct sdkc_afile *a, struct s_row *row,
                          const struct sdkc_report_meta *meta)
{
    size_t k,
        n = meta->impl_count < SDKC_RUNNER_MAX_IMPLS ? meta->impl_count : SDKC_RUNNER_MAX_IMPLS;
    sdkc_afile_printf(a, "<tr id=v%zu class=f data-level=\"", row->index);
    sdkc_afile_xml(a, row->level.data);
    sdkc_afile_puts(a, "\" data-st=\"");
    for (k = 0; k < n; k++) {
        if (!row->status[k][0])
            continue;
        if (k)
            sdkc_afile_puts(a, " ");
        sdkc_afile_xml(a, meta->impls[k].name);
        sdkc_afile_puts(a, ":");
        sdkc_afile_xml(a, s_filter_status(row->status[k], row->gating[k]));
    }
    sdkc_afile_puts(a, "\"><td><code>");
    sdkc_afile_xml(a, row->id.data);
    sdkc_afile_puts(a, "</code></td><td>");
    sdkc_afile_xml(a, row->category.data);
    sdkc_afile_puts(a, "</td><td>");
    sdkc_afile_xml(a, row->level.data);
    sdkc_afile_puts(a, "</td>");
    for (k = 0; k < n; k++) {
        if (row->status[k][0]) {
            sdkc_afile_printf(a, "<td class=%s>", s_css_class(row->status[k], row->gating[k]));
            if (row->line[k])
                sdkc_afile_printf(a, "<a href=\"#r%zu\">", row->line[k]);
            sdkc_afile_xml(a, s_filter_status(row->status[k], row->gating[k]));
            sdkc_afile_puts(a, row->line[k] ? "</a></td>" : "</td>");
        } else {
            sdkc_afile_puts(a, "<td class=skip>-</td>");
        }
    }
    sdkc_afile_puts(a, "</tr>\n");
    memset(row->status, 0, sizeof(row->status));
    memset(row->gating, 0, sizeof(row->gating));
    memset(row->line, 0, sizeof(row->line));
    sdkc_buf_reset(&row->id);
    sdkc_buf_reset(&row->category);
    sdkc_buf_reset(&row->level);
    row->used = 0;
    row->index++;
    return 1;
}

static void s_filter_button(struct sdkc_afile *a, const char *key, const char *value,
                            const char *label)
{
    sdkc_afile_printf(a, "<button type=button data-f=%s data-v=\"", key);
    sdkc_afile_xml(a, value);
    sdkc_afile_puts(a, "\">");
    sdkc_afile_xml(a, label);
    sdkc_afile_puts(a, "</button>");
}

static void s_filters(struct sdkc_afile *a, const struct sdkc_report_meta *meta)
{
    static const char *const levels[] = {"MUST", "SHOULD", "MAY"};
    static const char *const statuses[] = {"gating", "fail",  "warn", "error",
                                           "xpass",  "xfail", "pass", "skip"};
    size_t i;
    sdkc_afile_puts(a, "<div id=filters><p>implementation: ");
    s_filter_button(a, "impl", "all", "all");
    for (i = 0; i < meta->impl_count; i++)
        s_filter_button(a, "impl", meta->impls[i].name, meta->impls[i].name);
    sdkc_afile_puts(a, "<br>level: ");
    s_filter_button(a, "level", "all", "all");
    for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
        s_filter_button(a, "level", levels[i], levels[i]);
    sdkc_afile_puts(a, "<br>status: ");
    s_filter_button(a, "status", "all", "all");
    for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
        s_filter_button(a, "status", statuses[i], statuses[i]);
    sdkc_afile_puts(a, "</p></div>\n");
}

/* The cause header: "FAIL [MUST] 210x sigv4: message", the first ids. */
static void s_cause_head(struct sdkc_afile *a, const struct sdkc_cause *k)
{
    size_t i;
    sdkc_afile_printf(a, "<section class=\"cause f\" data-impl=\"");
    sdkc_afile_xml(a, k->impl);
    sdkc_afile_puts(a, "\" data-level=\"");
    sdkc_afile_xml(a, k->level);
    sdkc_afile_printf(a, "\" data-status=%s><h4 class=%s>%s [", sdkc_cause_kind_name(k->kind),
                      k->kind == SDKC_CAUSE_WARN    ? "warn"
                      : k->kind == SDKC_CAUSE_XFAIL ? "skip"
                      : k->kind == SDKC_CAUSE_ERROR ? "error"
                                                    : "fail",
                      sdkc_cause_kind_name(k->kind));
    sdkc_afile_xml(a, k->level);
    sdkc_afile_printf(a, "] %llu&times; ", (unsigned long long)k->count);
    if (*k->check) {
        sdkc_afile_puts(a, "<code>");
        sdkc_afile_xml(a, k->check);
        sdkc_afile_puts(a, "</code> ");
    }
    sdkc_afile_xml(a, k->message);
    sdkc_afile_puts(a, "</h4>\n<p class=ids>");
    for (i = 0; i < k->id_count; i++) {
        if (i)
            sdkc_afile_puts(a, ", ");
        sdkc_afile_xml(a, k->ids[i]);
    }
    if (k->count > k->id_count)
        sdkc_afile_printf(a, " and %llu more", (unsigned long long)(k->count - k->id_count));
    sdkc_afile_puts(a, "</p>\n");
}

/* Pass 3 (details in report order, read back by offset): implementation,
 * then cause (gating, level, size: cause.h), then its results. */
static sdkc_result s_write_failures(struct sdkc_afile *a, const struct sdkc_report_meta *meta,
                                    const struct sdkc_run_summary *sum, const struct s_plan *p,
                                    const char *spool_path, struct sdkc_error *err)
{
    FILE *f = NULL;
    struct sdkc_buf line;
    cJSON *rec = NULL;
    size_t i, g, e = 0, total = 0;
    sdkc_result result = SDKC_OK;

    sdkc_buf_init(&line, SDKC_REPORT_MAX_LINE + 1);
    if (p->entries && !(f = fopen(spool_path, "rb"))) {
        result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: cannot open", spool_path);
        goto done;
    }
    for (i = 0; i < meta->impl_count && i < SDKC_RUNNER_MAX_IMPLS; i++) {
        const struct sdkc_run_counts *n = &sum->per_impl[i];
        sdkc_afile_printf(a, "<section id=impl-%zu class=f data-impl=\"", i);
        sdkc_afile_xml(a, meta->impls[i].name);
        sdkc_afile_puts(a, "\"><h3>");
        sdkc_afile_xml(a, meta->impls[i].name);
        sdkc_afile_printf(a,
                          ": <span class=%s>%llu gating</span>, %llu warnings, %llu expected "
                          "failures</h3>\n",
                          n->gating ? "fail" : "pass", (unsigned long long)n->gating,
                          (unsigned long long)n->warnings,
                          (unsigned long long)n->by[SDKC_VERDICT_XFAIL]);
        for (g = 0; g < p->causes.count; g++) {
            const struct sdkc_cause *k = &p->causes.v[g];
            if (k->impl_index != i)
                continue;
            s_cause_head(a, k);
            total += k->count;
            for (; e < p->entries && p->by_cause[e].cause == g; e++) {
                const struct s_entry *x = &p->by_cause[e];
                if ((result = sdkc_spool_read_at(f, spool_path, x->offset, &line, err)))
                    goto done;
                if ((result = s_parse(line.data ? line.data : "", line.len, spool_path, x->line,
                                      &rec, err))) {
                    goto done;
                }
                s_failure(a, rec, x->line, p->rows_listed ? x->row : (size_t)-1);
                cJSON_Delete(rec);
                rec = NULL;
            }
            if (k->count > p->quota[g])
                sdkc_afile_printf(a, "<p>%llu more of this cause not shown: see report.json.</p>\n",
                                  (unsigned long long)(k->count - p->quota[g]));
            sdkc_afile_puts(a, "</section>\n");
        }
        if (p->causes.other[i])
            sdkc_afile_printf(a,
                              "<p>%llu more results in causes past the %d tracked: see "
                              "report.json.</p>\n",
                              (unsigned long long)p->causes.other[i], SDKC_REPORT_MAX_CAUSES);
        sdkc_afile_puts(a, "</section>\n");
    }
    if (total == 0)
        sdkc_afile_puts(a, "<p>None.</p>\n");
done:
    if (f)
        fclose(f);
    cJSON_Delete(rec);
    sdkc_buf_clean_up(&line);
    return result;
}

sdkc_result sdkc_report_write_html(const char *path, const struct sdkc_report_meta *meta,
                                   const struct sdkc_run_summary *sum, const char *spool_path,
                                   struct sdkc_error *err)
{
    struct sdkc_afile a;
    struct sdkc_spool_reader r;
    struct s_plan plan;
    cJSON *rec = NULL;
    size_t i, c, rows = 0;
    int v;
    sdkc_result result;

    memset(&r, 0, sizeof(r));
    memset(&plan, 0, sizeof(plan));
    sdkc_causes_init(&plan.causes);
    plan.impls = meta->impl_count;
    plan.rows_listed = sum->all.total <= SDKC_REPORT_HTML_MAX_ROWS;
    if ((result = s_plan_causes(&plan, spool_path, err)) ||
        (result = s_plan_entries(&plan, sum, spool_path, err))) {
        s_plan_clean_up(&plan);
        return result;
    }
    if ((result = sdkc_afile_open(&a, path, err))) {
        s_plan_clean_up(&plan);
        return result;
    }

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
    sdkc_afile_printf(&a, "<p id=verdict class=%s>Result: <b>%s</b> (exit %d). Gate: level ",
                      meta->exit_code ? "fail" : "pass", meta->exit_code ? "FAILED" : "PASSED",
                      meta->exit_code);
    sdkc_afile_xml(&a, meta->gate);
    sdkc_afile_printf(&a,
                      " and above. %llu gating failures. %llu vectors read, %llu selected, "
                      "%.1f ms.</p>\n",
                      (unsigned long long)sum->all.gating, (unsigned long long)sum->vectors_read,
                      (unsigned long long)sum->vectors_selected, sum->wall_ms);
    if (meta->command) {
        sdkc_afile_puts(&a, "<p>command: <code>");
        sdkc_afile_xml(&a, meta->command);
        sdkc_afile_puts(&a, "</code></p>\n");
    }

    /* Summary per implementation: gating beside the verdict counts. */
    sdkc_afile_puts(&a, "<h2>Summary</h2>\n<table id=summary><tr><th>implementation</th>"
                        "<th>version</th><th title=\"failures, errors and stale entries at or "
                        "above the gate: these fail the run\">gating</th><th>total</th>");
    for (v = 0; v < SDKC_VERDICT_COUNT; v++)
        sdkc_afile_printf(&a, "<th>%s</th>", sdkc_verdict_name((enum sdkc_verdict)v));
    sdkc_afile_puts(&a, "<th>warnings</th></tr>\n");
    for (i = 0; i < meta->impl_count; i++)
        s_counts_row(&a, i, meta->impls[i].name, meta->impls[i].version, &sum->per_impl[i]);
    if (meta->impl_count > 1)
        s_counts_row(&a, (size_t)-1, "all", "", &sum->all);
    sdkc_afile_puts(&a, "</table>\n<p>gating = the failures, errors and stale expected "
                        "failures at or above the gate: these fail the run. fail counts every "
                        "failure, warnings (below the gate) included.</p>\n");

    /* Matrix: categories x implementations, "passed/total" per cell, each
     * cell a link to its first failure (else its first vector). */
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
            size_t fl = c < plan.cats ? plan.cell_line[c * plan.impls + i] : 0;
            size_t fr = c < plan.cats && plan.rows_listed ? plan.cat_row[c] : 0;
            if (k->total == 0)
                cls = "skip";
            sdkc_afile_printf(&a, "<td class=%s>", cls);
            if (fl)
                sdkc_afile_printf(&a, "<a href=\"#r%zu\">", fl - 1);
            else if (fr)
                sdkc_afile_printf(&a, "<a href=\"#v%zu\">", fr - 1);
            sdkc_afile_printf(&a, "%llu/%llu", (unsigned long long)ok,
                              (unsigned long long)k->total);
            if (k->by[SDKC_VERDICT_XFAIL])
                sdkc_afile_printf(&a, " (+%llu xfail)",
                                  (unsigned long long)k->by[SDKC_VERDICT_XFAIL]);
            if (k->by[SDKC_VERDICT_FAIL] || k->by[SDKC_VERDICT_ERROR] || k->by[SDKC_VERDICT_XPASS])
                sdkc_afile_printf(&a, " (%llu gating, %llu warn, %llu error, %llu xpass)",
                                  (unsigned long long)k->gating, (unsigned long long)k->warnings,
                                  (unsigned long long)k->by[SDKC_VERDICT_ERROR],
                                  (unsigned long long)k->by[SDKC_VERDICT_XPASS]);
            sdkc_afile_puts(&a, fl || fr ? "</a></td>" : "</td>");
        }
        sdkc_afile_puts(&a, "</tr>\n");
    }
    sdkc_afile_puts(&a, "<tr><td><b>gating</b></td>");
    for (i = 0; i < meta->impl_count; i++)
        sdkc_afile_printf(&a, "<td class=%s><a href=\"#impl-%zu\"><b>%llu</b></a></td>",
                          sum->per_impl[i].gating ? "fail" : "pass", i,
                          (unsigned long long)sum->per_impl[i].gating);
    sdkc_afile_puts(&a, "</tr>\n</table>\n<p>A cell counts passed vectors over all vectors of "
                        "the category and links to its first failure (or its first vector); "
                        "expected failures (listed in an expected-failures file, with their "
                        "reasons below) are counted apart, as +N xfail, so the matrix never "
                        "hides what an implementation gets wrong.</p>\n");

    s_filters(&a, meta);

    /* Failures, grouped (cause.h). */
    sdkc_afile_puts(&a, "<h2>Failures</h2>\n<p>Per implementation: what fails the run "
                        "(gating failures, errors, stale expected failures) first, then "
                        "warnings (below the gate) and expected failures (with their reason); "
                        "within each, MUST before SHOULD before MAY, then by cause: results "
                        "whose check, level and diff agree once values are masked.</p>\n"
                        "<div id=failures>\n");
    if ((result = s_write_failures(&a, meta, sum, &plan, spool_path, err)))
        goto fail;
    if (plan.entries >= SDKC_REPORT_HTML_MAX_FAILURES)
        sdkc_afile_printf(&a,
                          "<p>Details are shown for the first %d results in this order; "
                          "report.json has every one.</p>\n",
                          SDKC_REPORT_HTML_MAX_FAILURES);
    sdkc_afile_puts(&a, "</div>\n");

    /* Every vector x every implementation, one row per vector (the runner
     * spools a vector's results consecutively, impls in order). */
    sdkc_afile_puts(&a, "<h2>All vectors</h2>\n");
    if (!plan.rows_listed) {
        sdkc_afile_printf(&a,
                          "<p>%llu results: too many to list here; see report.json and "
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
                rows += s_row_flush(&a, &row, meta);
            if (!row.used) {
                row.used = 1;
                if (sdkc_buf_append_str(&row.id, id) ||
                    sdkc_buf_append_str(&row.category, sdkc_spool_str(rec, "category")) ||
                    sdkc_buf_append_str(&row.level, sdkc_spool_str(rec, "level")))
                    result = SDKC_ERR_NOMEM;
            }
            ix = sdkc_json_get(rec, "impl_index");
            if (cJSON_IsNumber(ix) && ix->valuedouble >= 0 &&
                (size_t)ix->valuedouble < meta->impl_count &&
                (size_t)ix->valuedouble < SDKC_RUNNER_MAX_IMPLS) {
                size_t k = (size_t)ix->valuedouble;
                snprintf(row.status[k], sizeof(row.status[k]), "%s", sdkc_spool_str(rec, "status"));
                row.gating[k] = cJSON_IsTrue(sdkc_json_get(rec, "gating"));
                row.line[k] = s_has_detail(&plan, r.line_no) ? r.line_no : 0;
            }
            cJSON_Delete(rec);
            rec = NULL;
        }
        if (!result && row.used)
            rows += s_row_flush(&a, &row, meta);
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
    sdkc_afile_puts(&a, "; no external resources.</p>\n<script>");
    sdkc_afile_puts(&a, s_js);
    sdkc_afile_puts(&a, "</script>\n</body></html>\n");
    s_plan_clean_up(&plan);
    return sdkc_afile_commit(&a, err);

fail:
    cJSON_Delete(rec);
    sdkc_spool_reader_clean_up(&r);
    sdkc_afile_clean_up(&a);
    s_plan_clean_up(&plan);
    return result;
}
