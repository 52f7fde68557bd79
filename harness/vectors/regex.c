/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/regex.c: the "regex" matcher's engine. PCRE2 rather than POSIX
 * regcomp/regexec because a vector is untrusted input and POSIX has no
 * limits: `((a{1,255}){1,255}){1,255}` made glibc's regcomp take 3.9 GB
 * and `(.*)(.*)(.*)(.*)(.*)\5\4\3\2\1x` ran for minutes, deaf to SIGTERM.
 * Here every pattern is compiled once when its vector loads, under a
 * nesting and a size limit, and every match runs under match, depth and
 * heap limits: a limit hit is a failed match that says so.
 *
 * Meaning kept from POSIX ERE where PCRE2 allows it (corpus/README.md):
 * '.' matches any byte including a newline (PCRE2_DOTALL), '$' only at the
 * very end (PCRE2_DOLLAR_ENDONLY), bytes rather than UTF-8 characters (the
 * C locale the harness runs in), anchored only where the pattern anchors.
 * Every allocation goes through sdkc_malloc, so tests can fail any of them.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#include "core/alloc.h"
#include "vectors/vector.h"
#include "vectors/private/vector_internal.h"

#define S_STR2(x) #x
#define S_STR(x)  S_STR2(x)

struct sdkc_vector_regex {
    pcre2_general_context *gen;
    pcre2_match_context *mctx;
    pcre2_code *code;
};

struct sdkc_vector_regexes {
    const cJSON **nodes; /* the "pattern" members the codes were compiled from */
    struct sdkc_vector_regex **codes;
    size_t count, cap;
};

static void *s_alloc(size_t size, void *data)
{
    (void)data;
    return sdkc_malloc(size);
}

static void s_free(void *p, void *data)
{
    (void)data;
    sdkc_free(p);
}

void sdkc_vector_regex_destroy(struct sdkc_vector_regex *re)
{
    if (!re)
        return;
    pcre2_code_free(re->code);
    pcre2_match_context_free(re->mctx);
    pcre2_general_context_free(re->gen);
    sdkc_free(re);
}

sdkc_result sdkc_vector_regex_compile(const char *pattern, struct sdkc_vector_regex **out,
                                      struct sdkc_error *err)
{
    struct sdkc_vector_regex *re = sdkc_calloc(1, sizeof(*re));
    pcre2_compile_context *cctx = NULL;
    int code = 0;
    PCRE2_SIZE at = 0;
    sdkc_result result = SDKC_ERR_NOMEM;

    *out = NULL;
    if (!re || !(re->gen = pcre2_general_context_create(s_alloc, s_free, NULL)) ||
        !(cctx = pcre2_compile_context_create(re->gen)) ||
        !(re->mctx = pcre2_match_context_create(re->gen)))
        goto fail;
    if (pcre2_set_max_pattern_length(cctx, SDKC_VECTOR_MAX_REGEX_LEN) ||
        pcre2_set_parens_nest_limit(cctx, SDKC_VECTOR_REGEX_MAX_NEST) ||
        pcre2_set_match_limit(re->mctx, SDKC_VECTOR_REGEX_MATCH_LIMIT) ||
        pcre2_set_depth_limit(re->mctx, SDKC_VECTOR_REGEX_DEPTH_LIMIT) ||
        pcre2_set_heap_limit(re->mctx, SDKC_VECTOR_REGEX_HEAP_KIB)) {
        result = sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "PCRE2 refused a limit");
        goto fail;
    }
    re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                             PCRE2_DOTALL | PCRE2_DOLLAR_ENDONLY, &code, &at, cctx);
    if (!re->code) {
        PCRE2_UCHAR msg[160];
        if (code == PCRE2_ERROR_NOMEMORY || code == PCRE2_ERROR_HEAP_FAILED)
            goto fail;
        if (pcre2_get_error_message(code, msg, sizeof(msg)) < 0)
            strcpy((char *)msg, "unknown PCRE2 error");
        /* "regular expression is too large" is how nested counted repeats
         * such as ((a{1,255}){1,255}){1,255} end: PCRE2 sizes the compiled
         * program before building it and refuses past its link size. */
        result = sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                "regex pattern \"%s\" does not compile at byte %zu: %s", pattern,
                                (size_t)at, (const char *)msg);
        goto fail;
    }
    pcre2_compile_context_free(cctx);
    *out = re;
    return SDKC_OK;

fail:
    if (result == SDKC_ERR_NOMEM)
        sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory compiling a regex");
    pcre2_compile_context_free(cctx);
    sdkc_vector_regex_destroy(re);
    return result;
}

int sdkc_vector_regex_match(const struct sdkc_vector_regex *re, const char *s, size_t len,
                            const char **why)
{
    pcre2_match_data *md = pcre2_match_data_create(1, re->gen);
    int rc;
    *why = NULL;
    if (!md) {
        *why = "out of memory while matching";
        return -1;
    }
    rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, 0, md, re->mctx);
    pcre2_match_data_free(md);
    if (rc >= 0)
        return 1;
    switch (rc) {
    case PCRE2_ERROR_NOMATCH: return 0;
    case PCRE2_ERROR_MATCHLIMIT:
        *why = "the regex match limit (" S_STR(SDKC_VECTOR_REGEX_MATCH_LIMIT) " steps) was hit";
        return -1;
    case PCRE2_ERROR_DEPTHLIMIT:
        *why = "the regex depth limit (" S_STR(SDKC_VECTOR_REGEX_DEPTH_LIMIT) ") was hit";
        return -1;
    case PCRE2_ERROR_HEAPLIMIT:
        *why = "the regex heap limit (" S_STR(SDKC_VECTOR_REGEX_HEAP_KIB) " KiB) was hit";
        return -1;
    case PCRE2_ERROR_NOMEMORY: *why = "out of memory while matching"; return -1;
    default: *why = "the regex engine failed"; return -1;
    }
}

/* MARK: - the compiled patterns of one vector */

void sdkc_vector_regexes_destroy(struct sdkc_vector_regexes *set)
{
    size_t i;
    if (!set)
        return;
    for (i = 0; i < set->count; i++)
        sdkc_vector_regex_destroy(set->codes[i]);
    sdkc_free(set->codes);
    sdkc_free(set->nodes);
    sdkc_free(set);
}

sdkc_result sdkc_vector_regexes_add(struct sdkc_vector_regexes **setp, const cJSON *node,
                                    struct sdkc_vector_regex *re, struct sdkc_error *err)
{
    struct sdkc_vector_regexes *set = *setp;
    if (!set && !(set = *setp = sdkc_calloc(1, sizeof(*set))))
        goto nomem;
    if (set->count >= SDKC_VECTOR_MAX_REGEXES) {
        sdkc_vector_regex_destroy(re);
        return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                              "more than %d regex matchers in one vector", SDKC_VECTOR_MAX_REGEXES);
    }
    if (set->count == set->cap) {
        size_t ncap = set->cap ? set->cap * 2 : 4;
        const cJSON **nn = sdkc_realloc(set->nodes, ncap * sizeof(*nn));
        struct sdkc_vector_regex **nc;
        if (!nn)
            goto nomem;
        set->nodes = nn;
        if (!(nc = sdkc_realloc(set->codes, ncap * sizeof(*nc))))
            goto nomem;
        set->codes = nc;
        set->cap = ncap;
    }
    set->nodes[set->count] = node;
    set->codes[set->count++] = re;
    return SDKC_OK;

nomem:
    sdkc_vector_regex_destroy(re);
    return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
}

const struct sdkc_vector_regex *sdkc_vector_regexes_find(const struct sdkc_vector_regexes *set,
                                                         const cJSON *node)
{
    size_t i;
    for (i = 0; set && i < set->count; i++)
        if (set->nodes[i] == node)
            return set->codes[i];
    return NULL;
}
