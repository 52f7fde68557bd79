/* SPDX-License-Identifier: Apache-2.0
 *
 * report/report_xfail.c: an expected-failures file (runner/xfail.h format)
 * written from a run's spool, for adopting the harness on an SDK that fails
 * some vectors today (`replay --write-expected-failures FILE`, report.h).
 * Written like the reports: a temp file in the same folder, fsynced and
 * renamed (report_io.h sdkc_afile), streamed from the spool once per
 * implementation.
 */
#include <string.h>

#include "core/alloc.h"
#include "core/json.h"
#include "report/report.h"
#include "report/private/report_io.h"
#include "runner/xfail.h"

/* One line of at most cap bytes from text, scrubbed: line breaks and the
 * indentation after them become " | " (xfail.h: reason and evidence are one
 * line), tabs a space; cut on a UTF-8 boundary. */
static sdkc_result s_one_line(struct sdkc_buf *out, const char *text, size_t cap)
{
    struct sdkc_buf clean;
    size_t i;
    sdkc_result result;

    sdkc_buf_reset(out);
    sdkc_buf_init(&clean, 0);
    result = sdkc_report_scrub(&clean, text, strlen(text));
    for (i = 0; !result && i < clean.len; i++) {
        char c = clean.data[i];
        if (c == '\n' || c == '\r') {
            while (i + 1 < clean.len && (clean.data[i + 1] == ' ' || clean.data[i + 1] == '\t' ||
                                         clean.data[i + 1] == '\n' || clean.data[i + 1] == '\r'))
                i++;
            if (out->len && i + 1 < clean.len)
                result = sdkc_buf_append_str(out, " | ");
        } else {
            result = sdkc_buf_append_byte(out, c == '\t' ? ' ' : c);
        }
    }
    sdkc_buf_clean_up(&clean);
    if (result)
        return result;
    if (out->len > cap) {
        size_t n = cap;
        while (n > 0 && ((unsigned char)out->data[n] & 0xC0) == 0x80)
            n--;
        out->len = n;
        out->data[n] = '\0';
    }
    return SDKC_OK;
}

/* The impl of a raw spool line into out (*found 0 when it has none). The
 * fast field reader says -1 for a malformed value and for out-of-memory
 * alike: a full parse then tells them apart. */
static sdkc_result s_impl_of(const char *line, size_t len, const char *spool_path, size_t line_no,
                             struct sdkc_buf *out, int *found, struct sdkc_error *err)
{
    struct sdkc_error perr;
    cJSON *rec;
    const cJSON *impl;
    sdkc_result result = SDKC_OK;
    *found = sdkc_spool_field_str(line, len, "impl", out);
    if (*found >= 0)
        return SDKC_OK;
    sdkc_error_init(&perr);
    if (!(rec = sdkc_spool_parse(line, len, spool_path, line_no, &perr))) {
        if (err)
            *err = perr;
        return perr.code;
    }
    impl = sdkc_json_get(rec, "impl");
    *found = cJSON_IsString(impl);
    sdkc_buf_reset(out);
    if (*found && sdkc_buf_append_str(out, impl->valuestring))
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    cJSON_Delete(rec);
    return result;
}

/* A failure no expected-failures entry can cover (runner/README.md: the
 * checks sigv4 at MUST, requests and framing). */
static int s_uncoverable(const cJSON *rec)
{
    const char *check = sdkc_spool_str(rec, "check");
    if (strcmp(check, SDKC_RUNNER_REQUESTS_CHECK) == 0 ||
        strcmp(check, SDKC_RUNNER_FRAMING_CHECK) == 0)
        return 1;
    return strcmp(check, SDKC_RUNNER_SIGV4_CHECK) == 0 &&
           strcmp(sdkc_spool_str(rec, "level"), "MUST") == 0;
}

/* The entries of one implementation, in spool order. */
static sdkc_result s_write_impl(struct sdkc_afile *a, const char *spool_path, const char *impl,
                                int first_impl, struct sdkc_report_xfail_written *w,
                                struct sdkc_error *err)
{
    struct sdkc_spool_reader r;
    struct sdkc_buf field, reason, evidence;
    struct sdkc_error perr;
    int first = 1, found;
    sdkc_result result;

    memset(&r, 0, sizeof(r));
    sdkc_buf_init(&field, 0);
    sdkc_buf_init(&reason, 0);
    sdkc_buf_init(&evidence, 0);
    if ((result = sdkc_spool_reader_open(&r, spool_path, err)))
        goto done;
    for (;;) {
        const char *line;
        size_t len;
        cJSON *rec;
        const char *status, *text;
        if ((result = sdkc_spool_reader_line(&r, &line, &len, err)))
            goto done;
        if (!line)
            break;
        if (sdkc_spool_line_is_pass(line, len))
            continue;
        if ((result = s_impl_of(line, len, spool_path, r.line_no, &field, &found, err)))
            goto done;
        if (!found || strcmp(field.data, impl) != 0)
            continue;
        sdkc_error_init(&perr);
        if (!(rec = sdkc_spool_parse(line, len, spool_path, r.line_no, &perr))) {
            result = perr.code;
            if (err)
                *err = perr;
            goto done;
        }
        status = sdkc_spool_str(rec, "status");
        if (strcmp(status, "fail") != 0 && strcmp(status, "xfail") != 0) {
            cJSON_Delete(rec);
            continue;
        }
        if (s_uncoverable(rec)) {
            w->uncoverable++;
            cJSON_Delete(rec);
            continue;
        }
        if (w->entries == SDKC_XFAIL_MAX_ENTRIES) {
            cJSON_Delete(rec);
            result =
                sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                               "more than %zu failures to list", (size_t)SDKC_XFAIL_MAX_ENTRIES);
            goto done;
        }
        /* An entry already listed keeps its words; a new one gets the
         * failure's one-line message as the reason and its diff as the
         * evidence, for the user to edit into why and what shows it. */
        text = *sdkc_spool_str(rec, "reason") ? sdkc_spool_str(rec, "reason")
                                              : sdkc_spool_str(rec, "message");
        result = s_one_line(&reason, *text ? text : status, SDKC_XFAIL_MAX_TEXT);
        text = *sdkc_spool_str(rec, "evidence") ? sdkc_spool_str(rec, "evidence")
               : *sdkc_spool_str(rec, "diff")   ? sdkc_spool_str(rec, "diff")
                                                : sdkc_spool_str(rec, "message");
        if (!result)
            result = s_one_line(&evidence, *text ? text : status, SDKC_XFAIL_MAX_TEXT);
        if (!result && (!reason.len || !evidence.len))
            result = s_one_line(reason.len ? &evidence : &reason, status, SDKC_XFAIL_MAX_TEXT);
        if (result) {
            cJSON_Delete(rec);
            sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
            goto done;
        }
        if (first) {
            sdkc_afile_puts(a, first_impl ? "\n    " : ",\n    ");
            sdkc_afile_json_str(a, impl);
            sdkc_afile_puts(a, ": [");
        }
        sdkc_afile_puts(a, first ? "\n      {\"id\": " : ",\n      {\"id\": ");
        sdkc_afile_json_str(a, sdkc_spool_str(rec, "id"));
        sdkc_afile_puts(a, ",\n       \"reason\": ");
        sdkc_afile_json_str(a, reason.data);
        sdkc_afile_puts(a, ",\n       \"evidence\": ");
        sdkc_afile_json_str(a, evidence.data);
        sdkc_afile_puts(a, "}");
        first = 0;
        w->entries++;
        cJSON_Delete(rec);
    }
    if (!first)
        sdkc_afile_puts(a, "\n    ]");
    w->impls += !first;
done:
    sdkc_spool_reader_clean_up(&r);
    sdkc_buf_clean_up(&field);
    sdkc_buf_clean_up(&reason);
    sdkc_buf_clean_up(&evidence);
    return result;
}

sdkc_result sdkc_report_write_expected_failures(const char *path, const char *spool_path,
                                                struct sdkc_report_xfail_written *written,
                                                struct sdkc_error *err)
{
    struct sdkc_afile a;
    struct sdkc_spool_reader r;
    struct sdkc_buf impl;
    char *names[SDKC_RUNNER_MAX_IMPLS];
    size_t n = 0, i;
    int found;
    struct sdkc_report_xfail_written w;
    sdkc_result result;

    memset(&w, 0, sizeof(w));
    memset(&r, 0, sizeof(r));
    sdkc_buf_init(&impl, 0);
    if ((result = sdkc_afile_open(&a, path, err)))
        return result;
    /* The implementations, in the order they appear (runner.h: impls in
     * the order given on each vector). */
    if ((result = sdkc_spool_reader_open(&r, spool_path, err)))
        goto fail;
    for (;;) {
        const char *line;
        size_t len;
        if ((result = sdkc_spool_reader_line(&r, &line, &len, err)))
            goto fail;
        if (!line)
            break;
        if ((result = s_impl_of(line, len, spool_path, r.line_no, &impl, &found, err)))
            goto fail;
        if (!found)
            continue;
        for (i = 0; i < n && strcmp(names[i], impl.data) != 0; i++)
            ;
        if (i < n)
            continue;
        if (n == SDKC_RUNNER_MAX_IMPLS) {
            result = sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                                    "%s: more than %d implementations", spool_path,
                                    SDKC_RUNNER_MAX_IMPLS);
            goto fail;
        }
        if (!(names[n] = sdkc_strdup(impl.data))) {
            result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
            goto fail;
        }
        n++;
    }
    sdkc_spool_reader_clean_up(&r);

    sdkc_afile_printf(&a,
                      "{\n  \"format\": \"%s\",\n"
                      "  \"comment\": \"written by sdkconform replay --write-expected-failures "
                      "from the failures of one run: edit each reason into why the SDK fails and "
                      "each evidence into what shows it\",\n"
                      "  \"impls\": {",
                      SDKC_XFAIL_FORMAT);
    for (i = 0; i < n; i++)
        if ((result = s_write_impl(&a, spool_path, names[i], w.impls == 0, &w, err)))
            goto fail;
    sdkc_afile_puts(&a, w.impls ? "\n  }\n}\n" : "}\n}\n");
    if ((result = sdkc_afile_commit(&a, err)))
        goto done;
    if (written)
        *written = w;
    goto done;

fail:
    sdkc_spool_reader_clean_up(&r);
    sdkc_afile_clean_up(&a);
done:
    for (i = 0; i < n; i++)
        sdkc_free(names[i]);
    sdkc_buf_clean_up(&impl);
    return result;
}
