/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/regex.h: the regex engine behind "regex" matchers (PCRE2 with
 * match, depth and heap limits; regex.c), public because the loopback
 * simulator (server/simulator.c) validates members against their model
 * patterns with the same engine and the same limits. The caller owns a
 * compiled pattern and frees it with sdkc_vector_regex_destroy.
 */
#ifndef SDKC_VECTORS_REGEX_H
#define SDKC_VECTORS_REGEX_H

#include <stddef.h>

#include "core/error.h"

/* One compiled regex matcher pattern (regex.c). */
struct sdkc_vector_regex;
sdkc_result sdkc_vector_regex_compile(const char *pattern, struct sdkc_vector_regex **out,
                                      struct sdkc_error *err);
void sdkc_vector_regex_destroy(struct sdkc_vector_regex *re); /* accepts NULL */
/* 1 = s matches, 0 = it does not, -1 = the match was stopped (a limit was
 * hit, or memory ran out): *why says which, and it counts as no match. */
int sdkc_vector_regex_match(const struct sdkc_vector_regex *re, const char *s, size_t len,
                            const char **why);

#endif
