/* SPDX-License-Identifier: Apache-2.0
 *
 * app/fuzz_client.c: `sdkconform fuzz-client` (fuzz_client.h).
 *
 * The engine, and why. The client under test runs in another process (an
 * adapter: Python, Node) while the harness is built with gcc, so an
 * in-process coverage-guided engine (libFuzzer) cannot see the SDK's
 * coverage, and one adapter call (tens of milliseconds) dwarfs the cost of
 * any mutation. So the loop is deterministic and driven by behaviour, not
 * coverage: from a seed (--seed), pick a corpus entry, stack 1 to
 * SDKC_FUZZ_CLIENT_MAX_STACK structure-aware mutations on it
 * (vectors/mutate.h), decode the response with the builtin client (the
 * oracle) and run every implementation on it. An input joins the corpus
 * (OUT/corpus/OP/, kept across runs) when it shows a behaviour signature
 * not seen before: the shape of the oracle's result document (keys and
 * JSON types, error code, clientError kind) together with each
 * implementation's result class and verdict. Same seed, same corpus, same
 * clients: same inputs.
 *
 * The verdict is replay's: the oracle's document becomes a vector's
 * "expect" (a clientError's message as a string matcher: the wording is
 * the client's own) and sdkc_vector_check_result (vectors/match.c)
 * compares the implementation's document with it. Kinds:
 *   crash, hang, protocol-break     the client died, hung, or broke the
 *                                   adapter's line
 *   accepted-garbage                an output where the rules give an
 *                                   error or clientError
 *   rejected-valid                  an error where the rules give an output
 *   class-mismatch, value-mismatch  both fail or both succeed, but
 *                                   differently
 * Every kind is a finding; its level is the one of the rule that differs
 * (s_rule_level), as the bundled corpus levels that rule: crash, hang and
 * protocol-break MUST (no caller survives them; replay fails crash and
 * hang at MUST too); a valid output refused or decoded differently MUST
 * (gen.*), an unknown union member's form SHOULD (union.unknown); an
 * error response taken as a success MUST; an error whose code, modeled
 * flag, status or members differ MUST (error.header-*,
 * error.status-never-picks), whose message or fault alone differs SHOULD
 * (error.message), one without a code turned into a client error SHOULD
 * (error.no-code); a refusal the client skipped by the oracle's rule:
 * a byte-order mark, a lone surrogate or a duplicate key MAY
 * (malformed.bom, malformed.lone-surrogate, status.duplicate-key), any
 * other malformed body, wrong JSON type, union member count or 1xx status
 * SHOULD (malformed.*, union.two-members, union.wrong-type).
 * A finding's signature is (implementation, kind, the oracle's result
 * class with its clientError message normalised, the implementation's
 * class, for mismatches the differing JSON paths with digits normalised).
 * A new signature is minimized (delta debugging of the body bytes, then
 * headers dropped one by one, as long as the signature stays the same;
 * SDKC_FUZZ_CLIENT_MAX_MIN_CALLS calls at most, none for hangs, whose
 * every call costs the timeout) and written as
 * OUT/findings/IMPL-SIGHASH.json, an ordinary vector: replay runs it
 * unchanged, the builtin client passes it and the implementation fails it.
 * A rerun finds the file and writes nothing new (the signature hash is
 * the name).
 *
 * What is not checked here: requests (their signatures, late or extra
 * ones); replay does that on the findings.
 */
#include "app/fuzz_client.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/base64.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/hash.h"
#include "core/json.h"
#include "core/text.h"
#include "impl/adapter.h"
#include "report/report.h"
#include "vectors/gen.h"
#include "vectors/mutate.h"
#include "vectors/vector.h"

/* Seconds between progress lines. */
#define S_PROGRESS_S 5.0

enum s_kind {
    S_AGREE = 0,
    S_CRASH,
    S_HANG,
    S_PROTOCOL,
    S_ACCEPTED_GARBAGE,
    S_REJECTED_VALID,
    S_CLASS_MISMATCH,
    S_VALUE_MISMATCH,
    S_KIND_COUNT
};

static const char *const s_kind_names[S_KIND_COUNT] = {
    "agree",          "crash",          "hang",          "protocol-break", "accepted-garbage",
    "rejected-valid", "class-mismatch", "value-mismatch"};

/* One finding signature known in this run or OUT. */
struct s_finding {
    uint64_t hash;
    size_t impl; /* index into the run's impls; SIZE_MAX: from an earlier run */
    char file[NAME_MAX + 1];
    char *impl_name;
    char *signature;
    enum s_kind kind;
    const char *level; /* static: "MUST", "SHOULD" or "MAY" */
    char *mutation;
    uint64_t hits_before; /* from the previous summary.json */
    uint64_t hits;        /* this run */
    int is_new;
};

/* One corpus entry: a response. */
struct s_entry {
    struct sdkc_http_response resp;
};

/* What one implementation did with one response, judged. */
struct s_judged {
    enum s_kind kind;
    const char *level; /* "MUST", "SHOULD" or "MAY": s_rule_level */
    char signature[SDKC_FUZZ_CLIENT_MAX_SIG];
    uint64_t hash;
    char sclass[96];
    int skipped; /* the implementation cannot run this operation */
};

struct s_state {
    const struct sdkc_fuzz_client_options *o;
    struct sdkc_fuzz_client_outcome *out;
    struct sdkc_impl *oracle;
    struct sdkc_impl *impls[SDKC_RUNNER_MAX_IMPLS];
    size_t n_impls;
    struct sdkc_credentials creds;
    struct sdkc_replay_impl_setup setup; /* how the implementations were made */
    /* the operation being fuzzed */
    const struct sdkc_operation *op;
    cJSON *params;
    struct s_entry *corpus;
    size_t corpus_count;
    size_t corpus_total; /* over every operation */
    /* behaviour signatures: open addressing, 0 = empty */
    uint64_t *seen;
    size_t seen_count;
    struct s_finding *findings;
    size_t finding_count;
    cJSON *prev_runs; /* summary.json "runs" of earlier runs, or NULL */
    char started[32];
    double t0;
    uint64_t call_seq;
};

static int s_stopped(const struct s_state *s)
{
    return s->o->stop && *s->o->stop;
}

sdkc_result sdkc_fuzz_client_parse_time(const char *s, double *seconds)
{
    char *end = NULL;
    double v, mul = 1;
    if (!s || !*s || *s == '-' || *s == '+')
        return SDKC_ERR_PARSE;
    errno = 0;
    v = strtod(s, &end);
    if (errno || end == s || v <= 0)
        return SDKC_ERR_PARSE;
    if (*end == 'm')
        mul = 60, end++;
    else if (*end == 'h')
        mul = 3600, end++;
    else if (*end == 's')
        end++;
    if (*end || v * mul > SDKC_FUZZ_CLIENT_MAX_TIME_S)
        return SDKC_ERR_PARSE;
    *seconds = v * mul;
    return SDKC_OK;
}

/* MARK: - responses as JSON */

/* {"status":N,"headers":{...},"body":"..." | "bodyBase64":"..."}: text
 * when the body is valid UTF-8 without NUL, else base64. */
static cJSON *s_response_json(const struct sdkc_http_response *r)
{
    cJSON *o = cJSON_CreateObject(), *h;
    struct sdkc_buf b;
    size_t i, bad;
    int text;
    if (!o)
        return NULL;
    cJSON_AddNumberToObject(o, "status", r->status);
    h = cJSON_AddObjectToObject(o, "headers");
    for (i = 0; h && i < r->headers.count; i++)
        if (!sdkc_json_get(h, r->headers.items[i].name))
            cJSON_AddStringToObject(h, r->headers.items[i].name, r->headers.items[i].value);
    text = sdkc_utf8_valid(r->body ? r->body : "", r->body_len, &bad) &&
           (!r->body_len || memchr(r->body, 0, r->body_len) == NULL);
    if (text) {
        cJSON_AddStringToObject(o, "body", r->body_len ? r->body : "");
    } else {
        sdkc_buf_init(&b, 0);
        if (sdkc_base64_encode(&b, r->body, r->body_len) == SDKC_OK)
            cJSON_AddStringToObject(o, "bodyBase64", b.data ? b.data : "");
        sdkc_buf_clean_up(&b);
    }
    if (!h || !(sdkc_json_get(o, "body") || sdkc_json_get(o, "bodyBase64"))) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* The oracle's document as an expectation: a clientError's message is
 * the client's own wording (a string matcher, as the corpus writes it). */
static cJSON *s_expect_from(const cJSON *doc)
{
    cJSON *e = cJSON_Duplicate(doc, 1), *ce;
    if (!e)
        return NULL;
    ce = cJSON_GetObjectItemCaseSensitive(e, "clientError");
    if (ce) {
        cJSON *m = cJSON_CreateObject();
        if (!m || !cJSON_AddStringToObject(m, "$match", "string")) {
            cJSON_Delete(m);
            cJSON_Delete(e);
            return NULL;
        }
        cJSON_DeleteItemFromObjectCaseSensitive(ce, "message");
        cJSON_AddItemToObject(ce, "message", m);
    }
    return e;
}

/* A vector object for (operation, params, response, expect). */
static cJSON *s_vector_json(const struct s_state *s, const char *id, const char *title,
                            const char *level, const char *const *tags, size_t ntags,
                            const char *notes, const struct sdkc_http_response *resp,
                            const cJSON *doc)
{
    cJSON *v = cJSON_CreateObject(), *refs, *t, *r, *e;
    size_t i;
    if (!v)
        return NULL;
    cJSON_AddStringToObject(v, "id", id);
    cJSON_AddStringToObject(v, "title", title);
    cJSON_AddStringToObject(v, "level", level);
    refs = cJSON_AddArrayToObject(v, "refs");
    if (refs)
        cJSON_AddItemToArray(refs, cJSON_CreateString("sdkconform:fuzz-client (oracle: the builtin "
                                                      "client's decode, docs/DESIGN.md "
                                                      "\"Result document\")"));
    t = cJSON_AddArrayToObject(v, "tags");
    for (i = 0; t && i < ntags; i++)
        cJSON_AddItemToArray(t, cJSON_CreateString(tags[i]));
    if (notes)
        cJSON_AddStringToObject(v, "notes", notes);
    cJSON_AddStringToObject(v, "operation", s->op->name);
    cJSON_AddItemToObject(v, "params", cJSON_Duplicate(s->params, 1));
    r = s_response_json(resp);
    if (r)
        cJSON_AddItemToObject(v, "response", r);
    e = s_expect_from(doc);
    if (e)
        cJSON_AddItemToObject(v, "expect", e);
    if (!refs || !t || !r || !e || !sdkc_json_get(v, "params") || cJSON_GetArraySize(refs) != 1 ||
        (size_t)cJSON_GetArraySize(t) != ntags) {
        cJSON_Delete(v);
        return NULL;
    }
    return v;
}

/* MARK: - calls and the verdict */

/* One call of impl on resp; r is filled (the caller cleans it up). The
 * call's id is "fuzz.SEQ" (an adapter checks that the answer carries it).
 * Reads s only: the calls of one input may run on several threads. */
static sdkc_result s_call(const struct s_state *s, struct sdkc_impl *impl, uint64_t seq,
                          const struct sdkc_http_response *resp, struct sdkc_impl_result *r,
                          double *ms, struct sdkc_error *err)
{
    struct sdkc_impl_call call;
    char id[48];
    double t;
    sdkc_result result;
    memset(&call, 0, sizeof(call));
    snprintf(id, sizeof(id), "fuzz.%llu", (unsigned long long)seq);
    call.id = id;
    call.operation = s->op->name;
    call.params = s->params;
    call.canned = resp;
    call.spec = s->o->spec;
    t = sdkc_clock_ms_f();
    result = impl->vtable->call(impl, &call, r, err);
    if (ms)
        *ms += sdkc_clock_ms_f() - t;
    if (result)
        sdkc_error_prefix(err, "%s: ", impl->name ? impl->name : "implementation");
    return result;
}

/* Append text normalised for a signature: digit runs become '#', bytes
 * outside printable ASCII '?', at most max bytes. */
static void s_norm(struct sdkc_buf *b, const char *text, size_t max)
{
    size_t i, n = 0;
    int in_digits = 0;
    for (i = 0; text && text[i] && n < max; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= '0' && c <= '9') {
            if (!in_digits)
                (void)sdkc_buf_append_byte(b, '#'), n++;
            in_digits = 1;
            continue;
        }
        in_digits = 0;
        (void)sdkc_buf_append_byte(b, c >= 0x20 && c < 0x7f && c != '|' ? (char)c : '?');
        n++;
    }
}

/* See fuzz_client.h. "malformed JSON body: unexpected 'b' at byte 7:
 * expected a string key" and the same with 'H' at byte 9 are one rule, and
 * "at $.type: expected a string (shape UserProfileType), got object" one
 * with "..., got number". */
void sdkc_fuzz_client_rule(struct sdkc_buf *b, const char *msg, size_t max)
{
    char text[256];
    size_t cut, i, n = 0;
    const char *p;
    if (!msg)
        return;
    cut = strlen(msg);
    if ((p = strstr(msg, " at byte")) && (size_t)(p - msg) < cut)
        cut = (size_t)(p - msg);
    if ((p = strstr(msg, ", got ")) && (size_t)(p - msg) < cut)
        cut = (size_t)(p - msg);
    for (i = 0; i < cut && n + 1 < sizeof(text); i++) {
        const char *close = msg[i] == '\'' ? memchr(msg + i + 1, '\'', cut - i - 1) : NULL;
        if (close && close - (msg + i) <= 16) {
            if (n + 3 >= sizeof(text))
                break;
            text[n++] = '\'';
            text[n++] = '?';
            text[n++] = '\'';
            i = (size_t)(close - msg);
            continue;
        }
        text[n++] = msg[i];
    }
    text[n] = '\0';
    s_norm(b, text, max);
}

/* "output", "error:modeled|unmodeled|no-code", "clientError:KIND"
 * (normalised), or "none". */
static void s_class(struct sdkc_buf *b, const cJSON *doc)
{
    const cJSON *x;
    if ((x = sdkc_json_get(doc, "clientError"))) {
        const cJSON *k = sdkc_json_get(x, "kind");
        (void)sdkc_buf_append_str(b, "clientError:");
        s_norm(b, cJSON_IsString(k) ? k->valuestring : "?", 40);
    } else if ((x = sdkc_json_get(doc, "error"))) {
        /* Not the code itself: one defect shows with every code alike
         * (the paths that differ say more), and unknown codes are made
         * up by the mutator. */
        const cJSON *c = sdkc_json_get(x, "code");
        (void)sdkc_buf_append_str(b, !cJSON_IsString(c) || !*c->valuestring ? "error:no-code"
                                     : cJSON_IsTrue(sdkc_json_get(x, "modeled"))
                                         ? "error:modeled"
                                         : "error:unmodeled");
    } else if (sdkc_json_get(doc, "output")) {
        (void)sdkc_buf_append_str(b, "output");
    } else {
        (void)sdkc_buf_append_str(b, "none");
    }
}

static int s_is_kind(const cJSON *doc, const char *kind)
{
    const cJSON *k = sdkc_json_get(sdkc_json_get(doc, "clientError"), "kind");
    return cJSON_IsString(k) && strcmp(k->valuestring, kind) == 0;
}

static int s_cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int s_has(const char *text, const char *part)
{
    return text && strstr(text, part) != NULL;
}

/* The level of the rule a finding breaks (the table in the header
 * comment). paths: the differing JSON paths of a mismatch. */
static const char *s_rule_level(enum s_kind kind, const cJSON *odoc, const char *const *paths,
                                size_t n)
{
    const cJSON *ce = sdkc_json_get(odoc, "clientError"), *er = sdkc_json_get(odoc, "error");
    const char *msg = cJSON_GetStringValue(sdkc_json_get(ce, "message"));
    const char *level = "SHOULD";
    size_t i;
    switch (kind) {
    case S_CRASH:
    case S_HANG:
    case S_PROTOCOL: return "MUST";
    case S_REJECTED_VALID: return "MUST";
    default: break;
    }
    if (ce) {
        /* The oracle refused the response: the rule is in its message. */
        if (s_has(msg, "byte order mark") || s_has(msg, "surrogate") || s_has(msg, "duplicate"))
            return "MAY";
        return "SHOULD";
    }
    if (er) {
        const cJSON *code = sdkc_json_get(er, "code");
        if (kind == S_ACCEPTED_GARBAGE)
            return "MUST"; /* an error response taken as a success */
        if (kind == S_CLASS_MISMATCH)
            return cJSON_IsString(code) && *code->valuestring ? "MUST" : "SHOULD";
        for (i = 0; i < n; i++)
            if (s_has(paths[i], "$.error.code") || s_has(paths[i], "$.error.modeled") ||
                s_has(paths[i], "$.error.httpStatus") || s_has(paths[i], "$.error.members"))
                return "MUST";
        return "SHOULD";
    }
    /* An output decoded differently: MUST, but for the form of an unknown
     * union member alone. */
    for (i = 0; i < n; i++)
        if (!s_has(paths[i], "SDK_UNKNOWN_MEMBER"))
            return "MUST";
    return level;
}

/* Judge what impl did (r) against the oracle's document. */
static sdkc_result s_judge(struct s_state *s, size_t ii, const cJSON *odoc, const cJSON *vobj,
                           const struct sdkc_impl_result *r, struct s_judged *j,
                           struct sdkc_error *err)
{
    struct sdkc_vector *v = NULL;
    struct sdkc_json_diff d;
    struct sdkc_buf sig, oc;
    int ok = 0, is_output, o_output;
    size_t i, n = 0;
    const char *paths[64];
    sdkc_result result;

    memset(j, 0, sizeof(*j));
    sdkc_json_diff_init(&d);
    sdkc_buf_init(&sig, SDKC_FUZZ_CLIENT_MAX_SIG);
    sdkc_buf_init(&oc, 0);
    if (r->not_applicable) {
        j->skipped = 1;
        result = SDKC_OK;
        goto done;
    }
    s_class(&oc, odoc);
    {
        struct sdkc_buf sc;
        sdkc_buf_init(&sc, sizeof(j->sclass) - 1);
        if (r->protocol_error)
            (void)sdkc_buf_append_str(&sc, "protocol-break");
        else
            s_class(&sc, r->doc);
        snprintf(j->sclass, sizeof(j->sclass), "%s", sc.data ? sc.data : "");
        sdkc_buf_clean_up(&sc);
    }
    if (r->protocol_error) {
        j->kind = S_PROTOCOL;
    } else if (s_is_kind(r->doc, "crash")) {
        j->kind = S_CRASH;
    } else if (s_is_kind(r->doc, "timeout")) {
        j->kind = S_HANG;
    } else {
        cJSON *copy = cJSON_Duplicate(vobj, 1);
        if (!copy) {
            result = SDKC_ERR_NOMEM;
            goto done;
        }
        if ((result = sdkc_vector_from_json(copy, "(fuzz input)", "$", 0, 0, &v, err)))
            goto done;
        if ((result = sdkc_vector_check_result(v, r->doc, NULL, &d, &ok, err)))
            goto done;
        is_output = sdkc_json_get(r->doc, "output") != NULL;
        o_output = sdkc_json_get(odoc, "output") != NULL;
        if (ok)
            j->kind = S_AGREE;
        else if (is_output && !o_output)
            j->kind = S_ACCEPTED_GARBAGE;
        else if (!is_output && o_output)
            j->kind = S_REJECTED_VALID;
        else if (is_output || strncmp(j->sclass, oc.data ? oc.data : "", 6) == 0)
            j->kind = S_VALUE_MISMATCH;
        else
            j->kind = S_CLASS_MISMATCH;
    }
    if (j->kind == S_AGREE) {
        result = SDKC_OK;
        goto done;
    }
    for (i = 0; i < d.count && n < sizeof(paths) / sizeof(*paths); i++)
        paths[n++] = d.entries[i].path;
    qsort(paths, n, sizeof(*paths), s_cmp_str);
    j->level = s_rule_level(j->kind, odoc, paths, n);
    (void)sdkc_buf_appendf(&sig, "%s|%s|oracle %s", s->impls[ii]->name, s_kind_names[j->kind],
                           oc.data ? oc.data : "");
    /* The rule the oracle applied, when it refused (sdkc_fuzz_client_rule), e.g. "at
     * $.details: union UserProfileDetails must have exactly one member
     * set". */
    if (sdkc_json_get(odoc, "clientError")) {
        const cJSON *m = sdkc_json_get(sdkc_json_get(odoc, "clientError"), "message");
        (void)sdkc_buf_append_str(&sig, " (");
        sdkc_fuzz_client_rule(&sig, cJSON_IsString(m) ? m->valuestring : "", 100);
        (void)sdkc_buf_append_byte(&sig, ')');
    }
    (void)sdkc_buf_appendf(&sig, "|got %s", j->sclass);
    if (j->kind == S_VALUE_MISMATCH || j->kind == S_CLASS_MISMATCH) {
        (void)sdkc_buf_append_str(&sig, "|");
        for (i = 0; i < n && i < SDKC_FUZZ_CLIENT_MAX_SIG_PATHS; i++) {
            if (i && strcmp(paths[i], paths[i - 1]) == 0)
                continue;
            if (i)
                (void)sdkc_buf_append_byte(&sig, ' ');
            s_norm(&sig, paths[i], 120);
        }
    }
    snprintf(j->signature, sizeof(j->signature), "%s", sig.data ? sig.data : "");
    j->hash = sdkc_fnv1a64_str(j->signature);
    result = SDKC_OK;
done:
    sdkc_vector_destroy(v);
    sdkc_json_diff_clean_up(&d);
    sdkc_buf_clean_up(&sig);
    sdkc_buf_clean_up(&oc);
    return result;
}

/* The oracle's document of resp and the vector built from it (*vobj). */
static sdkc_result s_oracle(struct s_state *s, const struct sdkc_http_response *resp, cJSON **odoc,
                            cJSON **vobj, struct sdkc_error *err)
{
    struct sdkc_impl_result r;
    static const char *const tags[] = {"fuzz-client"};
    sdkc_result result;
    *odoc = *vobj = NULL;
    sdkc_impl_result_init(&r);
    if ((result = s_call(s, s->oracle, ++s->call_seq, resp, &r, &s->out->oracle_ms, err)))
        goto done;
    if (!r.doc) {
        result = sdkc_error_set(err, SDKC_ERR_STATE, SDKC_NO_OFFSET,
                                "the builtin client gave no result document");
        goto done;
    }
    *odoc = r.doc;
    r.doc = NULL;
    *vobj =
        s_vector_json(s, "fuzz.input", "fuzz-client input", "SHOULD", tags, 1, NULL, resp, *odoc);
    if (!*vobj)
        result = SDKC_ERR_NOMEM;
done:
    sdkc_impl_result_clean_up(&r);
    return result;
}

/* Implementation ii's call failed: the adapter gave up (crashes, hangs and
 * protocol breaks restart it, SDKC_ADAPTER_MAX_RESTARTS times at most) or
 * could not be restarted. A fuzz run provokes exactly those, so the
 * implementation is made anew, as at the start, and the input dropped;
 * SDKC_FUZZ_CLIENT_MAX_RECREATE times at most. Not SDKC_OK: it cannot be
 * made again (exit 3), or the run is being stopped. */
static sdkc_result s_recreate(struct s_state *s, size_t ii, sdkc_result why, struct sdkc_error *err)
{
    struct sdkc_impl *impl = NULL;
    char *name;
    sdkc_result result;
    if (s_stopped(s) || why == SDKC_ERR_INTERRUPTED)
        return SDKC_ERR_INTERRUPTED;
    if (s->out->impls[ii].recreated >= SDKC_FUZZ_CLIENT_MAX_RECREATE)
        return why;
    sdkc_impl_destroy(s->impls[ii]);
    s->impls[ii] = NULL;
    if ((result = sdkc_replay_impl_new(&s->setup, &s->o->impls[ii], &impl, err))) {
        sdkc_error_prefix(err, "%s: made anew after it failed: ", s->out->impls[ii].name);
        return result;
    }
    /* The name the run knows it by (finding files, summary). */
    if (!(name = sdkc_strdup(s->out->impls[ii].name))) {
        sdkc_impl_destroy(impl);
        return SDKC_ERR_NOMEM;
    }
    sdkc_free(impl->name);
    impl->name = name;
    s->impls[ii] = impl;
    s->out->impls[ii].recreated++;
    sdkc_error_init(err);
    return SDKC_OK;
}

/* Run resp on the oracle and implementation ii, and judge. */
static sdkc_result s_try(struct s_state *s, size_t ii, const struct sdkc_http_response *resp,
                         struct s_judged *j, struct sdkc_error *err)
{
    cJSON *odoc = NULL, *vobj = NULL;
    struct sdkc_impl_result r;
    sdkc_result result;
    memset(j, 0, sizeof(*j));
    sdkc_impl_result_init(&r);
    if ((result = s_oracle(s, resp, &odoc, &vobj, err)))
        goto done;
    if ((result =
             s_call(s, s->impls[ii], ++s->call_seq, resp, &r, &s->out->impls[ii].call_ms, err))) {
        /* Unservable (see s_one), or the adapter gave up: not the same
         * signature, so not kept. */
        if (result == SDKC_ERR_INVALID_ARG && s->impls[ii]->serial)
            result = SDKC_OK;
        else if (s->impls[ii]->serial)
            result = s_recreate(s, ii, result, err);
        j->skipped = 1;
        goto done;
    }
    s->out->impls[ii].min_calls++;
    result = s_judge(s, ii, odoc, vobj, &r, j, err);
done:
    sdkc_impl_result_clean_up(&r);
    cJSON_Delete(odoc);
    cJSON_Delete(vobj);
    return result;
}

/* MARK: - minimizing */

/* Delta debugging (Zeller's ddmin, complement steps) of the body bytes,
 * then the headers dropped one at a time, as long as implementation ii
 * shows the same signature; at most SDKC_FUZZ_CLIENT_MAX_MIN_CALLS calls. */
static sdkc_result s_minimize(struct s_state *s, size_t ii, uint64_t want,
                              struct sdkc_http_response *resp, struct sdkc_error *err)
{
    struct sdkc_http_response cand;
    struct s_judged j;
    size_t calls = 0, n = 2, i;
    sdkc_result result = SDKC_OK;

    sdkc_http_response_init(&cand);
    while (resp->body_len > 0 && calls < SDKC_FUZZ_CLIENT_MAX_MIN_CALLS && !s_stopped(s)) {
        size_t chunk = (resp->body_len + n - 1) / n, k;
        int reduced = 0;
        if (n > resp->body_len)
            n = resp->body_len, chunk = 1;
        for (k = 0; k * chunk < resp->body_len && calls < SDKC_FUZZ_CLIENT_MAX_MIN_CALLS; k++) {
            size_t from = k * chunk,
                   len = resp->body_len - from < chunk ? resp->body_len - from : chunk;
            if ((result = sdkc_mutate_copy(resp, &cand)))
                goto done;
            memmove(cand.body + from, cand.body + from + len, cand.body_len - from - len);
            cand.body_len -= len;
            cand.body[cand.body_len] = '\0';
            calls++;
            if ((result = s_try(s, ii, &cand, &j, err)))
                goto done;
            if (!j.skipped && j.hash == want && j.kind != S_AGREE) {
                if ((result = sdkc_mutate_copy(&cand, resp)))
                    goto done;
                n = n > 2 ? n - 1 : 2;
                reduced = 1;
                break;
            }
        }
        if (!reduced) {
            if (chunk <= 1)
                break;
            n = n * 2 < resp->body_len ? n * 2 : resp->body_len;
        }
    }
    for (i = resp->headers.count;
         i-- > 0 && calls < SDKC_FUZZ_CLIENT_MAX_MIN_CALLS && !s_stopped(s);) {
        char *name;
        if ((result = sdkc_mutate_copy(resp, &cand)))
            goto done;
        name = sdkc_strdup(resp->headers.items[i].name);
        if (!name) {
            result = SDKC_ERR_NOMEM;
            goto done;
        }
        sdkc_http_headers_remove(&cand.headers, name);
        sdkc_free(name);
        calls++;
        if ((result = s_try(s, ii, &cand, &j, err)))
            goto done;
        if (!j.skipped && j.hash == want && (result = sdkc_mutate_copy(&cand, resp)))
            goto done;
    }
done:
    sdkc_http_response_clean_up(&cand);
    return result;
}

/* MARK: - OUT's files */

static sdkc_result s_path(char *out, size_t n, const char *dir, const char *a, const char *b)
{
    int w = b ? snprintf(out, n, "%s/%s/%s", dir, a, b) : snprintf(out, n, "%s/%s", dir, a);
    return w < 0 || (size_t)w >= n ? SDKC_ERR_TOO_LARGE : SDKC_OK;
}

/* Write a JSON tree to path atomically, text scrubbed of secrets. */
static sdkc_result s_write_json(const char *path, const cJSON *tree, struct sdkc_error *err)
{
    char *text = NULL;
    struct sdkc_buf b;
    sdkc_result result;
    sdkc_buf_init(&b, 0);
    if ((result = sdkc_json_print(tree, 1, &text, err)))
        goto done;
    if ((result = sdkc_report_scrub(&b, text, strlen(text))) ||
        (result = sdkc_buf_append_byte(&b, '\n')))
        goto done;
    result = sdkc_write_file_atomic(path, b.data, b.len, err);
done:
    sdkc_free(text);
    sdkc_buf_clean_up(&b);
    return result;
}

/* A name made of [A-Za-z0-9_-] (an implementation's, for a file name). */
static void s_safe(char *out, size_t n, const char *name)
{
    size_t i;
    for (i = 0; name && name[i] && i + 1 < n; i++) {
        char c = name[i];
        out[i] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-')
                     ? c
                     : '-';
    }
    out[i] = '\0';
}

static struct s_finding *s_find(struct s_state *s, const char *file)
{
    size_t i;
    for (i = 0; i < s->finding_count; i++)
        if (strcmp(s->findings[i].file, file) == 0)
            return &s->findings[i];
    return NULL;
}

static struct s_finding *s_add_finding(struct s_state *s, const char *file)
{
    struct s_finding *f;
    if (s->finding_count >= SDKC_FUZZ_CLIENT_MAX_FINDINGS)
        return NULL;
    f = &s->findings[s->finding_count++];
    memset(f, 0, sizeof(*f));
    snprintf(f->file, sizeof(f->file), "%s", file);
    f->impl = SIZE_MAX;
    return f;
}

/* A finding of implementation ii on resp: count it and, when its file is
 * not in OUT/findings yet, minimize and write it. */
static sdkc_result s_finding(struct s_state *s, size_t ii, const struct s_judged *j,
                             const struct sdkc_http_response *resp, enum sdkc_mutate_class mc,
                             struct sdkc_error *err)
{
    char file[NAME_MAX + 1], path[PATH_MAX], safe[SDKC_REPLAY_MAX_IMPL_NAME + 1], id[160];
    struct sdkc_http_response m;
    struct s_finding *f;
    cJSON *odoc = NULL, *vobj = NULL;
    struct sdkc_buf title, notes;
    const char *tags[3];
    size_t before;
    struct stat st;
    sdkc_result result = SDKC_OK;

    sdkc_http_response_init(&m);
    sdkc_buf_init(&title, 0);
    sdkc_buf_init(&notes, 0);
    s_safe(safe, sizeof(safe), s->impls[ii]->name);
    snprintf(file, sizeof(file), "%s-%016llx.json", safe, (unsigned long long)j->hash);
    s->out->impls[ii].findings_hit++;
    if ((f = s_find(s, file))) {
        if (f->hits++ == 0)
            s->out->signatures++;
        goto done;
    }
    if (!(f = s_add_finding(s, file)))
        goto done; /* past the cap: counted, not kept */
    f->hits = 1;
    s->out->signatures++;
    f->impl = ii;
    f->kind = j->kind;
    f->level = j->level;
    f->impl_name = sdkc_strdup(s->impls[ii]->name);
    f->signature = sdkc_strdup(j->signature);
    f->mutation = sdkc_strdup(sdkc_mutate_class_name(mc));
    if (!f->impl_name || !f->signature || !f->mutation) {
        result = SDKC_ERR_NOMEM;
        goto done;
    }
    if ((result = s_path(path, sizeof(path), s->o->out_dir, "findings", file)))
        goto done;
    if (stat(path, &st) == 0)
        goto done; /* an earlier run wrote it: never a duplicate */
    if ((result = sdkc_mutate_copy(resp, &m)))
        goto done;
    before = m.body_len;
    if (j->kind != S_HANG && (result = s_minimize(s, ii, j->hash, &m, err)))
        goto done;
    if ((result = s_oracle(s, &m, &odoc, &vobj, err)))
        goto done;
    cJSON_Delete(vobj);
    vobj = NULL;
    snprintf(id, sizeof(id), "fuzz.%s.%016llx", safe, (unsigned long long)j->hash);
    (void)sdkc_buf_appendf(&title, "fuzz-client: %s: %s on a %s response (%s)", s->impls[ii]->name,
                           s_kind_names[j->kind], sdkc_mutate_class_name(mc), s->op->name);
    (void)sdkc_buf_appendf(&notes,
                           "Found by sdkconform fuzz-client (seed %llu); signature: %s. The "
                           "expectation is the builtin client's decode of this response. "
                           "Minimized from %zu to %zu body bytes%s.",
                           (unsigned long long)s->o->seed, j->signature, before, m.body_len,
                           j->kind == S_HANG ? " (hangs are not minimized)" : "");
    tags[0] = "fuzz-client";
    tags[1] = s_kind_names[j->kind];
    tags[2] = sdkc_mutate_class_name(mc);
    vobj = s_vector_json(s, id, title.data ? title.data : "fuzz-client", j->level, tags, 3,
                         notes.data, &m, odoc);
    if (!vobj) {
        result = SDKC_ERR_NOMEM;
        goto done;
    }
    if ((result = s_write_json(path, vobj, err)))
        goto done;
    f->is_new = 1;
    s->out->impls[ii].findings_new++;
    if (s->o->out)
        sdkc_report_fprintf(s->o->out, "fuzz-client: new finding %s: %s\n", file, j->signature);
done:
    sdkc_http_response_clean_up(&m);
    sdkc_buf_clean_up(&title);
    sdkc_buf_clean_up(&notes);
    cJSON_Delete(odoc);
    cJSON_Delete(vobj);
    return result;
}

/* MARK: - the corpus */

static sdkc_result s_corpus_add(struct s_state *s, const struct sdkc_http_response *resp)
{
    struct s_entry *e;
    sdkc_result result;
    if (s->corpus_count >= SDKC_FUZZ_CLIENT_MAX_CORPUS)
        return SDKC_OK;
    e = &s->corpus[s->corpus_count];
    sdkc_http_response_init(&e->resp);
    if ((result = sdkc_mutate_copy(resp, &e->resp))) {
        sdkc_http_response_clean_up(&e->resp);
        return result;
    }
    s->corpus_count++;
    return SDKC_OK;
}

/* 1 when h is new (and now remembered). */
static int s_seen_new(struct s_state *s, uint64_t h)
{
    size_t i;
    h = h ? h : 1;
    if (s->seen_count >= SDKC_FUZZ_CLIENT_MAX_BEHAVIOURS / 2)
        return 0; /* full: no more corpus growth */
    for (i = (size_t)(h % SDKC_FUZZ_CLIENT_MAX_BEHAVIOURS);;
         i = (i + 1) % SDKC_FUZZ_CLIENT_MAX_BEHAVIOURS) {
        if (s->seen[i] == h)
            return 0;
        if (s->seen[i] == 0) {
            s->seen[i] = h;
            s->seen_count++;
            return 1;
        }
    }
}

/* OUT/behaviours: the behaviour signatures seen by earlier runs, one
 * 16-hex-digit hash per line, so that a resumed run keeps only what is new
 * to all of them (not every input that repeats a corpus entry's
 * behaviour). Loaded before the first input; a line that is not a hash is
 * bad harness input (exit 2, file:line). */
static sdkc_result s_seen_load(struct s_state *s, struct sdkc_error *err)
{
    char path[PATH_MAX];
    struct sdkc_buf b;
    const char *p, *end;
    size_t line = 0;
    struct stat st;
    sdkc_result result;
    if ((result = s_path(path, sizeof(path), s->o->out_dir, "behaviours", NULL)))
        return sdkc_error_set(err, result, SDKC_NO_OFFSET, "%s: path too long", s->o->out_dir);
    if (stat(path, &st) != 0)
        return SDKC_OK;
    sdkc_buf_init(&b, SDKC_FUZZ_CLIENT_MAX_BEHAVIOURS * 17 + 1);
    if ((result = sdkc_buf_read_file(&b, path, err)))
        goto done;
    for (p = b.data ? b.data : "", end = p + b.len; p < end; p++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p), i;
        uint64_t h = 0;
        line++;
        for (i = 0; i < n && n == 16; i++) {
            int v = sdkc_uri_hex_digit(p[i]);
            if (v < 0)
                break;
            h = h << 4 | (uint64_t)v;
        }
        if (n != 16 || i != 16) {
            result =
                sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                               "%s:%zu: not a behaviour hash (16 hex digits a line)", path, line);
            goto done;
        }
        (void)s_seen_new(s, h);
        p += n;
    }
done:
    sdkc_buf_clean_up(&b);
    return result;
}

static int s_cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Write every behaviour seen, sorted (the same set, the same bytes). */
static sdkc_result s_seen_save(struct s_state *s, struct sdkc_error *err)
{
    char path[PATH_MAX];
    struct sdkc_buf b;
    uint64_t *all;
    size_t i, n = 0;
    sdkc_result result;
    if ((result = s_path(path, sizeof(path), s->o->out_dir, "behaviours", NULL)))
        return sdkc_error_set(err, result, SDKC_NO_OFFSET, "%s: path too long", s->o->out_dir);
    all = sdkc_malloc((s->seen_count ? s->seen_count : 1) * sizeof(*all));
    if (!all)
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    for (i = 0; i < SDKC_FUZZ_CLIENT_MAX_BEHAVIOURS && n < s->seen_count; i++)
        if (s->seen[i])
            all[n++] = s->seen[i];
    qsort(all, n, sizeof(*all), s_cmp_u64);
    sdkc_buf_init(&b, 0);
    for (i = 0, result = SDKC_OK; i < n && !result; i++)
        result = sdkc_buf_appendf(&b, "%016llx\n", (unsigned long long)all[i]);
    if (result)
        result = sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
    else
        result = sdkc_write_file_atomic(path, b.data ? b.data : "", b.len, err);
    sdkc_buf_clean_up(&b);
    sdkc_free(all);
    return result;
}

/* The shape of a document for the behaviour signature: keys and types,
 * error codes and clientError kinds, no other values. */
static uint64_t s_shape_hash(const cJSON *j, uint64_t h, int depth)
{
    const cJSON *c;
    if (!j || depth > SDKC_MUTATE_MAX_WALK)
        return h;
    h = sdkc_fnv1a64(&j->type, sizeof(j->type), h);
    if (j->string)
        h = sdkc_fnv1a64(j->string, strlen(j->string), h);
    if (cJSON_IsString(j) && j->string &&
        (strcmp(j->string, "code") == 0 || strcmp(j->string, "kind") == 0)) {
        struct sdkc_buf b;
        sdkc_buf_init(&b, 0);
        s_norm(&b, j->valuestring, 80);
        h = sdkc_fnv1a64(b.data ? b.data : "", b.len, h);
        sdkc_buf_clean_up(&b);
    }
    for (c = j->child; c; c = c->next) {
        h = s_shape_hash(c, h, depth + 1);
        if (cJSON_IsArray(j))
            break; /* one element stands for all */
    }
    return h;
}

/* Save resp in OUT/corpus/OP/HASH.json as a vector (replayable). */
static sdkc_result s_corpus_save(struct s_state *s, const struct sdkc_http_response *resp,
                                 const cJSON *odoc, uint64_t h, struct sdkc_error *err)
{
    char dir[PATH_MAX], path[PATH_MAX], name[40], id[SDKC_VECTOR_MAX_ID_LEN + 1];
    static const char *const tags[] = {"fuzz-corpus"};
    cJSON *v;
    sdkc_result result;
    snprintf(name, sizeof(name), "%016llx.json", (unsigned long long)h);
    snprintf(id, sizeof(id), "fuzz.corpus.%016llx", (unsigned long long)h);
    if ((result = s_path(dir, sizeof(dir), s->o->out_dir, "corpus", s->op->name)) ||
        (result = s_path(path, sizeof(path), dir, name, NULL)))
        return sdkc_error_set(err, result, SDKC_NO_OFFSET, "%s/corpus: path too long",
                              s->o->out_dir);
    if ((result = sdkc_mkdirs(dir, err)))
        return result;
    v = s_vector_json(s, id, "fuzz-client corpus entry", "MAY", tags, 1, NULL, resp, odoc);
    if (!v)
        return SDKC_ERR_NOMEM;
    result = s_write_json(path, v, err);
    cJSON_Delete(v);
    return result;
}

static int s_cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of OUT/corpus/OP from earlier runs, in name order. A file
 * that is not a vector is bad harness input: exit 2 naming it. */
static sdkc_result s_corpus_load(struct s_state *s, struct sdkc_error *err)
{
    char dir[PATH_MAX], path[PATH_MAX];
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    DIR *d;
    struct dirent *de;
    sdkc_result result = SDKC_OK;

    if ((result = s_path(dir, sizeof(dir), s->o->out_dir, "corpus", s->op->name)))
        return sdkc_error_set(err, result, SDKC_NO_OFFSET, "%s: path too long", s->o->out_dir);
    d = opendir(dir);
    if (!d)
        return SDKC_OK; /* a first run */
    while ((de = readdir(d)) && n < SDKC_FUZZ_CLIENT_MAX_CORPUS) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0 || de->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            char **nn = sdkc_realloc(names, nc * sizeof(*nn));
            if (!nn) {
                result = SDKC_ERR_NOMEM;
                break;
            }
            names = nn;
            cap = nc;
        }
        if (!(names[n] = sdkc_strdup(de->d_name))) {
            result = SDKC_ERR_NOMEM;
            break;
        }
        n++;
    }
    closedir(d);
    if (!result)
        qsort(names, n, sizeof(*names), s_cmp_name);
    for (i = 0; !result && i < n; i++) {
        struct sdkc_buf b;
        struct sdkc_vector *v = NULL;
        sdkc_buf_init(&b, SDKC_FUZZ_CLIENT_MAX_FILE_BYTES);
        if (!(result = s_path(path, sizeof(path), dir, names[i], NULL)) &&
            !(result = sdkc_buf_read_file(&b, path, err)) &&
            !(result = sdkc_vector_parse(b.data ? b.data : "", b.len, path, &v, err))) {
            if (v->has_response)
                result = s_corpus_add(s, &v->response);
        }
        sdkc_vector_destroy(v);
        sdkc_buf_clean_up(&b);
    }
    for (i = 0; i < n; i++)
        sdkc_free(names[i]);
    sdkc_free(names);
    return result;
}

/* gen's vectors of the operation (vectors/gen.h): their responses are the
 * valid seeds, their params the call's. */
static sdkc_result s_seeds(struct s_state *s, struct sdkc_error *err)
{
    struct sdkc_gen_output g;
    size_t i;
    sdkc_result result;

    sdkc_gen_output_init(&g);
    if ((result = sdkc_gen_params(s->o->spec, s->op, NULL, &s->params, err)))
        goto done;
    if ((result = sdkc_gen_operation(s->o->spec, s->op, &g, err)))
        goto done;
    for (i = 0; !result && i < g.count; i++) {
        cJSON *root = NULL, *vs, *it;
        if ((result = sdkc_json_parse(g.files[i].data, g.files[i].len, NULL, &root, err)))
            break;
        vs = sdkc_json_get(root, "vectors");
        cJSON_ArrayForEach(it, vs)
        {
            struct sdkc_vector *v = NULL;
            cJSON *copy = cJSON_Duplicate(it, 1);
            if (!copy) {
                result = SDKC_ERR_NOMEM;
                break;
            }
            if ((result = sdkc_vector_from_json(copy, g.files[i].path, "$", 0, 0, &v, err)))
                break;
            if (v->has_response)
                result = s_corpus_add(s, &v->response);
            sdkc_vector_destroy(v);
            if (result)
                break;
        }
        cJSON_Delete(root);
    }
    if (!result && s->corpus_count == 0) {
        /* No gen vector with a response: the modeled status, an empty object. */
        struct sdkc_http_response r;
        sdkc_http_response_init(&r);
        r.status = s->op->response_code ? s->op->response_code : 200;
        if (!(result = sdkc_http_headers_add(&r.headers, "Content-Type", "application/json"))) {
            r.body = sdkc_strdup("{}");
            r.body_len = 2;
            result = r.body ? s_corpus_add(s, &r) : SDKC_ERR_NOMEM;
        }
        sdkc_http_response_clean_up(&r);
    }
done:
    sdkc_gen_output_clean_up(&g);
    return result;
}

static void s_corpus_clear(struct s_state *s)
{
    size_t i;
    for (i = 0; i < s->corpus_count; i++)
        sdkc_http_response_clean_up(&s->corpus[i].resp);
    s->corpus_count = 0;
    cJSON_Delete(s->params);
    s->params = NULL;
}

/* MARK: - the summary */

/* Earlier runs and finding counts from OUT/summary.json (absent: a first
 * run; unreadable or not ours: exit 2 naming it). */
static sdkc_result s_summary_load(struct s_state *s, struct sdkc_error *err)
{
    char path[PATH_MAX];
    cJSON *root = NULL, *it;
    struct stat st;
    sdkc_result result;
    if ((result = s_path(path, sizeof(path), s->o->out_dir, "summary.json", NULL)))
        return sdkc_error_set(err, result, SDKC_NO_OFFSET, "%s: path too long", s->o->out_dir);
    if (stat(path, &st) != 0)
        return SDKC_OK;
    if ((result = sdkc_json_parse_file(path, NULL, &root, err)))
        return result;
    if (!cJSON_IsArray(sdkc_json_get(root, "runs")) ||
        !cJSON_IsArray(sdkc_json_get(root, "findings"))) {
        cJSON_Delete(root);
        return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                              "%s: $: not a fuzz-client summary (wanted \"runs\" and "
                              "\"findings\" arrays)",
                              path);
    }
    s->prev_runs = cJSON_DetachItemFromObjectCaseSensitive(root, "runs");
    cJSON_ArrayForEach(it, sdkc_json_get(root, "findings"))
    {
        const cJSON *file = sdkc_json_get(it, "file"), *hits = sdkc_json_get(it, "hits"),
                    *impl = sdkc_json_get(it, "impl"), *sig = sdkc_json_get(it, "signature"),
                    *kind = sdkc_json_get(it, "kind"), *mut = sdkc_json_get(it, "mutation");
        struct s_finding *f;
        size_t k;
        if (!cJSON_IsString(file) || strchr(file->valuestring, '/') ||
            !(f = s_add_finding(s, file->valuestring)))
            continue;
        f->hits_before =
            cJSON_IsNumber(hits) && hits->valuedouble > 0 ? (uint64_t)hits->valuedouble : 0;
        f->impl_name = sdkc_strdup(cJSON_IsString(impl) ? impl->valuestring : "?");
        f->signature = sdkc_strdup(cJSON_IsString(sig) ? sig->valuestring : "");
        f->mutation = sdkc_strdup(cJSON_IsString(mut) ? mut->valuestring : "");
        for (k = 0; k < S_KIND_COUNT; k++)
            if (cJSON_IsString(kind) && strcmp(kind->valuestring, s_kind_names[k]) == 0)
                f->kind = (enum s_kind)k;
        {
            static const char *const levels[] = {"MUST", "SHOULD", "MAY"};
            const char *lv = cJSON_GetStringValue(sdkc_json_get(it, "level"));
            for (k = 0; k < 3; k++)
                if (lv && strcmp(lv, levels[k]) == 0)
                    f->level = levels[k];
        }
    }
    cJSON_Delete(root);
    return SDKC_OK;
}

static void s_html_text(struct sdkc_buf *b, const char *t)
{
    struct sdkc_buf clean;
    size_t i;
    sdkc_buf_init(&clean, 0);
    (void)sdkc_report_scrub(&clean, t ? t : "", t ? strlen(t) : 0);
    for (i = 0; i < clean.len; i++) {
        char c = clean.data[i];
        if (c == '<')
            (void)sdkc_buf_append_str(b, "&lt;");
        else if (c == '>')
            (void)sdkc_buf_append_str(b, "&gt;");
        else if (c == '&')
            (void)sdkc_buf_append_str(b, "&amp;");
        else if (c == '"')
            (void)sdkc_buf_append_str(b, "&quot;");
        else
            (void)sdkc_buf_append_byte(b, c);
    }
    sdkc_buf_clean_up(&clean);
}

static double s_num(const cJSON *o, const char *k)
{
    const cJSON *v = sdkc_json_get(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

/* summary.html from the summary tree: findings per implementation, then
 * the runs over time. Self-contained (inline style, no script). */
static sdkc_result s_summary_html(const char *path, const cJSON *sum, struct sdkc_error *err)
{
    struct sdkc_buf b;
    const cJSON *it, *imp;
    sdkc_result result;
    sdkc_buf_init(&b, 0);
    (void)sdkc_buf_append_str(
        &b,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>sdkconform fuzz-client"
        "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:"
        "collapse}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;"
        "vertical-align:top}.MUST{color:#b00;font-weight:bold}.MAY{color:#666}code{font-size:90%}"
        "</style></head><body>\n<h1>sdkconform fuzz-client</h1>\n");
    if (cJSON_IsTrue(sdkc_json_get(sdkc_json_get(sum, "last"), "partial")))
        (void)sdkc_buf_append_str(&b, "<p><b>The last run was interrupted: partial.</b></p>\n");
    (void)sdkc_buf_append_str(&b, "<h2>Findings per implementation</h2>\n<table><tr><th>"
                                  "implementation</th><th>kind</th><th>level</th><th>vector</th>"
                                  "<th>mutation</th><th>hits</th><th>signature</th></tr>\n");
    cJSON_ArrayForEach(it, sdkc_json_get(sum, "findings"))
    {
        const cJSON *lv = sdkc_json_get(it, "level");
        const char *level = cJSON_IsString(lv) ? lv->valuestring : "";
        (void)sdkc_buf_append_str(&b, "<tr><td>");
        s_html_text(&b, cJSON_GetStringValue(sdkc_json_get(it, "impl")));
        (void)sdkc_buf_append_str(&b, "</td><td>");
        s_html_text(&b, cJSON_GetStringValue(sdkc_json_get(it, "kind")));
        level = strcmp(level, "MUST") == 0 || strcmp(level, "MAY") == 0 ? level : "SHOULD";
        (void)sdkc_buf_appendf(&b, "</td><td class=\"%s\">%s</td><td><code>findings/", level,
                               level);
        s_html_text(&b, cJSON_GetStringValue(sdkc_json_get(it, "file")));
        (void)sdkc_buf_append_str(&b, "</code></td><td>");
        s_html_text(&b, cJSON_GetStringValue(sdkc_json_get(it, "mutation")));
        (void)sdkc_buf_appendf(&b, "</td><td>%.0f</td><td><code>", s_num(it, "hits"));
        s_html_text(&b, cJSON_GetStringValue(sdkc_json_get(it, "signature")));
        (void)sdkc_buf_append_str(&b, "</code></td></tr>\n");
    }
    (void)sdkc_buf_append_str(&b, "</table>\n<h2>Runs</h2>\n<table><tr><th>started</th><th>seed"
                                  "</th><th>inputs</th><th>implementation</th><th>execs</th>"
                                  "<th>execs/s</th><th>share in the client</th><th>new findings"
                                  "</th><th>partial</th></tr>\n");
    cJSON_ArrayForEach(it, sdkc_json_get(sum, "runs")){cJSON_ArrayForEach(
        imp, sdkc_json_get(it, "impls")){(void)sdkc_buf_append_str(&b, "<tr><td>");
    s_html_text(&b, cJSON_GetStringValue(sdkc_json_get(it, "started")));
    (void)sdkc_buf_appendf(&b, "</td><td>%.0f</td><td>%.0f</td><td>", s_num(it, "seed"),
                           s_num(it, "inputs"));
    s_html_text(&b, cJSON_GetStringValue(sdkc_json_get(imp, "name")));
    (void)sdkc_buf_appendf(&b,
                           "</td><td>%.0f</td><td>%.1f</td><td>%.1f%%</td><td>%.0f</td>"
                           "<td>%s</td></tr>\n",
                           s_num(imp, "execs"), s_num(imp, "execs_per_s"),
                           100.0 * s_num(imp, "client_share"), s_num(imp, "findings_new"),
                           cJSON_IsTrue(sdkc_json_get(it, "partial")) ? "yes" : "no");
}
}
(void)sdkc_buf_append_str(&b, "</table>\n</body></html>\n");
result = sdkc_write_file_atomic(path, b.data, b.len, err);
sdkc_buf_clean_up(&b);
return result;
}

static sdkc_result s_summary_write(struct s_state *s, struct sdkc_error *err)
{
    struct sdkc_fuzz_client_outcome *out = s->out;
    cJSON *sum = cJSON_CreateObject(), *runs, *run, *impls, *fs, *cmd;
    char path[PATH_MAX];
    size_t i, kept;
    int k;
    sdkc_result result = SDKC_OK;

    if (!sum)
        return SDKC_ERR_NOMEM;
    cJSON_AddStringToObject(sum, "tool", "sdkconform fuzz-client");
    run = cJSON_CreateObject();
    runs = cJSON_AddArrayToObject(sum, "runs");
    if (!run || !runs) {
        cJSON_Delete(run);
        result = SDKC_ERR_NOMEM;
        goto done;
    }
    /* Earlier runs first (the most recent SDKC_FUZZ_CLIENT_MAX_RUNS_KEPT). */
    kept = s->prev_runs ? (size_t)cJSON_GetArraySize(s->prev_runs) : 0;
    while (s->prev_runs && kept >= SDKC_FUZZ_CLIENT_MAX_RUNS_KEPT) {
        cJSON_DeleteItemFromArray(s->prev_runs, 0);
        kept--;
    }
    while (s->prev_runs && s->prev_runs->child) {
        cJSON *r0 = cJSON_DetachItemFromArray(s->prev_runs, 0);
        cJSON_AddItemToArray(runs, r0);
    }
    cJSON_AddStringToObject(run, "started", s->started);
    cJSON_AddNumberToObject(run, "seed", (double)s->o->seed);
    cmd = cJSON_AddArrayToObject(run, "command");
    for (k = 0; cmd && k < s->o->argc; k++)
        cJSON_AddItemToArray(cmd, cJSON_CreateString(s->o->argv[k]));
    cJSON_AddNumberToObject(run, "inputs", (double)out->inputs);
    cJSON_AddNumberToObject(run, "unservable", (double)out->unservable);
    cJSON_AddNumberToObject(run, "lost", (double)out->lost);
    cJSON_AddNumberToObject(run, "wall_ms", out->wall_ms);
    cJSON_AddNumberToObject(run, "loop_ms", out->loop_ms);
    cJSON_AddNumberToObject(run, "jobs", s->o->jobs > 1 ? s->o->jobs : 1);
    {
        /* What the harness added over the clients' own call time, when
         * they ran one after the other: (loop - calls) / calls. */
        double calls_ms = 0;
        for (i = 0; i < out->impl_count; i++)
            calls_ms += out->impls[i].call_ms;
        cJSON_AddNumberToObject(
            run, "harness_overhead",
            calls_ms > 0 && s->o->jobs <= 1 ? (out->loop_ms - calls_ms) / calls_ms : 0);
    }
    cJSON_AddNumberToObject(run, "oracle_ms", out->oracle_ms);
    cJSON_AddNumberToObject(run, "corpus", (double)out->corpus_size);
    cJSON_AddNumberToObject(run, "signatures", (double)out->signatures);
    cJSON_AddBoolToObject(run, "partial", out->partial);
    cJSON_AddNumberToObject(run, "exit", out->exit_code);
    impls = cJSON_AddArrayToObject(run, "impls");
    for (i = 0; impls && i < out->impl_count; i++) {
        const struct sdkc_fuzz_client_impl_stats *st = &out->impls[i];
        cJSON *o = cJSON_CreateObject();
        double secs = out->loop_ms / 1000.0;
        if (!o)
            break;
        cJSON_AddStringToObject(o, "name", st->name);
        cJSON_AddNumberToObject(o, "execs", (double)st->execs);
        cJSON_AddNumberToObject(o, "minimize_calls", (double)st->min_calls);
        cJSON_AddNumberToObject(o, "recreated", (double)st->recreated);
        cJSON_AddNumberToObject(o, "call_ms", st->call_ms);
        cJSON_AddNumberToObject(o, "execs_per_s", secs > 0 ? (double)st->execs / secs : 0);
        /* The share of the fuzz loop's wall time spent inside this
         * client's calls (fuzz inputs and minimizing); with one
         * implementation, 1 / share - 1 is what the harness (mutation,
         * oracle, judging, files) adds over the client's own time. */
        cJSON_AddNumberToObject(o, "client_share",
                                out->loop_ms > 0 ? st->call_ms / out->loop_ms : 0);
        cJSON_AddNumberToObject(o, "findings_new", (double)st->findings_new);
        cJSON_AddNumberToObject(o, "findings_hit", (double)st->findings_hit);
        cJSON_AddItemToArray(impls, o);
    }
    cJSON_AddItemToArray(runs, run);
    fs = cJSON_AddArrayToObject(sum, "findings");
    for (i = 0; fs && i < s->finding_count; i++) {
        const struct s_finding *f = &s->findings[i];
        cJSON *o = cJSON_CreateObject();
        if (!o)
            break;
        cJSON_AddStringToObject(o, "file", f->file);
        cJSON_AddStringToObject(o, "impl", f->impl_name ? f->impl_name : "?");
        cJSON_AddStringToObject(o, "kind", s_kind_names[f->kind]);
        cJSON_AddStringToObject(o, "level", f->level ? f->level : "SHOULD");
        cJSON_AddStringToObject(o, "mutation", f->mutation ? f->mutation : "");
        cJSON_AddStringToObject(o, "signature", f->signature ? f->signature : "");
        cJSON_AddNumberToObject(o, "hits", (double)(f->hits_before + f->hits));
        cJSON_AddNumberToObject(o, "hits_last_run", (double)f->hits);
        cJSON_AddBoolToObject(o, "new_last_run", f->is_new);
        cJSON_AddItemToArray(fs, o);
    }
    cJSON_AddItemReferenceToObject(sum, "last", run);
    if ((result = s_path(path, sizeof(path), s->o->out_dir, "summary.html", NULL)) ||
        (result = s_summary_html(path, sum, err)))
        goto done;
    cJSON_DeleteItemFromObjectCaseSensitive(sum, "last");
    if ((result = s_path(path, sizeof(path), s->o->out_dir, "summary.json", NULL)))
        goto done;
    result = s_write_json(path, sum, err);
done:
    cJSON_Delete(sum);
    return result;
}

/* MARK: - the loop */

/* One implementation's call on one input, possibly on a thread of its own
 * (--jobs): each implementation is serial (one process) but independent
 * of the others, and s_call only reads the state. */
struct s_job {
    const struct s_state *s;
    size_t ii;
    uint64_t seq;
    const struct sdkc_http_response *resp;
    struct sdkc_impl_result r; /* initialised and cleaned up by the caller */
    sdkc_result result;
    struct sdkc_error err;
    double ms;
};

static void *s_job_run(void *p)
{
    struct s_job *jb = p;
    jb->result = s_call(jb->s, jb->s->impls[jb->ii], jb->seq, jb->resp, &jb->r, &jb->ms, &jb->err);
    return NULL;
}

/* Every implementation's call on resp, --jobs at a time. */
static sdkc_result s_calls(struct s_state *s, const struct sdkc_http_response *resp,
                           struct s_job *jobs)
{
    pthread_t th[SDKC_RUNNER_MAX_IMPLS];
    int started[SDKC_RUNNER_MAX_IMPLS];
    size_t i, from, width = s->o->jobs > 1 ? s->o->jobs : 1;
    uint64_t seq = ++s->call_seq;
    for (i = 0; i < s->n_impls; i++) {
        jobs[i].s = s;
        jobs[i].ii = i;
        jobs[i].seq = seq;
        jobs[i].resp = resp;
        jobs[i].result = SDKC_OK;
        jobs[i].ms = 0;
        sdkc_error_init(&jobs[i].err);
    }
    for (from = 0; from < s->n_impls; from += width) {
        size_t to = from + width < s->n_impls ? from + width : s->n_impls;
        for (i = from; i < to; i++) {
            /* The last of a batch runs here; a thread that cannot start
             * runs here too. */
            started[i] = i + 1 < to && pthread_create(&th[i], NULL, s_job_run, &jobs[i]) == 0;
            if (!started[i])
                (void)s_job_run(&jobs[i]);
        }
        for (i = from; i < to; i++)
            if (started[i])
                pthread_join(th[i], NULL);
    }
    for (i = 0; i < s->n_impls; i++)
        s->out->impls[i].call_ms += jobs[i].ms;
    return SDKC_OK;
}

/* One input: mutate a corpus entry, run the oracle and every
 * implementation, keep new behaviours, record findings. */
static sdkc_result s_one(struct s_state *s, uint64_t *rng, struct sdkc_error *err)
{
    struct sdkc_http_response a, b;
    struct s_judged j[SDKC_RUNNER_MAX_IMPLS];
    struct s_job calls[SDKC_RUNNER_MAX_IMPLS];
    enum sdkc_mutate_class mc = SDKC_MUTATE_BYTES;
    cJSON *odoc = NULL, *vobj = NULL;
    uint64_t h;
    size_t i, stack = 1 + (size_t)(sdkc_mutate_rand(rng) % SDKC_FUZZ_CLIENT_MAX_STACK);
    sdkc_result result;

    sdkc_http_response_init(&a);
    sdkc_http_response_init(&b);
    for (i = 0; i < SDKC_RUNNER_MAX_IMPLS; i++)
        sdkc_impl_result_init(&calls[i].r);
    if ((result = sdkc_mutate_copy(&s->corpus[sdkc_mutate_rand(rng) % s->corpus_count].resp, &a)))
        goto done;
    for (i = 0; i < stack; i++) {
        enum sdkc_mutate_class one;
        if ((result = sdkc_mutate_response(s->o->spec, s->op, &a, sdkc_mutate_rand(rng),
                                           SDKC_MUTATE_CLASS_COUNT, &b, &one, err)) ||
            (result = sdkc_mutate_copy(&b, &a)))
            goto done;
        if (i == 0)
            mc = one; /* the first one names the finding's mutation */
    }
    s->out->inputs++;
    if ((result = s_oracle(s, &a, &odoc, &vobj, err)))
        goto done;
    h = s_shape_hash(odoc, 14695981039346656037ULL, 0);
    if ((result = s_calls(s, &a, calls)))
        goto done;
    for (i = 0; i < s->n_impls; i++) {
        if (calls[i].result) {
            /* The implementation's own endpoint could not serve this
             * response (server.c: a header libmicrohttpd refuses): the
             * input never reached the client, so it is dropped, not a
             * verdict. Anything else broke the implementation. */
            if (calls[i].result == SDKC_ERR_INVALID_ARG && s->impls[i]->serial) {
                s->out->unservable++;
                goto done;
            }
            if (err)
                *err = calls[i].err;
            result = s->impls[i]->serial ? s_recreate(s, i, calls[i].result, err) : calls[i].result;
            if (!result)
                s->out->lost++; /* the input, not the run */
            goto done;
        }
    }
    for (i = 0; i < s->n_impls && !s_stopped(s); i++) {
        s->out->impls[i].execs++;
        if ((result = s_judge(s, i, odoc, vobj, &calls[i].r, &j[i], err)))
            goto done;
        if (j[i].skipped)
            continue;
        h = sdkc_fnv1a64(j[i].sclass, strlen(j[i].sclass), h);
        h = sdkc_fnv1a64(&j[i].kind, sizeof(j[i].kind), h);
        h = sdkc_hash_mix64(h ^ j[i].hash);
        if (j[i].kind != S_AGREE && (result = s_finding(s, i, &j[i], &a, mc, err)))
            goto done;
    }
    if (!s_stopped(s) && s_seen_new(s, h) && s->corpus_count < SDKC_FUZZ_CLIENT_MAX_CORPUS) {
        if ((result = s_corpus_add(s, &a)) || (result = s_corpus_save(s, &a, odoc, h, err)))
            goto done;
        s->corpus_total++;
    }
done:
    for (i = 0; i < SDKC_RUNNER_MAX_IMPLS; i++)
        sdkc_impl_result_clean_up(&calls[i].r);
    sdkc_http_response_clean_up(&a);
    sdkc_http_response_clean_up(&b);
    cJSON_Delete(odoc);
    cJSON_Delete(vobj);
    return result;
}

/* The operations asked for, into ops (at most SDKC_FUZZ_CLIENT_MAX_OPERATIONS). */
static sdkc_result s_operations(struct s_state *s, const struct sdkc_operation **ops, size_t *n,
                                struct sdkc_error *err)
{
    const struct sdkc_spec *spec = s->o->spec;
    size_t i;
    *n = 0;
    if (s->o->all || s->o->operation_count == 0) {
        for (i = 0; i < spec->operation_count && *n < SDKC_FUZZ_CLIENT_MAX_OPERATIONS; i++) {
            if (!s->o->all && *n == 1)
                break;
            if (!sdkc_gen_safe_name(spec->operations[i].name))
                continue; /* it names a folder under OUT/corpus */
            ops[(*n)++] = &spec->operations[i];
        }
    } else {
        for (i = 0; i < s->o->operation_count && *n < SDKC_FUZZ_CLIENT_MAX_OPERATIONS; i++) {
            const struct sdkc_operation *op = sdkc_spec_find_operation(spec, s->o->operations[i]);
            if (!op)
                return sdkc_error_set(err, SDKC_ERR_NOT_FOUND, SDKC_NO_OFFSET,
                                      "--operation %s: no such operation in %s",
                                      s->o->operations[i],
                                      spec->source ? spec->source : "the spec");
            if (!sdkc_gen_safe_name(op->name))
                return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                      "--operation %s: not usable as a folder name",
                                      s->o->operations[i]);
            ops[(*n)++] = op;
        }
    }
    if (*n == 0)
        return sdkc_error_set(err, SDKC_ERR_NOT_FOUND, SDKC_NO_OFFSET,
                              "%s has no operation to fuzz",
                              spec->source ? spec->source : "the spec");
    return SDKC_OK;
}

static sdkc_result s_start(struct s_state *s, struct sdkc_error *err)
{
    struct sdkc_builtin_options bo;
    size_t i;
    sdkc_result result;

    memset(&bo, 0, sizeof(bo));
    bo.uuid = SDKC_BUILTIN_UUID_FIXED;
    if ((result = sdkc_impl_builtin_new(s->o->spec, &bo, &s->oracle, err)))
        return result;
    memset(&s->setup, 0, sizeof(s->setup));
    s->setup.spec = s->o->spec;
    s->setup.uuid = SDKC_BUILTIN_UUID_FIXED;
    s->setup.creds = &s->creds;
    s->setup.stop = s->o->stop;
    s->setup.timeout_ms = s->o->timeout_ms ? s->o->timeout_ms : SDKC_FUZZ_CLIENT_TIMEOUT_MS;
    for (i = 0; i < s->o->impl_count; i++) {
        const struct sdkc_replay_impl *ia = &s->o->impls[i];
        struct sdkc_impl *impl = NULL;
        if ((result = sdkc_replay_impl_new(&s->setup, ia, &impl, err))) {
            sdkc_error_prefix(err, "%s: ", ia->name ? ia->name : ia->label ? ia->label : ia->cmd);
            return result;
        }
        s->impls[s->n_impls++] = impl;
        if (!impl->name) {
            char *nm = sdkc_strdup(ia->label ? ia->label : "adapter");
            if (!nm)
                return SDKC_ERR_NOMEM;
            impl->name = nm;
        }
        snprintf(s->out->impls[i].name, sizeof(s->out->impls[i].name), "%s", impl->name);
    }
    s->out->impl_count = s->n_impls;
    return SDKC_OK;
}

sdkc_result sdkc_fuzz_client_run(const struct sdkc_fuzz_client_options *o,
                                 struct sdkc_fuzz_client_outcome *out, struct sdkc_error *err)
{
    struct s_state st, *s = &st;
    const struct sdkc_operation **ops = NULL;
    char path[PATH_MAX];
    size_t n_ops = 0, k, i;
    double deadline = 0, next_note, t_loop = 0;
    uint64_t rng;
    time_t now = time(NULL);
    struct tm tmv;
    struct sdkc_error e;
    sdkc_result result = SDKC_OK;

    memset(out, 0, sizeof(*out));
    memset(s, 0, sizeof(*s));
    sdkc_error_init(&e);
    s->o = o;
    s->out = out;
    s->t0 = sdkc_clock_ms_f();
    sdkc_credentials_init(&s->creds);
    out->exit_code = SDKC_FUZZ_CLIENT_EXIT_USAGE;
    if (!o->spec || !o->out_dir || !*o->out_dir || o->impl_count == 0 ||
        o->impl_count > SDKC_RUNNER_MAX_IMPLS || (o->runs == 0 && o->time_s <= 0) ||
        o->runs > SDKC_FUZZ_CLIENT_MAX_RUNS || o->time_s > SDKC_FUZZ_CLIENT_MAX_TIME_S ||
        o->jobs > SDKC_RUNNER_MAX_JOBS) {
        result = sdkc_error_set(&e, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                "need a spec, --out DIR, 1..%d implementations and --runs N "
                                "or --time T",
                                SDKC_RUNNER_MAX_IMPLS);
        goto fail;
    }
    gmtime_r(&now, &tmv);
    strftime(s->started, sizeof(s->started), "%Y-%m-%dT%H:%M:%SZ", &tmv);
    ops = sdkc_calloc(SDKC_FUZZ_CLIENT_MAX_OPERATIONS, sizeof(*ops));
    s->corpus = sdkc_calloc(SDKC_FUZZ_CLIENT_MAX_CORPUS, sizeof(*s->corpus));
    s->seen = sdkc_calloc(SDKC_FUZZ_CLIENT_MAX_BEHAVIOURS, sizeof(*s->seen));
    s->findings = sdkc_calloc(SDKC_FUZZ_CLIENT_MAX_FINDINGS, sizeof(*s->findings));
    if (!ops || !s->corpus || !s->seen || !s->findings) {
        result = sdkc_error_set(&e, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        goto fail;
    }
    if ((result = s_operations(s, ops, &n_ops, &e)))
        goto fail;
    if ((result = s_path(path, sizeof(path), o->out_dir, "findings", NULL)) ||
        (result = sdkc_mkdirs(path, &e)) || (result = sdkc_dir_check_writable(o->out_dir, &e)))
        goto fail;
    if ((result = s_summary_load(s, &e)) || (result = s_seen_load(s, &e)))
        goto fail;
    if ((result = sdkc_credentials_set(&s->creds, SDKC_ADAPTER_DEFAULT_ACCESS_KEY,
                                       SDKC_ADAPTER_DEFAULT_SECRET_KEY,
                                       SDKC_REPLAY_TEST_SESSION_TOKEN, &e)))
        goto fail;
    sdkc_report_scrub_set_credentials(&s->creds);
    if ((result = s_start(s, &e))) {
        out->exit_code = result == SDKC_ERR_INTERRUPTED ? SDKC_FUZZ_CLIENT_EXIT_STOPPED
                                                        : SDKC_FUZZ_CLIENT_EXIT_IMPL;
        sdkc_report_say(s->o->err_out, "fuzz-client", "%s\n", e.msg);
        goto stop;
    }
    t_loop = sdkc_clock_ms_f();
    if (o->time_s > 0)
        deadline = s->t0 + o->time_s * 1000.0;
    next_note = s->t0 + S_PROGRESS_S * 1000.0;
    for (k = 0; k < n_ops && !s_stopped(s); k++) {
        uint64_t n;
        double op_deadline =
            deadline > 0 ? s->t0 + o->time_s * 1000.0 * (double)(k + 1) / (double)n_ops : 0;
        s->op = ops[k];
        if ((result = s_seeds(s, &e)) || (result = s_corpus_load(s, &e))) {
            out->exit_code =
                result == SDKC_ERR_NOMEM ? SDKC_FUZZ_CLIENT_EXIT_IMPL : SDKC_FUZZ_CLIENT_EXIT_USAGE;
            sdkc_report_say(s->o->err_out, "fuzz-client", "%s: %s\n", s->op->name, e.msg);
            s_corpus_clear(s);
            goto stop;
        }
        /* The run's seed, mixed with the operation's name: operations are
         * fuzzed independently, and reproducibly one at a time. */
        rng = sdkc_hash_mix64(o->seed ^ sdkc_fnv1a64_str(s->op->name));
        for (n = 0; (o->runs == 0 || n < o->runs) && !s_stopped(s); n++) {
            if (op_deadline > 0 && sdkc_clock_ms_f() >= op_deadline)
                break;
            if ((result = s_one(s, &rng, &e))) {
                if (result == SDKC_ERR_INTERRUPTED || s_stopped(s))
                    break;
                out->exit_code = SDKC_FUZZ_CLIENT_EXIT_IMPL;
                sdkc_report_say(s->o->err_out, "fuzz-client", "%s\n", e.msg);
                out->corpus_size += s->corpus_count;
                s_corpus_clear(s);
                goto stop;
            }
            if (o->out && sdkc_clock_ms_f() >= next_note) {
                double secs = (sdkc_clock_ms_f() - s->t0) / 1000.0;
                next_note = sdkc_clock_ms_f() + S_PROGRESS_S * 1000.0;
                fprintf(
                    o->out, "fuzz-client: %s: %llu inputs, %.1f/s, corpus %zu, %zu signatures\n",
                    s->op->name, (unsigned long long)out->inputs,
                    secs > 0 ? (double)out->inputs / secs : 0.0, s->corpus_count, out->signatures);
                fflush(o->out);
            }
        }
        out->corpus_size += s->corpus_count;
        s_corpus_clear(s);
    }
    out->exit_code = out->signatures ? SDKC_FUZZ_CLIENT_EXIT_FINDINGS : SDKC_FUZZ_CLIENT_EXIT_OK;
stop:
    if (t_loop > 0)
        out->loop_ms = sdkc_clock_ms_f() - t_loop;
    if (s_stopped(s)) {
        out->partial = 1;
        out->exit_code = SDKC_FUZZ_CLIENT_EXIT_STOPPED;
    }
    /* Stop the clients first: their exit is part of the run's time. */
    for (i = 0; i < s->n_impls; i++)
        sdkc_impl_destroy(s->impls[i]);
    s->n_impls = 0;
    out->wall_ms = sdkc_clock_ms_f() - s->t0;
    {
        sdkc_result wr = s_seen_save(s, &e);
        if (!wr)
            wr = s_summary_write(s, &e);
        if (wr) {
            sdkc_report_say(s->o->err_out, "fuzz-client", "cannot write the summary in %s: %s\n",
                            o->out_dir, e.msg);
            if (!result)
                result = wr;
            if (out->exit_code < SDKC_FUZZ_CLIENT_EXIT_USAGE)
                out->exit_code = SDKC_FUZZ_CLIENT_EXIT_USAGE;
        }
    }
    if (o->out) {
        fprintf(o->out, "fuzz-client: %llu inputs in %.1f s%s; %zu finding signatures",
                (unsigned long long)out->inputs, out->wall_ms / 1000.0,
                out->partial ? " (interrupted: partial)" : "", out->signatures);
        for (i = 0; i < out->impl_count; i++)
            fprintf(o->out, "; %s: %llu calls, %.1f/s, %llu new", out->impls[i].name,
                    (unsigned long long)out->impls[i].execs,
                    out->loop_ms > 0 ? 1000.0 * (double)out->impls[i].execs / out->loop_ms : 0.0,
                    (unsigned long long)out->impls[i].findings_new);
        fprintf(o->out, "\nfuzz-client: summary in %s/summary.json and summary.html\n", o->out_dir);
    }
    goto done;
fail:
    sdkc_report_say(s->o->err_out, "fuzz-client", "%s\n", e.msg);
done:
    if (err && result)
        *err = e;
    sdkc_impl_destroy(s->oracle);
    for (i = 0; i < s->n_impls; i++)
        sdkc_impl_destroy(s->impls[i]);
    s_corpus_clear(s);
    for (i = 0; s->findings && i < s->finding_count; i++) {
        sdkc_free(s->findings[i].impl_name);
        sdkc_free(s->findings[i].signature);
        sdkc_free(s->findings[i].mutation);
    }
    sdkc_free(s->findings);
    sdkc_free(s->seen);
    sdkc_free(s->corpus);
    sdkc_free(ops);
    cJSON_Delete(s->prev_runs);
    sdkc_report_scrub_set_credentials(NULL); /* before the credentials go */
    sdkc_credentials_clean_up(&s->creds);
    return result;
}
