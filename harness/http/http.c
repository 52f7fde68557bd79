/* SPDX-License-Identifier: Apache-2.0
 * http/http.c: see http.h.
 *
 * Ownership: a header list owns every name and value string (one
 * sdkc_malloc each) and the items array. Requests and responses own their
 * strings, their header list and their body.
 */
#include "http/http.h"

#include <string.h>
#include <strings.h>

#include "core/alloc.h"

void sdkc_http_headers_init(struct sdkc_http_headers *h)
{
    h->items = NULL;
    h->count = 0;
    h->cap = 0;
}

void sdkc_http_headers_clean_up(struct sdkc_http_headers *h)
{
    size_t i;
    if (!h)
        return;
    for (i = 0; i < h->count; i++) {
        sdkc_free(h->items[i].name);
        sdkc_free(h->items[i].value);
    }
    sdkc_free(h->items);
    h->items = NULL;
    h->count = 0;
    h->cap = 0;
}

sdkc_result sdkc_http_headers_addn(struct sdkc_http_headers *h, const char *name, size_t name_len,
                                   const char *value, size_t value_len)
{
    char *n = NULL, *v = NULL;
    if (!h || !name || (!value && value_len))
        return SDKC_ERR_INVALID_ARG;
    if (h->count >= SDKC_HTTP_MAX_HEADERS)
        return SDKC_ERR_TOO_LARGE;
    if (h->count == h->cap) {
        size_t ncap = h->cap ? h->cap * 2 : 8;
        struct sdkc_http_header *ni;
        if (ncap > SDKC_HTTP_MAX_HEADERS)
            ncap = SDKC_HTTP_MAX_HEADERS;
        ni = sdkc_realloc(h->items, ncap * sizeof(*ni));
        if (!ni)
            return SDKC_ERR_NOMEM;
        h->items = ni;
        h->cap = ncap;
    }
    n = sdkc_strndup(name, name_len);
    v = sdkc_strndup(value ? value : "", value_len);
    if (!n || !v)
        goto fail;
    h->items[h->count].name = n;
    h->items[h->count].value = v;
    h->count++;
    return SDKC_OK;
fail:
    sdkc_free(n);
    sdkc_free(v);
    return SDKC_ERR_NOMEM;
}

sdkc_result sdkc_http_headers_add(struct sdkc_http_headers *h, const char *name, const char *value)
{
    if (!name || !value)
        return SDKC_ERR_INVALID_ARG;
    return sdkc_http_headers_addn(h, name, strlen(name), value, strlen(value));
}

sdkc_result sdkc_http_headers_set(struct sdkc_http_headers *h, const char *name, const char *value)
{
    size_t i;
    char *v;
    if (!h || !name || !value)
        return SDKC_ERR_INVALID_ARG;
    /* Replace the first occurrence in place (keeps its position and the
     * case it was sent in), then drop the others: RFC 9110 §5.3 lets a
     * recipient combine same-name fields, so "set" means one field. */
    for (i = 0; i < h->count; i++) {
        if (strcasecmp(h->items[i].name, name) == 0)
            break;
    }
    if (i == h->count)
        return sdkc_http_headers_add(h, name, value);
    v = sdkc_strdup(value);
    if (!v)
        return SDKC_ERR_NOMEM;
    sdkc_free(h->items[i].value);
    h->items[i].value = v;
    {
        size_t r, w = i + 1;
        for (r = i + 1; r < h->count; r++) {
            if (strcasecmp(h->items[r].name, name) == 0) {
                sdkc_free(h->items[r].name);
                sdkc_free(h->items[r].value);
            } else {
                h->items[w++] = h->items[r];
            }
        }
        h->count = w;
    }
    return SDKC_OK;
}

const char *sdkc_http_headers_get(const struct sdkc_http_headers *h, const char *name)
{
    size_t i;
    if (!h || !name)
        return NULL;
    for (i = 0; i < h->count; i++) {
        if (strcasecmp(h->items[i].name, name) == 0)
            return h->items[i].value;
    }
    return NULL;
}

void sdkc_http_headers_remove(struct sdkc_http_headers *h, const char *name)
{
    size_t r, w = 0;
    if (!h || !name)
        return;
    for (r = 0; r < h->count; r++) {
        if (strcasecmp(h->items[r].name, name) == 0) {
            sdkc_free(h->items[r].name);
            sdkc_free(h->items[r].value);
        } else {
            h->items[w++] = h->items[r];
        }
    }
    h->count = w;
}

sdkc_result sdkc_http_headers_copy(struct sdkc_http_headers *dst,
                                   const struct sdkc_http_headers *src)
{
    struct sdkc_http_headers tmp;
    size_t i;
    sdkc_result result = SDKC_OK;
    if (!dst || !src)
        return SDKC_ERR_INVALID_ARG;
    /* Build aside, then swap: dst is either the full copy or untouched. */
    sdkc_http_headers_init(&tmp);
    for (i = 0; i < src->count; i++) {
        result = sdkc_http_headers_add(&tmp, src->items[i].name, src->items[i].value);
        if (result)
            goto fail;
    }
    sdkc_http_headers_clean_up(dst);
    *dst = tmp;
    return SDKC_OK;
fail:
    sdkc_http_headers_clean_up(&tmp);
    return result;
}

void sdkc_http_request_init(struct sdkc_http_request *r)
{
    memset(r, 0, sizeof(*r));
    sdkc_http_headers_init(&r->headers);
}

void sdkc_http_request_clean_up(struct sdkc_http_request *r)
{
    if (!r)
        return;
    sdkc_free(r->method);
    sdkc_free(r->path);
    sdkc_free(r->query);
    sdkc_free(r->host);
    sdkc_http_headers_clean_up(&r->headers);
    sdkc_free(r->body);
    sdkc_http_request_init(r);
}

void sdkc_http_response_init(struct sdkc_http_response *r)
{
    memset(r, 0, sizeof(*r));
    sdkc_http_headers_init(&r->headers);
}

void sdkc_http_response_clean_up(struct sdkc_http_response *r)
{
    if (!r)
        return;
    sdkc_http_headers_clean_up(&r->headers);
    sdkc_free(r->body);
    sdkc_http_response_init(r);
}

/* RFC 3986 §2.3 unreserved characters, as a table: the encoder runs over
 * every byte of every path and query, so this is its hot loop. */
static const unsigned char s_unreserved_tab[256] = {
    ['-'] = 1, ['.'] = 1, ['_'] = 1, ['~'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1,
    ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1,
    ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1,
    ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
    ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1};

static int s_unreserved(unsigned char c)
{
    return s_unreserved_tab[c];
}

/* An empty input still leaves out->data a valid C string (buf appends
 * NUL-terminate, but a bare reserve does not). */
static sdkc_result s_terminate(struct sdkc_buf *out)
{
    sdkc_result result = sdkc_buf_reserve(out, 0);
    if (result)
        return result;
    out->data[out->len] = '\0';
    return SDKC_OK;
}

sdkc_result sdkc_uri_encode(struct sdkc_buf *out, const char *s, size_t n, int keep_slash)
{
    /* RFC 3986 §2.1: uppercase hex digits are the normalized form, and
     * SigV4's canonical URI requires them. */
    static const char hex[] = "0123456789ABCDEF";
    size_t i, run = 0;
    sdkc_result result;
    if (!out || (!s && n))
        return SDKC_ERR_INVALID_ARG;
    result = sdkc_buf_reserve(out, n);
    if (result)
        return result;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[3];
        if (s_unreserved(c) || (keep_slash && c == '/')) {
            run++;
            continue;
        }
        /* Flush the run of bytes kept as they are, then the escape. */
        if (run) {
            result = sdkc_buf_append(out, s + i - run, run);
            if (result)
                return result;
            run = 0;
        }
        esc[0] = '%';
        esc[1] = hex[c >> 4];
        esc[2] = hex[c & 0xf];
        result = sdkc_buf_append(out, esc, 3);
        if (result)
            return result;
    }
    if (run && (result = sdkc_buf_append(out, s + n - run, run)))
        return result;
    return s_terminate(out);
}

int sdkc_uri_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

sdkc_result sdkc_uri_decode(struct sdkc_buf *out, const char *s, size_t n)
{
    size_t i;
    sdkc_result result;
    if (!out || (!s && n))
        return SDKC_ERR_INVALID_ARG;
    for (i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n) {
            int hi = sdkc_uri_hex_digit(s[i + 1]), lo = sdkc_uri_hex_digit(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                result = sdkc_buf_append_byte(out, (char)((hi << 4) | lo));
                if (result)
                    return result;
                i += 2;
                continue;
            }
        }
        result = sdkc_buf_append_byte(out, s[i]);
        if (result)
            return result;
    }
    return s_terminate(out);
}

int sdkc_url_split(const char *url, struct sdkc_url_parts *out)
{
    const char *p = url ? strstr(url, "://") : NULL, *e;
    memset(out, 0, sizeof(*out));
    if (!p || p == url)
        return 0;
    p += 3;
    e = p + strcspn(p, "/?#");
    if (strpbrk(e, "?#") || e == p || memchr(p, '@', (size_t)(e - p)))
        return 0;
    out->authority = out->host = p;
    out->authority_len = (size_t)(e - p);
    if (*p == '[') {
        const char *rb = memchr(p, ']', (size_t)(e - p));
        if (!rb || (rb + 1 < e && rb[1] != ':'))
            return 0;
        out->host_len = (size_t)(rb + 1 - p);
    } else {
        const char *colon = memchr(p, ':', (size_t)(e - p));
        out->host_len = (size_t)((colon ? colon : e) - p);
    }
    out->base = e;
    out->base_len = strlen(e);
    while (out->base_len && e[out->base_len - 1] == '/')
        out->base_len--;
    return out->host_len > 0;
}
