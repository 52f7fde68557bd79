/* SPDX-License-Identifier: Apache-2.0
 * core/text.c: see text.h. */
#include "core/text.h"

#include <string.h>

size_t sdkc_utf8_len(const void *s, size_t n, const char **why)
{
    const unsigned char *c = s;
    unsigned char b0 = c[0];
    size_t need, i;
    unsigned char lo = 0x80, hi = 0xBF;
    const char *dummy;

    if (!why)
        why = &dummy;
    if (b0 < 0x80)
        return 1;
    if (b0 < 0xC2) {
        *why = b0 < 0xC0 ? "unexpected continuation byte" : "overlong encoding";
        return 0;
    }
    if (b0 < 0xE0) {
        need = 2;
    } else if (b0 < 0xF0) {
        need = 3;
        if (b0 == 0xE0)
            lo = 0xA0; /* below: overlong */
        else if (b0 == 0xED)
            hi = 0x9F; /* above: U+D800..DFFF, surrogates encoded in UTF-8 */
    } else if (b0 < 0xF5) {
        need = 4;
        if (b0 == 0xF0)
            lo = 0x90; /* below: overlong */
        else if (b0 == 0xF4)
            hi = 0x8F; /* above: past U+10FFFF */
    } else {
        *why = b0 < 0xF8 ? "code point past U+10FFFF" : "byte that never appears in UTF-8";
        return 0;
    }
    if (n < need) {
        /* Report the more specific fault if the bytes present already show it. */
        if (n >= 2 && (c[1] < lo || c[1] > hi))
            goto bad_second;
        *why = "truncated sequence";
        return 0;
    }
    if (c[1] < lo || c[1] > hi)
        goto bad_second;
    for (i = 2; i < need; i++) {
        if (c[i] < 0x80 || c[i] > 0xBF) {
            *why = "truncated sequence";
            return 0;
        }
    }
    return need;

bad_second:
    if (c[1] < 0x80 || c[1] > 0xBF)
        *why = "truncated sequence";
    else if (b0 == 0xED)
        *why = "UTF-8-encoded surrogate (U+D800..U+DFFF)";
    else if (b0 == 0xF4)
        *why = "code point past U+10FFFF";
    else
        *why = "overlong encoding";
    return 0;
}

int sdkc_utf8_valid(const void *s, size_t n, size_t *bad)
{
    const unsigned char *p = s;
    size_t i = 0;
    while (i < n) {
        size_t len = p[i] < 0x80 ? 1 : sdkc_utf8_len(p + i, n - i, NULL);
        if (!len) {
            if (bad)
                *bad = i;
            return 0;
        }
        i += len;
    }
    return 1;
}

sdkc_result sdkc_text_shell_quote(struct sdkc_buf *b, const char *s)
{
    sdkc_result result = sdkc_buf_append_byte(b, '\'');
    for (; !result && *s; s++)
        result = *s == '\'' ? sdkc_buf_append_str(b, "'\\''") : sdkc_buf_append_byte(b, *s);
    return result ? result : sdkc_buf_append_byte(b, '\'');
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
    if (c >= 0x80 && (len = sdkc_utf8_len(p, n, NULL)) != 0) {
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
