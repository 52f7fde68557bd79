/* SPDX-License-Identifier: Apache-2.0
 *
 * sigv4/reqtext.c: raw HTTP/1.1 request text as the AWS SigV4 suite writes
 * it (request.txt, *.req, *-signed-request.txt), for the suite runner and
 * `sdkconform sign`. Not a general HTTP parser: it accepts what the suite
 * needs that RFC 9112 forbids (a literal space and raw UTF-8 in the
 * request target, obs-fold continuation lines, RFC 9112 §5.2) and keeps
 * header values exactly as written so the printed request round-trips.
 */
#include <string.h>

#include "core/alloc.h"
#include "sigv4/sigv4.h"

/* Line [*pos, end of line) without its "\r\n" / "\n"; advances *pos past it. */
static void s_next_line(const char *text, size_t len, size_t *pos, size_t *line_len)
{
    size_t s = *pos, e = s;
    while (e < len && text[e] != '\n')
        e++;
    *line_len = e - s;
    if (*line_len && text[s + *line_len - 1] == '\r')
        (*line_len)--;
    *pos = e < len ? e + 1 : e;
}

static int s_tchar(unsigned char c)
{
    /* RFC 9110 §5.6.2 token characters */
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

sdkc_result sdkc_sigv4_request_parse(struct sdkc_http_request *out, const char *text, size_t len,
                                     struct sdkc_error *err)
{
    struct sdkc_http_request r;
    struct sdkc_buf fold;
    size_t pos = 0, ll, line_start, lineno = 1, sp, tend, q;
    const char *line;
    sdkc_result result = SDKC_OK;

    sdkc_http_request_init(&r);
    sdkc_buf_init(&fold, SDKC_SIGV4_MAX_HEADER_VALUE);
    if (len > SDKC_SIGV4_MAX_REQUEST_TEXT)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, 0,
                              "request text of %zu bytes is over the cap of %zu", len,
                              SDKC_SIGV4_MAX_REQUEST_TEXT);
    /* Request line: METHOD SP target SP HTTP/1.x; split at the first and
     * the last space because the target may contain spaces. */
    line = text;
    s_next_line(text, len, &pos, &ll);
    for (sp = 0; sp < ll && line[sp] != ' '; sp++)
        if (!s_tchar((unsigned char)line[sp]))
            break;
    if (sp == 0 || sp >= ll || line[sp] != ' ') {
        result = sdkc_error_set(err, SDKC_ERR_PARSE, sp,
                                "line 1: expected 'METHOD SP target SP HTTP/1.1'");
        goto fail;
    }
    if (ll < sp + 1 + 9 || memcmp(line + ll - 9, " HTTP/1.", 8) != 0 ||
        (line[ll - 1] != '1' && line[ll - 1] != '0')) {
        result = sdkc_error_set(err, SDKC_ERR_PARSE, ll,
                                "line 1: the request line does not end in ' HTTP/1.1'");
        goto fail;
    }
    tend = ll - 9;
    if (tend <= sp + 1) {
        result = sdkc_error_set(err, SDKC_ERR_PARSE, sp + 1, "line 1: empty request target");
        goto fail;
    }
    for (q = sp + 1; q < tend && line[q] != '?'; q++)
        ;
    r.method = sdkc_strndup(line, sp);
    r.path = sdkc_strndup(line + sp + 1, q - sp - 1);
    if (!r.method || !r.path)
        goto nomem;
    if (q < tend) {
        r.query = sdkc_strndup(line + q + 1, tend - q - 1);
        if (!r.query)
            goto nomem;
    }
    /* Header lines until an empty line (or the end: botocore's *.req has
     * no final newline). */
    while (pos < len) {
        const char *colon;
        line_start = pos;
        line = text + pos;
        lineno++;
        s_next_line(text, len, &pos, &ll);
        if (ll == 0)
            break;
        if (line[0] == ' ' || line[0] == '\t') {
            /* obs-fold: keep the line break so printing reproduces it; the
             * canonicalizer collapses it into one space. */
            struct sdkc_http_header *h;
            if (r.headers.count == 0) {
                result = sdkc_error_set(err, SDKC_ERR_PARSE, line_start,
                                        "line %zu: continuation line before any header", lineno);
                goto fail;
            }
            h = &r.headers.items[r.headers.count - 1];
            sdkc_buf_reset(&fold);
            result = sdkc_buf_append_str(&fold, h->value);
            if (!result)
                result = sdkc_buf_append_byte(&fold, '\n');
            if (!result)
                result = sdkc_buf_append(&fold, line, ll);
            if (result == SDKC_ERR_TOO_LARGE) {
                result =
                    sdkc_error_set(err, result, line_start, "line %zu: header value over %d bytes",
                                   lineno, SDKC_SIGV4_MAX_HEADER_VALUE);
                goto fail;
            }
            if (result)
                goto nomem;
            sdkc_free(h->value);
            h->value = sdkc_buf_steal(&fold, NULL);
            continue;
        }
        colon = memchr(line, ':', ll);
        if (!colon || colon == line) {
            result = sdkc_error_set(err, SDKC_ERR_PARSE, line_start,
                                    "line %zu: expected 'Name:value'", lineno);
            goto fail;
        }
        for (q = 0; line + q < colon; q++)
            if (!s_tchar((unsigned char)line[q])) {
                result = sdkc_error_set(err, SDKC_ERR_PARSE, line_start + q,
                                        "line %zu: invalid character in header name", lineno);
                goto fail;
            }
        if (ll - (size_t)(colon + 1 - line) > SDKC_SIGV4_MAX_HEADER_VALUE) {
            result = sdkc_error_set(err, SDKC_ERR_TOO_LARGE, line_start,
                                    "line %zu: header value over %d bytes", lineno,
                                    SDKC_SIGV4_MAX_HEADER_VALUE);
            goto fail;
        }
        result = sdkc_http_headers_addn(&r.headers, line, (size_t)(colon - line), colon + 1,
                                        ll - (size_t)(colon + 1 - line));
        if (result == SDKC_ERR_TOO_LARGE) {
            result = sdkc_error_set(err, result, line_start, "line %zu: more than %d headers",
                                    lineno, SDKC_HTTP_MAX_HEADERS);
            goto fail;
        }
        if (result)
            goto nomem;
    }
    if (pos < len) {
        /* The body is bytes (it may hold NULs): copy len, then terminate. */
        r.body = sdkc_malloc(len - pos + 1);
        if (!r.body)
            goto nomem;
        memcpy(r.body, text + pos, len - pos);
        r.body[len - pos] = '\0';
        r.body_len = len - pos;
    }
    sdkc_buf_clean_up(&fold);
    sdkc_http_request_clean_up(out);
    *out = r;
    return SDKC_OK;
nomem:
    result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
fail:
    sdkc_buf_clean_up(&fold);
    sdkc_http_request_clean_up(&r);
    return result;
}

sdkc_result sdkc_sigv4_request_print(struct sdkc_buf *out, const struct sdkc_http_request *req)
{
    size_t i;
    sdkc_result result;
    result = sdkc_buf_appendf(out, "%s %s%s%s HTTP/1.1\n", req->method ? req->method : "GET",
                              req->path && *req->path ? req->path : "/", req->query ? "?" : "",
                              req->query ? req->query : "");
    for (i = 0; !result && i < req->headers.count; i++)
        result = sdkc_buf_appendf(out, "%s:%s\n", req->headers.items[i].name,
                                  req->headers.items[i].value);
    if (!result)
        result = sdkc_buf_append_byte(out, '\n');
    if (!result && req->body_len)
        result = sdkc_buf_append(out, req->body, req->body_len);
    return result;
}
