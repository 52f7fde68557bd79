/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/private/vector_internal.h: shared between the files of the vectors layer
 * only (not a public contract).
 */
#ifndef SDKC_VECTORS_VECTOR_INTERNAL_H
#define SDKC_VECTORS_VECTOR_INTERNAL_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "core/error.h"
#include "vectors/regex.h"
#include "core/json.h"

/* Pieces of one raw query compared (rawQuery expectations); a client
 * sending more gets a difference, not a comparison. */
#define SDKC_VECTOR_MAX_QUERY_PIECES 4096

/* One '&'-separated piece of a raw query (points into the query). */
struct sdkc_vector_piece {
    const char *s;
    size_t len;
};

/* Longest JSON path kept in an error message; deeper paths are cut. */
#define SDKC_VECTOR_PATH_MAX 384

struct sdkc_vector_regexes;

/* Check one matcher object ({"$match": ...}): a known name, only the keys
 * that name takes, and for "regex" a pattern that compiles (PCRE2, see
 * regex.c). SDKC_ERR_PARSE with a reason (no path) in err otherwise,
 * SDKC_ERR_NOMEM. With `regexes`, a regex matcher's compiled pattern is
 * added to *regexes (created on first use) for sdkc_vector_regexes_find. */
sdkc_result sdkc_vector_matcher_check(const cJSON *m, struct sdkc_vector_regexes **regexes,
                                      struct sdkc_error *err);

/* The compiled patterns of one vector, by the cJSON "pattern" member they
 * came from. _add takes ownership of re in every case. */
sdkc_result sdkc_vector_regexes_add(struct sdkc_vector_regexes **set, const cJSON *node,
                                    struct sdkc_vector_regex *re, struct sdkc_error *err);
const struct sdkc_vector_regex *sdkc_vector_regexes_find(const struct sdkc_vector_regexes *set,
                                                         const cJSON *node);
void sdkc_vector_regexes_destroy(struct sdkc_vector_regexes *set); /* accepts NULL */

/* Append one difference to d (copies the strings), honouring
 * d->max_entries (0 = 64) by counting d->truncated past it. */
sdkc_result sdkc_vector_diff_add(struct sdkc_json_diff *d, const char *path, const char *wanted,
                                 const char *got);

#endif
