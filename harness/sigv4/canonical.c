/* SPDX-License-Identifier: Apache-2.0
 *
 * sigv4/canonical.c: the pieces of the SigV4 canonical request: URI path
 * (normalized, double-encoded), query (decoded, re-encoded, sorted) and
 * headers (lowercased, trimmed, joined, sorted). AWS General Reference,
 * "Create a canonical request"; the special cases follow the AWS test suite
 * (see ../shared/testdata/sigv4/README.md).
 *
 * Nothing here allocates beyond the output buffers and one index array per
 * query, and every input-controlled count is capped (sigv4.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "sigv4/private/canonical.h"
#include "sigv4/sigv4.h"

static unsigned char s_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static int s_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* ---- path --------------------------------------------------------------------- */

/* Whether remove_dot_segments could change the path: it must start with
 * '/' and hold no "//", "/./" or "/../" (nor end in "/." or "/.."). Most
 * API paths do not, and skipping the rewrite saves two allocations. */
static int s_needs_normalize(const char *p, size_t len)
{
    size_t i;
    if (len == 0 || p[0] != '/')
        return 1;
    for (i = 0; i < len; i++) {
        size_t seg;
        if (p[i] != '/')
            continue;
        if (i + 1 < len && p[i + 1] == '/')
            return 1;
        for (seg = i + 1; seg < len && p[seg] != '/'; seg++)
            ;
        seg -= i + 1;
        if ((seg == 1 && p[i + 1] == '.') || (seg == 2 && p[i + 1] == '.' && p[i + 2] == '.'))
            return 1;
    }
    return 0;
}

sdkc_result sdkc_sigv4_canonical_path(struct sdkc_buf *out, const char *path, size_t len,
                                      int normalize, int double_encode, struct sdkc_error *err)
{
    struct sdkc_buf norm;
    /* Segment starts kept by the normalizer, so ".." can pop one. */
    size_t *stack = NULL;
    size_t depth = 0, i, max_segments;
    sdkc_result result = SDKC_OK;

    sdkc_buf_init(&norm, SDKC_SIGV4_MAX_PATH + 2);
    if (len > SDKC_SIGV4_MAX_PATH)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                              "path of %zu bytes is over the %d-byte cap", len,
                              SDKC_SIGV4_MAX_PATH);
    if (!path || len == 0) {
        path = "/";
        len = 1;
    }
    if (normalize && s_needs_normalize(path, len)) {
        /* RFC 3986 §5.2.4 remove_dot_segments, plus the SigV4 rule that
         * empty segments ("//") collapse; a trailing slash survives
         * (aws-c-auth get-slash*, botocore normalize-path/). Dot segments
         * are recognised only unencoded: "%2E%2E" is data. */
        size_t last = len;
        int ends_dir;
        while (last > 0 && path[last - 1] != '/')
            last--;
        /* A trailing slash survives. A path ending in "/." or "/.." keeps
         * one only under SDKC_SIGV4_NORMALIZE_RFC3986 (§5.2.4 gives "/a/"
         * for "/a/b/.."); the default follows botocore's
         * remove_dot_segments, which keeps a slash only when the path ends
         * in '/' ("/a"): the verifier accepts either (sign.c). */
        ends_dir =
            last == len || (normalize == SDKC_SIGV4_NORMALIZE_RFC3986 &&
                            ((len - last == 1 && path[last] == '.') ||
                             (len - last == 2 && path[last] == '.' && path[last + 1] == '.')));
        max_segments = len / 2 + 2;
        stack = sdkc_malloc(max_segments * sizeof(*stack));
        if (!stack) {
            result = SDKC_ERR_NOMEM;
            goto fail;
        }
        i = 0;
        while (i < len) {
            size_t start, seglen;
            while (i < len && path[i] == '/')
                i++;
            start = i;
            while (i < len && path[i] != '/')
                i++;
            seglen = i - start;
            if (seglen == 0 || (seglen == 1 && path[start] == '.'))
                continue;
            if (seglen == 2 && path[start] == '.' && path[start + 1] == '.') {
                if (depth)
                    norm.len = stack[--depth];
                continue;
            }
            stack[depth++] = norm.len;
            result = sdkc_buf_append_byte(&norm, '/');
            if (!result)
                result = sdkc_buf_append(&norm, path + start, seglen);
            if (result)
                goto fail;
        }
        if (norm.len == 0 || ends_dir)
            result = sdkc_buf_append_byte(&norm, '/');
        if (result)
            goto fail;
        path = norm.data;
        len = norm.len;
    }
    if (double_encode)
        result = sdkc_uri_encode(out, path, len, 1);
    else
        result = sdkc_buf_append(out, path, len);
    if (result)
        goto fail;
    sdkc_free(stack);
    sdkc_buf_clean_up(&norm);
    return SDKC_OK;
fail:
    sdkc_free(stack);
    sdkc_buf_clean_up(&norm);
    return sdkc_error_set(err, result, SDKC_NO_OFFSET, "canonical path: %s",
                          sdkc_result_str(result));
}

/* ---- query --------------------------------------------------------------------- */

/* Decode %XX (invalid escapes stay literal) then encode strictly, so the
 * result is the same whether the client sent "ሴ" or "%E1%88%B4". */
static sdkc_result s_reencode(struct sdkc_buf *out, const char *s, size_t len)
{
    char tmp[256];
    size_t i, n = 0;
    sdkc_result result;
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (c == '%' && i + 2 < len && sdkc_uri_hex_digit(s[i + 1]) >= 0 &&
            sdkc_uri_hex_digit(s[i + 2]) >= 0) {
            c = (char)(sdkc_uri_hex_digit(s[i + 1]) * 16 + sdkc_uri_hex_digit(s[i + 2]));
            i += 2;
        }
        tmp[n++] = c;
        if (n == sizeof(tmp)) {
            result = sdkc_uri_encode(out, tmp, n, 0);
            if (result)
                return result;
            n = 0;
        }
    }
    return n ? sdkc_uri_encode(out, tmp, n, 0) : SDKC_OK;
}

/* Offsets while the encoded bytes may still move (realloc), pointers
 * once they are final and the array is sorted. */
struct s_param {
    size_t key_off, key_len, val_off, val_len;
    const char *key, *val;
};

static int s_param_cmp(const void *a, const void *b)
{
    const struct s_param *x = a, *y = b;
    size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
    int c = n ? memcmp(x->key, y->key, n) : 0;
    if (c)
        return c;
    if (x->key_len != y->key_len)
        return x->key_len < y->key_len ? -1 : 1;
    n = x->val_len < y->val_len ? x->val_len : y->val_len;
    c = n ? memcmp(x->val, y->val, n) : 0;
    if (c)
        return c;
    if (x->val_len != y->val_len)
        return x->val_len < y->val_len ? -1 : 1;
    return 0;
}

sdkc_result sdkc_sigv4_canonical_query(struct sdkc_buf *out, const char *query, size_t len,
                                       struct sdkc_error *err)
{
    struct sdkc_buf enc;
    struct s_param *params = NULL;
    size_t count = 0, i = 0, p;
    sdkc_result result = SDKC_OK;

    sdkc_buf_init(&enc, SDKC_SIGV4_MAX_CANONICAL);
    if (!query || !len)
        return SDKC_OK;
    /* Count components first: the cap applies before any allocation. */
    for (p = 0, count = 1; p < len; p++)
        count += query[p] == '&';
    if (count > SDKC_SIGV4_MAX_QUERY_PARAMS)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                              "query has %zu components, over the cap of %d", count,
                              SDKC_SIGV4_MAX_QUERY_PARAMS);
    params = sdkc_calloc(count, sizeof(*params));
    if (!params) {
        result = SDKC_ERR_NOMEM;
        goto fail;
    }
    count = 0;
    while (i <= len) {
        size_t start = i, eq, end;
        while (i < len && query[i] != '&')
            i++;
        end = i++;
        if (end == start)
            continue; /* "a=1&&b=2": empty components carry nothing */
        for (eq = start; eq < end && query[eq] != '='; eq++)
            ;
        params[count].key_off = enc.len;
        result = s_reencode(&enc, query + start, eq - start);
        if (result)
            goto fail;
        params[count].key_len = enc.len - params[count].key_off;
        params[count].val_off = enc.len;
        /* A key without '=' signs as "key=" (empty value). */
        if (eq < end) {
            result = s_reencode(&enc, query + eq + 1, end - eq - 1);
            if (result)
                goto fail;
        }
        params[count].val_len = enc.len - params[count].val_off;
        count++;
    }
    if (count && !enc.data) {
        /* every key and value empty ("=&="): give the buffer a byte */
        result = sdkc_buf_reserve(&enc, 1);
        if (result)
            goto fail;
    }
    for (p = 0; p < count; p++) {
        params[p].key = enc.data + params[p].key_off;
        params[p].val = enc.data + params[p].val_off;
    }
    qsort(params, count, sizeof(*params), s_param_cmp);
    for (p = 0; p < count; p++) {
        if (p)
            result = sdkc_buf_append_byte(out, '&');
        if (!result)
            result = sdkc_buf_append(out, params[p].key, params[p].key_len);
        if (!result)
            result = sdkc_buf_append_byte(out, '=');
        if (!result)
            result = sdkc_buf_append(out, params[p].val, params[p].val_len);
        if (result)
            goto fail;
    }
    sdkc_free(params);
    sdkc_buf_clean_up(&enc);
    return SDKC_OK;
fail:
    sdkc_free(params);
    sdkc_buf_clean_up(&enc);
    return sdkc_error_set(err, result, SDKC_NO_OFFSET, "canonical query: %s",
                          sdkc_result_str(result));
}

/* ---- headers -------------------------------------------------------------------- */

int sdkc_sigv4_header_skipped(const char *name, size_t len)
{
    /* botocore auth.py SIGNED_HEADERS_BLACKLIST and aws-c-auth
     * s_skipped_headers: proxies and HTTP stacks rewrite these, so a
     * signature over them would break in transit. */
    switch (len) {
    case 6: return strncasecmp(name, "expect", 6) == 0;
    case 10:
        return strncasecmp(name, "user-agent", 10) == 0 || strncasecmp(name, "connection", 10) == 0;
    case 13: return strncasecmp(name, "authorization", 13) == 0;
    case 15: return strncasecmp(name, "x-amzn-trace-id", 15) == 0;
    default: return 0;
    }
}

struct s_hdr {
    const char *name;
    size_t name_len;
    size_t value_len;
    size_t index; /* order sent: repeats join in this order */
};

static int s_name_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i, n = alen < blen ? alen : blen;
    for (i = 0; i < n; i++) {
        unsigned char x = s_lower((unsigned char)a[i]), y = s_lower((unsigned char)b[i]);
        if (x != y)
            return x < y ? -1 : 1;
    }
    if (alen != blen)
        return alen < blen ? -1 : 1;
    return 0;
}

static int s_hdr_cmp(const void *a, const void *b)
{
    const struct s_hdr *x = a, *y = b;
    int c = s_name_cmp(x->name, x->name_len, y->name, y->name_len);
    if (c)
        return c;
    return x->index < y->index ? -1 : (x->index > y->index ? 1 : 0);
}

/* Append a value trimmed, with every run of whitespace (folded line breaks
 * included) collapsed to one space. */
static sdkc_result s_append_trimmed(struct sdkc_buf *out, const char *v)
{
    size_t len = strlen(v), i = 0, end = len, run;
    sdkc_result result;
    if (len > SDKC_SIGV4_MAX_HEADER_VALUE)
        return SDKC_ERR_TOO_LARGE;
    while (i < end && s_space(v[i]))
        i++;
    while (end > i && s_space(v[end - 1]))
        end--;
    while (i < end) {
        run = i;
        while (i < end && !s_space(v[i]))
            i++;
        result = sdkc_buf_append(out, v + run, i - run);
        if (result)
            return result;
        if (i < end) {
            result = sdkc_buf_append_byte(out, ' ');
            if (result)
                return result;
            while (i < end && s_space(v[i]))
                i++;
        }
    }
    return SDKC_OK;
}

/* Write value v (n bytes) trimmed and whitespace-collapsed at dst (which
 * has room for n bytes); returns the bytes written. */
static size_t s_put_trimmed(char *dst, const char *v, size_t n)
{
    size_t i = 0, end = n, w = 0;
    while (i < end && s_space(v[i]))
        i++;
    while (end > i && s_space(v[end - 1]))
        end--;
    while (i < end) {
        if (s_space(v[i])) {
            dst[w++] = ' ';
            while (s_space(v[i]))
                i++;
        } else {
            dst[w++] = v[i++];
        }
    }
    return w;
}

static void s_put_lower(char *dst, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        dst[i] = (char)s_lower((unsigned char)s[i]);
}

static sdkc_result s_append_lower(struct sdkc_buf *out, const char *s, size_t len)
{
    char tmp[SDKC_SIGV4_MAX_HEADER_NAME];
    size_t i;
    if (len > sizeof(tmp))
        return SDKC_ERR_TOO_LARGE;
    for (i = 0; i < len; i++)
        tmp[i] = (char)s_lower((unsigned char)s[i]);
    return sdkc_buf_append(out, tmp, len);
}

sdkc_result sdkc_sigv4_canonical_headers(struct sdkc_buf *canon, struct sdkc_buf *signed_out,
                                         const struct sdkc_http_headers *headers,
                                         const char *signed_list, size_t signed_len,
                                         struct sdkc_error *err)
{
    struct s_hdr hdrs[SDKC_SIGV4_MAX_HEADERS];
    size_t n = 0, i, j;
    sdkc_result result = SDKC_OK;

    if (headers->count > SDKC_SIGV4_MAX_HEADERS)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                              "%zu headers, over the cap of %d", headers->count,
                              SDKC_SIGV4_MAX_HEADERS);
    if (!signed_list) {
        for (i = 0; i < headers->count; i++) {
            const char *name = headers->items[i].name;
            size_t nl = strlen(name);
            if (nl == 0 || sdkc_sigv4_header_skipped(name, nl))
                continue;
            if (nl > SDKC_SIGV4_MAX_HEADER_NAME)
                return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                                      "header name of %zu bytes, over the cap of %d", nl,
                                      SDKC_SIGV4_MAX_HEADER_NAME);
            hdrs[n].name = name;
            hdrs[n].name_len = nl;
            hdrs[n].index = i;
            n++;
        }
        /* Requests carry a handful of headers: insertion sort beats
         * qsort's setup there, and (index as tie-break) it is stable. */
        if (n <= 16) {
            for (i = 1; i < n; i++) {
                struct s_hdr x = hdrs[i];
                for (j = i; j > 0 && s_hdr_cmp(&hdrs[j - 1], &x) > 0; j--)
                    hdrs[j] = hdrs[j - 1];
                hdrs[j] = x;
            }
        } else {
            qsort(hdrs, n, sizeof(hdrs[0]), s_hdr_cmp);
        }
        {
            /* Size everything once, reserve once, then write in place:
             * canon gets "name:v1,v2\n" per name, signed_out "a;b". */
            size_t need_c = 0, need_s = 0;
            char *c, *sg;
            for (i = 0; i < n; i++) {
                size_t vl = strlen(headers->items[hdrs[i].index].value);
                if (vl > SDKC_SIGV4_MAX_HEADER_VALUE) {
                    result = SDKC_ERR_TOO_LARGE;
                    goto fail;
                }
                hdrs[i].value_len = vl;
                need_c += hdrs[i].name_len + 2 + vl;
                need_s += hdrs[i].name_len + 1;
            }
            result = sdkc_buf_reserve(canon, need_c);
            if (!result)
                result = sdkc_buf_reserve(signed_out, need_s);
            if (result)
                goto fail;
            c = canon->data + canon->len;
            sg = signed_out->data + signed_out->len;
            for (i = 0; i < n; i = j) {
                s_put_lower(c, hdrs[i].name, hdrs[i].name_len);
                c += hdrs[i].name_len;
                *c++ = ':';
                if (i)
                    *sg++ = ';';
                s_put_lower(sg, hdrs[i].name, hdrs[i].name_len);
                sg += hdrs[i].name_len;
                for (j = i; j < n && s_name_cmp(hdrs[i].name, hdrs[i].name_len, hdrs[j].name,
                                                hdrs[j].name_len) == 0;
                     j++) {
                    if (j > i)
                        *c++ = ',';
                    c += s_put_trimmed(c, headers->items[hdrs[j].index].value, hdrs[j].value_len);
                }
                *c++ = '\n';
            }
            canon->len = (size_t)(c - canon->data);
            canon->data[canon->len] = '\0';
            signed_out->len = (size_t)(sg - signed_out->data);
            signed_out->data[signed_out->len] = '\0';
        }
        return SDKC_OK;
    }
    /* Verifier: exactly the names the client listed, in its order. */
    i = 0;
    while (i < signed_len) {
        size_t start = i, nl, found = 0;
        while (i < signed_len && signed_list[i] != ';')
            i++;
        nl = i - start;
        i++;
        if (nl == 0 || nl > SDKC_SIGV4_MAX_HEADER_NAME)
            return sdkc_error_set(err, SDKC_ERR_PARSE, start,
                                  "SignedHeaders has an empty or overlong name at byte %zu", start);
        if (++n > SDKC_SIGV4_MAX_HEADERS)
            return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                                  "SignedHeaders lists more than %d names", SDKC_SIGV4_MAX_HEADERS);
        result = s_append_lower(canon, signed_list + start, nl);
        if (!result && start)
            result = sdkc_buf_append_byte(signed_out, ';');
        if (!result)
            result = s_append_lower(signed_out, signed_list + start, nl);
        if (!result)
            result = sdkc_buf_append_byte(canon, ':');
        for (j = 0; !result && j < headers->count; j++) {
            const char *name = headers->items[j].name;
            if (s_name_cmp(name, strlen(name), signed_list + start, nl) != 0)
                continue;
            if (found++)
                result = sdkc_buf_append_byte(canon, ',');
            if (!result)
                result = s_append_trimmed(canon, headers->items[j].value);
        }
        if (!result)
            result = sdkc_buf_append_byte(canon, '\n');
        if (result)
            goto fail;
        if (!found)
            return sdkc_error_set(err, SDKC_ERR_NOT_FOUND, start,
                                  "signed header '%.*s' is not in the request", (int)nl,
                                  signed_list + start);
    }
    return SDKC_OK;
fail:
    return sdkc_error_set(err, result, SDKC_NO_OFFSET, "canonical headers: %s",
                          sdkc_result_str(result));
}
