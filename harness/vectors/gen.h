/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/gen.h: generate the systematic part of a vector corpus from a
 * service model (docs/DESIGN.md, `sdkconform gen`).
 *
 * For one operation it writes, as {"vectors":[...]} files under
 * "<Operation>/":
 *   request.json  the required members (synthesized from the shapes), an
 *                 optional httpPayload member set, each URI label with the
 *                 Smithy escaping string, the idempotency token absent
 *                 (uuid4 matcher) and given (verbatim), each required
 *                 member missing (validation), every value of every
 *                 top-level input enum plus an unknown one;
 *   unions.json   for every union reachable from the output: each member,
 *                 an unknown member, a null sibling, zero and two members;
 *   enums.json    for every enum reachable from the output: each value and
 *                 an unknown one;
 *   errors.json   for every error of the operation (once, however often the
 *                 model lists it): the code in the X-Amzn-Errortype header,
 *                 body `code`, body `__type`, each plain, `namespace#`,
 *                 `:uri`, and both;
 *   response.json the modeled success status with every header, prefix
 *                 header, status and payload binding of the output set.
 * Each union and enum shape is expanded once per operation, at the first
 * path the walk reaches (model member order, through lists as one element
 * and maps as one "key1" entry; through the payload member only, when the
 * output has one).
 * The expectations are derived from the model by the rules in
 * docs/restjson-conformance-notes.md, independently of the codec,
 * so replaying them against the builtin client is a differential check:
 *  - params honour the model's constraints: enum values, string length and
 *    `pattern` (sdkc_gen_pattern_string; a pattern beyond it is noted and a
 *    string of the right length used), list and map minimum counts, number
 *    ranges; labels and host labels are never empty;
 *  - an httpPayload member is the whole body: in requests a blob or string
 *    as `bodyText` with application/octet-stream or text/plain, a structure
 *    as the JSON `body` of that member; in responses the raw bytes (shown
 *    as base64 in the output), the text, or the member's JSON;
 *  - header-bound output members are response headers (timestamps as
 *    IMF-fixdate, shown as epoch seconds), prefix maps see every header
 *    under their prefix, statusCode members the status; a Content-Type
 *    header member replaces application/json, in requests too;
 *  - error vectors expect "members" (shared contract 3) for the error
 *    shape's members the vector sets: a body member named like the code key,
 *    header members named like a response header, prefix maps, the status;
 *  - unsigned operations (auth [] or [smithy.api#noAuth], authtype none)
 *    forbid Authorization; operations with endpoint.hostPrefix carry
 *    "endpoint": "https://example.com" and expect the prefixed "host";
 *  - operations with an event stream get no vectors (a note says so):
 *    sdkconform does not frame vnd.amazon.eventstream, and a vector that
 *    expected "unsupported" would fail every SDK that streams.
 *
 * Ids are "gen.<Operation>.<what>", unique per operation (a repeat gets
 * ".2", ".3", ...) and at most SDKC_VECTOR_MAX_ID_LEN bytes: a longer one
 * keeps its first bytes and ends in "." and the 16 hex digits of the
 * FNV-1a 64 (sdkc_vector_id_hash) of the whole id.
 *
 * Determinism: the same model gives byte-identical files (model order,
 * sorted keys, no timestamps or random values; ids such as
 * gen.CreateUserProfile.union.details.iam).
 */
#ifndef SDKC_VECTORS_GEN_H
#define SDKC_VECTORS_GEN_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"
#include "spec/spec.h"

#define SDKC_GEN_MAX_DEPTH       12                /* shape nesting walked from the output */
#define SDKC_GEN_MAX_SHAPES_SEEN 4096              /* distinct shapes visited per operation */
#define SDKC_GEN_MAX_ENUM_VALUES 256               /* enum values expanded per enum shape */
#define SDKC_GEN_MAX_IDS         ((size_t)1 << 20) /* vector ids given per operation */

/* One generated file: path relative to the output folder, bytes owned. */
struct sdkc_gen_file {
    char *path; /* "CreateUserProfile/unions.json" */
    char *data;
    size_t len;
};

/* Caller-owned collection of generated files. */
struct sdkc_gen_output {
    struct sdkc_gen_file *files;
    size_t count;
    size_t cap;
    size_t vector_count;
    /* What gen could not honour, one "gen: note: <Operation>: ..." line
     * each (event-stream operations skipped, patterns not satisfied). */
    struct sdkc_buf notes;
    size_t skipped; /* operations given no vectors (event streams) */
};

void sdkc_gen_output_init(struct sdkc_gen_output *o);
void sdkc_gen_output_clean_up(struct sdkc_gen_output *o); /* accepts NULL */

/* Generate the files for one operation and append them to out (files with
 * no vectors are not produced). SDKC_OK, SDKC_ERR_NOMEM, or
 * SDKC_ERR_SPEC/SDKC_ERR_TOO_LARGE naming the shape when the model cannot
 * be walked. */
sdkc_result sdkc_gen_operation(const struct sdkc_spec *spec, const struct sdkc_operation *op,
                               struct sdkc_gen_output *out, struct sdkc_error *err);

/* A string that matches `pattern` (the Java/ECMAScript regular expressions
 * of model `pattern` traits) with between min_len and max_len characters,
 * into out (reset first). `variant` > 0 asks for another string (the
 * variant-th choice of the first atom with that many), for distinct map
 * keys. SDKC_OK; SDKC_ERR_UNSUPPORTED for a construct the generator does
 * not know (back-references, class intersections, classes with no ASCII
 * member) or a pattern too costly to expand (nested counted groups past a
 * million atoms, strings past 4096 characters); SDKC_ERR_VALIDATION when no
 * string it can make fits the length limits; SDKC_ERR_NOMEM. */
sdkc_result sdkc_gen_pattern_string(const char *pattern, size_t min_len, size_t max_len,
                                    size_t variant, struct sdkc_buf *out);

/* The params gen's request vectors start from (required members only,
 * each within the model's constraints, see above) for op, into *out
 * (caller frees). Notes on what could not be honoured go to notes (may be
 * NULL). SDKC_OK or SDKC_ERR_NOMEM. */
sdkc_result sdkc_gen_params(const struct sdkc_spec *spec, const struct sdkc_operation *op,
                            struct sdkc_buf *notes, cJSON **out, struct sdkc_error *err);

/* Append a file holding tree printed as indented JSON and a newline, at
 * path (relative to the output folder; copied). SDKC_OK or SDKC_ERR_NOMEM. */
sdkc_result sdkc_gen_output_add_json(struct sdkc_gen_output *o, const char *path,
                                     const cJSON *tree);

/* Write every file of o under dir (created as needed), each atomically. */
sdkc_result sdkc_gen_write(const struct sdkc_gen_output *o, const char *dir,
                           struct sdkc_error *err);

/* 1 when an operation name can be a folder name under gen's --out: one
 * path component of A-Z a-z 0-9 . _ - not starting with '.', at most 255
 * bytes. A model is input to the harness: a name such as "../../x" must
 * never become a path. */
int sdkc_gen_safe_name(const char *name);

#endif
