/* SPDX-License-Identifier: Apache-2.0
 * Tests of `sdkconform replay` as a library call (app/replay.h): outcome
 * counts, exit statuses (docs/DESIGN.md "Exit codes"), the report files,
 * an allocation-fault walk over the builtin path, and, through an adapter
 * owning its mock endpoint (tests/adapters/wire_misbehave.py), a request
 * sent after the run's last vector failing check "requests" (runner.h, the
 * transport checks). Fixture vectors: tests/data/runner/ and the corpus. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/replay.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"
#include "sigv4/sigv4.h"
#include "tests/test.h"

#define S_DATA        SDKC_SOURCE_DIR "/harness/tests/data/runner"
#define S_CORPUS      SDKC_SOURCE_DIR "/corpus/vectors"
#define S_ADAPTERS    SDKC_SOURCE_DIR "/harness/tests/adapters"
#define S_MAX_RECORDS 64

void sdkc_test_setup(void);
void sdkc_test_setup(void)
{
    /* OpenSSL fetches SHA-256 / HMAC lazily: once before leak baselines. */
    struct sdkc_sha256_ctx *ctx = sdkc_sha256_ctx_new();
    unsigned char md[SDKC_SHA256_LEN];
    if (ctx) {
        sdkc_sha256(ctx, "x", 1, md);
        sdkc_hmac_sha256(ctx, "k", 1, "x", 1, md);
    }
    sdkc_sha256_ctx_destroy(ctx);
}

struct s_collect {
    size_t n;
    char ids[S_MAX_RECORDS][128];
    char impls[S_MAX_RECORDS][64];
    enum sdkc_verdict verdicts[S_MAX_RECORDS];
    char checks[S_MAX_RECORDS][16];
    char messages[S_MAX_RECORDS][512];
};

static void s_on_record(void *ctx, const struct sdkc_run_record *rec)
{
    struct s_collect *c = ctx;
    if (c->n < S_MAX_RECORDS) {
        snprintf(c->ids[c->n], sizeof(c->ids[0]), "%s", rec->id);
        snprintf(c->impls[c->n], sizeof(c->impls[0]), "%s", rec->impl);
        c->verdicts[c->n] = rec->verdict;
        snprintf(c->checks[c->n], sizeof(c->checks[0]), "%s", rec->check ? rec->check : "");
        snprintf(c->messages[c->n], sizeof(c->messages[0]), "%s", rec->message);
    }
    c->n++;
}

/* One replay's inputs, with defaults: builtin over `vectors`, no reports,
 * silent. */
struct s_case {
    struct sdkc_spec *spec;
    const char *vectors[1];
    struct sdkc_replay_impl impls[2];
    struct sdkc_replay_options o;
    struct s_collect c;
    char dir[64]; /* report folder, "" = none */
};

static void s_case_init(struct s_case *t, const char *vectors)
{
    memset(t, 0, sizeof(*t));
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_default(&t->spec, NULL), SDKC_OK);
    t->vectors[0] = vectors;
    t->impls[0].name = "builtin";
    t->o.spec = t->spec;
    t->o.vector_paths = t->vectors;
    t->o.vector_path_count = 1;
    t->o.impls = t->impls;
    t->o.impl_count = 1;
    t->o.gate = SDKC_LEVEL_MUST;
    t->o.jobs = 1;
    t->o.on_record = s_on_record;
    t->o.on_record_ctx = &t->c;
}

static void s_case_reports(struct s_case *t)
{
    snprintf(t->dir, sizeof(t->dir), "/tmp/sdkc-test-replay-XXXXXX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(t->dir));
    t->o.report_dir = t->dir;
}

static void s_rm(const char *dir, const char *name)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    unlink(path);
}

static void s_case_clean_up(struct s_case *t)
{
    if (t->dir[0]) {
        s_rm(t->dir, "report.json");
        s_rm(t->dir, "junit.xml");
        s_rm(t->dir, "report.html");
        rmdir(t->dir);
    }
    sdkc_spec_destroy(t->spec);
}

/* report.json of t, parsed (caller frees), or NULL. */
static cJSON *s_report(const struct s_case *t)
{
    char path[256];
    struct sdkc_buf b;
    cJSON *doc = NULL;
    snprintf(path, sizeof(path), "%s/report.json", t->dir);
    sdkc_buf_init(&b, 0);
    if (sdkc_buf_read_file(&b, path, NULL) == SDKC_OK)
        (void)sdkc_json_parse(b.data, b.len, NULL, &doc, NULL);
    sdkc_buf_clean_up(&b);
    return doc;
}

static int s_exists(const char *dir, const char *name)
{
    char path[256];
    struct stat st;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    return stat(path, &st) == 0 && st.st_size > 0;
}

static int s_have_python(void)
{
    return system("python3 -c 'import json' >/dev/null 2>&1") == 0;
}

/* MARK: - builtin */

SDKC_TEST(replay_builtin_passes_and_writes_the_reports)
{
    struct s_case t;
    struct sdkc_replay_outcome out;
    cJSON *report;
    s_case_init(&t, S_DATA "/pass");
    s_case_reports(&t);
    CU_ASSERT_EQUAL(sdkc_replay_run(&t.o, &out, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(out.exit_code, SDKC_REPLAY_EXIT_OK);
    CU_ASSERT_EQUAL(out.impl_count, 1);
    CU_ASSERT_EQUAL(out.skipped_count, 0);
    CU_ASSERT_EQUAL(out.vectors_selected, 7);
    CU_ASSERT_EQUAL(out.all.total, 7);
    CU_ASSERT_EQUAL(out.all.by[SDKC_VERDICT_PASS], 7);
    CU_ASSERT_EQUAL(out.per_impl[0].by[SDKC_VERDICT_PASS], 7);
    CU_ASSERT_EQUAL(out.reports_written, 1);
    CU_ASSERT_EQUAL(t.c.n, 7);
    CU_ASSERT(s_exists(t.dir, "report.json"));
    CU_ASSERT(s_exists(t.dir, "junit.xml"));
    CU_ASSERT(s_exists(t.dir, "report.html"));
    report = s_report(&t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(report);
    CU_ASSERT_EQUAL(sdkc_json_get(report, "exit")->valueint, 0);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(sdkc_json_get(report, "results")), 7);
    CU_ASSERT_STRING_EQUAL(
        sdkc_json_get(cJSON_GetArrayItem(sdkc_json_get(report, "impls"), 0), "name")->valuestring,
        "builtin");
    cJSON_Delete(report);
    s_case_clean_up(&t);
}

/* 1: a failure at the gating level, recorded in report.json's "exit"; a
 * below-gate failure alone is a warning (0). */
SDKC_TEST(replay_gating_failure_is_exit_1)
{
    struct s_case t;
    struct sdkc_replay_outcome out;
    cJSON *report;
    s_case_init(&t, S_DATA "/wrong");
    s_case_reports(&t);
    CU_ASSERT_EQUAL(sdkc_replay_run(&t.o, &out, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(out.exit_code, SDKC_REPLAY_EXIT_FAIL);
    CU_ASSERT_EQUAL(out.all.by[SDKC_VERDICT_FAIL], 1);
    CU_ASSERT_EQUAL(out.all.gating, 1);
    report = s_report(&t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(report);
    CU_ASSERT_EQUAL(sdkc_json_get(report, "exit")->valueint, 1);
    cJSON_Delete(report);
    s_case_clean_up(&t);
}

/* 2: bad input (a vectors path that does not exist, an unwritable report
 * folder), nothing written. */
SDKC_TEST(replay_bad_input_is_exit_2)
{
    struct s_case t;
    struct sdkc_replay_outcome out;
    struct sdkc_error err;
    s_case_init(&t, S_DATA "/no-such-folder");
    sdkc_error_init(&err);
    CU_ASSERT_NOT_EQUAL(sdkc_replay_run(&t.o, &out, &err), SDKC_OK);
    CU_ASSERT_EQUAL(out.exit_code, SDKC_REPLAY_EXIT_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no-such-folder"));
    CU_ASSERT_EQUAL(out.reports_written, 0);

    t.vectors[0] = S_DATA "/pass";
    t.o.report_dir = "/proc/sdkc-cannot-be-made";
    CU_ASSERT_NOT_EQUAL(sdkc_replay_run(&t.o, &out, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(out.exit_code, SDKC_REPLAY_EXIT_USAGE);
    CU_ASSERT_EQUAL(t.c.n, 0); /* said before the run, not after it */
    s_case_clean_up(&t);
}

/* 3: an implementation named that cannot run is NOT RUN and exit 3, unless
 * allow_skip; a run where nothing ran is 3 regardless. */
SDKC_TEST(replay_impl_not_run_is_exit_3_unless_allow_skip)
{
    struct s_case t;
    struct sdkc_replay_outcome out;
    cJSON *report;
    if (!s_have_python()) {
        fprintf(stderr, "SKIP: python3 is not available\n");
        exit(77);
    }
    s_case_init(&t, S_DATA "/pass");
    s_case_reports(&t);
    t.impls[1].cmd = "python3 '" S_ADAPTERS "/mock_adapter.py' unavailable";
    t.o.impl_count = 2;
    CU_ASSERT_EQUAL(sdkc_replay_run(&t.o, &out, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(out.exit_code, SDKC_REPLAY_EXIT_IMPL);
    CU_ASSERT_EQUAL(out.impl_count, 1);
    CU_ASSERT_EQUAL(out.skipped_count, 1);
    CU_ASSERT_EQUAL(out.all.by[SDKC_VERDICT_PASS], 7); /* builtin still ran, and is reported */
    report = s_report(&t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(report);
    CU_ASSERT_EQUAL(sdkc_json_get(report, "exit")->valueint, 3);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(sdkc_json_get(report, "skipped")), 1);
    cJSON_Delete(report);

    t.o.allow_skip = 1;
    CU_ASSERT_EQUAL(sdkc_replay_run(&t.o, &out, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(out.exit_code, SDKC_REPLAY_EXIT_OK);
    CU_ASSERT_EQUAL(out.skipped_count, 1);

    /* Only the unavailable one: nothing ran, allow_skip or not. */
    t.impls[0] = t.impls[1];
    t.o.impl_count = 1;
    CU_ASSERT_EQUAL(sdkc_replay_run(&t.o, &out, NULL), SDKC_ERR_UNSUPPORTED);
    CU_ASSERT_EQUAL(out.exit_code, SDKC_REPLAY_EXIT_IMPL);
    CU_ASSERT_EQUAL(out.impl_count, 0);
    s_case_clean_up(&t);
}

/* 130: a stop flag already set ends the replay while the implementations
 * start, before anything ran. */
SDKC_TEST(replay_stop_flag_is_exit_130)
{
    struct s_case t;
    struct sdkc_replay_outcome out;
    volatile sig_atomic_t stop = 1;
    s_case_init(&t, S_DATA "/pass");
    t.o.stop = &stop;
    CU_ASSERT_EQUAL(sdkc_replay_run(&t.o, &out, NULL), SDKC_ERR_INTERRUPTED);
    CU_ASSERT_EQUAL(out.exit_code, SDKC_REPLAY_EXIT_INTERRUPTED);
    CU_ASSERT_EQUAL(t.c.n, 0);
    s_case_clean_up(&t);
}

static int s_fault_run(void *ctx)
{
    struct s_case *t = ctx;
    struct sdkc_replay_outcome out;
    sdkc_result result;
    memset(&t->c, 0, sizeof(t->c));
    result = sdkc_replay_run(&t->o, &out, NULL);
    /* A failing allocation must never touch a file it was not given:
     * report_io.c once unlinked the uninitialized bytes of its temporary
     * name when the path copy failed (here: the vector file). */
    CU_ASSERT_EQUAL(access(t->vectors[0], F_OK), 0);
    return result;
}

/* Every allocation of a builtin replay (implementations, runner, spool,
 * reports) failing in turn: NOMEM or the exit-3 / I/O path, never a leak. */
SDKC_TEST(replay_builtin_fault_walk)
{
    static const int also_ok[] = {SDKC_ERR_IO, SDKC_ERR_STATE, 0};
    struct s_case t;
    uint64_t sites;
    /* Two vectors: every site of the path, in a fraction of the time. */
    s_case_init(&t, S_DATA "/tokens.json");
    s_case_reports(&t);
    sites = sdkc_test_fault_walk("replay builtin", s_fault_run, &t, also_ok);
    CU_ASSERT(sites > 50);
    s_case_clean_up(&t);
}

/* MARK: - an adapter owning its endpoint */

/* Replay the four req.token.* corpus vectors against wire_misbehave.py in
 * `mode`, through the adapter's own mock endpoint. */
static void s_adapter_run(struct s_case *t, const char *mode, struct sdkc_replay_outcome *out)
{
    static char cmd[512];
    snprintf(cmd, sizeof(cmd), "python3 '%s/wire_misbehave.py' %s", S_ADAPTERS, mode);
    s_case_init(t, S_CORPUS);
    t->impls[0].name = NULL;
    t->impls[0].cmd = cmd;
    t->o.filter = "req.token.*";
    CU_ASSERT_EQUAL(sdkc_replay_run(&t->o, out, NULL), SDKC_OK);
}

SDKC_TEST(replay_adapter_own_endpoint_passes)
{
    struct s_case t;
    struct sdkc_replay_outcome out;
    if (!s_have_python()) {
        fprintf(stderr, "SKIP: python3 is not available\n");
        exit(77);
    }
    s_adapter_run(&t, "good", &out);
    /* Requests captured by the adapter's endpoint, checked (signature
     * included) by the runner. */
    CU_ASSERT_EQUAL(out.exit_code, SDKC_REPLAY_EXIT_OK);
    CU_ASSERT_EQUAL(out.all.total, 4);
    CU_ASSERT_EQUAL(out.all.by[SDKC_VERDICT_PASS], 4);
    s_case_clean_up(&t);
}

/* A request sent after the very last vector was answered (the adapter
 * sends it as it exits) fails that vector, check "requests" at MUST: the
 * final drain sees what no later call could. */
SDKC_TEST(replay_stray_after_last_vector_fails_requests)
{
    struct s_case t;
    struct sdkc_replay_outcome out;
    size_t last;
    if (!s_have_python()) {
        fprintf(stderr, "SKIP: python3 is not available\n");
        exit(77);
    }
    s_adapter_run(&t, "straggler", &out);
    CU_ASSERT_EQUAL(out.exit_code, SDKC_REPLAY_EXIT_FAIL);
    CU_ASSERT_EQUAL(out.all.total, 4);
    CU_ASSERT_EQUAL(out.all.by[SDKC_VERDICT_PASS], 3);
    CU_ASSERT_EQUAL(out.all.by[SDKC_VERDICT_FAIL], 1);
    CU_ASSERT_EQUAL(out.all.gating, 1);
    CU_ASSERT_EQUAL_FATAL(t.c.n, 4);
    last = t.c.n - 1;
    CU_ASSERT_EQUAL(t.c.verdicts[last], SDKC_VERDICT_FAIL);
    CU_ASSERT_STRING_EQUAL(t.c.checks[last], "requests");
    CU_ASSERT_PTR_NOT_NULL(strstr(t.c.messages[last],
                                  "requests (MUST): 1 late request (last: GET /stray) reached "
                                  "the endpoint after"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t.c.messages[last], "(the run's last)"));
    s_case_clean_up(&t);
}
