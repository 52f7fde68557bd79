/* SPDX-License-Identifier: Apache-2.0
 *
 * core/base64.h: base64 per RFC 4648 §4 (standard alphabet, padding
 * required), shared by the codec (blobs, jsonvalue headers), the vector
 * loader (bodyBase64) and the generator. */
#ifndef SDKC_CORE_BASE64_H
#define SDKC_CORE_BASE64_H

#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

/* Decode s[0..n) and append the bytes to out; with out == NULL only
 * validate. SDKC_ERR_PARSE with the byte offset of the first bad character
 * (or n for a length that is not a multiple of 4). */
sdkc_result sdkc_base64_decode(struct sdkc_buf *out, const char *s, size_t n,
                               struct sdkc_error *err);
/* Encode data[0..n) with padding and append it to out. */
sdkc_result sdkc_base64_encode(struct sdkc_buf *out, const void *data, size_t n);

#endif
