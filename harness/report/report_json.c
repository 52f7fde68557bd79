/* SPDX-License-Identifier: Apache-2.0
 *
 * report/report_json.c: report.json, the machine-readable report that other
 * tools read (issue 3 §5). The documented keys are fixed:
 *   tool{name,version}, impls[{name,version}],
 *   summary{total,passed,failed,skipped,xfailed,xpassed,errors},
 *   results[{id,impl,level,status,message,duration_ms}]
 * Everything else ("partial", "gate", per-impl summaries, and per result
 * "category", "refs", "gating", "diff", "rerun", "reason") is additive.
 */
#include <string.h>

#include "core/alloc.h"
#include "core/json.h"
#include "report/report.h"
#include "report/report_io.h"

static void s_counts(struct sdkc_afile *a, const struct sdkc_run_counts *c)
{
    sdkc_afile_printf(a,
                      "{\"total\":%llu,\"passed\":%llu,\"failed\":%llu,\"skipped\":%llu,"
                      "\"xfailed\":%llu,\"xpassed\":%llu,\"errors\":%llu,\"gating\":%llu,"
                      "\"warnings\":%llu}",
                      (unsigned long long)c->total,
                      (unsigned long long)c->by[SDKC_VERDICT_PASS],
                      (unsigned long long)c->by[SDKC_VERDICT_FAIL],
                      (unsigned long long)c->by[SDKC_VERDICT_SKIP],
                      (unsigned long long)c->by[SDKC_VERDICT_XFAIL],
                      (unsigned long long)c->by[SDKC_VERDICT_XPASS],
                      (unsigned long long)c->by[SDKC_VERDICT_ERROR],
                      (unsigned long long)c->gating, (unsigned long long)c->warnings);
}

/* An optional string member of a spool record, copied when present. */
static void s_opt_str(struct sdkc_afile *a, const cJSON *rec, const char *key)
{
    const cJSON *v = sdkc_json_get(rec, key);
    if (!cJSON_IsString(v) || !v->valuestring)
        return;
    sdkc_afile_printf(a, ",\"%s\":", key);
    sdkc_afile_json_str(a, v->valuestring);
}

static void s_result(struct sdkc_afile *a, const cJSON *rec, int first)
{
    const cJSON *dur = sdkc_json_get(rec, "duration_ms");
    const cJSON *refs = sdkc_json_get(rec, "refs");
    const cJSON *gating = sdkc_json_get(rec, "gating");

    sdkc_afile_puts(a, first ? "\n{\"id\":" : ",\n{\"id\":");
    sdkc_afile_json_str(a, sdkc_spool_str(rec, "id"));
    sdkc_afile_puts(a, ",\"impl\":");
    sdkc_afile_json_str(a, sdkc_spool_str(rec, "impl"));
    sdkc_afile_puts(a, ",\"level\":");
    sdkc_afile_json_str(a, sdkc_spool_str(rec, "level"));
    sdkc_afile_puts(a, ",\"status\":");
    sdkc_afile_json_str(a, sdkc_spool_str(rec, "status"));
    sdkc_afile_puts(a, ",\"message\":");
    sdkc_afile_json_str(a, sdkc_spool_str(rec, "message"));
    sdkc_afile_printf(a, ",\"duration_ms\":%.3f", cJSON_IsNumber(dur) ? dur->valuedouble : 0.0);
    sdkc_afile_printf(a, ",\"gating\":%s", cJSON_IsTrue(gating) ? "true" : "false");
    s_opt_str(a, rec, "category");
    s_opt_str(a, rec, "title");
    if (cJSON_IsArray(refs)) {
        const cJSON *r;
        int n = 0;
        sdkc_afile_puts(a, ",\"refs\":[");
        cJSON_ArrayForEach(r, refs)
        {
            if (!cJSON_IsString(r))
                continue;
            if (n++)
                sdkc_afile_puts(a, ",");
            sdkc_afile_json_str(a, r->valuestring);
        }
        sdkc_afile_puts(a, "]");
    }
    s_opt_str(a, rec, "diff");
    s_opt_str(a, rec, "rerun");
    s_opt_str(a, rec, "reason");
    s_opt_str(a, rec, "evidence");
    s_opt_str(a, rec, "diagnostics");
    sdkc_afile_puts(a, "}");
}

sdkc_result sdkc_report_write_json(const char *path, const struct sdkc_report_meta *meta,
                                   const struct sdkc_run_summary *sum, const char *spool_path,
                                   struct sdkc_error *err)
{
    struct sdkc_afile a;
    struct sdkc_spool_reader r;
    cJSON *rec = NULL;
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
    sdkc_afile_puts(&a, "],\n\"gate\":");
    sdkc_afile_json_str(&a, meta->gate);
    sdkc_afile_printf(&a, ",\"partial\":%s,\"exit\":%d", sum->partial ? "true" : "false",
                      sdkc_run_exit_code(sum));
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
        if ((result = sdkc_spool_reader_next(&r, &rec, err)))
            goto fail;
        if (!rec)
            break;
        s_result(&a, rec, first);
        first = 0;
        cJSON_Delete(rec);
        rec = NULL;
    }
    sdkc_afile_puts(&a, "]}\n");
    sdkc_spool_reader_clean_up(&r);
    return sdkc_afile_commit(&a, err);

fail:
    cJSON_Delete(rec);
    sdkc_spool_reader_clean_up(&r);
    sdkc_afile_clean_up(&a);
    return result;
}
