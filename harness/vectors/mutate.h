/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/mutate.h: the model-driven response mutator of `sdkconform
 * fuzz-client` (app/fuzz_client.h). Pure: no I/O, no global state, no
 * clock; the same (spec, operation, input response, seed, class) always
 * gives the same bytes, so a fuzz run is reproducible from its --seed.
 *
 * A mutation starts from a response (a valid one: gen's vectors, see
 * vectors/gen.h, or a corpus entry) and changes it at one level:
 *   - the body as a JSON tree walked together with the operation's output
 *     shape, so each value knows its shape: unions get zero, two, unknown
 *     or null members; enums unknown, empty or wrongly typed values;
 *     numbers type edges, exponents and huge digit strings; strings
 *     invalid UTF-8, lone surrogates and NUL; any value the wrong JSON type,
 *     null, or deep nesting; objects a duplicate key;
 *   - the error form: each error of the operation (and an unknown code) in
 *     each location (X-Amzn-Errortype header, body "code", body "__type")
 *     and form (plain, "namespace#", ":uri" suffix);
 *   - header-bound output members given malformed values;
 *   - the body as a whole: truncated, not JSON, HTML, empty;
 *   - Content-Type wrong, the status 1xx/3xx/unusual;
 *   - bytes: flips, inserts, deletions.
 * A class that cannot apply to the input (no union in the body) falls back
 * to the next class that can; *applied says which one ran.
 */
#ifndef SDKC_VECTORS_MUTATE_H
#define SDKC_VECTORS_MUTATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "http/http.h"
#include "spec/spec.h"

/* Caps (house style: every input-controlled quantity is named). */
#define SDKC_MUTATE_MAX_BODY     ((size_t)256 * 1024) /* bytes of a mutated body */
#define SDKC_MUTATE_MAX_NODES    4096                 /* body values collected per mutation */
#define SDKC_MUTATE_MAX_WALK     64                   /* body nesting walked with the shape */
#define SDKC_MUTATE_MAX_NESTING  4096                 /* depth of a deep-nesting value */
#define SDKC_MUTATE_MAX_DIGITS   2048                 /* digits of a huge number */
#define SDKC_MUTATE_MAX_BYTE_OPS 8                    /* byte edits of one byte mutation */
#define SDKC_MUTATE_MAX_CODE_LEN 128                  /* bytes of an error code built */

enum sdkc_mutate_class {
    SDKC_MUTATE_UNION_ZERO = 0, /* a union value {} */
    SDKC_MUTATE_UNION_TWO,      /* two members set */
    SDKC_MUTATE_UNION_UNKNOWN,  /* a member the model does not know */
    SDKC_MUTATE_UNION_NULL,     /* the member set to null, or a null sibling */
    SDKC_MUTATE_ENUM_UNKNOWN,   /* a value outside the enum */
    SDKC_MUTATE_ENUM_EMPTY,     /* "" */
    SDKC_MUTATE_ENUM_TYPE,      /* a number, boolean, object or array */
    SDKC_MUTATE_NUMBER_EDGE,    /* type edges, exponents, fractions, huge digit strings */
    SDKC_MUTATE_STRING_BAD,     /* invalid UTF-8, lone surrogates, NUL */
    SDKC_MUTATE_WRONG_TYPE,     /* any value as another JSON type */
    SDKC_MUTATE_NULL_VALUE,     /* any value null */
    SDKC_MUTATE_DEEP_NESTING,   /* a value nested SDKC_MUTATE_MAX_NESTING deep at most */
    SDKC_MUTATE_DUPLICATE_KEY,  /* an object member repeated with another value */
    SDKC_MUTATE_ERROR_CODE,     /* an error response: code x location x form */
    SDKC_MUTATE_HEADER_BAD,     /* a header-bound member malformed */
    SDKC_MUTATE_BODY_SHAPE,     /* body truncated, non-JSON, HTML, empty */
    SDKC_MUTATE_CONTENT_TYPE,   /* a wrong or missing Content-Type */
    SDKC_MUTATE_STATUS,         /* 1xx, 3xx, unusual statuses */
    SDKC_MUTATE_BYTES,          /* byte flips, inserts, deletions */
    SDKC_MUTATE_CLASS_COUNT
};

/* "union-zero", "union-two", ... (stable: written into findings). */
const char *sdkc_mutate_class_name(enum sdkc_mutate_class c);

/* The deterministic generator (splitmix64): same state, same sequence. */
uint64_t sdkc_mutate_rand(uint64_t *state);

/* Mutate `in` into `out` (which the caller has initialised with
 * sdkc_http_response_init and cleans up; it is reset first). cls is the
 * class asked for, or SDKC_MUTATE_CLASS_COUNT for one chosen from seed.
 * *applied (may be NULL) receives the class that ran. The body of out is
 * at most SDKC_MUTATE_MAX_BODY bytes. SDKC_OK or SDKC_ERR_NOMEM. */
sdkc_result sdkc_mutate_response(const struct sdkc_spec *spec, const struct sdkc_operation *op,
                                 const struct sdkc_http_response *in, uint64_t seed,
                                 enum sdkc_mutate_class cls, struct sdkc_http_response *out,
                                 enum sdkc_mutate_class *applied, struct sdkc_error *err);

/* Copy a response (headers and body bytes). SDKC_OK or SDKC_ERR_NOMEM. */
sdkc_result sdkc_mutate_copy(const struct sdkc_http_response *in, struct sdkc_http_response *out);

#endif
