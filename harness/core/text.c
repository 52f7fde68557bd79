/* SPDX-License-Identifier: Apache-2.0
 * core/text.c: see text.h. */
#include "core/text.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at p (RFC 3629 §4: no overlong forms,
 * no surrogates, nothing past U+10FFFF), or 0. */
static size_t s_utf8_len(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    size_t len, i;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4;
    else
        return 0;
    if (n < len)
        return 0;
    for (i = 1; i < len; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f) || (c == 0xf0 && p[1] < 0x90) ||
        (c == 0xf4 && p[1] > 0x8f))
        return 0;
    return len;
}

/* How many bytes at p form the next unit, and its replacement in rep
 * (NUL-terminated; "" = copy the unit unchanged). */
static size_t s_next(const unsigned char *p, size_t n, unsigned flags, char rep[8])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char c = p[0];
    size_t len;
    rep[0] = '\0';
    if (c >= 0x20 && c < 0x7f)
        return 1;
    if ((c == '\n' || c == '\t') && (flags & SDKC_TEXT_KEEP_LINES))
        return 1;
    if (c >= 0x80 && (len = s_utf8_len(p, n)) != 0) {
        if (c == 0xc2 && p[1] < 0xa0) { /* C1: U+0080..U+009F */
            memcpy(rep, "\\u00", 4);
            rep[4] = hex[p[1] >> 4];
            rep[5] = hex[p[1] & 15];
            rep[6] = '\0';
        }
        return len;
    }
    rep[0] = '\\';
    rep[1] = 'x';
    rep[2] = hex[c >> 4];
    rep[3] = hex[c & 15];
    rep[4] = '\0';
    return 1;
}

sdkc_result sdkc_text_sanitize(struct sdkc_buf *out, const char *s, size_t n, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    sdkc_result result = SDKC_OK;
    while (i < n && !result) {
        char rep[8];
        size_t k = s_next(p + i, n - i, flags, rep);
        if (!rep[0]) {
            run += k;
            i += k;
            continue;
        }
        if (run && (result = sdkc_buf_append(out, p + i - run, run)))
            break;
        run = 0;
        result = sdkc_buf_append_str(out, rep);
        i += k;
    }
    if (!result && run)
        result = sdkc_buf_append(out, p + i - run, run);
    if (!result)
        result = sdkc_buf_reserve(out, 0);
    return result;
}

void sdkc_text_fputs(FILE *f, const char *s, unsigned flags)
{
    sdkc_text_fwrite(f, s, strlen(s), flags);
}

void sdkc_text_fwrite(FILE *f, const char *s, size_t n, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        char rep[8];
        size_t k = s_next(p + i, n - i, flags, rep);
        if (rep[0])
            fputs(rep, f);
        else
            fwrite(p + i, 1, k, f);
        i += k;
    }
}

int sdkc_text_is_safe(const char *s, size_t n, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        char rep[8];
        size_t k = s_next(p + i, n - i, flags, rep);
        if (rep[0])
            return 0;
        i += k;
    }
    return 1;
}
