/* SPDX-License-Identifier: Apache-2.0
 *
 * runner/runner.c: replay (see runner.h for the contract).
 *
 * Shape of a run: the calling thread streams vectors from the reader,
 * applies --filter and --shard, and collects a batch; the batch is run
 * (by worker threads when --jobs > 1, each taking the next vector of the
 * batch); then the results are classified, spooled and reported strictly in
 * corpus order, so the report is the same whatever --jobs says. Memory is
 * one batch of vectors and their outcomes, never the corpus.
 *
 * DEBUGGING HINTS: run with --jobs 1 and --filter 'ID' to get one vector
 * through the whole path in the calling thread; the spool file (JSON lines)
 * is what the report writers read.
 */
#include "runner/runner.h"

#include <errno.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/clock.h"
#include "core/alloc.h"
#include "core/assert.h"
#include "core/hash.h"
#include "core/json.h"
#include "core/text.h"
#include "runner/xfail.h"

#define S_DIFF_ENTRIES 32 /* differences recorded per check before "... more" */
/* Bytes of the client's own error text quoted when a vector got no request
 * (s_append_doc_said): enough for an SDK's validation message, short
 * enough to keep the one-line message one line on a terminal. */
#define S_SAID_MAX 240

static const char *const s_verdict_names[SDKC_VERDICT_COUNT] = {"pass",  "fail",  "skip",
                                                                "xfail", "xpass", "error"};

const char *sdkc_verdict_name(enum sdkc_verdict v)
{
    return (unsigned)v < SDKC_VERDICT_COUNT ? s_verdict_names[v] : "?";
}

void sdkc_run_summary_init(struct sdkc_run_summary *s)
{
    memset(s, 0, sizeof(*s));
}

void sdkc_run_summary_clean_up(struct sdkc_run_summary *s)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < s->category_count; i++)
        sdkc_free(s->categories[i].name);
    sdkc_free(s->categories);
    memset(s, 0, sizeof(*s));
}

int sdkc_run_exit_code(const struct sdkc_run_summary *s)
{
    return (s->all.gating || s->partial) ? 1 : 0;
}

unsigned sdkc_runner_shard_of(const char *id, unsigned n)
{
    SDKC_ASSERT(id);
    if (n == 0)
        return 1;
    return (unsigned)(sdkc_fnv1a64_str(id) % n) + 1;
}

/* ---- idempotency-token uniqueness (a hash set of 64-bit digests) -------- */

struct s_tokens {
    pthread_mutex_t lock;
    struct sdkc_digest_set seen; /* FNV-1a 64 of (impl, token) */
    int full;                    /* past SDKC_RUNNER_MAX_TOKENS: tracking stopped */
};

/* 1 when (impl, token) was seen before; records it otherwise. */
static int s_tokens_seen(struct s_tokens *t, size_t impl, const char *token)
{
    uint64_t h = sdkc_fnv1a64(&impl, sizeof(impl), SDKC_FNV1A64_BASIS);
    int added = 1;
    h = sdkc_fnv1a64(token, strlen(token), h);
    pthread_mutex_lock(&t->lock);
    /* a cap or no memory: stop tracking, never fail a vector for it */
    if (!t->full && sdkc_digest_set_add(&t->seen, h, &added))
        t->full = 1;
    pthread_mutex_unlock(&t->lock);
    return !added;
}

/* ---- one (vector, impl) outcome ----------------------------------------- */

struct s_outcome {
    enum sdkc_verdict verdict; /* pass / fail / skip / error, before xfail */
    struct sdkc_buf message;
    struct sdkc_buf diff;
    char *diagnostics;
    double duration_ms;
    int sigv4_failed; /* the request failed the signature check: a MUST failure */
    /* The check that makes a failure MUST whatever the vector's level:
     * "sigv4" (an unsigned or mis-signed request is refused by every AWS
     * endpoint), "crash" or "hang" (a client that dies or hangs on a
     * response fails every caller); NULL when the vector's level rules. */
    const char *must_check;
    /* A check that fails at SHOULD whatever the vector's level ("sigv4":
     * a signature on an operation the model sends unsigned); it alone fails
     * a vector whose own checks pass. NULL when none. */
    const char *should_check;
    int wire_failed;   /* late, extra or refused requests: a MUST failure (runner.h) */
    int called;        /* the impl ran the call: it is drained after the vector */
    sdkc_result fatal; /* the impl could not run: stops the run (exit 3) */
    struct sdkc_error fatal_err;
    /* A probe's undeclared error code (vector.h "probe"): the failure
     * gates at the probe's `undeclared` level, not the vector's. */
    int drift;
};

struct s_slot {
    struct sdkc_vector *v;
    const struct sdkc_spec *spec; /* the model v is bound to, else the run's */
    struct s_outcome *out;        /* impl_count of them */
    int done;
};

/* Models bound to corpus folders (vectors/vector.h), loaded once each on
 * first use and kept for the run: vectors arrive in path order, so a
 * folder's vectors come together, and a run holds few models. */
struct s_model {
    char *path;
    struct sdkc_spec *spec;
};

struct s_run {
    const struct sdkc_runner_options *o;
    struct sdkc_xfail *xfail[SDKC_RUNNER_MAX_XFAIL_FILES];
    size_t xfail_count;
    struct s_tokens tokens;
    /* Signing keys of the signature check; used only by the calling thread
     * (runs with a serial impl are sequential). */
    struct sdkc_sigv4_key_cache sigv4_cache;
    struct s_slot *slots;
    size_t slot_cap, slot_count;
    size_t next; /* next slot a worker takes (atomic) */
    FILE *spool;
    struct sdkc_buf line; /* spool line being built (calling thread only) */
    struct sdkc_buf rerun;
    struct sdkc_run_summary *sum;
    size_t last_category;
    size_t files_done;
    uint64_t estimate; /* estimated vector count, 0 = unknown */
    struct s_model *models;
    size_t model_count, model_cap;
    /* Per impl, the id of the vector it answered last (named by late
     * requests); written only by runs with a serial impl, which are
     * sequential, and read only for impls that report late requests. */
    char *prev[SDKC_RUNNER_MAX_IMPLS];
};

/* The model a vector is bound to, loaded on first use. A model that does
 * not load is bad input to the harness (exit 2), named with its path. */
static sdkc_result s_model_spec(struct s_run *run, const char *path, const struct sdkc_spec **out,
                                struct sdkc_error *err)
{
    struct sdkc_spec *spec = NULL;
    size_t i;
    sdkc_result result;
    for (i = run->model_count; i-- > 0;) {
        if (strcmp(run->models[i].path, path) == 0) {
            *out = run->models[i].spec;
            return SDKC_OK;
        }
    }
    if (run->model_count >= SDKC_RUNNER_MAX_MODELS)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                              "%s: more than %d models in one run", path, SDKC_RUNNER_MAX_MODELS);
    if (run->model_count == run->model_cap) {
        size_t ncap = run->model_cap ? run->model_cap * 2 : 8;
        struct s_model *nm = sdkc_realloc(run->models, ncap * sizeof(*nm));
        if (!nm)
            return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        run->models = nm;
        run->model_cap = ncap;
    }
    if ((result = sdkc_spec_load_file(path, &spec, err)))
        return result; /* the message names the file and the JSON path */
    run->models[run->model_count].spec = spec;
    if (!(run->models[run->model_count].path = sdkc_strdup(path))) {
        sdkc_spec_destroy(spec);
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    }
    run->model_count++;
    *out = spec;
    return SDKC_OK;
}

/* Bind v to its model and check that the model has v's operation: a
 * vector for an operation the model lacks is a mistake in the corpus or
 * the --spec given (exit 2 naming the file and JSON path), not 113
 * failures of the client. */
static sdkc_result s_vector_spec(struct s_run *run, const struct sdkc_vector *v,
                                 const struct sdkc_spec **out, struct sdkc_error *err)
{
    const struct sdkc_spec *spec = run->o->spec;
    sdkc_result result;
    if (v->model && (result = s_model_spec(run, v->model, &spec, err)))
        return result;
    *out = spec;
    if (sdkc_spec_find_operation(spec, v->operation))
        return SDKC_OK;
    {
        struct sdkc_buf where;
        sdkc_buf_init(&where, 0);
        if ((result = sdkc_vector_locate(v, "operation", &where)))
            result = sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
        else
            result = sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                    "%s: operation %s is not in the model %s", where.data,
                                    v->operation, spec->source ? spec->source : "(spec)");
        sdkc_buf_clean_up(&where);
        return result;
    }
}

struct s_token_ctx {
    struct s_run *run;
    size_t impl;
    struct sdkc_buf *dups;
};

static void s_on_token(void *ctx, const char *token)
{
    struct s_token_ctx *t = ctx;
    if (s_tokens_seen(&t->run->tokens, t->impl, token))
        (void)sdkc_buf_appendf(t->dups,
                               "  $.request (idempotency token): \"%s\" was already sent in an "
                               "earlier call; tokens must be unique per request\n",
                               token);
}

static void s_outcome_init(struct s_outcome *oc)
{
    memset(oc, 0, sizeof(*oc));
    sdkc_buf_init(&oc->message, SDKC_RUNNER_MAX_MESSAGE);
    sdkc_buf_init(&oc->diff, SDKC_RUNNER_MAX_DIFF);
    sdkc_error_init(&oc->fatal_err);
}

static void s_outcome_clean_up(struct s_outcome *oc)
{
    sdkc_buf_clean_up(&oc->message);
    sdkc_buf_clean_up(&oc->diff);
    sdkc_free(oc->diagnostics);
}

/* Append a diff section ("request:" / "result:") and note its first line
 * as the one-line message. Caps make appends fail silently past the
 * limits: a truncated diff is still a diff. */
/* Append text, cut to at most max bytes (on a UTF-8 boundary) with a note
 * of the full length: a vector with a 1 MB string must still give a
 * readable one-line message and diff. */
static void s_append_cut(struct sdkc_buf *b, const char *text, size_t max)
{
    size_t n = strlen(text), cut = n;
    if (n <= max) {
        (void)sdkc_buf_append(b, text, n);
        return;
    }
    cut = max;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--;
    (void)sdkc_buf_append(b, text, cut);
    (void)sdkc_buf_appendf(b, "...(%zu bytes)", n);
}

/* Append a diff section ("request:" / "result:"), one line per difference
 * "  $.path: wanted X, got Y", and make the first one the one-line message.
 * Values are cut (SDKC_RUNNER_MAX_VALUE) so the caps on message and diff
 * hold for any vector. */
static void s_add_diff(struct s_outcome *oc, const char *section, const struct sdkc_json_diff *d)
{
    size_t i;
    (void)sdkc_buf_appendf(&oc->diff, "%s:\n", section);
    for (i = 0; i < d->count; i++) {
        const struct sdkc_json_diff_entry *e = &d->entries[i];
        (void)sdkc_buf_append_str(&oc->diff, "  ");
        s_append_cut(&oc->diff, e->path, SDKC_RUNNER_MAX_VALUE);
        (void)sdkc_buf_append_str(&oc->diff, ": wanted ");
        s_append_cut(&oc->diff, e->wanted, SDKC_RUNNER_MAX_VALUE);
        (void)sdkc_buf_append_str(&oc->diff, ", got ");
        s_append_cut(&oc->diff, e->got, SDKC_RUNNER_MAX_VALUE);
        (void)sdkc_buf_append_byte(&oc->diff, '\n');
    }
    if (d->truncated)
        (void)sdkc_buf_appendf(&oc->diff, "  ... and %zu more differences\n", d->truncated);
    if (oc->message.len == 0 && d->count > 0) {
        const struct sdkc_json_diff_entry *e = &d->entries[0];
        (void)sdkc_buf_appendf(&oc->message, "%s ", section);
        s_append_cut(&oc->message, e->path, SDKC_RUNNER_MAX_VALUE / 2);
        (void)sdkc_buf_append_str(&oc->message, ": wanted ");
        s_append_cut(&oc->message, e->wanted, SDKC_RUNNER_MAX_VALUE);
        (void)sdkc_buf_append_str(&oc->message, ", got ");
        s_append_cut(&oc->message, e->got, SDKC_RUNNER_MAX_VALUE);
        if (d->count + d->truncated > 1)
            (void)sdkc_buf_appendf(&oc->message, " (+%zu more)", d->count + d->truncated - 1);
    }
}

/* Append the text as diff lines indented by four spaces (the canonical
 * request is multi-line). */
static void s_append_indented(struct sdkc_buf *b, const char *text, size_t n)
{
    size_t i, start = 0;
    for (i = 0; i <= n; i++) {
        if (i == n || text[i] == '\n') {
            (void)sdkc_buf_append_str(b, "    ");
            (void)sdkc_buf_append(b, text + start, i - start);
            (void)sdkc_buf_append_byte(b, '\n');
            start = i + 1;
        }
    }
}

/* When the verifier stopped before computing its canonical request (the
 * Authorization header named too few headers, or the payload hash header
 * lies), show what a correct signer computes from the received bytes
 * instead: a copy without Authorization, signed with the expected
 * credentials at the request's own X-Amz-Date (or now). Best effort:
 * nothing is shown when that cannot be computed either. */
static void s_fallback_trace(struct s_run *run, const struct sdkc_http_request *req,
                             const struct sdkc_sigv4_verify_options *vo,
                             struct sdkc_sigv4_trace *trace)
{
    struct sdkc_http_request copy;
    struct sdkc_sigv4_options so;
    const char *date = sdkc_http_headers_get(&req->headers, "X-Amz-Date");
    char now[17];
    time_t t;

    sdkc_http_request_init(&copy);
    if (!date || sdkc_sigv4_parse_date(date, &t, NULL) != SDKC_OK) {
        sdkc_sigv4_format_date(vo->now, now);
        date = now;
    }
    copy.method = sdkc_strdup(req->method ? req->method : "");
    copy.path = sdkc_strdup(req->path ? req->path : "/");
    copy.query = req->query ? sdkc_strdup(req->query) : NULL;
    if (req->body_len) {
        copy.body = sdkc_malloc(req->body_len + 1);
        if (copy.body) {
            memcpy(copy.body, req->body, req->body_len);
            copy.body[req->body_len] = '\0';
            copy.body_len = req->body_len;
        }
    }
    if (!copy.method || !copy.path || (req->query && !copy.query) ||
        (req->body_len && !copy.body) ||
        sdkc_http_headers_copy(&copy.headers, &req->headers) != SDKC_OK)
        goto done;
    sdkc_http_headers_remove(&copy.headers, "Authorization");
    /* Sign what the client said it signed (and host, which it must). */
    {
        const char *auth = sdkc_http_headers_get(&req->headers, "Authorization");
        const char *sh = auth ? strstr(auth, "SignedHeaders=") : NULL;
        size_t i = copy.headers.count, list_len;
        if (sh) {
            sh += 14;
            list_len = strcspn(sh, ", ");
            while (i-- > 0) {
                const char *name = copy.headers.items[i].name;
                size_t nl = strlen(name), k = 0;
                int listed = strcasecmp(name, "host") == 0;
                while (!listed && k < list_len) {
                    size_t e = k;
                    while (e < list_len && sh[e] != ';')
                        e++;
                    listed = e - k == nl && strncasecmp(sh + k, name, nl) == 0;
                    k = e + 1;
                }
                if (!listed) {
                    /* remove() frees the item's name: compare with a copy */
                    char *dup = sdkc_strdup(name);
                    if (!dup)
                        goto done;
                    sdkc_http_headers_remove(&copy.headers, dup);
                    sdkc_free(dup);
                }
                if (i > copy.headers.count)
                    i = copy.headers.count;
            }
        }
    }
    memset(&so, 0, sizeof(so));
    so.creds = vo->creds;
    so.region = vo->region;
    so.service = vo->service;
    so.amz_date = date;
    so.normalize_path = vo->normalize_path;
    so.double_encode_path = vo->double_encode_path;
    so.cache = &run->sigv4_cache;
    (void)sdkc_sigv4_sign(&copy, &so, trace, NULL);
done:
    sdkc_http_request_clean_up(&copy);
}

/* The signature check of one captured request (docs/DESIGN.md) against
 * what a client following the model sends for op (sigv4.h,
 * sdkc_sigv4_check_expected; op NULL: signed, body signed). *ok = 0 when
 * it fails at MUST; the diff then says why in one line and shows what we
 * computed. A SHOULD finding (a signature on an unsigned operation) sets
 * oc->should_check and leaves *ok alone. Returns non-OK only when the check
 * itself could not run. */
static sdkc_result s_check_sigv4(struct s_run *run, const struct sdkc_impl *impl,
                                 const struct sdkc_spec *spec, const struct sdkc_http_request *req,
                                 const struct sdkc_operation *op, struct s_outcome *oc, int *ok)
{
    const struct sdkc_runner_options *o = run->o;
    struct sdkc_sigv4_verify_options vo;
    struct sdkc_sigv4_expect ex;
    struct sdkc_sigv4_verdict verdict;
    struct sdkc_error err;
    const char *why;
    sdkc_result result;

    *ok = 1;
    memset(&vo, 0, sizeof(vo));
    vo.creds = impl->signing_creds;
    vo.region = impl->signing_region ? impl->signing_region : "us-east-1";
    /* A vector bound to its own model is signed for that model's service
     * (the adapter was told that model: PROTOCOL.md "Models"). */
    vo.service = spec && spec != o->spec && spec->metadata.signing_name
                     ? spec->metadata.signing_name
                 : o->sigv4_service ? o->sigv4_service
                                    : o->spec->metadata.signing_name;
    vo.now = time(NULL);
    vo.max_skew_s = o->sigv4_skew_s > 0 ? o->sigv4_skew_s : SDKC_SIGV4_DEFAULT_SKEW_S;
    if (vo.max_skew_s > SDKC_RUNNER_MAX_SIGV4_SKEW_S)
        vo.max_skew_s = SDKC_RUNNER_MAX_SIGV4_SKEW_S;
    /* rest-json services normalize and double-encode the path (every AWS
     * service but S3: botocore auth.py _normalize_url_path). */
    vo.normalize_path = 1;
    vo.double_encode_path = 1;
    vo.cache = &run->sigv4_cache;
    memset(&ex, 0, sizeof(ex));
    if (op) {
        ex.unsigned_op = op->unauthenticated;
        ex.unsigned_note = op->auth_note;
        ex.unsigned_payload_ok = op->unsigned_payload;
    }
    sdkc_sigv4_verdict_init(&verdict);
    sdkc_error_init(&err);
    result = sdkc_sigv4_check_expected(req, &vo, &ex, &verdict, &err);
    /* err.msg is "sigv4: <reason>: <why>": the message is "sigv4 (LEVEL):
     * <reason>: <why>", one line. */
    why = strncmp(err.msg, "sigv4: ", 7) == 0 ? err.msg + 7 : err.msg;
    if (result == SDKC_ERR_VERIFY && verdict.should) {
        result = SDKC_OK;
        oc->should_check = SDKC_RUNNER_SIGV4_CHECK;
        (void)sdkc_buf_appendf(&oc->diff, SDKC_RUNNER_SIGV4_CHECK ":\n  SHOULD: %s\n", why);
    } else if (result == SDKC_ERR_VERIFY) {
        const struct sdkc_buf *cr = &verdict.trace.canonical_request;
        const struct sdkc_buf *sts = &verdict.trace.string_to_sign;
        int fallback = 0;
        *ok = 0;
        if (cr->len == 0) {
            sdkc_sigv4_trace_clean_up(&verdict.trace);
            sdkc_sigv4_trace_init(&verdict.trace);
            s_fallback_trace(run, req, &vo, &verdict.trace);
            fallback = 1;
        }
        oc->sigv4_failed = 1;
        oc->must_check = SDKC_RUNNER_SIGV4_CHECK;
        result = SDKC_OK;
        (void)sdkc_buf_appendf(&oc->diff, SDKC_RUNNER_SIGV4_CHECK ":\n  MUST: %s\n", why);
        {
            const char *auth = sdkc_http_headers_get(&req->headers, "Authorization");
            const char *sh = auth ? strstr(auth, "SignedHeaders=") : NULL;
            if (sh) {
                size_t len = strcspn(sh + 14, ", ");
                (void)sdkc_buf_append_str(&oc->diff, "  SignedHeaders sent: ");
                if (len > SDKC_RUNNER_MAX_VALUE)
                    len = SDKC_RUNNER_MAX_VALUE;
                (void)sdkc_buf_append(&oc->diff, sh + 14, len);
                (void)sdkc_buf_append_byte(&oc->diff, '\n');
            }
        }
        if (cr->len && fallback)
            (void)sdkc_buf_append_str(&oc->diff,
                                      "  (the check stopped before recomputing the signature; "
                                      "below, what a correct signer computes from the received "
                                      "bytes with the expected credentials)\n");
        if (cr->len) {
            (void)sdkc_buf_append_str(&oc->diff, "  canonical request we computed:\n");
            s_append_indented(&oc->diff, cr->data, cr->len);
        }
        if (sts->len) {
            (void)sdkc_buf_append_str(&oc->diff, "  string to sign we computed:\n");
            s_append_indented(&oc->diff, sts->data, sts->len);
        }
        /* The signature check names the failure first: it alone fails the
         * vector at MUST, whatever else differs. */
        sdkc_buf_reset(&oc->message);
        (void)sdkc_buf_appendf(&oc->message, SDKC_RUNNER_SIGV4_CHECK " (MUST): %s", why);
    } else if (result) {
        (void)sdkc_error_set(&oc->fatal_err, result, SDKC_NO_OFFSET,
                             "sigv4 check could not run: %s", err.msg);
    }
    sdkc_sigv4_verdict_clean_up(&verdict);
    return result;
}

/* Record a failure of the transport checks (runner.h): a MUST failure
 * whatever the vector's level, named first in the message (before any
 * diff of the request it may have displaced). */
static void s_wire_fail(struct s_outcome *oc, const char *check, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void s_wire_fail(struct s_outcome *oc, const char *check, const char *fmt, ...)
{
    char text[SDKC_RUNNER_MAX_MESSAGE / 2];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    (void)sdkc_buf_appendf(&oc->diff, "%s:\n  MUST: %s\n", check, text);
    if (!oc->wire_failed) {
        sdkc_buf_reset(&oc->message);
        (void)sdkc_buf_appendf(&oc->message, "%s (MUST): %s", check, text);
    }
    oc->wire_failed = 1;
    if (!oc->must_check)
        oc->must_check = check; /* a literal: "requests" or "framing" */
}

/* What the endpoint refused, as a failure (framing, or a cap). */
static void s_wire_refused(struct s_outcome *oc, const struct sdkc_impl_traffic *t,
                           const char *when)
{
    if (t->framing)
        s_wire_fail(oc, SDKC_RUNNER_FRAMING_CHECK,
                    "%sthe endpoint refused %u request%s with 400 for ambiguous framing: %s", when,
                    t->refused, t->refused == 1 ? "" : "s", t->reason);
    else
        s_wire_fail(oc, SDKC_RUNNER_REQUESTS_CHECK, "%sthe endpoint refused %u request%s: %s", when,
                    t->refused, t->refused == 1 ? "" : "s", t->reason);
}

/* When a late request arrived, relative to the vector it is reported on. */
enum s_late_when {
    S_LATE_BEFORE_CALL,  /* before this vector's call: discarded from it */
    S_LATE_AFTER_VECTOR, /* after the impl answered this vector (while others ran it) */
    S_LATE_AFTER_RUN     /* after the run's last call (the final drain) */
};

/* Fail oc for what reached impl ii's endpoint outside of a call (runner.h):
 * `prev` names the vector impl ii had answered last (NULL: none yet), `id`
 * the vector reported on. */
static void s_wire_late(struct s_run *run, size_t ii, struct s_outcome *oc,
                        const struct sdkc_impl_traffic *t, enum s_late_when at, const char *id)
{
    const char *name = run->o->impls[ii]->name;
    const char *prev = run->prev[ii];
    char when[SDKC_RUNNER_MAX_VALUE];

    if (!t->requests && !t->refused)
        return;
    if (at == S_LATE_AFTER_VECTOR || (at == S_LATE_AFTER_RUN && prev && strcmp(prev, id) == 0))
        snprintf(when, sizeof(when), "after %.200s had answered this vector%s, ", name,
                 at == S_LATE_AFTER_RUN ? " (the run's last)" : "");
    else if (at == S_LATE_AFTER_RUN)
        snprintf(when, sizeof(when),
                 "after the run's last vector, %.200s having answered vector %.300s last; ", name,
                 prev ? prev : "(none)");
    else if (prev)
        snprintf(when, sizeof(when),
                 "before this call, after %.200s had answered vector %.300s (discarded: not "
                 "checked as this vector's request); ",
                 name, prev);
    else
        snprintf(when, sizeof(when),
                 "before %.200s's first call (discarded: not checked as this vector's "
                 "request); ",
                 name);
    if (t->requests)
        s_wire_fail(oc, SDKC_RUNNER_REQUESTS_CHECK,
                    "%u late request%s (last: %s %s) reached the endpoint %s", t->requests,
                    t->requests == 1 ? "" : "s", t->method, t->path, when);
    if (t->refused)
        s_wire_refused(oc, t, when);
}

/* Ask impl ii for what reached it since its last call (final: after the
 * run's last call) and fail oc with it; a pass or skip becomes a fail. */
static void s_drain(struct s_run *run, size_t ii, struct s_outcome *oc, const char *id,
                    enum s_late_when at)
{
    struct sdkc_impl *impl = run->o->impls[ii];
    struct sdkc_impl_traffic t;
    sdkc_result result;
    if (!impl->vtable->drain || oc->fatal)
        return;
    result = impl->vtable->drain(impl, at == S_LATE_AFTER_RUN, &t, &oc->fatal_err);
    if (result) {
        oc->fatal = result;
        sdkc_error_prefix(&oc->fatal_err, "%s: ", impl->name);
        return;
    }
    s_wire_late(run, ii, oc, &t, at, id);
    if (oc->wire_failed && (oc->verdict == SDKC_VERDICT_PASS || oc->verdict == SDKC_VERDICT_SKIP))
        oc->verdict = SDKC_VERDICT_FAIL;
}

static int s_is_client_error(const cJSON *doc)
{
    return doc && sdkc_json_get(doc, "clientError") != NULL;
}

/* "crash" or "hang" when the client died or hung on the response (the
 * adapter reports clientError kind crash / timeout): a MUST failure on any
 * vector, since no caller survives it; NULL otherwise. */
static const char *s_crash_check(const cJSON *doc)
{
    const cJSON *kind = sdkc_json_get(sdkc_json_get(doc, "clientError"), "kind");
    if (!cJSON_IsString(kind))
        return NULL;
    if (strcmp(kind->valuestring, "crash") == 0)
        return "crash";
    if (strcmp(kind->valuestring, "timeout") == 0)
        return "hang";
    return NULL;
}

/* The transport checks of one call (runner.h): late requests before it,
 * extra and refused ones during it. */
static void s_check_transport(struct s_run *run, size_t ii, const struct sdkc_vector *v,
                              const struct sdkc_impl_result *r, struct s_outcome *oc)
{
    s_wire_late(run, ii, oc, &r->late, S_LATE_BEFORE_CALL, v->id);
    /* PROTOCOL.md: retries off, one request per call; a second one is a
     * retry or a stray, and either is the client's own doing. */
    if (r->during.requests > 1)
        s_wire_fail(oc, SDKC_RUNNER_REQUESTS_CHECK,
                    "%u requests arrived during this call; one call sends one request "
                    "(retries off, harness/adapters/PROTOCOL.md): the last one is checked",
                    r->during.requests);
    if (r->during.refused)
        s_wire_refused(oc, &r->during, "");
}

/* Append "; the client returned clientError validation: <message>" (or
 * error CODE: message, or an output) for a vector that got no request: a
 * client that refused the call on its own says why, and that is what its
 * author needs to see first (harness/adapters/PROTOCOL.md "Writing an
 * adapter"). The text is the adapter's: cut to S_SAID_MAX and made one
 * line (core/text.h) before it joins the message. */
static void s_append_doc_said(struct sdkc_buf *b, const cJSON *doc)
{
    const cJSON *ce = sdkc_json_get(doc, "clientError");
    const cJSON *se = sdkc_json_get(doc, "error");
    const cJSON *what = ce ? sdkc_json_get(ce, "kind") : sdkc_json_get(se, "code");
    const cJSON *msg = sdkc_json_get(ce ? ce : se, "message");
    struct sdkc_buf said;
    if (!doc)
        return;
    if (!ce && !se) {
        if (sdkc_json_get(doc, "output"))
            (void)sdkc_buf_append_str(b, "; the client returned an output");
        return;
    }
    sdkc_buf_init(&said, 0);
    (void)sdkc_buf_append_str(&said, ce ? "clientError " : "error ");
    if (cJSON_IsString(what))
        (void)sdkc_text_sanitize(&said, what->valuestring, strlen(what->valuestring), 0);
    else
        (void)sdkc_buf_append_str(&said, "?");
    if (cJSON_IsString(msg)) {
        (void)sdkc_buf_append_str(&said, ": ");
        (void)sdkc_text_sanitize(&said, msg->valuestring, strlen(msg->valuestring), 0);
    }
    (void)sdkc_buf_append_str(b, "; the client returned ");
    s_append_cut(b, said.data ? said.data : "", S_SAID_MAX);
    sdkc_buf_clean_up(&said);
}

/* Check the request the client showed against the vector (and idempotency
 * tokens across calls). Returns non-OK only when the check could not run. */
static sdkc_result s_check_request(struct s_run *run, size_t ii, const struct sdkc_vector *v,
                                   const struct sdkc_impl_result *r, struct s_outcome *oc,
                                   int *req_ok, struct sdkc_error *err)
{
    struct sdkc_json_diff d;
    struct sdkc_buf dups;
    struct s_token_ctx tctx;
    struct sdkc_vector_check_options copts;
    sdkc_result result = SDKC_OK;

    if (!r->has_request) {
        *req_ok = 0;
        (void)sdkc_buf_appendf(&oc->diff, "request:\n  $: wanted a request, got none (%s",
                               r->during.refused ? "the endpoint refused what the client sent"
                                                 : "the client sent nothing");
        s_append_doc_said(&oc->diff, r->doc);
        (void)sdkc_buf_append_str(&oc->diff, ")\n");
        if (oc->message.len == 0) {
            (void)sdkc_buf_appendf(&oc->message, "request $: wanted a request, got none");
            s_append_doc_said(&oc->message, r->doc);
        }
        return SDKC_OK;
    }
    sdkc_json_diff_init(&d);
    d.max_entries = S_DIFF_ENTRIES;
    sdkc_buf_init(&dups, SDKC_RUNNER_MAX_MESSAGE);
    memset(&copts, 0, sizeof(copts));
    tctx.run = run;
    tctx.impl = ii;
    tctx.dups = &dups;
    if (run->o->check_token_uniqueness) {
        copts.on_token = s_on_token;
        copts.token_ctx = &tctx;
    }
    if (v->endpoint && run->o->impls[ii]->endpoint) {
        /* The client called its own endpoint, not the vector's: a host
         * prefix is wanted in front of that one's host (impl.h). */
        struct sdkc_url_parts from, to;
        if (sdkc_url_split(v->endpoint, &from) &&
            sdkc_url_split(run->o->impls[ii]->endpoint, &to)) {
            copts.host_from = from.authority;
            copts.host_from_len = from.authority_len;
            copts.host_to = to.authority;
            copts.host_to_len = to.authority_len;
        }
    }
    if ((result = sdkc_vector_check_request(v, &r->request, &copts, &d, req_ok, err)))
        goto done;
    if (!*req_ok)
        s_add_diff(oc, "request", &d);
    if (dups.len) {
        if (*req_ok)
            (void)sdkc_buf_append_str(&oc->diff, "request:\n");
        *req_ok = 0;
        (void)sdkc_buf_append(&oc->diff, dups.data, dups.len);
        if (oc->message.len == 0)
            (void)sdkc_buf_append_str(&oc->message, "request: an idempotency token repeats");
    }
done:
    sdkc_buf_clean_up(&dups);
    sdkc_json_diff_clean_up(&d);
    return result;
}

/* Check the result document against the vector; on a difference the diff
 * shows the document got. Returns non-OK only when the check could not run. */
static sdkc_result s_check_result(const struct sdkc_vector *v, const cJSON *doc,
                                  struct s_outcome *oc, int *res_ok, struct sdkc_error *err)
{
    struct sdkc_json_diff d;
    sdkc_result result;
    char *got = NULL;

    sdkc_json_diff_init(&d);
    d.max_entries = S_DIFF_ENTRIES;
    if ((result = sdkc_vector_check_result(v, doc, NULL, &d, res_ok, err)) || *res_ok)
        goto done;
    s_add_diff(oc, "result", &d);
    if (!doc) {
        (void)sdkc_buf_append_str(&oc->diff, "got document: (none)\n");
    } else if (sdkc_json_print(doc, 0, &got, NULL) == SDKC_OK) {
        (void)sdkc_buf_append_str(&oc->diff, "got document: ");
        s_append_cut(&oc->diff, got, SDKC_RUNNER_MAX_DOC);
        (void)sdkc_buf_append_byte(&oc->diff, '\n');
        sdkc_free(got);
    }
done:
    sdkc_json_diff_clean_up(&d);
    return result;
}

/* Run one vector on one implementation and decide pass/fail/skip/error
 * (expected failures are applied later, on the calling thread). */
static void s_run_one(struct s_run *run, const struct sdkc_vector *v, const struct sdkc_spec *spec,
                      size_t ii, struct s_outcome *oc)
{
    const struct sdkc_runner_options *o = run->o;
    struct sdkc_impl *impl = o->impls[ii];
    const struct sdkc_operation *op;
    struct sdkc_impl_result r;
    struct sdkc_impl_call call;
    struct sdkc_error err;
    int req_ok = 1, res_ok = 1, checked_any = 0;
    sdkc_result result;

    sdkc_impl_result_init(&r);
    sdkc_error_init(&err);
    memset(&call, 0, sizeof(call));
    call.id = v->id;
    call.operation = v->operation;
    call.params = v->params;
    call.canned = sdkc_vector_response(v);
    call.spec = spec;
    call.endpoint = v->endpoint;
    call.model = v->model;
    call.signing = v->probe.signing;

    result = impl->vtable->call(impl, &call, &r, &err);
    oc->duration_ms = r.duration_ms;
    if (result) {
        oc->fatal = result;
        oc->fatal_err = err;
        sdkc_error_prefix(&oc->fatal_err, "%s: vector %s: ", impl->name, v->id);
        goto done;
    }
    oc->called = 1;
    s_check_transport(run, ii, v, &r, oc);
    if (impl->serial) {
        char *prev = sdkc_strdup(v->id);
        if (prev) {
            sdkc_free(run->prev[ii]);
            run->prev[ii] = prev;
        }
    }
    if (r.diagnostics)
        oc->diagnostics = sdkc_strdup(r.diagnostics);
    if (r.not_applicable) {
        /* The implementation cannot serve the vector's model (an adapter
         * unavailable for it: impl.h): nothing ran, unless its endpoint
         * saw something anyway. */
        oc->verdict = oc->wire_failed ? SDKC_VERDICT_FAIL : SDKC_VERDICT_SKIP;
        if (!oc->wire_failed)
            (void)sdkc_buf_append_str(&oc->message, r.not_applicable);
        goto done;
    }
    if (r.protocol_error) {
        oc->verdict = SDKC_VERDICT_ERROR;
        (void)sdkc_buf_appendf(&oc->message, "%s broke the adapter protocol", impl->name);
        (void)sdkc_buf_append_str(&oc->diff, "offending bytes:\n");
        s_append_cut(&oc->diff, r.protocol_error, SDKC_RUNNER_MAX_DOC);
        (void)sdkc_buf_append_byte(&oc->diff, '\n');
        goto done;
    }

    /* The request. A client that cannot show its request (an in-process
     * client other than builtin) makes request checks not applicable; one
     * that can but sent nothing fails them, unless it refused client-side
     * and the vector expects that refusal (checked with the result). */
    if (v->has_request && (r.request_sent || r.has_request || s_is_client_error(r.doc))) {
        checked_any = 1;
        if ((result = s_check_request(run, ii, v, &r, oc, &req_ok, &err))) {
            oc->fatal = result;
            oc->fatal_err = err;
            goto done;
        }
    }

    op = spec ? sdkc_spec_find_operation(spec, v->operation) : NULL;
    /* The signature of whatever the client sent over HTTP (docs/DESIGN.md),
     * held to what the model says of the operation: unsigned (`auth: []`,
     * noAuth, `authtype: none`: sso, sso-oidc), unsigned payload, signing
     * name (sigv4/sigv4.h sdkc_sigv4_check_expected). */
    if (r.request_sent && r.has_request && impl->signing_creds && !o->sigv4_off) {
        int sig_ok = 1;
        checked_any = 1;
        if ((result = s_check_sigv4(run, impl, spec, &r.request, op, oc, &sig_ok))) {
            oc->fatal = result;
            goto done;
        }
        if (!sig_ok)
            req_ok = 0;
    }

    /* The result document. */
    if (v->expect || v->any_of) {
        checked_any = 1;
        if ((result = s_check_result(v, r.doc, oc, &res_ok, &err))) {
            oc->fatal = result;
            oc->fatal_err = err;
            goto done;
        }
    }

    /* A probe: the endpoint's answer against what is due (vector.h). */
    if (v->has_probe) {
        struct sdkc_buf why;
        int ok = 1;
        sdkc_buf_init(&why, SDKC_RUNNER_MAX_MESSAGE);
        checked_any = 1;
        if ((result = sdkc_vector_check_probe(v, r.doc, &why, &ok, &oc->drift))) {
            sdkc_buf_clean_up(&why);
            oc->fatal = sdkc_error_set(&oc->fatal_err, result, SDKC_NO_OFFSET, "out of memory");
            goto done;
        }
        if (oc->message.len == 0)
            (void)sdkc_buf_append(&oc->message, why.data ? why.data : "", why.len);
        if (!ok || oc->drift) {
            char *got = NULL;
            res_ok = 0;
            oc->drift = ok && oc->drift;
            (void)sdkc_buf_appendf(&oc->diff, "probe:\n  %s\n", why.data ? why.data : "");
            if (r.doc && sdkc_json_print(r.doc, 0, &got, NULL) == SDKC_OK) {
                (void)sdkc_buf_append_str(&oc->diff, "got document: ");
                s_append_cut(&oc->diff, got, SDKC_RUNNER_MAX_DOC);
                (void)sdkc_buf_append_byte(&oc->diff, '\n');
                sdkc_free(got);
            }
        }
        sdkc_buf_clean_up(&why);
    }

    if (oc->wire_failed) {
        oc->verdict = SDKC_VERDICT_FAIL;
    } else if (!checked_any) {
        oc->verdict = SDKC_VERDICT_SKIP;
        (void)sdkc_buf_appendf(&oc->message,
                               "not applicable: request-only vector and %s cannot show its "
                               "request",
                               impl->name);
    } else if (req_ok && res_ok && !oc->should_check) {
        oc->verdict = SDKC_VERDICT_PASS;
    } else {
        oc->verdict = SDKC_VERDICT_FAIL;
        if (!res_ok && !oc->must_check)
            oc->must_check = s_crash_check(r.doc);
        /* The vector failed its own checks at a level at least as strong:
         * that level rules (the SHOULD finding stays in the diff). */
        if ((!req_ok || !res_ok) && v->level <= SDKC_LEVEL_SHOULD)
            oc->should_check = NULL;
        /* The SHOULD finding alone: its line of the diff is the message. */
        if (req_ok && res_ok && oc->should_check) {
            const char *line = oc->diff.data ? strstr(oc->diff.data, "\n  SHOULD: ") : NULL;
            sdkc_buf_reset(&oc->message);
            if (line) {
                line += 11;
                (void)sdkc_buf_appendf(&oc->message, "%s (SHOULD): ", oc->should_check);
                (void)sdkc_buf_append(&oc->message, line, strcspn(line, "\n"));
            }
        }
    }

done:
    sdkc_impl_result_clean_up(&r);
}

static void s_run_slot(struct s_run *run, struct s_slot *slot)
{
    size_t i;
    for (i = 0; i < run->o->impl_count; i++) {
        s_run_one(run, slot->v, slot->spec, i, &slot->out[i]);
        if (slot->out[i].fatal)
            goto done;
    }
    /* What reached an impl's endpoint after its call, while the others
     * ran this vector, is a late request of this vector (runner.h). */
    for (i = 0; i < run->o->impl_count; i++) {
        if (slot->out[i].called)
            s_drain(run, i, &slot->out[i], slot->v->id, S_LATE_AFTER_VECTOR);
        if (slot->out[i].fatal)
            goto done;
    }
done:
    slot->done = 1;
}

static int s_stopped(const struct s_run *run)
{
    return run->o->stop && *run->o->stop;
}

static void *s_worker(void *arg)
{
    struct s_run *run = arg;
    for (;;) {
        size_t i = __atomic_fetch_add(&run->next, 1, __ATOMIC_RELAXED);
        if (i >= run->slot_count || s_stopped(run))
            break;
        s_run_slot(run, &run->slots[i]);
    }
    return NULL;
}

/* ---- classification, spool, summary (calling thread) --------------------- */

static struct sdkc_run_counts *s_category(struct s_run *run, const char *name, size_t impl)
{
    struct sdkc_run_summary *s = run->sum;
    size_t i;
    if (!name)
        name = "uncategorized";
    if (run->last_category < s->category_count &&
        strcmp(s->categories[run->last_category].name, name) == 0)
        return &s->categories[run->last_category].per_impl[impl];
    for (i = 0; i < s->category_count; i++)
        if (strcmp(s->categories[i].name, name) == 0) {
            run->last_category = i;
            return &s->categories[i].per_impl[impl];
        }
    if (s->category_count >= SDKC_RUNNER_MAX_CATEGORIES) {
        /* Past the cap the rest share the last row, renamed once. */
        struct sdkc_run_category *last = &s->categories[s->category_count - 1];
        if (strcmp(last->name, "(other categories)") != 0) {
            char *n = sdkc_strdup("(other categories)");
            if (n) {
                sdkc_free(last->name);
                last->name = n;
            }
        }
        return &last->per_impl[impl];
    }
    SDKC_ASSERT(s->category_count <= s->category_cap);
    if (s->category_count == s->category_cap) {
        size_t ncap = s->category_cap ? s->category_cap * 2 : 16;
        struct sdkc_run_category *nc = sdkc_realloc(s->categories, ncap * sizeof(*nc));
        if (!nc)
            return NULL;
        s->categories = nc;
        s->category_cap = ncap;
    }
    memset(&s->categories[s->category_count], 0, sizeof(s->categories[0]));
    if (!(s->categories[s->category_count].name = sdkc_strdup(name)))
        return NULL;
    run->last_category = s->category_count;
    return &s->categories[s->category_count++].per_impl[impl];
}

static void s_count(struct sdkc_run_counts *c, enum sdkc_verdict v, int gating, int warning,
                    double ms)
{
    if (!c)
        return;
    SDKC_ASSERT((unsigned)v < SDKC_VERDICT_COUNT);
    c->total++;
    c->by[v]++;
    c->gating += (uint64_t)gating;
    c->warnings += (uint64_t)warning;
    c->duration_ms += ms;
}

static sdkc_result s_build_rerun(struct s_run *run, const struct sdkc_vector *v, size_t ii)
{
    const struct sdkc_runner_options *o = run->o;
    struct sdkc_buf *b = &run->rerun;
    struct sdkc_buf glob;
    const char *p;
    sdkc_result result;

    sdkc_buf_reset(b);
    sdkc_buf_init(&glob, 0);
    result = sdkc_buf_append_str(b, o->rerun_prefix ? o->rerun_prefix : "sdkconform replay");
    if (!result && o->impl_args && o->impl_args[ii])
        result = sdkc_buf_appendf(b, " %s", o->impl_args[ii]);
    else if (!result)
        result = sdkc_buf_appendf(b, " --impl %s", o->impls[ii]->name);
    /* The id as a glob that matches only itself (fnmatch(3) escapes). */
    for (p = v->id; !result && *p; p++) {
        if (*p == '*' || *p == '?' || *p == '[' || *p == '\\')
            result = sdkc_buf_append_byte(&glob, '\\');
        if (!result)
            result = sdkc_buf_append_byte(&glob, *p);
    }
    if (!result)
        result = sdkc_buf_append_str(b, " --filter ");
    if (!result)
        result = sdkc_text_shell_quote(b, glob.data ? glob.data : "");
    sdkc_buf_clean_up(&glob);
    return result;
}

/* Append `,"key":` (printf is a measurable share of the per-vector cost). */
static sdkc_result s_line_key(struct sdkc_buf *b, const char *key)
{
    sdkc_result result = sdkc_buf_append(b, ",\"", 2);
    if (!result)
        result = sdkc_buf_append_str(b, key);
    return result ? result : sdkc_buf_append(b, "\":", 2);
}

static sdkc_result s_line_str(struct sdkc_buf *b, const char *key, const char *val)
{
    sdkc_result result = s_line_key(b, key);
    return result ? result : sdkc_json_quote(b, val, strlen(val));
}

static sdkc_result s_append_u64(struct sdkc_buf *b, uint64_t v)
{
    char tmp[24];
    size_t n = sizeof(tmp);
    do {
        tmp[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return sdkc_buf_append(b, tmp + n, sizeof(tmp) - n);
}

/* Milliseconds with microsecond resolution ("12.345"). */
static sdkc_result s_append_ms(struct sdkc_buf *b, double ms)
{
    uint64_t us = ms > 0 ? (uint64_t)(ms * 1000.0 + 0.5) : 0;
    char frac[4];
    sdkc_result result = s_append_u64(b, us / 1000);
    frac[0] = '.';
    frac[1] = (char)('0' + us / 100 % 10);
    frac[2] = (char)('0' + us / 10 % 10);
    frac[3] = (char)('0' + us % 10);
    return result ? result : sdkc_buf_append(b, frac, 4);
}

/* Classify, spool, count and report one (vector, impl) outcome. */
static sdkc_result s_emit(struct s_run *run, const struct sdkc_vector *v, size_t ii,
                          struct s_outcome *oc)
{
    const struct sdkc_runner_options *o = run->o;
    struct sdkc_impl *impl = o->impls[ii];
    const struct sdkc_xfail_entry *xf = NULL;
    enum sdkc_verdict verdict = oc->verdict;
    /* A failure of a MUST check (signature, crash, hang) is MUST whatever
     * the vector's own level, and an error (the vector could not be run)
     * gates like MUST too: the level printed is the one it gates at, and
     * the vector's own level is kept beside it (vector_level). */
    const char *check = verdict == SDKC_VERDICT_FAIL    ? oc->must_check
                        : verdict == SDKC_VERDICT_ERROR ? "run"
                                                        : NULL;
    /* A probe's undeclared error code gates at the probe's own level for
     * that (vector.h "probe"), the only failure it can have then. */
    enum sdkc_vector_level vlevel =
        oc->drift && verdict == SDKC_VERDICT_FAIL ? v->probe.undeclared : v->level;
    /* A SHOULD check (s_outcome.should_check) fails the vector at SHOULD. */
    enum sdkc_vector_level check_level = SDKC_LEVEL_MUST;
    const char *level;
    int must_failed = oc->sigv4_failed || oc->wire_failed;
    int gating = 0, warning = 0;
    struct sdkc_buf *b = &run->line;
    struct sdkc_buf refs;
    const char *message;
    sdkc_result result;

    size_t x;

    if (!check && verdict == SDKC_VERDICT_FAIL && oc->should_check) {
        check = oc->should_check;
        check_level = SDKC_LEVEL_SHOULD;
    }
    level = sdkc_vector_level_name(check ? check_level : vlevel);
    for (x = 0; !xf && x < run->xfail_count; x++)
        xf = sdkc_xfail_find(run->xfail[x], impl->name, v->id);
    /* An expected-failures entry describes an SDK behaviour a vector
     * shows; it never covers a request that does not verify, which would
     * otherwise hide behind any entry for that vector. */
    if (must_failed && verdict == SDKC_VERDICT_FAIL)
        xf = NULL;
    if (xf && verdict == SDKC_VERDICT_FAIL)
        verdict = SDKC_VERDICT_XFAIL;
    else if (xf && verdict == SDKC_VERDICT_PASS)
        verdict = SDKC_VERDICT_XPASS;
    if (verdict == SDKC_VERDICT_FAIL) {
        gating = (check ? check_level : vlevel) <= o->gate || must_failed || oc->must_check != NULL;
        warning = !gating;
    } else if (verdict == SDKC_VERDICT_ERROR || verdict == SDKC_VERDICT_XPASS) {
        gating = 1;
    }
    if (verdict == SDKC_VERDICT_XPASS) {
        sdkc_buf_reset(&oc->message);
        (void)sdkc_buf_appendf(&oc->message,
                               "passed, but listed as an expected failure of %s: remove the "
                               "stale entry",
                               impl->name);
    }
    message = oc->message.len ? oc->message.data : (verdict == SDKC_VERDICT_PASS ? "ok" : "");

    sdkc_buf_init(&refs, 0);
    if (verdict != SDKC_VERDICT_PASS && (result = sdkc_json_print_buf(v->refs, &refs)))
        goto done;
    /* Only results that need attention carry a rerun command. */
    sdkc_buf_reset(&run->rerun);
    if (verdict != SDKC_VERDICT_PASS && (result = s_build_rerun(run, v, ii)))
        goto done;

    /* The spool line (format in runner.h). */
    sdkc_buf_reset(b);
    result = sdkc_buf_append_str(b, "{\"id\":");
    if (!result)
        result = sdkc_json_quote(b, v->id, strlen(v->id));
    if (!result)
        result = s_line_str(b, "impl", impl->name);
    if (!result)
        result = s_line_key(b, "impl_index");
    if (!result)
        result = s_append_u64(b, ii);
    if (!result)
        result = s_line_str(b, "level", level);
    if (!result && check && v->level != check_level)
        result = s_line_str(b, "vector_level", sdkc_vector_level_name(v->level));
    if (!result && check)
        result = s_line_str(b, "check", check);
    if (!result)
        result = s_line_str(b, "status", sdkc_verdict_name(verdict));
    if (!result)
        result = s_line_str(b, "message", message);
    if (!result)
        result = s_line_key(b, "duration_ms");
    if (!result)
        result = s_append_ms(b, oc->duration_ms);
    if (!result)
        result = sdkc_buf_append_str(b, gating ? ",\"gating\":true" : ",\"gating\":false");
    /* Title and refs only where a person will read them: a passing result
     * is one report row, and the spool of a large corpus stays small. */
    if (!result && v->title && verdict != SDKC_VERDICT_PASS)
        result = s_line_str(b, "title", v->title);
    if (!result && v->category)
        result = s_line_str(b, "category", v->category);
    if (!result && verdict != SDKC_VERDICT_PASS)
        result = s_line_key(b, "refs");
    if (!result && verdict != SDKC_VERDICT_PASS)
        result = sdkc_buf_append_str(b, refs.data ? refs.data : "[]");
    if (!result && oc->diff.len)
        result = s_line_str(b, "diff", oc->diff.data);
    if (!result && verdict != SDKC_VERDICT_PASS)
        result = s_line_str(b, "rerun", run->rerun.data);
    if (!result && xf)
        result = s_line_str(b, "reason", xf->reason);
    if (!result && xf)
        result = s_line_str(b, "evidence", xf->evidence);
    if (!result && oc->diagnostics && verdict != SDKC_VERDICT_PASS)
        result = s_line_str(b, "diagnostics", oc->diagnostics);
    if (!result)
        result = sdkc_buf_append_str(b, "}\n");
    if (result)
        goto done;
    if (fwrite(b->data, 1, b->len, run->spool) != b->len) {
        result = SDKC_ERR_IO;
        goto done;
    }

    s_count(&run->sum->all, verdict, gating, warning, oc->duration_ms);
    s_count(&run->sum->per_impl[ii], verdict, gating, warning, oc->duration_ms);
    s_count(s_category(run, v->category, ii), verdict, gating, warning, oc->duration_ms);

    if (o->on_record) {
        struct sdkc_run_record rec;
        memset(&rec, 0, sizeof(rec));
        rec.id = v->id;
        rec.impl = impl->name;
        rec.impl_index = ii;
        rec.level = level;
        rec.vector_level = sdkc_vector_level_name(v->level);
        rec.check = check;
        rec.title = v->title;
        rec.category = v->category;
        rec.refs = refs.data; /* NULL for passes */
        rec.verdict = verdict;
        rec.gating = gating;
        rec.message = message;
        rec.diff = oc->diff.len ? oc->diff.data : NULL;
        rec.rerun = run->rerun.len ? run->rerun.data : NULL;
        rec.reason = xf ? xf->reason : NULL;
        rec.diagnostics = oc->diagnostics;
        rec.duration_ms = oc->duration_ms;
        rec.done = run->sum->all.total;
        rec.progress = run->estimate ? (double)run->sum->vectors_read / (double)run->estimate : -1;
        o->on_record(o->on_record_ctx, &rec);
    }
done:
    sdkc_buf_clean_up(&refs);
    return result;
}

static void s_slot_clear(struct s_run *run, struct s_slot *slot)
{
    size_t i;
    if (slot->out)
        for (i = 0; i < run->o->impl_count; i++)
            s_outcome_clean_up(&slot->out[i]);
    sdkc_free(slot->out);
    sdkc_vector_destroy(slot->v);
    memset(slot, 0, sizeof(*slot));
}

/* A cheap estimate of the number of vectors (for the progress bar only):
 * non-empty lines of .jsonl files, "operation" keys of the others. */
static uint64_t s_estimate(const struct sdkc_vector_reader *reader)
{
    static const char key[] = "\"operation\"";
    size_t nf = sdkc_vector_reader_file_count(reader), i;
    char *chunk = sdkc_malloc(1 << 16);
    uint64_t n = 0;
    if (!chunk)
        return 0;
    for (i = 0; i < nf; i++) {
        const char *path = sdkc_vector_reader_file(reader, i);
        size_t plen = strlen(path), got, keep = 0;
        int jsonl = plen > 6 && strcmp(path + plen - 6, ".jsonl") == 0;
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        while ((got = fread(chunk + keep, 1, (1 << 16) - keep, f)) > 0) {
            const char *p = chunk, *end = chunk + keep + got;
            if (jsonl) {
                while ((p = memchr(p, '\n', (size_t)(end - p)))) {
                    n++;
                    p++;
                }
                keep = 0;
            } else {
                while ((p = memmem(p, (size_t)(end - p), key, sizeof(key) - 1))) {
                    n++;
                    p += sizeof(key) - 1;
                }
                /* A key split across chunks: carry the tail over. */
                keep = keep + got >= sizeof(key) ? sizeof(key) - 2 : 0;
                memmove(chunk, end - keep, keep);
            }
        }
        fclose(f);
    }
    sdkc_free(chunk);
    return n;
}

static sdkc_result s_check_options(const struct sdkc_runner_options *o, struct sdkc_error *err)
{
    size_t i;
    if (!o->spec || !o->impls || o->impl_count == 0 || !o->spool_path)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "runner: spec, implementations and a spool path are required");
    if (o->impl_count > SDKC_RUNNER_MAX_IMPLS)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                              "at most %d implementations per run", SDKC_RUNNER_MAX_IMPLS);
    if (o->vector_path_count == 0 || o->vector_path_count > SDKC_RUNNER_MAX_VECTOR_PATHS)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "between 1 and %d vector paths", SDKC_RUNNER_MAX_VECTOR_PATHS);
    if (o->expected_failures_count > SDKC_RUNNER_MAX_XFAIL_FILES)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                              "at most %d expected-failures files", SDKC_RUNNER_MAX_XFAIL_FILES);
    if (o->jobs > SDKC_RUNNER_MAX_JOBS)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET, "--jobs: at most %d",
                              SDKC_RUNNER_MAX_JOBS);
    if (o->shard_count > SDKC_RUNNER_MAX_SHARDS ||
        (o->shard_count && (o->shard_index < 1 || o->shard_index > o->shard_count)))
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "--shard K/N: need 1 <= K <= N <= %d", SDKC_RUNNER_MAX_SHARDS);
    if (!o->sigv4_off && !(o->sigv4_service ? o->sigv4_service : o->spec->metadata.signing_name))
        for (i = 0; i < o->impl_count; i++)
            if (o->impls[i] && o->impls[i]->signing_creds)
                return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                      "runner: the signature check needs the signing service "
                                      "name");
    for (i = 0; i < o->impl_count; i++)
        if (!o->impls[i] || !o->impls[i]->vtable || !o->impls[i]->vtable->call ||
            !o->impls[i]->name)
            return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                  "runner: implementation %zu is incomplete", i);
    return SDKC_OK;
}

/* The next vector --filter and --shard select, bound to its model (*spec);
 * SDKC_OK with *out NULL at the end of the corpus (core/error.h "Streams"). Every vector read
 * counts and marks its id seen for the expected-failures files. */
static sdkc_result s_next_selected(struct s_run *run, struct sdkc_vector_reader *reader,
                                   struct sdkc_vector **out, const struct sdkc_spec **spec,
                                   struct sdkc_error *err)
{
    const struct sdkc_runner_options *o = run->o;
    size_t k;
    sdkc_result result;
    *out = NULL;
    for (;;) {
        struct sdkc_vector *v = NULL;
        if ((result = sdkc_vector_reader_next(reader, &v, err)))
            return result;
        if (!v)
            return SDKC_OK;
        run->sum->vectors_read++;
        if ((result = s_vector_spec(run, v, spec, err))) {
            sdkc_vector_destroy(v);
            return result;
        }
        for (k = 0; k < run->xfail_count; k++)
            sdkc_xfail_mark_seen(run->xfail[k], v->id);
        if ((o->filter && fnmatch(o->filter, v->id, 0) != 0) ||
            (o->shard_count && sdkc_runner_shard_of(v->id, o->shard_count) != o->shard_index)) {
            sdkc_vector_destroy(v);
            continue;
        }
        run->sum->vectors_selected++;
        *out = v;
        return SDKC_OK;
    }
}

/* Run the batch (on `jobs` threads when it holds several vectors). When
 * it holds the run's last vector (last_batch), the impls are drained one
 * final time after it: what still reaches one is a late request of the
 * last vector (runner.h). */
static void s_run_batch(struct s_run *run, unsigned jobs, int last_batch)
{
    const struct sdkc_runner_options *o = run->o;
    struct s_slot *last = &run->slots[run->slot_count - 1];
    size_t k;
    if (jobs > 1 && run->slot_count > 1) {
        pthread_t th[SDKC_RUNNER_MAX_JOBS];
        unsigned started = 0, t;
        for (t = 0; t < jobs && t < run->slot_count; t++) {
            if (pthread_create(&th[t], NULL, s_worker, run) != 0)
                break;
            started++;
        }
        s_worker(run); /* the calling thread works too (and covers a failed create) */
        for (t = 0; t < started; t++)
            pthread_join(th[t], NULL);
    } else {
        s_worker(run);
    }
    if (last_batch && !s_stopped(run) && last->done)
        for (k = 0; k < o->impl_count && !last->out[k].fatal; k++)
            s_drain(run, k, &last->out[k], last->v->id, S_LATE_AFTER_RUN);
}

/* Emit the batch in corpus order, stopping at the first vector an
 * interrupt left unrun, and clear it. Not SDKC_OK: an implementation broke
 * (its error in err) or the spool cannot be written; *fatal says so. */
static sdkc_result s_emit_batch(struct s_run *run, enum sdkc_run_fatal *fatal,
                                struct sdkc_error *err)
{
    const struct sdkc_runner_options *o = run->o;
    sdkc_result result = SDKC_OK;
    size_t i, k;
    for (i = 0; i < run->slot_count && !result; i++) {
        struct s_slot *slot = &run->slots[i];
        if (!slot->done) {
            run->sum->partial = 1;
            break;
        }
        for (k = 0; k < o->impl_count && !result; k++) {
            if (slot->out[k].fatal) {
                *fatal = SDKC_RUN_FATAL_IMPL;
                result = slot->out[k].fatal;
                if (err)
                    *err = slot->out[k].fatal_err;
            } else if ((result = s_emit(run, slot->v, k, &slot->out[k]))) {
                sdkc_error_set(err, result, SDKC_NO_OFFSET, "%s: cannot write the result spool",
                               o->spool_path);
                *fatal = SDKC_RUN_FATAL_IMPL;
            }
        }
    }
    if (!result)
        for (i = 0; i < run->slot_count; i++)
            s_slot_clear(run, &run->slots[i]);
    return result;
}

sdkc_result sdkc_runner_run(const struct sdkc_runner_options *o, struct sdkc_run_summary *sum,
                            enum sdkc_run_fatal *fatal, struct sdkc_error *err)
{
    struct s_run run;
    struct sdkc_vector_reader *reader = NULL;
    unsigned jobs = o->jobs ? o->jobs : 1;
    size_t batch, i, k;
    int reader_done = 0, tokens_lock = 0;
    struct sdkc_vector *ahead = NULL;
    const struct sdkc_spec *ahead_spec = NULL;
    double t0 = sdkc_clock_ms_f();
    sdkc_result result;

    *fatal = SDKC_RUN_FATAL_INPUT;
    memset(&run, 0, sizeof(run));
    run.o = o;
    run.sum = sum;
    sdkc_buf_init(&run.line, 0);
    sdkc_buf_init(&run.rerun, 0);
    sdkc_sigv4_key_cache_init(&run.sigv4_cache);
    if ((result = s_check_options(o, err)))
        goto fail;
    sum->impl_count = o->impl_count;
    for (i = 0; i < o->impl_count; i++)
        if (o->impls[i]->serial)
            jobs = 1; /* e.g. an endpoint captures one call at a time */
    batch = jobs > 1 ? (size_t)jobs * SDKC_RUNNER_BATCH_PER_JOB : 1;

    if (pthread_mutex_init(&run.tokens.lock, NULL) != 0) {
        result = sdkc_error_set(err, SDKC_ERR_STATE, SDKC_NO_OFFSET, "pthread_mutex_init failed");
        goto fail;
    }
    tokens_lock = 1;
    sdkc_digest_set_init(&run.tokens.seen, SDKC_RUNNER_MAX_TOKENS);
    for (i = 0; i < o->expected_failures_count; i++) {
        if ((result = sdkc_xfail_load(o->expected_failures[i], &run.xfail[i], err)))
            goto fail;
        run.xfail_count++;
    }
    if ((result =
             sdkc_vector_reader_new(o->vector_paths, o->vector_path_count, NULL, &reader, err)))
        goto fail;
    if (o->estimate_progress)
        run.estimate = s_estimate(reader);
    run.spool = fopen(o->spool_path, "wb");
    if (!run.spool) {
        result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: %s", o->spool_path,
                                strerror(errno));
        goto fail;
    }
    /* Fewer write(2) calls: stdio's own buffer, grown (it is libc's, not a
     * counted allocation, and the same size for any corpus). */
    (void)setvbuf(run.spool, NULL, _IOFBF, (size_t)1 << 18);
    run.slots = sdkc_calloc(batch, sizeof(*run.slots));
    if (!run.slots)
        goto nomem;
    run.slot_cap = batch;

    /* One selected vector is read ahead, so the batch that holds the
     * run's last one is known when it runs: its impls are drained one last
     * time after it (runner.h). */
    if ((result = s_next_selected(&run, reader, &ahead, &ahead_spec, err)))
        goto fail;
    reader_done = !ahead;
    while (ahead && !s_stopped(&run)) {
        /* Fill a batch with selected vectors. */
        run.slot_count = 0;
        run.next = 0;
        while (ahead && run.slot_count < run.slot_cap) {
            struct s_slot *slot = &run.slots[run.slot_count++];
            slot->v = ahead;
            slot->spec = ahead_spec;
            ahead = NULL;
            if (!(slot->out = sdkc_calloc(o->impl_count, sizeof(struct s_outcome))))
                goto nomem;
            for (k = 0; k < o->impl_count; k++)
                s_outcome_init(&slot->out[k]);
            if ((result = s_next_selected(&run, reader, &ahead, &ahead_spec, err)))
                goto fail; /* a bad vector file or model: names the file and JSON path */
            reader_done = !ahead;
        }

        s_run_batch(&run, jobs, reader_done);
        if ((result = s_emit_batch(&run, fatal, err)))
            goto fail;
    }
    if (s_stopped(&run) && ahead)
        sum->partial = 1; /* stopped before the rest of the selection ran */
    /* Unknown ids can be told only once the whole corpus was read. */
    for (i = 0; !sum->partial && i < run.xfail_count; i++)
        if ((result = sdkc_xfail_check_unknown(run.xfail[i], err)))
            goto fail;
    if (fflush(run.spool) != 0 || ferror(run.spool)) {
        result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: write error", o->spool_path);
        *fatal = SDKC_RUN_FATAL_IMPL;
        goto fail;
    }
    *fatal = SDKC_RUN_FATAL_NONE;
    result = SDKC_OK;
    goto done;

nomem:
    result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    *fatal = SDKC_RUN_FATAL_IMPL; /* not the input's fault */
fail:
    if (*fatal == SDKC_RUN_FATAL_NONE)
        *fatal = SDKC_RUN_FATAL_INPUT;
done:
    if (run.slots) {
        for (i = 0; i < run.slot_cap; i++)
            s_slot_clear(&run, &run.slots[i]);
        sdkc_free(run.slots);
    }
    if (run.spool)
        fclose(run.spool);
    sdkc_vector_reader_destroy(reader);
    for (i = 0; i < run.model_count; i++) {
        sdkc_free(run.models[i].path);
        sdkc_spec_destroy(run.models[i].spec);
    }
    sdkc_free(run.models);
    for (i = 0; i < SDKC_RUNNER_MAX_IMPLS; i++)
        sdkc_free(run.prev[i]);
    sdkc_vector_destroy(ahead);
    for (i = 0; i < run.xfail_count; i++)
        sdkc_xfail_destroy(run.xfail[i]);
    sdkc_digest_set_clean_up(&run.tokens.seen);
    if (tokens_lock)
        pthread_mutex_destroy(&run.tokens.lock);
    sdkc_buf_clean_up(&run.line);
    sdkc_buf_clean_up(&run.rerun);
    sdkc_sigv4_key_cache_clean_up(&run.sigv4_cache);
    sum->wall_ms = sdkc_clock_ms_f() - t0;
    return result;
}
