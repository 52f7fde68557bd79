/* SPDX-License-Identifier: Apache-2.0
 *
 * bench/bench_replay.c: replay throughput and memory.
 *
 * Rows:
 *   - bundled corpus, in process: the runner over corpus/vectors against
 *     builtin (reading, encoding, decoding, comparing, spooling; no report
 *     files), repeated for the time budget; vectors per CPU second
 *     (target >= 50,000 on one core);
 *   - generated corpus of 100,000 vectors, end to end: `sdkconform replay
 *     --impl builtin --jobs 1` as a child process, reports included;
 *     vectors per CPU second of the child (user + system) and per wall
 *     second (target >= 50,000 per CPU second);
 *   - peak memory: the child's RSS high-water (ru_maxrss) at 1,000 and at
 *     100,000 vectors; the ratio must stay <= 1.5, because vectors are
 *     streamed and results spooled to a file.
 * The generated corpora replicate the bundled vectors under new ids into
 * one .jsonl each, in a temp folder made (and removed) here.
 *
 * DEBUGGING HINTS: `bench_replay --quick`; SDKC_BENCH_KEEP=1 keeps the temp
 * folder (its path is printed) to rerun a child by hand.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "core/alloc.h"
#include "core/json.h"
#include "impl/builtin.h"
#include "runner/runner.h"
#include "spec/spec.h"
#include "vectors/vector.h"

#define S_BIG              100000
#define S_SMALL            1000
#define S_MAX_TEMPLATES    100000 /* bundled vectors kept as templates */
#define S_TARGET_VPS       50000.0
#define S_TARGET_MEM_RATIO 1.5

static const char s_summary[] =
    "Replay throughput against builtin (bundled corpus in process; 100,000 generated\n"
    "vectors end to end) and peak RSS at 1,000 vs 100,000 vectors.";

struct s_templates {
    cJSON **v;
    size_t n;
};

static void s_templates_clean_up(struct s_templates *t)
{
    size_t i;
    for (i = 0; i < t->n; i++)
        cJSON_Delete(t->v[i]);
    sdkc_free(t->v);
    memset(t, 0, sizeof(*t));
}

/* Every bundled vector, as a tree to re-emit under new ids. */
static int s_load_templates(const char *corpus, struct s_templates *t)
{
    struct sdkc_vector_reader *r = NULL;
    struct sdkc_vector *v = NULL;
    struct sdkc_error err;
    const char *paths[1];
    sdkc_result result;
    paths[0] = corpus;
    memset(t, 0, sizeof(*t));
    sdkc_error_init(&err);
    t->v = sdkc_calloc(S_MAX_TEMPLATES, sizeof(*t->v));
    if (!t->v || sdkc_vector_reader_new(paths, 1, NULL, &r, &err)) {
        fprintf(stderr, "bench_replay: %s: %s\n", corpus, err.msg);
        return 1;
    }
    while (t->n < S_MAX_TEMPLATES && (result = sdkc_vector_reader_next(r, &v, &err)) == SDKC_OK &&
           v) {
        t->v[t->n] = cJSON_Duplicate(v->root, 1);
        sdkc_vector_destroy(v);
        if (!t->v[t->n])
            break;
        t->n++;
    }
    sdkc_vector_reader_destroy(r);
    if (t->n == 0) {
        fprintf(stderr, "bench_replay: no vectors in %s\n", corpus);
        return 1;
    }
    return 0;
}

/* Write n vectors (templates cycled, ids made unique) to path as JSON lines. */
static int s_generate(const struct s_templates *t, size_t n, const char *path)
{
    FILE *f = fopen(path, "wb");
    size_t i;
    char *line = NULL;
    if (!f) {
        fprintf(stderr, "bench_replay: %s: %s\n", path, strerror(errno));
        return 1;
    }
    for (i = 0; i < n; i++) {
        cJSON *v = t->v[i % t->n];
        cJSON *id = cJSON_GetObjectItemCaseSensitive(v, "id");
        char nid[SDKC_VECTOR_MAX_ID_LEN];
        char *keep;
        if (!cJSON_IsString(id))
            continue;
        keep = sdkc_strdup(id->valuestring);
        snprintf(nid, sizeof(nid), "gen%07zu.%.200s", i, keep ? keep : "x");
        cJSON_SetValuestring(id, nid);
        if (sdkc_json_print(v, 0, &line, NULL) == SDKC_OK) {
            fputs(line, f);
            fputc('\n', f);
            sdkc_free(line);
            line = NULL;
        }
        if (keep)
            cJSON_SetValuestring(id, keep);
        sdkc_free(keep);
    }
    return fclose(f) == 0 ? 0 : 1;
}

struct s_child {
    double wall_s, cpu_s;
    long maxrss_kb;
    int status;
};

/* Run `sdkconform replay --impl builtin --vectors path ...` and measure it. */
static int s_run_child(const char *exe, const char *vectors, const char *report_dir,
                       struct s_child *out)
{
    struct rusage ru;
    double t0 = sdkc_bench_now();
    pid_t pid = fork();
    int status = 0;
    if (pid < 0)
        return 1;
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        execl(exe, exe, "replay", "--impl", "builtin", "--jobs", "1", "--vectors", vectors,
              "--report-dir", report_dir, (char *)NULL);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) < 0)
        return 1;
    out->wall_s = sdkc_bench_now() - t0;
    out->cpu_s = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
                 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    out->maxrss_kb = ru.ru_maxrss;
    out->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return 0;
}

/* ---- in-process side: the runner over the bundled corpus ---------------- */

struct s_inproc {
    const struct sdkc_spec *spec;
    struct sdkc_impl *impl;
    const char *corpus;
    const char *spool;
    uint64_t vectors;
};

static int s_inproc_once(void *ctx)
{
    struct s_inproc *c = ctx;
    struct sdkc_runner_options o;
    struct sdkc_run_summary sum;
    enum sdkc_run_fatal fatal;
    const char *paths[1];
    int rc;
    paths[0] = c->corpus;
    memset(&o, 0, sizeof(o));
    o.spec = c->spec;
    o.impls = &c->impl;
    o.impl_count = 1;
    o.vector_paths = paths;
    o.vector_path_count = 1;
    o.spool_path = c->spool;
    o.check_token_uniqueness = 1;
    sdkc_run_summary_init(&sum);
    rc = sdkc_runner_run(&o, &sum, &fatal, NULL) != SDKC_OK;
    c->vectors = sum.vectors_selected;
    if (!rc && sum.all.by[SDKC_VERDICT_PASS] != sum.all.total)
        rc = 1; /* a runner that fails vectors fast must not look fast */
    sdkc_run_summary_clean_up(&sum);
    return rc;
}

static void s_rmtree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char p[PATH_MAX];
    if (!d) {
        unlink(dir);
        return;
    }
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
        s_rmtree(p);
    }
    closedir(d);
    rmdir(dir);
}

int main(int argc, char **argv)
{
    struct sdkc_bench_opts o;
    struct s_templates t;
    struct s_inproc ip;
    struct sdkc_bench_side side;
    struct s_child small, big;
    struct sdkc_spec *spec = NULL;
    cJSON *obj = NULL, *rows;
    char exe[PATH_MAX + 32], self[PATH_MAX], dir[] = "/tmp/sdkc-bench-replay-XXXXXX";
    char corpus[PATH_MAX], p_small[PATH_MAX + 32], p_big[PATH_MAX + 32], spool[PATH_MAX + 32],
        rep[PATH_MAX + 32];
    ssize_t len;
    double vps, ratio;
    size_t big_n;
    int rc;

    if (sdkc_alloc_global_init() != SDKC_OK)
        return 1;
    rc = sdkc_bench_parse_args(argc, argv, "replay", s_summary, &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    memset(&ip, 0, sizeof(ip));
    memset(&t, 0, sizeof(t));
    snprintf(corpus, sizeof(corpus), "%s/corpus/vectors", SDKC_SOURCE_DIR);
    len = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (len <= 0)
        return 1;
    self[len] = '\0';
    *strrchr(self, '/') = '\0';
    snprintf(exe, sizeof(exe), "%s/../sdkconform", self);
    if (access(exe, X_OK) != 0) {
        fprintf(stderr, "bench_replay: %s not built\n", exe);
        return 1;
    }
    if (!mkdtemp(dir))
        return 1;
    if (s_load_templates(corpus, &t) || sdkc_spec_load_default(&spec, NULL) ||
        sdkc_impl_builtin_new(spec, NULL, &ip.impl, NULL)) {
        rc = 1;
        goto done;
    }
    obj = cJSON_CreateObject();
    rows = cJSON_AddArrayToObject(obj, "rows");
    cJSON_AddStringToObject(obj, "bench", "replay");
    cJSON_AddItemToObject(obj, "host", sdkc_bench_host());

    /* 1. In process, the bundled corpus. */
    snprintf(spool, sizeof(spool), "%s/spool.jsonl", dir);
    ip.spec = spec;
    ip.corpus = corpus;
    ip.spool = spool;
    memset(&side, 0, sizeof(side));
    side.name = "runner";
    side.fn = s_inproc_once;
    side.ctx = &ip;
    if (sdkc_bench_compare(&side, 1, &o) != 0) {
        fprintf(stderr, "bench_replay: the in-process run failed\n");
        rc = 1;
        goto done;
    }
    vps = (double)ip.vectors / (side.ns_per_op / 1e9);
    {
        char note[256];
        snprintf(note, sizeof(note), "%llu vectors per pass, median of %d rounds, CPU time",
                 (unsigned long long)ip.vectors, o.rounds);
        sdkc_bench_row(rows, "replay bundled corpus, in process (builtin)", "vectors/s", vps, -1,
                       "", -1, ">= 50000", vps >= S_TARGET_VPS ? "ok" : "missed", note);
    }
    printf("bundled corpus: %llu vectors, %.0f vectors/s (CPU)\n", (unsigned long long)ip.vectors,
           vps);

    /* 2./3. Generated corpora, end to end in a child. */
    big_n = o.quick ? S_BIG / 10 : S_BIG;
    snprintf(p_small, sizeof(p_small), "%s/small.jsonl", dir);
    snprintf(p_big, sizeof(p_big), "%s/big.jsonl", dir);
    if (s_generate(&t, S_SMALL, p_small) || s_generate(&t, big_n, p_big)) {
        rc = 1;
        goto done;
    }
    snprintf(rep, sizeof(rep), "%s/reports-small", dir);
    if (s_run_child(exe, p_small, rep, &small) || small.status != 0) {
        fprintf(stderr, "bench_replay: replay of %d vectors failed (exit %d)\n", S_SMALL,
                small.status);
        rc = 1;
        goto done;
    }
    snprintf(rep, sizeof(rep), "%s/reports-big", dir);
    if (s_run_child(exe, p_big, rep, &big) || big.status != 0) {
        fprintf(stderr, "bench_replay: replay of %zu vectors failed (exit %d)\n", big_n,
                big.status);
        rc = 1;
        goto done;
    }
    {
        char name[128], note[256];
        vps = (double)big_n / big.cpu_s;
        snprintf(name, sizeof(name), "replay %zu generated vectors, end to end", big_n);
        snprintf(note, sizeof(note),
                 "child process, --jobs 1, reports written; per CPU second (user+sys); %.0f per "
                 "wall second",
                 (double)big_n / big.wall_s);
        sdkc_bench_row(rows, name, "vectors/s", vps, -1, "", -1, ">= 50000",
                       vps >= S_TARGET_VPS ? "ok" : "missed", note);
        printf("%zu vectors: %.2f s CPU, %.2f s wall: %.0f vectors/s (CPU), %.0f (wall)\n", big_n,
               big.cpu_s, big.wall_s, vps, (double)big_n / big.wall_s);
        ratio = (double)big.maxrss_kb / (double)small.maxrss_kb;
        snprintf(name, sizeof(name), "peak RSS at %zu vs %d vectors", big_n, S_SMALL);
        snprintf(note, sizeof(note), "ru_maxrss of the child: %ld KiB vs %ld KiB", big.maxrss_kb,
                 small.maxrss_kb);
        sdkc_bench_row(rows, name, "KiB", (double)big.maxrss_kb, (double)small.maxrss_kb,
                       "1000 vectors", ratio, "<= 1.5",
                       ratio <= S_TARGET_MEM_RATIO ? "ok" : "missed", note);
        printf("peak RSS: %ld KiB at %zu, %ld KiB at %d: ratio %.2f\n", big.maxrss_kb, big_n,
               small.maxrss_kb, S_SMALL, ratio);
    }
    rc = sdkc_bench_write(&o, "replay", obj);

done:
    cJSON_Delete(obj);
    sdkc_impl_destroy(ip.impl);
    sdkc_spec_destroy(spec);
    s_templates_clean_up(&t);
    if (getenv("SDKC_BENCH_KEEP"))
        printf("kept %s\n", dir);
    else
        s_rmtree(dir);
    sdkc_alloc_global_clean_up();
    return rc;
}
