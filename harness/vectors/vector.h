/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/vector.h: conformance vectors (docs/DESIGN.md; format documented in
 * corpus/README.md): loading, validation, matchers and the pure checkers the
 * runner uses. This layer never runs a client.
 *
 * A vector file is
 *   - `*.json`: one vector object, or {"vectors": [vector, ...]};
 *   - `*.jsonl`: one vector object per line (blank lines allowed), for huge
 *     generated corpora.
 * Folders are walked recursively; files are visited in byte-wise sorted
 * path order so that every run, shard and report sees the same order.
 *
 * Streaming: the reader holds one file's tree (a .json file) or one line
 * (.jsonl) at a time, plus a compact duplicate-id table (a 64-bit hash per
 * id seen in a core/hash.h digest set, about 16 bytes per vector), so replay memory does
 * not grow with the corpus beyond that.
 *
 * Every load error names the file and the JSON path, e.g.
 *   corpus/vectors/x.json: $.vectors[3].response.status: expected an integer
 *   big.jsonl:17: $.level: expected "MUST", "SHOULD" or "MAY"
 * and the CLI turns it into exit 2.
 *
 * Ownership: a struct sdkc_vector owns its cJSON tree, its file name and its
 * decoded response; every `const` pointer in it points into those and lives
 * until sdkc_vector_destroy().
 */
#ifndef SDKC_VECTORS_VECTOR_H
#define SDKC_VECTORS_VECTOR_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "http/http.h"
#include "core/base64.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"

/* ---- caps on what vector files may contain (house style 7) ---------------- */
#define SDKC_VECTOR_MAX_FILE_BYTES ((size_t)64 * 1024 * 1024) /* one .json file */
#define SDKC_VECTOR_MAX_LINE_BYTES ((size_t)16 * 1024 * 1024) /* one .jsonl line */
#define SDKC_VECTOR_MAX_DEPTH      128      /* JSON nesting inside one vector file */
#define SDKC_VECTOR_MAX_FILES      1000000  /* files under all given paths */
#define SDKC_VECTOR_MAX_DIR_DEPTH  32       /* folder recursion */
#define SDKC_VECTOR_MAX_ID_LEN     256      /* bytes of an id */
#define SDKC_VECTOR_MAX_LIST       64       /* entries of refs / tags / header lists */
#define SDKC_VECTOR_MAX_ANYOF      16       /* alternatives of an anyOf */
#define SDKC_VECTOR_MAX_VECTORS    10000000 /* vectors in one run (duplicate table) */
#define SDKC_VECTOR_MAX_REGEX_LEN  1024     /* bytes of a regex matcher pattern */
#define SDKC_VECTOR_MAX_REGEXES    256      /* regex matchers in one vector */
#define SDKC_VECTOR_REGEX_MAX_NEST 32       /* nested parentheses in a pattern */
/* One match of a regex matcher (PCRE2 limits): backtracking steps, nested
 * backtracking depth, and heap for backtracking frames. A match that hits
 * one fails, saying which; (.*)(.*)(.*)(.*)(.*)\5\4\3\2\1x against 80
 * characters stops after about 30 ms. */
#define SDKC_VECTOR_REGEX_MATCH_LIMIT 1000000
#define SDKC_VECTOR_REGEX_DEPTH_LIMIT 10000
#define SDKC_VECTOR_REGEX_HEAP_KIB    16384
#define SDKC_VECTOR_MAX_MODELS        100000           /* model files bound to folders in one run */
#define SDKC_VECTOR_MODEL_FILE        "service-2.json" /* binds the vectors beneath its folder */
#define SDKC_VECTOR_MODEL_FILE_GZ     "service-2.json.gz"

enum sdkc_vector_level {
    SDKC_LEVEL_MUST = 0, /* Smithy/RFC normative MUST: failures gate (exit 1) */
    SDKC_LEVEL_SHOULD = 1,
    SDKC_LEVEL_MAY = 2
};

/* "MUST" / "SHOULD" / "MAY". */
const char *sdkc_vector_level_name(enum sdkc_vector_level level);
/* Case-insensitive "must"/"should"/"may"; SDKC_ERR_INVALID_ARG otherwise. */
sdkc_result sdkc_vector_level_parse(const char *s, enum sdkc_vector_level *out);

/* Header expectations of a request: {"required":[..], "forbidden":[..],
 * "equal":{name: value or matcher}}; names compare case-insensitively
 * (RFC 9110 §5.1). Each pointer is NULL when the key is absent. */
struct sdkc_vector_header_expect {
    const cJSON *required;  /* array of strings */
    const cJSON *forbidden; /* array of strings */
    const cJSON *equal;     /* object: name -> string or matcher */
};

/* The expected HTTP request (every member optional; absent = not checked). */
struct sdkc_vector_request_expect {
    const char *method; /* exact, e.g. "POST" */
    const char *path;   /* exact bytes, already percent-encoded, no query */
    const cJSON *query; /* object k -> string | [strings] | matcher: the whole
                           decoded query must equal it */
    struct sdkc_vector_header_expect headers;
    int has_body;          /* "body" key present */
    const cJSON *body;     /* JSON with matchers, or NULL when "body": null = no body */
    const char *host;      /* exact host the request goes to, or NULL */
    const char *raw_query; /* the query as sent: its '&'-separated pieces compared as
                              a multiset (Smithy queryParams: order does not matter),
                              "" = no query; NULL = not checked */
    /* Exact body bytes ("bodyText" or "bodyBase64"): for payloads that are
     * not JSON (blob, string and enum httpPayload members). Not together
     * with "body". raw_body is owned by the vector. */
    int has_raw_body;
    char *raw_body;
    size_t raw_body_len;
};

/* What a probe vector wants of the endpoint's answer (corpus/README.md
 * "probe"): an error (any code unless `status` pins the HTTP status) or a
 * success. An error code the model does not declare for the operation
 * (result document error.modeled false) fails at `undeclared` when set:
 * spec drift, usually below the vector's own level. */
enum sdkc_vector_probe_expect { SDKC_PROBE_EXPECT_ERROR = 0, SDKC_PROBE_EXPECT_SUCCESS };
enum sdkc_vector_signing {
    SDKC_SIGNING_AS_IS = 0,   /* signed as a client signs */
    SDKC_SIGNING_WRONG_DIGIT, /* "wrong-signature": one signature digit changed */
    SDKC_SIGNING_STALE        /* "stale-date": signed SDKC_VECTOR_STALE_S seconds ago */
};
#define SDKC_VECTOR_STALE_S 3600 /* past the 900 s skew AWS endpoints allow */
struct sdkc_vector_probe {
    enum sdkc_vector_probe_expect expect;
    int status; /* 0: any */
    int has_undeclared;
    enum sdkc_vector_level undeclared;
    enum sdkc_vector_signing signing;
};

/* "as-is", "wrong-signature", "stale-date". */
const char *sdkc_vector_signing_name(enum sdkc_vector_signing s);

struct sdkc_vector {
    cJSON *root;  /* owned: the vector object */
    char *file;   /* owned: the file it came from (as given/walked) */
    size_t index; /* position in the file: vectors[index], or line index (0-based) */
    size_t line;  /* .jsonl: 1-based line number; 0 otherwise */
    int in_array; /* .json: came from a {"vectors": [...]} file */
    /* owned: the model the vector is bound to (the service-2.json or
     * service-2.json.gz of the nearest folder holding one, see the reader),
     * or NULL: the run's --spec applies. */
    char *model;

    const char *id; /* stable, unique across a run */
    const char *title;
    enum sdkc_vector_level level;
    const cJSON *refs;    /* non-empty array of strings */
    const cJSON *tags;    /* non-empty array of strings */
    const char *category; /* tags[0]: the report category */
    const char *operation;
    /* The endpoint the client is configured with ("https://example.com/custom"),
     * or NULL for the implementation's own: host prefixes and an endpoint
     * path show in the request (Smithy RestJsonHostWithPath). */
    const char *endpoint;
    const cJSON *params; /* object (may be empty) */

    int has_request;
    struct sdkc_vector_request_expect request;

    int has_response;
    struct sdkc_http_response response; /* owned; body decoded from body/bodyBase64 */

    /* The expected result document (with matchers), or NULL. When the
     * vector has {"anyOf":[...]}, expect is NULL and any_of is the array. */
    const cJSON *expect;
    const cJSON *any_of;

    /* owned: the regex matchers' patterns, compiled once at load (NULL
     * when the vector has none). */
    struct sdkc_vector_regexes *regexes;

    /* A probe of a live endpoint ("probe" key; vectors/probe.h): no canned
     * response, the endpoint answers. NULL members when absent. */
    int has_probe;
    struct sdkc_vector_probe probe;
};

/* ---- building one vector ------------------------------------------------- */

/* Validate a parsed vector object and build a vector from it. Takes
 * ownership of `obj` in every case (it is freed on failure). `file` is copied;
 * `where` is the JSON-path prefix of obj inside its file ("$" or
 * "$.vectors[3]"); `line` is the .jsonl line (0 for none). Errors:
 * SDKC_ERR_PARSE with "file: $.path: reason" (or "file:line: $.path: ..."),
 * SDKC_ERR_NOMEM. */
sdkc_result sdkc_vector_from_json(cJSON *obj, const char *file, const char *where, size_t index,
                                  size_t line, struct sdkc_vector **out, struct sdkc_error *err);

/* Parse `len` bytes holding one vector object (strict JSON) and build it. */
sdkc_result sdkc_vector_parse(const char *data, size_t len, const char *file,
                              struct sdkc_vector **out, struct sdkc_error *err);

void sdkc_vector_destroy(struct sdkc_vector *v); /* accepts NULL */

/* Append where v (or its member `key`, NULL for the vector itself) is, in
 * the form load errors use: "file: $.vectors[3].operation",
 * "big.jsonl:17: $.operation", "file: $.operation". */
sdkc_result sdkc_vector_locate(const struct sdkc_vector *v, const char *key, struct sdkc_buf *b);

/* The canned response, or NULL when the vector has none. Owned by v. */
const struct sdkc_http_response *sdkc_vector_response(const struct sdkc_vector *v);

/* 1 when v carries tag (exact match). */
int sdkc_vector_has_tag(const struct sdkc_vector *v, const char *tag);

/* FNV-1a 64 (core/hash.h) of n bytes of an id: what the reader's
 * duplicate table records and what `sdkconform gen` appends, in hex, to an id
 * it must shorten to SDKC_VECTOR_MAX_ID_LEN, so shortened ids stay stable
 * across runs and machines. */
uint64_t sdkc_vector_id_hash(const char *s, size_t n);

/* ---- the streaming reader ----------------------------------------------- */

struct sdkc_vector_reader;

struct sdkc_vector_reader_options {
    /* Skip the cross-file duplicate-id check (it costs ~16 bytes per
     * vector). Off by default: a duplicate id is a load error. */
    int no_duplicate_check;
};

/* Collect the files under `paths` (files taken as given, whatever their
 * suffix; folders walked for *.json and *.jsonl, sorted). Nothing is parsed
 * yet. A missing path is SDKC_ERR_NOT_FOUND naming it. opts may be NULL.
 *
 * Models in the corpus: a folder holding `service-2.json` (or
 * `service-2.json.gz`, the botocore layout) binds every vector file beneath
 * it to that model (v->model; the nearest such folder wins), so one corpus
 * can hold many services, e.g. one folder per protocol-test suite. The
 * model file itself is never read as vectors. For a path given by name the
 * folders named above it in the path count too ("suite/sub/x.json" is
 * bound by "suite/service-2.json"). */
sdkc_result sdkc_vector_reader_new(const char *const *paths, size_t n,
                                   const struct sdkc_vector_reader_options *opts,
                                   struct sdkc_vector_reader **out, struct sdkc_error *err);

/* The next vector (caller owns it: sdkc_vector_destroy). At the end:
 * SDKC_OK with *out NULL, on every later call too (core/error.h,
 * "Streams"). Errors: SDKC_ERR_PARSE /
 * SDKC_ERR_TOO_LARGE / SDKC_ERR_IO on a bad file (message names file and
 * JSON path), SDKC_ERR_NOMEM. A duplicate id is SDKC_ERR_PARSE naming both
 * files. After an error the reader is finished (every later call returns
 * the same code). */
sdkc_result sdkc_vector_reader_next(struct sdkc_vector_reader *r, struct sdkc_vector **out,
                                    struct sdkc_error *err);

/* Files found, and vectors returned so far. */
size_t sdkc_vector_reader_file_count(const struct sdkc_vector_reader *r);
const char *sdkc_vector_reader_file(const struct sdkc_vector_reader *r, size_t i);
size_t sdkc_vector_reader_vector_count(const struct sdkc_vector_reader *r);

void sdkc_vector_reader_destroy(struct sdkc_vector_reader *r); /* accepts NULL */

/* ---- matchers and checkers (pure: no I/O, no global state) --------------- */

/* Matchers, anywhere inside expected JSON (a body, a result document, a
 * header or query value):
 *   {"$match":"any"}                     anything present
 *   {"$match":"absent"}                  the member must not be there
 *   {"$match":"string"}                  any JSON string
 *   {"$match":"uuid4"}                   a lowercase hyphenated UUID v4 string
 *   {"$match":"regex","pattern":"^dzd_"} a string matching the PCRE2 pattern,
 *                                        anchored only where it anchors
 * Anything else with a "$match" key is a load error. */

/* Called with every value a uuid4 matcher accepted, so the runner can check
 * idempotency tokens differ between calls (Smithy idempotencyToken trait:
 * "a unique value per request"). */
typedef void (*sdkc_vector_token_fn)(void *ctx, const char *token);

struct sdkc_vector_check_options {
    sdkc_vector_token_fn on_token; /* may be NULL */
    void *token_ctx;
    /* Set both: the client called host_to (an authority, "127.0.0.1:8080")
     * where the vector's endpoint names host_from ("example.com"), so an
     * expected host that is host_from or ends in ".host_from" (a host
     * prefix in front of it) is wanted with host_to in its place. */
    const char *host_from, *host_to;
    size_t host_from_len, host_to_len;
};

/* The sdkc_json_matcher_fn for sdkc_json_compare(); ctx is a
 * `const struct sdkc_vector_check_options *` or NULL. Diffs read
 * "$.body.clientToken: wanted lowercase UUID v4, got \"abc\"". */
int sdkc_vector_matcher(void *ctx, const cJSON *want, const cJSON *got, struct sdkc_buf *why);

/* Validate the matchers inside `want` (known names, compilable regex):
 * SDKC_ERR_PARSE with "<path>: ..." in err when one is bad. */
sdkc_result sdkc_vector_matchers_validate(const cJSON *want, const char *path,
                                          struct sdkc_error *err);

/* Compare the request a client sent with v's request expectations: method,
 * path (exact bytes), query (decoded, as a whole), headers (required,
 * forbidden, equal), body (as JSON with matchers; "body": null = none).
 * Differences go to d (paths "$.method", "$.path", "$.query.k",
 * "$.headers.content-type", "$.body.x"); *ok = 1 when none. A vector
 * without request expectations gives *ok = 1. opts may be NULL. Returns
 * SDKC_OK or SDKC_ERR_NOMEM. */
sdkc_result sdkc_vector_check_request(const struct sdkc_vector *v,
                                      const struct sdkc_http_request *got,
                                      const struct sdkc_vector_check_options *opts,
                                      struct sdkc_json_diff *d, int *ok, struct sdkc_error *err);

/* Compare a result document with v's expectation. With anyOf, *ok = 1 when
 * any alternative matches; otherwise d receives the diff of the closest
 * alternative (fewest differences, first on a tie). A vector without an
 * expectation gives *ok = 1. doc may be NULL (no result: every expectation
 * fails). opts may be NULL. Returns SDKC_OK or SDKC_ERR_NOMEM. */
sdkc_result sdkc_vector_check_result(const struct sdkc_vector *v, const cJSON *doc,
                                     const struct sdkc_vector_check_options *opts,
                                     struct sdkc_json_diff *d, int *ok, struct sdkc_error *err);

/* Judge a result document against v's probe expectation. *ok = 0 when
 * the answer is not what the probe is due (a success where an error is
 * due, a client-side error, another status); *drift = 1 when it is an
 * error the model does not declare for the operation and v->probe asks
 * for that check (the caller fails it at v->probe.undeclared). why gets
 * one line saying what was wrong or, on a pass, what came back ("404
 * ResourceNotFoundException (declared)"). A vector without a probe gives
 * *ok = 1. Returns SDKC_OK or SDKC_ERR_NOMEM. */
sdkc_result sdkc_vector_check_probe(const struct sdkc_vector *v, const cJSON *doc,
                                    struct sdkc_buf *why, int *ok, int *drift);

/* Base64 lives in core/base64.h (included above). */

#endif
