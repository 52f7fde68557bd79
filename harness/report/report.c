/* SPDX-License-Identifier: Apache-2.0
 * report/report.c: write every report file of a run (see report.h). */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "report/report.h"

sdkc_result sdkc_report_write_all(const char *dir, const struct sdkc_report_meta *meta,
                                  const struct sdkc_run_summary *sum, const char *spool_path,
                                  struct sdkc_error *err)
{
    static const char *const names[] = {"report.json", "junit.xml", "report.html"};
    struct sdkc_buf path;
    size_t i;
    sdkc_result result = SDKC_OK;

    sdkc_buf_init(&path, 0);
    if ((result = sdkc_mkdirs(dir, err)))
        goto done;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        sdkc_buf_reset(&path);
        if ((result = sdkc_buf_appendf(&path, "%s/%s", dir, names[i]))) {
            sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
            goto done;
        }
        switch (i) {
        case 0: result = sdkc_report_write_json(path.data, meta, sum, spool_path, err); break;
        case 1: result = sdkc_report_write_junit(path.data, meta, sum, spool_path, err); break;
        default: result = sdkc_report_write_html(path.data, meta, sum, spool_path, err); break;
        }
        if (result)
            goto done;
    }
done:
    sdkc_buf_clean_up(&path);
    return result;
}

sdkc_result sdkc_report_dir_prepare(const char *dir, int ignore_all, struct sdkc_error *err)
{
    struct stat st;
    struct sdkc_buf path;
    sdkc_result result;
    if (stat(dir, &st) == 0 || errno != ENOENT)
        return SDKC_OK; /* exists (or cannot be looked at: the writability check says why) */
    if ((result = sdkc_mkdirs(dir, err)) || !ignore_all)
        return result;
    sdkc_buf_init(&path, 0);
    if ((result = sdkc_buf_appendf(&path, "%s/.gitignore", dir)))
        sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
    else
        result = sdkc_write_file_atomic(path.data, "*\n", 2, err);
    sdkc_buf_clean_up(&path);
    return result;
}
