/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/gen.h: generate the systematic part of a vector corpus from a
 * service model (issue 3 §3, `sdkconform gen`).
 *
 * For one operation it writes, as {"vectors":[...]} files under
 * "<Operation>/":
 *   request.json  the required members (synthesized from the shapes), each
 *                 URI label with the Smithy escaping string, the
 *                 idempotency token absent (uuid4 matcher) and given
 *                 (verbatim), each required member missing (validation),
 *                 every value of every top-level input enum plus an
 *                 unknown one;
 *   unions.json   for every union reachable from the output: each member,
 *                 an unknown member, a null sibling, zero and two members;
 *   enums.json    for every enum reachable from the output: each value and
 *                 an unknown one;
 *   errors.json   for every error of the operation: the code in the
 *                 X-Amzn-Errortype header, body `code`, body `__type`, each
 *                 plain, `namespace#`, `:uri`, and both;
 *   response.json the modeled success status with an empty object.
 * Each union and enum shape is expanded once per operation, at the first
 * path the walk reaches (model member order, through lists as one element
 * and maps as one "key1" entry).
 * The expectations are derived from the model by the rules in
 * ../shared/docs/restjson-conformance-notes.md, independently of the codec,
 * so replaying them against the builtin client is a differential check.
 *
 * Determinism: the same model gives byte-identical files (model order,
 * sorted keys, no timestamps or random values; ids such as
 * gen.CreateUserProfile.union.details.iam).
 *
 * Known limit: the spec graph does not expose a structure's `payload`
 * binding, so an operation whose input or output is a payload blob
 * (DataZone PostLineageEvent / GetLineageEvent) is generated as if its
 * members travelled in a JSON body.
 */
#ifndef SDKC_VECTORS_GEN_H
#define SDKC_VECTORS_GEN_H

#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"
#include "spec/spec.h"

#define SDKC_GEN_MAX_DEPTH       12   /* shape nesting walked from the output */
#define SDKC_GEN_MAX_SHAPES_SEEN 4096 /* distinct shapes visited per operation */
#define SDKC_GEN_MAX_ENUM_VALUES 256  /* enum values expanded per enum shape */

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
sdkc_result sdkc_gen_operation(const struct sdkc_spec *spec,
                               const struct sdkc_operation *op,
                               struct sdkc_gen_output *out,
                               struct sdkc_error *err);

/* A string that matches `pattern` (the Java/ECMAScript regular expressions
 * of model `pattern` traits) with between min_len and max_len characters,
 * into out (reset first). `variant` > 0 asks for another string (the
 * variant-th choice of the first atom with that many), for distinct map
 * keys. SDKC_OK; SDKC_ERR_UNSUPPORTED for a construct the generator does
 * not know (back-references, class intersections, classes with no ASCII
 * member); SDKC_ERR_VALIDATION when no string it can make fits the length
 * limits; SDKC_ERR_NOMEM. */
sdkc_result sdkc_gen_pattern_string(const char *pattern,
                                    size_t min_len,
                                    size_t max_len,
                                    size_t variant,
                                    struct sdkc_buf *out);

/* Write every file of o under dir (created as needed), each atomically. */
sdkc_result sdkc_gen_write(const struct sdkc_gen_output *o,
                           const char *dir,
                           struct sdkc_error *err);

#endif
