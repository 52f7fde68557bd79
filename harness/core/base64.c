/* SPDX-License-Identifier: Apache-2.0
 * core/base64.c: see base64.h. */
#include "core/base64.h"

static const char s_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int s_b64_val(unsigned char ch)
{
    if (ch >= 'A' && ch <= 'Z')
        return ch - 'A';
    if (ch >= 'a' && ch <= 'z')
        return ch - 'a' + 26;
    if (ch >= '0' && ch <= '9')
        return ch - '0' + 52;
    if (ch == '+')
        return 62;
    if (ch == '/')
        return 63;
    return -1;
}

sdkc_result sdkc_base64_decode(struct sdkc_buf *out, const char *s, size_t n,
                               struct sdkc_error *err)
{
    size_t i;
    sdkc_result result;
    if (n % 4 != 0)
        return sdkc_error_set(err, SDKC_ERR_PARSE, n,
                              "base64 length %zu is not a multiple of 4 (RFC 4648 §4 padding)", n);
    if (out && (result = sdkc_buf_reserve(out, n / 4 * 3)))
        return result;
    for (i = 0; i < n; i += 4) {
        int v[4], j, pad = 0;
        unsigned char bytes[3];
        for (j = 0; j < 4; j++) {
            unsigned char ch = (unsigned char)s[i + (size_t)j];
            if (ch == '=' && i + 4 == n && j >= 2) {
                v[j] = 0;
                pad++;
                continue;
            }
            if (pad)
                return sdkc_error_set(err, SDKC_ERR_PARSE, i + (size_t)j,
                                      "base64: data after '=' padding at byte %zu", i + (size_t)j);
            v[j] = s_b64_val(ch);
            if (v[j] < 0)
                return sdkc_error_set(err, SDKC_ERR_PARSE, i + (size_t)j,
                                      "base64: invalid character at byte %zu", i + (size_t)j);
        }
        bytes[0] = (unsigned char)((v[0] << 2) | (v[1] >> 4));
        bytes[1] = (unsigned char)(((v[1] & 15) << 4) | (v[2] >> 2));
        bytes[2] = (unsigned char)(((v[2] & 3) << 6) | v[3]);
        if (out && (result = sdkc_buf_append(out, bytes, (size_t)(3 - pad))))
            return result;
    }
    return SDKC_OK;
}

sdkc_result sdkc_base64_encode(struct sdkc_buf *out, const void *data, size_t n)
{
    const unsigned char *p = data;
    size_t i;
    sdkc_result result;
    if ((result = sdkc_buf_reserve(out, (n + 2) / 3 * 4)))
        return result;
    for (i = 0; i + 2 < n; i += 3) {
        char q[4] = {s_b64[p[i] >> 2], s_b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)],
                     s_b64[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)], s_b64[p[i + 2] & 63]};
        if ((result = sdkc_buf_append(out, q, 4)))
            return result;
    }
    if (n - i == 1) {
        char q[4] = {s_b64[p[i] >> 2], s_b64[(p[i] & 3) << 4], '=', '='};
        result = sdkc_buf_append(out, q, 4);
    } else if (n - i == 2) {
        char q[4] = {s_b64[p[i] >> 2], s_b64[((p[i] & 3) << 4) | (p[i + 1] >> 4)],
                     s_b64[(p[i + 1] & 15) << 2], '='};
        result = sdkc_buf_append(out, q, 4);
    }
    return result;
}
