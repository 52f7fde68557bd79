/* SPDX-License-Identifier: Apache-2.0
 *
 * bench/bench_spec.c: service-model load time (every command pays it once
 * at start-up; replay pays it per run).
 *
 * Measured in the same run, on the same bytes (kept in memory, so the disk
 * is not measured):
 *   sdkconform: sdkc_spec_load_mem (gunzip, strict JSON parse, shape graph
 *               with every reference resolved and the indexes built) +
 *               sdkc_spec_destroy;
 *   baseline:   the floor under any loader of that file: gunzip +
 *               cJSON_ParseWithLength + cJSON_Delete.
 * Models: the bundled CreateUserProfile model, and botocore's full DataZone
 * model (188 operations, 1268 shapes, gzip) when python3 can name
 * botocore's data folder (else "skipped"). Information only: no target.
 *
 * DEBUGGING HINTS: `bench_spec --quick`; each model is loaded once before
 * timing and must load.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"
#include "spec/spec.h"

extern const unsigned char sdkc_bundled_spec[];
extern const size_t sdkc_bundled_spec_len;

static const char s_summary[] =
    "Service-model load time: sdkc_spec_load_mem against gunzip + cJSON parse+delete\n"
    "of the same bytes (the bundled model, and botocore's full DataZone model).";

struct s_model {
    const char *name;
    const char *data;
    size_t len;
};

static int s_load(void *ctx)
{
    const struct s_model *m = ctx;
    struct sdkc_spec *spec = NULL;
    if (sdkc_spec_load_mem(m->data, m->len, m->name, &spec, NULL) != SDKC_OK)
        return 1;
    sdkc_spec_destroy(spec);
    return 0;
}

static int s_floor(void *ctx)
{
    const struct s_model *m = ctx;
    struct sdkc_buf b;
    cJSON *root;
    int rc = 1;
    sdkc_buf_init(&b, SDKC_SPEC_MAX_BYTES);
    if (sdkc_buf_gunzip(&b, m->data, m->len, NULL) == SDKC_OK) {
        root = cJSON_ParseWithLength(b.data, b.len);
        rc = root ? 0 : 1;
        cJSON_Delete(root);
    }
    sdkc_buf_clean_up(&b);
    return rc;
}

/* Read botocore's DataZone model into b; 0 when found. */
static int s_read_botocore(struct sdkc_buf *b, char *why, size_t why_len)
{
    char dir[2048];
    char path[2200];
    FILE *p = popen("python3 -c 'import botocore,os;print(os.path.dirname(botocore.__file__))' "
                    "2>/dev/null",
                    "r");
    int ok = p && fgets(dir, sizeof(dir), p) != NULL;
    if (p)
        ok = pclose(p) == 0 && ok;
    if (!ok) {
        snprintf(why, why_len, "python3 cannot import botocore");
        return 1;
    }
    dir[strcspn(dir, "\n")] = '\0';
    snprintf(path, sizeof(path), "%s/data/datazone/2018-05-10/service-2.json.gz", dir);
    if (sdkc_buf_read_file(b, path, NULL) != SDKC_OK) {
        snprintf(why, why_len, "%.200s not readable", path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct sdkc_bench_opts o;
    struct sdkc_buf full;
    struct s_model models[2];
    cJSON *report = NULL, *rows, *figures;
    char why[256] = "";
    size_t n = 1, i;
    int rc;

    if (sdkc_alloc_global_init() != SDKC_OK)
        return 1;
    rc = sdkc_bench_parse_args(argc, argv, "spec", s_summary, &o);
    if (rc) {
        sdkc_alloc_global_clean_up();
        return rc < 0 ? 0 : rc;
    }
    sdkc_buf_init(&full, SDKC_SPEC_MAX_BYTES);
    models[0].name = "bundled CreateUserProfile model";
    models[0].data = (const char *)sdkc_bundled_spec;
    models[0].len = sdkc_bundled_spec_len;
    if (!s_read_botocore(&full, why, sizeof(why))) {
        models[1].name = "botocore DataZone model (gzip)";
        models[1].data = full.data;
        models[1].len = full.len;
        n = 2;
    }
    rc = 1;
    report = cJSON_CreateObject();
    if (!report || !cJSON_AddStringToObject(report, "bench", "spec") ||
        !cJSON_AddItemToObject(report, "host", sdkc_bench_host()) ||
        !(figures = cJSON_AddObjectToObject(report, "models")) ||
        !(rows = cJSON_AddArrayToObject(report, "rows")))
        goto done;
    for (i = 0; i < n; i++) {
        struct sdkc_bench_side sides[2] = {{.name = "sdkconform", .fn = s_load, .ctx = &models[i]},
                                           {.name = "floor", .fn = s_floor, .ctx = &models[i]}};
        cJSON *mj = cJSON_AddObjectToObject(figures, models[i].name);
        char name[128], note[160];
        fprintf(stderr, "bench_spec: measuring %s (%zu bytes)...\n", models[i].name, models[i].len);
        if (!mj || s_load(&models[i]) || sdkc_bench_compare(sides, 2, &o)) {
            fprintf(stderr, "bench_spec: %s does not load\n", models[i].name);
            goto done;
        }
        cJSON_AddNumberToObject(mj, "bytes", (double)models[i].len);
        cJSON_AddNumberToObject(mj, "load_ns", sides[0].ns_per_op);
        cJSON_AddNumberToObject(mj, "gunzip_parse_delete_ns", sides[1].ns_per_op);
        snprintf(name, sizeof(name), "load %s", models[i].name);
        snprintf(note, sizeof(note), "information: %.0f loads/s", 1e9 / sides[0].ns_per_op);
        sdkc_bench_row(rows, name, "ns/load", sides[0].ns_per_op, sides[1].ns_per_op,
                       "gunzip + cJSON parse+delete", sides[0].ns_per_op / sides[1].ns_per_op,
                       "info", "info", note);
    }
    if (n == 1)
        sdkc_bench_row(rows, "load botocore DataZone model (gzip)", "ns/load", -1, -1,
                       "gunzip + cJSON parse+delete", -1, "info", "skipped", why);
    rc = sdkc_bench_write(&o, "spec", report);
done:
    cJSON_Delete(report);
    sdkc_buf_clean_up(&full);
    sdkc_alloc_global_clean_up();
    return rc;
}
