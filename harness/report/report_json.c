/* SPDX-License-Identifier: Apache-2.0
 *
 * report/report_json.c: report.json, the machine-readable report that other
 * tools read (docs/DESIGN.md). The documented keys are fixed:
 *   tool{name,version}, impls[{name,version}],
 *   summary{total,passed,failed,skipped,xfailed,xpassed,errors},
 *   results[{id,impl,level,status,message,duration_ms}]
 * Everything else ("partial", "gate", "unused_expected_failures"
 * [{impl,id,file}], per-impl summaries, and per result
 * "category", "refs", "gating", "diff", "rerun", "reason") is additive.
 */
#include <string.h>

#include "core/alloc.h"
#include "core/json.h"
#include "report/report.h"
#include "report/private/report_io.h"

static void s_counts(struct sdkc_afile *a, const struct sdkc_run_counts *c)
{
    sdkc_afile_printf(a,
                      "{\"total\":%llu,\"passed\":%llu,\"failed\":%llu,\"skipped\":%llu,"
                      "\"xfailed\":%llu,\"xpassed\":%llu,\"errors\":%llu,\"gating\":%llu,"
                      "\"warnings\":%llu}",
                      (unsigned long long)c->total, (unsigned long long)c->by[SDKC_VERDICT_PASS],
                      (unsigned long long)c->by[SDKC_VERDICT_FAIL],
                      (unsigned long long)c->by[SDKC_VERDICT_SKIP],
                      (unsigned long long)c->by[SDKC_VERDICT_XFAIL],
                      (unsigned long long)c->by[SDKC_VERDICT_XPASS],
                      (unsigned long long)c->by[SDKC_VERDICT_ERROR], (unsigned long long)c->gating,
                      (unsigned long long)c->warnings);
}

sdkc_result sdkc_report_write_json(const char *path, const struct sdkc_report_meta *meta,
                                   const struct sdkc_run_summary *sum, const char *spool_path,
                                   struct sdkc_error *err)
{
    struct sdkc_afile a;
    struct sdkc_spool_reader r;
    size_t i;
    int first = 1;
    sdkc_result result;

    memset(&r, 0, sizeof(r));
    if ((result = sdkc_afile_open(&a, path, err)))
        return result;
    if ((result = sdkc_spool_reader_open(&r, spool_path, err)))
        goto fail;

    sdkc_afile_puts(&a, "{\"tool\":{\"name\":");
    sdkc_afile_json_str(&a, meta->tool_name);
    sdkc_afile_puts(&a, ",\"version\":");
    sdkc_afile_json_str(&a, meta->tool_version);
    sdkc_afile_puts(&a, "},\n\"impls\":[");
    for (i = 0; i < meta->impl_count; i++) {
        sdkc_afile_puts(&a, i ? ",{\"name\":" : "{\"name\":");
        sdkc_afile_json_str(&a, meta->impls[i].name);
        sdkc_afile_puts(&a, ",\"version\":");
        sdkc_afile_json_str(&a, meta->impls[i].version);
        sdkc_afile_puts(&a, ",\"summary\":");
        s_counts(&a, &sum->per_impl[i]);
        sdkc_afile_puts(&a, "}");
    }
    sdkc_afile_puts(&a, "],\n\"skipped\":[");
    for (i = 0; i < meta->skipped_count; i++) {
        sdkc_afile_puts(&a, i ? ",{\"impl\":" : "{\"impl\":");
        sdkc_afile_json_str(&a, meta->skipped[i].impl);
        sdkc_afile_puts(&a, ",\"reason\":");
        sdkc_afile_json_str(&a, meta->skipped[i].reason);
        sdkc_afile_puts(&a, "}");
    }
    sdkc_afile_puts(&a, "],\n\"unused_expected_failures\":[");
    for (i = 0; i < meta->unused_xfail_count; i++) {
        sdkc_afile_puts(&a, i ? ",\n{\"impl\":" : "\n{\"impl\":");
        sdkc_afile_json_str(&a, meta->unused_xfail[i].impl);
        sdkc_afile_puts(&a, ",\"id\":");
        sdkc_afile_json_str(&a, meta->unused_xfail[i].id);
        sdkc_afile_puts(&a, ",\"file\":");
        sdkc_afile_json_str(&a, meta->unused_xfail[i].file);
        sdkc_afile_puts(&a, "}");
    }
    sdkc_afile_puts(&a, "],\n\"gate\":");
    sdkc_afile_json_str(&a, meta->gate);
    sdkc_afile_printf(&a, ",\"partial\":%s,\"exit\":%d", sum->partial ? "true" : "false",
                      meta->exit_code);
    if (meta->command) {
        sdkc_afile_puts(&a, ",\"command\":");
        sdkc_afile_json_str(&a, meta->command);
    }
    sdkc_afile_printf(&a, ",\"vectors_read\":%llu,\"vectors_selected\":%llu,\"wall_ms\":%.3f",
                      (unsigned long long)sum->vectors_read,
                      (unsigned long long)sum->vectors_selected, sum->wall_ms);
    sdkc_afile_puts(&a, ",\n\"summary\":");
    s_counts(&a, &sum->all);
    sdkc_afile_puts(&a, ",\n\"results\":[");
    for (;;) {
        /* Each spool line already is a result object with the documented
         * keys first (runner.h); it only needs the scrub. Redaction stops at
         * quotes and backslashes and invalid UTF-8 becomes U+FFFD, so the
         * scrubbed line is still valid JSON. */
        const char *line;
        size_t len;
        if ((result = sdkc_spool_reader_line(&r, &line, &len, err)))
            goto fail;
        if (!line)
            break;
        sdkc_afile_puts(&a, first ? "\n" : ",\n");
        sdkc_afile_scrubbed(&a, line, len);
        first = 0;
    }
    sdkc_afile_puts(&a, "]}\n");
    sdkc_spool_reader_clean_up(&r);
    return sdkc_afile_commit(&a, err);

fail:
    sdkc_spool_reader_clean_up(&r);
    sdkc_afile_clean_up(&a);
    return result;
}
