/* SPDX-License-Identifier: Apache-2.0
 *
 * report/report_junit.c: junit.xml in the dialect the GitHub (dorny /
 * mikepenz test-reporter, EnricoMi publish-unit-test-result), GitLab
 * (artifacts:reports:junit) and Jenkins (junit step) importers share:
 *
 *   <testsuites name tests failures errors skipped time>
 *     <testsuite name=IMPL tests failures errors skipped time>
 *       <testcase classname="sdkconform.IMPL.CATEGORY" name=ID time=SECONDS>
 *         <failure message type>diff and rerun command</failure>   fail (gating), xpass
 *         <error message type>...</error>                           error
 *         <skipped message/>                                        skip, xfail
 *         <system-out>warning: ... diff</system-out>                below-gate fail
 *
 * A failure below the --level gate (a warning) is a PASSING testcase with a
 * "warning:" line and the diff in <system-out>: it ran, and the run passed.
 * Importers count <failure> as red and <skipped> as "not run", so neither
 * fits; a dashboard that shows system-out still shows the diff.
 * Times are seconds (the importers' unit); text is scrubbed and XML-escaped
 * with every control character XML 1.0 forbids replaced.
 */
#include <string.h>

#include "core/alloc.h"
#include "core/json.h"
#include "report/report.h"
#include "report/private/report_io.h"

/* What a spool record becomes in JUnit terms. */
enum s_kind { S_PASS, S_FAILURE, S_ERROR, S_SKIPPED, S_WARNING };

static enum s_kind s_kind_of(const cJSON *rec)
{
    const char *st = sdkc_spool_str(rec, "status");
    if (strcmp(st, "pass") == 0)
        return S_PASS;
    if (strcmp(st, "error") == 0)
        return S_ERROR;
    if (strcmp(st, "xpass") == 0)
        return S_FAILURE;
    if (strcmp(st, "fail") == 0)
        return cJSON_IsTrue(sdkc_json_get(rec, "gating")) ? S_FAILURE : S_WARNING;
    return S_SKIPPED; /* skip, xfail */
}

static void s_body(struct sdkc_afile *a, const cJSON *rec)
{
    const char *diff = sdkc_spool_str(rec, "diff");
    const char *reason = sdkc_spool_str(rec, "reason");
    const char *diag = sdkc_spool_str(rec, "diagnostics");
    const cJSON *refs = sdkc_json_get(rec, "refs");
    const cJSON *r;

    sdkc_afile_puts(a, "level: ");
    sdkc_afile_xml(a, sdkc_spool_str(rec, "level"));
    sdkc_afile_puts(a, "\nrefs:");
    cJSON_ArrayForEach(r, refs)
    {
        if (!cJSON_IsString(r))
            continue;
        sdkc_afile_puts(a, " ");
        sdkc_afile_xml(a, r->valuestring);
    }
    sdkc_afile_puts(a, "\n");
    sdkc_afile_xml(a, sdkc_spool_str(rec, "message"));
    sdkc_afile_puts(a, "\n");
    if (*diff) {
        sdkc_afile_xml(a, diff);
        if (diff[strlen(diff) - 1] != '\n')
            sdkc_afile_puts(a, "\n");
    }
    if (*reason) {
        sdkc_afile_puts(a, "expected-failure reason: ");
        sdkc_afile_xml(a, reason);
        sdkc_afile_puts(a, "\n");
    }
    if (*diag) {
        sdkc_afile_puts(a, "diagnostics:\n");
        sdkc_afile_xml(a, diag);
        sdkc_afile_puts(a, "\n");
    }
    sdkc_afile_puts(a, "rerun: ");
    sdkc_afile_xml(a, sdkc_spool_str(rec, "rerun"));
    sdkc_afile_puts(a, "\n");
}

/* time="S.ffffff" (seconds, microsecond resolution) without printf. */
static void s_time_attr(struct sdkc_afile *a, double ms)
{
    unsigned long long us = ms > 0 ? (unsigned long long)(ms * 1000.0 + 0.5) : 0;
    char tmp[48];
    size_t n = sizeof(tmp), i;
    tmp[--n] = '"';
    for (i = 0; i < 6; i++) {
        tmp[--n] = (char)('0' + us % 10);
        us /= 10;
    }
    tmp[--n] = '.';
    do {
        tmp[--n] = (char)('0' + us % 10);
        us /= 10;
    } while (us);
    sdkc_afile_puts(a, "\" time=\"");
    sdkc_afile_write(a, tmp + n, sizeof(tmp) - n);
}

/* A passing result straight from its raw spool line (most lines). */
static void s_testcase_pass(struct sdkc_afile *a, const char *impl, const char *line, size_t len,
                            struct sdkc_buf *tmp)
{
    sdkc_afile_puts(a, "    <testcase classname=\"sdkconform.");
    sdkc_afile_xml(a, impl);
    sdkc_afile_puts(a, ".");
    if (sdkc_spool_field_str(line, len, "category", tmp) == 1 && tmp->len)
        sdkc_afile_xml(a, tmp->data);
    else
        sdkc_afile_puts(a, "uncategorized");
    sdkc_afile_puts(a, "\" name=\"");
    if (sdkc_spool_field_str(line, len, "id", tmp) == 1)
        sdkc_afile_xml(a, tmp->data);
    s_time_attr(a, sdkc_spool_field_num(line, len, "duration_ms"));
    sdkc_afile_puts(a, "/>\n");
}

static void s_testcase(struct sdkc_afile *a, const cJSON *rec)
{
    const cJSON *dur = sdkc_json_get(rec, "duration_ms");
    const char *status = sdkc_spool_str(rec, "status");
    const char *cat = sdkc_spool_str(rec, "category");
    enum s_kind kind = s_kind_of(rec);

    sdkc_afile_puts(a, "    <testcase classname=\"sdkconform.");
    sdkc_afile_xml(a, sdkc_spool_str(rec, "impl"));
    sdkc_afile_puts(a, ".");
    sdkc_afile_xml(a, *cat ? cat : "uncategorized");
    sdkc_afile_puts(a, "\" name=\"");
    sdkc_afile_xml(a, sdkc_spool_str(rec, "id"));
    s_time_attr(a, cJSON_IsNumber(dur) ? dur->valuedouble : 0.0);
    switch (kind) {
    case S_PASS: sdkc_afile_puts(a, "/>\n"); return;
    case S_FAILURE:
    case S_ERROR:
        sdkc_afile_puts(a, kind == S_ERROR ? ">\n      <error message=\""
                                           : ">\n      <failure message=\"");
        sdkc_afile_xml(a, sdkc_spool_str(rec, "message"));
        sdkc_afile_puts(a, "\" type=\"");
        sdkc_afile_xml(a, status);
        sdkc_afile_puts(a, "\">");
        s_body(a, rec);
        sdkc_afile_puts(a, kind == S_ERROR ? "</error>\n" : "</failure>\n");
        break;
    case S_WARNING:
        sdkc_afile_puts(a, ">\n      <system-out>warning: below the gating level, passes the "
                           "gate: ");
        sdkc_afile_xml(a, sdkc_spool_str(rec, "message"));
        sdkc_afile_puts(a, "\n");
        s_body(a, rec);
        sdkc_afile_puts(a, "</system-out>\n");
        break;
    case S_SKIPPED:
        sdkc_afile_puts(a, ">\n      <skipped message=\"");
        if (strcmp(status, "xfail") == 0)
            sdkc_afile_puts(a, "expected failure: ");
        sdkc_afile_xml(a, strcmp(status, "xfail") == 0 ? sdkc_spool_str(rec, "reason")
                                                       : sdkc_spool_str(rec, "message"));
        sdkc_afile_puts(a, "\"/>\n");
        if (strcmp(status, "skip") != 0) {
            sdkc_afile_puts(a, "      <system-out>");
            s_body(a, rec);
            sdkc_afile_puts(a, "</system-out>\n");
        }
        break;
    }
    sdkc_afile_puts(a, "    </testcase>\n");
}

/* JUnit counts for one implementation (see the mapping above). */
static void s_suite_counts(const struct sdkc_run_counts *c, unsigned long long *failures,
                           unsigned long long *errors, unsigned long long *skipped)
{
    *failures =
        (unsigned long long)(c->by[SDKC_VERDICT_FAIL] - c->warnings + c->by[SDKC_VERDICT_XPASS]);
    *errors = (unsigned long long)c->by[SDKC_VERDICT_ERROR];
    *skipped = (unsigned long long)(c->by[SDKC_VERDICT_SKIP] + c->by[SDKC_VERDICT_XFAIL]);
}

sdkc_result sdkc_report_write_junit(const char *path, const struct sdkc_report_meta *meta,
                                    const struct sdkc_run_summary *sum, const char *spool_path,
                                    struct sdkc_error *err)
{
    struct sdkc_afile a;
    struct sdkc_spool_reader r;
    cJSON *rec = NULL;
    unsigned long long f, e, s;
    struct sdkc_buf tmp;
    struct sdkc_error perr;
    size_t i;
    sdkc_result result;

    memset(&r, 0, sizeof(r));
    sdkc_buf_init(&tmp, 0);
    sdkc_error_init(&perr);
    if ((result = sdkc_afile_open(&a, path, err)))
        return result;
    s_suite_counts(&sum->all, &f, &e, &s);
    sdkc_afile_printf(&a,
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<testsuites name=\"sdkconform\" tests=\"%llu\" failures=\"%llu\" "
                      "errors=\"%llu\" skipped=\"%llu\" time=\"%.3f\">\n",
                      (unsigned long long)sum->all.total, f, e, s, sum->wall_ms / 1000.0);
    /* One suite per implementation: read the spool once per impl rather
     * than hold results in memory. */
    for (i = 0; i < meta->impl_count; i++) {
        const char *name = meta->impls[i].name;
        s_suite_counts(&sum->per_impl[i], &f, &e, &s);
        sdkc_afile_puts(&a, "  <testsuite name=\"");
        sdkc_afile_xml(&a, name);
        sdkc_afile_printf(&a,
                          "\" tests=\"%llu\" failures=\"%llu\" errors=\"%llu\" skipped=\"%llu\" "
                          "time=\"%.3f\">\n",
                          (unsigned long long)sum->per_impl[i].total, f, e, s,
                          sum->per_impl[i].duration_ms / 1000.0);
        sdkc_afile_puts(&a, "    <properties>\n      <property name=\"version\" value=\"");
        sdkc_afile_xml(&a, meta->impls[i].version);
        sdkc_afile_puts(&a, "\"/>\n      <property name=\"gate\" value=\"");
        sdkc_afile_xml(&a, meta->gate);
        sdkc_afile_printf(&a,
                          "\"/>\n      <property name=\"partial\" value=\"%s\"/>\n"
                          "    </properties>\n",
                          sum->partial ? "true" : "false");
        if ((result = sdkc_spool_reader_open(&r, spool_path, err)))
            goto fail;
        for (;;) {
            const char *line;
            size_t len;
            if ((result = sdkc_spool_reader_line(&r, &line, &len, err)))
                goto fail;
            if (!line)
                break;
            /* By index, not name: two --impl-cmd may share a label. */
            if ((size_t)sdkc_spool_field_num(line, len, "impl_index") != i)
                continue;
            if (sdkc_spool_line_is_pass(line, len)) {
                s_testcase_pass(&a, name, line, len, &tmp);
                continue;
            }
            if (!(rec = sdkc_spool_parse(line, len, spool_path, r.line_no, &perr))) {
                result = perr.code;
                if (err)
                    *err = perr;
                goto fail;
            }
            s_testcase(&a, rec);
            cJSON_Delete(rec);
            rec = NULL;
        }
        sdkc_spool_reader_clean_up(&r);
        sdkc_afile_puts(&a, "  </testsuite>\n");
    }
    sdkc_afile_puts(&a, "</testsuites>\n");
    sdkc_buf_clean_up(&tmp);
    return sdkc_afile_commit(&a, err);

fail:
    sdkc_buf_clean_up(&tmp);
    cJSON_Delete(rec);
    sdkc_spool_reader_clean_up(&r);
    sdkc_afile_clean_up(&a);
    return result;
}
