/* SPDX-License-Identifier: Apache-2.0
 *
 * sigv4/private/canonical.h: internal to the sigv4 layer: the canonical headers
 * builder shared by the signer (which picks the headers to sign) and the
 * verifier (which is told them by SignedHeaders).
 */
#ifndef SDKC_SIGV4_CANONICAL_H
#define SDKC_SIGV4_CANONICAL_H

#include "http/http.h"
#include "core/buf.h"
#include "core/error.h"
#include "sigv4/sigv4.h"

/* Append "name:value\n" lines (lowercase names, sorted; values trimmed,
 * whitespace runs collapsed, repeats joined with ',' in the order sent) to
 * canon, and "a;b;c" to signed_out.
 *
 * signed_list NULL: sign every header but the skipped ones (see sigv4.h).
 * signed_list given ("host;x-amz-date", as received): exactly those, in
 * that order; a listed name absent from the request is SDKC_ERR_NOT_FOUND
 * with the name in err. */
sdkc_result sdkc_sigv4_canonical_headers(struct sdkc_buf *canon, struct sdkc_buf *signed_out,
                                         const struct sdkc_http_headers *headers,
                                         const char *signed_list, size_t signed_len,
                                         struct sdkc_error *err);

/* Non-zero for the headers the signer never signs. */
int sdkc_sigv4_header_skipped(const char *name, size_t len);

/* Fill v->reason and err with the verifier's message form, "sigv4:
 * <reason>: <why>" (one line), and return SDKC_ERR_VERIFY: the one way
 * sign.c and expect.c say why a request does not verify. */
sdkc_result sdkc_sigv4_reject(struct sdkc_sigv4_verdict *v, struct sdkc_error *err,
                              enum sdkc_sigv4_reason r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#endif
