/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/match.c: matchers inside expected JSON, and the pure checkers the
 * runner calls (request expectations, result documents with anyOf).
 *
 * Nothing here keeps state between calls: the runner's idempotency-token
 * uniqueness check is a callback (sdkc_vector_check_options.on_token) fed
 * with every value a uuid4 matcher accepted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "vectors/vector.h"
#include "vectors/private/vector_internal.h"

/* Longest body excerpt shown in a diff when a body is not JSON. */
#define S_EXCERPT_MAX 200

/* The matcher's context inside this file: the caller's options and the
 * compiled patterns of the vector being checked. */
struct s_mctx {
    const struct sdkc_vector_check_options *opts;
    const struct sdkc_vector_regexes *regexes;
};

static int s_matcher_fn(void *ctx, const cJSON *want, const cJSON *got, struct sdkc_buf *why);

/* MARK: - diff helpers */

sdkc_result sdkc_vector_diff_add(struct sdkc_json_diff *d, const char *path, const char *wanted,
                                 const char *got)
{
    size_t max;
    struct sdkc_json_diff_entry *e;
    if (!d)
        return SDKC_OK;
    max = d->max_entries ? d->max_entries : 64;
    if (d->count >= max) {
        d->truncated++;
        return SDKC_OK;
    }
    if (d->count == d->cap) {
        size_t ncap = d->cap ? d->cap * 2 : 8;
        struct sdkc_json_diff_entry *ne = sdkc_realloc(d->entries, ncap * sizeof(*ne));
        if (!ne)
            return SDKC_ERR_NOMEM;
        d->entries = ne;
        d->cap = ncap;
    }
    e = &d->entries[d->count];
    e->path = sdkc_strdup(path);
    e->wanted = sdkc_strdup(wanted);
    e->got = sdkc_strdup(got);
    if (!e->path || !e->wanted || !e->got) {
        sdkc_free(e->path);
        sdkc_free(e->wanted);
        sdkc_free(e->got);
        return SDKC_ERR_NOMEM;
    }
    d->count++;
    return SDKC_OK;
}

/* Compact JSON of j into a fresh string (or "(absent)"). */
static char *s_show(const cJSON *j)
{
    char *s = NULL;
    if (!j)
        return sdkc_strdup("(absent)");
    if (sdkc_json_print(j, 0, &s, NULL))
        return NULL;
    return s;
}

/* Compare want/got and move the differences into d with their "$" root
 * replaced by `prefix` ("$.body", "$.query"). */
static sdkc_result s_compare_into(struct sdkc_json_diff *d, const char *prefix, const cJSON *want,
                                  const cJSON *got, const struct s_mctx *mc, int *equal)
{
    struct sdkc_json_diff tmp;
    struct sdkc_buf path;
    size_t i;
    sdkc_result result;

    sdkc_json_diff_init(&tmp);
    sdkc_buf_init(&path, 0);
    if (d && d->max_entries)
        tmp.max_entries = d->max_entries;
    result = sdkc_json_compare(want, got, s_matcher_fn, (void *)mc, d ? &tmp : NULL, equal);
    for (i = 0; !result && i < tmp.count; i++) {
        const char *p = tmp.entries[i].path;
        sdkc_buf_reset(&path);
        if (p[0] == '$')
            p++;
        if ((result = sdkc_buf_append_str(&path, prefix)) ||
            (result = sdkc_buf_append_str(&path, p)))
            break;
        result = sdkc_vector_diff_add(d, path.data, tmp.entries[i].wanted, tmp.entries[i].got);
    }
    if (!result && d)
        d->truncated += tmp.truncated;
    sdkc_buf_clean_up(&path);
    sdkc_json_diff_clean_up(&tmp);
    return result;
}

/* MARK: - matchers */

static int s_is_uuid4(const char *s)
{
    size_t i;
    if (strlen(s) != 36)
        return 0;
    for (i = 0; i < 36; i++) {
        char ch = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (ch != '-')
                return 0;
        } else if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
            return 0;
        }
    }
    /* RFC 9562 §5.4: version nibble 4, variant bits 10xx. */
    return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

sdkc_result sdkc_vector_matcher_check(const cJSON *m, struct sdkc_vector_regexes **regexes,
                                      struct sdkc_error *err)
{
    const cJSON *name = sdkc_json_get(m, "$match"), *it, *pat;
    int want_pattern = 0;
    if (!cJSON_IsString(name))
        return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                              "\"$match\" must be a string naming a matcher");
    if (strcmp(name->valuestring, "regex") == 0)
        want_pattern = 1;
    else if (strcmp(name->valuestring, "any") != 0 && strcmp(name->valuestring, "absent") != 0 &&
             strcmp(name->valuestring, "string") != 0 && strcmp(name->valuestring, "uuid4") != 0)
        return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                              "unknown matcher \"%s\" (any, absent, string, uuid4, regex)",
                              name->valuestring);
    for (it = m->child; it; it = it->next)
        if (strcmp(it->string, "$match") != 0 &&
            !(want_pattern && strcmp(it->string, "pattern") == 0))
            return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                  "unknown key \"%s\" in a \"%s\" matcher", it->string,
                                  name->valuestring);
    if (want_pattern) {
        struct sdkc_vector_regex *re = NULL;
        sdkc_result result;
        pat = sdkc_json_get(m, "pattern");
        if (!cJSON_IsString(pat))
            return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                  "a regex matcher needs \"pattern\": a PCRE2 pattern string");
        if (strlen(pat->valuestring) > SDKC_VECTOR_MAX_REGEX_LEN)
            return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                  "regex pattern longer than %d bytes", SDKC_VECTOR_MAX_REGEX_LEN);
        /* Compiled here, once: the load refuses what does not compile
         * within the limits, and the checks reuse the code. */
        if ((result = sdkc_vector_regex_compile(pat->valuestring, &re, err)))
            return result;
        if (!regexes) {
            sdkc_vector_regex_destroy(re);
            return SDKC_OK;
        }
        return sdkc_vector_regexes_add(regexes, pat, re, err);
    }
    return SDKC_OK;
}

/* A regex matcher against got: compiled at load when the vector was, else
 * (a hand-built tree) compiled now under the same limits. */
static int s_match_regex(const struct s_mctx *mc, const cJSON *pat, const cJSON *got,
                         struct sdkc_buf *why)
{
    const struct sdkc_vector_regex *re = NULL;
    struct sdkc_vector_regex *own = NULL;
    const char *stopped = NULL;
    int ok = 0;
    if (cJSON_IsString(pat)) {
        re = sdkc_vector_regexes_find(mc->regexes, pat);
        if (!re && strlen(pat->valuestring) <= SDKC_VECTOR_MAX_REGEX_LEN &&
            sdkc_vector_regex_compile(pat->valuestring, &own, NULL) == SDKC_OK)
            re = own;
    }
    if (re && cJSON_IsString(got))
        ok = sdkc_vector_regex_match(re, got->valuestring, strlen(got->valuestring), &stopped);
    sdkc_vector_regex_destroy(own);
    if (ok == 1)
        return 1;
    if (why) {
        sdkc_buf_append_str(why, "a string matching /");
        sdkc_buf_append_str(why, cJSON_IsString(pat) ? pat->valuestring : "?");
        sdkc_buf_append_str(why, "/");
        if (stopped) {
            sdkc_buf_append_str(why, " (not decided: ");
            sdkc_buf_append_str(why, stopped);
            sdkc_buf_append_str(why, ")");
        }
    }
    return 0;
}

static int s_matcher(const struct s_mctx *mc, const cJSON *want, const cJSON *got,
                     struct sdkc_buf *why)
{
    const struct sdkc_vector_check_options *opts = mc->opts;
    const cJSON *name;
    const char *n;
    if (!cJSON_IsObject(want) || !cJSON_IsString(name = sdkc_json_get(want, "$match")))
        return -1;
    n = name->valuestring;
    if (strcmp(n, "any") == 0) {
        if (got)
            return 1;
        if (why)
            sdkc_buf_append_str(why, "any value");
        return 0;
    }
    if (strcmp(n, "absent") == 0) {
        if (!got)
            return 1;
        if (why)
            sdkc_buf_append_str(why, "(absent)");
        return 0;
    }
    if (strcmp(n, "string") == 0) {
        if (cJSON_IsString(got))
            return 1;
        if (why)
            sdkc_buf_append_str(why, "any string");
        return 0;
    }
    if (strcmp(n, "uuid4") == 0) {
        if (cJSON_IsString(got) && s_is_uuid4(got->valuestring)) {
            if (opts && opts->on_token)
                opts->on_token(opts->token_ctx, got->valuestring);
            return 1;
        }
        if (why)
            sdkc_buf_append_str(why, "lowercase UUID v4");
        return 0;
    }
    if (strcmp(n, "regex") == 0)
        return s_match_regex(mc, sdkc_json_get(want, "pattern"), got, why);
    /* Validated at load, so only a hand-built tree gets here. */
    if (why)
        sdkc_buf_appendf(why, "unknown matcher \"%s\"", n);
    return 0;
}

/* `why` receives what was wanted, in words; the comparator shows what it
 * got next to it ("wanted lowercase UUID v4, got \"abc\""). */
int sdkc_vector_matcher(void *ctx, const cJSON *want, const cJSON *got, struct sdkc_buf *why)
{
    struct s_mctx mc;
    mc.opts = ctx;
    mc.regexes = NULL;
    return s_matcher(&mc, want, got, why);
}

static int s_matcher_fn(void *ctx, const cJSON *want, const cJSON *got, struct sdkc_buf *why)
{
    return s_matcher(ctx, want, got, why);
}

/* MARK: - request checks */

/* Decoded query string -> {"k": "v"} or {"k": ["v1","v2"]} for repeats
 * (RFC 3986 §3.4; '+' is not a space in rest-json URIs, so it is kept). */
static sdkc_result s_query_to_json(const char *q, cJSON **out)
{
    cJSON *obj = cJSON_CreateObject();
    struct sdkc_buf k, v;
    const char *p = q;
    sdkc_result result = SDKC_OK;

    sdkc_buf_init(&k, 0);
    sdkc_buf_init(&v, 0);
    if (!obj)
        return SDKC_ERR_NOMEM;
    while (p && *p) {
        const char *amp = strchr(p, '&');
        const char *end = amp ? amp : p + strlen(p);
        const char *eq = memchr(p, '=', (size_t)(end - p));
        cJSON *val, *prev;
        sdkc_buf_reset(&k);
        sdkc_buf_reset(&v);
        if ((result = sdkc_uri_decode(&k, p, (size_t)((eq ? eq : end) - p))) ||
            (result = sdkc_buf_reserve(&k, 0)))
            goto fail;
        if (eq && (result = sdkc_uri_decode(&v, eq + 1, (size_t)(end - eq - 1))))
            goto fail;
        if ((result = sdkc_buf_reserve(&v, 0)))
            goto fail;
        if (end > p) {
            val = cJSON_CreateString(v.data);
            if (!val) {
                result = SDKC_ERR_NOMEM;
                goto fail;
            }
            prev = cJSON_GetObjectItemCaseSensitive(obj, k.data);
            if (!prev) {
                if (!cJSON_AddItemToObject(obj, k.data, val)) {
                    cJSON_Delete(val);
                    result = SDKC_ERR_NOMEM;
                    goto fail;
                }
            } else if (cJSON_IsArray(prev)) {
                if (!cJSON_AddItemToArray(prev, val)) {
                    cJSON_Delete(val);
                    result = SDKC_ERR_NOMEM;
                    goto fail;
                }
            } else {
                cJSON *arr = cJSON_CreateArray();
                cJSON *first;
                if (!arr) {
                    cJSON_Delete(val);
                    result = SDKC_ERR_NOMEM;
                    goto fail;
                }
                first = cJSON_DetachItemViaPointer(obj, prev);
                cJSON_AddItemToArray(arr, first);
                cJSON_AddItemToArray(arr, val);
                if (!cJSON_AddItemToObject(obj, k.data, arr)) {
                    cJSON_Delete(arr);
                    result = SDKC_ERR_NOMEM;
                    goto fail;
                }
            }
        }
        p = amp ? amp + 1 : NULL;
    }
    *out = obj;
    sdkc_buf_clean_up(&k);
    sdkc_buf_clean_up(&v);
    return SDKC_OK;
fail:
    cJSON_Delete(obj);
    sdkc_buf_clean_up(&k);
    sdkc_buf_clean_up(&v);
    return result;
}

/* Header names in diff paths are lower case: HTTP names are
 * case-insensitive (RFC 9110 §5.1), so the path does not depend on how
 * either side spelled them. */
static sdkc_result s_header_path(struct sdkc_buf *b, const char *name)
{
    size_t i;
    sdkc_result result;
    sdkc_buf_reset(b);
    if ((result = sdkc_buf_append_str(b, "$.headers.")))
        return result;
    for (i = 0; name[i]; i++) {
        char ch = name[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if ((result = sdkc_buf_append_byte(b, ch)))
            return result;
    }
    return SDKC_OK;
}

static sdkc_result s_quote(struct sdkc_buf *b, const char *s, size_t n)
{
    sdkc_buf_reset(b);
    if (n > S_EXCERPT_MAX) {
        sdkc_result result = sdkc_json_quote(b, s, S_EXCERPT_MAX);
        return result ? result : sdkc_buf_appendf(b, "... (%zu bytes)", n);
    }
    return sdkc_json_quote(b, s, n);
}

static sdkc_result s_check_headers(const struct sdkc_vector_header_expect *h,
                                   const struct sdkc_http_request *got, const struct s_mctx *mc,
                                   struct sdkc_json_diff *d, int *ok)
{
    struct sdkc_buf path, show;
    const cJSON *it;
    sdkc_result result = SDKC_OK;

    sdkc_buf_init(&path, 0);
    sdkc_buf_init(&show, 0);
    for (it = h->required ? h->required->child : NULL; it && !result; it = it->next) {
        if (sdkc_http_headers_get(&got->headers, it->valuestring))
            continue;
        *ok = 0;
        if (!(result = s_header_path(&path, it->valuestring)))
            result = sdkc_vector_diff_add(d, path.data, "(present)", "(absent)");
    }
    for (it = h->forbidden ? h->forbidden->child : NULL; it && !result; it = it->next) {
        const char *val = sdkc_http_headers_get(&got->headers, it->valuestring);
        if (!val)
            continue;
        *ok = 0;
        if (!(result = s_header_path(&path, it->valuestring)) &&
            !(result = s_quote(&show, val, strlen(val))))
            result = sdkc_vector_diff_add(d, path.data, "(absent)", show.data);
    }
    for (it = h->equal ? h->equal->child : NULL; it && !result; it = it->next) {
        const char *val = sdkc_http_headers_get(&got->headers, it->string);
        int m;
        if (cJSON_IsString(it)) {
            /* Exact value: header values are opaque octets to the client
             * (RFC 9110 §5.5), only the name is case-insensitive. */
            if (val && strcmp(val, it->valuestring) == 0)
                continue;
            *ok = 0;
            if ((result = s_header_path(&path, it->string)))
                break;
            if ((result = s_quote(&show, it->valuestring, strlen(it->valuestring))))
                break;
            {
                char *wanted = sdkc_strdup(show.data);
                if (!wanted) {
                    result = SDKC_ERR_NOMEM;
                    break;
                }
                if (val)
                    result = s_quote(&show, val, strlen(val));
                if (!result)
                    result =
                        sdkc_vector_diff_add(d, path.data, wanted, val ? show.data : "(absent)");
                sdkc_free(wanted);
            }
            continue;
        }
        {
            /* A matcher: hand it the header as a JSON string node on the
             * stack (matchers only read). */
            cJSON node;
            memset(&node, 0, sizeof(node));
            node.type = cJSON_String;
            node.valuestring = (char *)val;
            sdkc_buf_reset(&show);
            m = s_matcher(mc, it, val ? &node : NULL, &show);
            if (m == 1)
                continue;
            *ok = 0;
            if ((result = s_header_path(&path, it->string)))
                break;
            {
                char *wanted = sdkc_strdup(show.data ? show.data : "");
                if (!wanted) {
                    result = SDKC_ERR_NOMEM;
                    break;
                }
                if (val)
                    result = s_quote(&show, val, strlen(val));
                if (!result)
                    result =
                        sdkc_vector_diff_add(d, path.data, wanted, val ? show.data : "(absent)");
                sdkc_free(wanted);
            }
        }
    }
    sdkc_buf_clean_up(&path);
    sdkc_buf_clean_up(&show);
    return result;
}

static sdkc_result s_check_body(const struct sdkc_vector_request_expect *rx,
                                const struct sdkc_http_request *got, const struct s_mctx *mc,
                                struct sdkc_json_diff *d, int *ok)
{
    struct sdkc_json_limits lim = {SDKC_VECTOR_MAX_FILE_BYTES, SDKC_VECTOR_MAX_DEPTH};
    struct sdkc_buf show;
    struct sdkc_error perr;
    cJSON *parsed = NULL;
    char *wanted = NULL;
    int equal = 0;
    sdkc_result result = SDKC_OK;
    size_t len = got->body ? got->body_len : 0;

    sdkc_buf_init(&show, 0);
    sdkc_error_init(&perr);
    if (!rx->body) {
        /* "body": null: the request must carry no body at all. */
        if (len == 0)
            return SDKC_OK;
        *ok = 0;
        if (!(result = s_quote(&show, got->body, len)))
            result = sdkc_vector_diff_add(d, "$.body", "(no body)", show.data);
        goto done;
    }
    if (len == 0) {
        *ok = 0;
        if (!(wanted = s_show(rx->body)))
            result = SDKC_ERR_NOMEM;
        else
            result = sdkc_vector_diff_add(d, "$.body", wanted, "(no body)");
        goto done;
    }
    result = sdkc_json_parse(got->body, len, &lim, &parsed, &perr);
    if (result == SDKC_ERR_NOMEM)
        goto done;
    if (result) {
        *ok = 0;
        result = SDKC_OK;
        if (!(wanted = s_show(rx->body))) {
            result = SDKC_ERR_NOMEM;
            goto done;
        }
        if ((result =
                 sdkc_buf_appendf(&show, "not JSON (%s at byte %zu): ", perr.msg, perr.offset)))
            goto done;
        {
            struct sdkc_buf q;
            sdkc_buf_init(&q, 0);
            result = s_quote(&q, got->body, len);
            if (!result)
                result = sdkc_buf_append(&show, q.data, q.len);
            sdkc_buf_clean_up(&q);
        }
        if (!result)
            result = sdkc_vector_diff_add(d, "$.body", wanted, show.data);
        goto done;
    }
    result = s_compare_into(d, "$.body", rx->body, parsed, mc, &equal);
    if (!result && !equal)
        *ok = 0;
done:
    cJSON_Delete(parsed);
    sdkc_free(wanted);
    sdkc_buf_clean_up(&show);
    return result;
}

/* The host a request went to: the encoder's (builtin) or the Host header a
 * client sent over the wire (RFC 9110 §7.2). */
static const char *s_request_host(const struct sdkc_http_request *got)
{
    return got->host ? got->host : sdkc_http_headers_get(&got->headers, "Host");
}

/* The host a request is wanted at: the vector's, rebased from the vector's
 * endpoint onto the one the client called (vector.h host_from/host_to). */
static sdkc_result s_wanted_host(const char *host, const struct sdkc_vector_check_options *opts,
                                 struct sdkc_buf *out)
{
    size_t n = strlen(host), from;
    if (opts && opts->host_from && opts->host_to) {
        from = opts->host_from_len;
        if (n >= from && strncasecmp(host + n - from, opts->host_from, from) == 0 &&
            (n == from || host[n - from - 1] == '.')) {
            sdkc_result result = sdkc_buf_append(out, host, n - from);
            return result ? result : sdkc_buf_append(out, opts->host_to, opts->host_to_len);
        }
    }
    return sdkc_buf_append(out, host, n);
}

static int s_piece_cmp(const void *a, const void *b)
{
    const struct sdkc_vector_piece *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->s, y->s, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Split a raw query at '&' into pieces (empty query: none), sorted. */
static sdkc_result s_query_pieces(const char *q, struct sdkc_vector_piece **out, size_t *n)
{
    size_t count = 0, i = 0;
    const char *p;
    *out = NULL;
    *n = 0;
    if (!q || !*q)
        return SDKC_OK;
    for (p = q; p; p = strchr(p, '&'), p = p ? p + 1 : NULL)
        count++;
    if (count > SDKC_VECTOR_MAX_QUERY_PIECES)
        return SDKC_ERR_TOO_LARGE;
    if (!(*out = sdkc_calloc(count, sizeof(**out))))
        return SDKC_ERR_NOMEM;
    for (p = q; p && i < count; i++) {
        const char *amp = strchr(p, '&');
        (*out)[i].s = p;
        (*out)[i].len = amp ? (size_t)(amp - p) : strlen(p);
        p = amp ? amp + 1 : NULL;
    }
    qsort(*out, count, sizeof(**out), s_piece_cmp);
    *n = count;
    return SDKC_OK;
}

/* rawQuery: the query as sent, compared as a multiset of its raw pieces
 * (Smithy httpRequestTests queryParams: "Query string parameter order does
 * not matter"; the bytes of each piece, percent-encoding and a missing '='
 * included, do: RestJsonConstantQueryString tests `?hello` against
 * `?hello=`). Each missing and each unexpected piece is one diff line. */
static sdkc_result s_check_raw_query(const char *want, const struct sdkc_http_request *got,
                                     struct sdkc_json_diff *d, int *ok)
{
    struct sdkc_vector_piece *w = NULL, *g = NULL;
    size_t wn = 0, gn = 0, i = 0, j = 0;
    struct sdkc_buf a, b;
    sdkc_result result;
    sdkc_buf_init(&a, 0);
    sdkc_buf_init(&b, 0);
    if ((result = s_query_pieces(want, &w, &wn)) ||
        (result = s_query_pieces(got->query, &g, &gn))) {
        if (result == SDKC_ERR_TOO_LARGE) {
            /* a client sent a query past the cap: a difference, not an error */
            *ok = 0;
            result = sdkc_vector_diff_add(d, "$.rawQuery", "(as expected)",
                                          "more query parameters than sdkconform compares");
        }
        goto done;
    }
    while ((i < wn || j < gn) && !result) {
        int c = i >= wn ? 1 : j >= gn ? -1 : s_piece_cmp(&w[i], &g[j]);
        if (c == 0) {
            i++;
            j++;
            continue;
        }
        *ok = 0;
        if (c < 0) {
            if (!(result = s_quote(&a, w[i].s, w[i].len)))
                result = sdkc_vector_diff_add(d, "$.rawQuery", a.data, "(piece not sent)");
            i++;
        } else {
            if (!(result = s_quote(&b, g[j].s, g[j].len)))
                result = sdkc_vector_diff_add(d, "$.rawQuery", "(no such piece)", b.data);
            j++;
        }
    }
done:
    sdkc_free(w);
    sdkc_free(g);
    sdkc_buf_clean_up(&a);
    sdkc_buf_clean_up(&b);
    return result;
}

/* bodyText / bodyBase64: exact bytes (blob and string payloads are not
 * JSON; Smithy compares such bodies byte for byte). */
static sdkc_result s_check_raw_body(const struct sdkc_vector_request_expect *rx,
                                    const struct sdkc_http_request *got, struct sdkc_json_diff *d,
                                    int *ok)
{
    size_t len = got->body ? got->body_len : 0;
    struct sdkc_buf a, b;
    sdkc_result result = SDKC_OK;
    if (len == rx->raw_body_len && (len == 0 || memcmp(got->body, rx->raw_body, len) == 0))
        return SDKC_OK;
    *ok = 0;
    sdkc_buf_init(&a, 0);
    sdkc_buf_init(&b, 0);
    if (!(result = s_quote(&a, rx->raw_body, rx->raw_body_len))) {
        if (len == 0)
            result = sdkc_vector_diff_add(d, "$.body", a.data, "(no body)");
        else if (!(result = s_quote(&b, got->body, len)))
            result = sdkc_vector_diff_add(d, "$.body", a.data, b.data);
    }
    sdkc_buf_clean_up(&a);
    sdkc_buf_clean_up(&b);
    return result;
}

sdkc_result sdkc_vector_check_request(const struct sdkc_vector *v,
                                      const struct sdkc_http_request *got,
                                      const struct sdkc_vector_check_options *opts,
                                      struct sdkc_json_diff *d, int *ok, struct sdkc_error *err)
{
    const struct sdkc_vector_request_expect *rx = &v->request;
    struct s_mctx mc;
    struct sdkc_buf a, b, want_host;
    cJSON *q = NULL;
    int equal = 0;
    sdkc_result result = SDKC_OK;

    *ok = 1;
    mc.opts = opts;
    mc.regexes = v->regexes;
    if (!v->has_request)
        return SDKC_OK;
    sdkc_buf_init(&a, 0);
    sdkc_buf_init(&b, 0);
    sdkc_buf_init(&want_host, 0);
    if (!got) {
        *ok = 0;
        result = sdkc_vector_diff_add(d, "$", "a request", "(no request sent)");
        goto done;
    }
    if (rx->method && (!got->method || strcmp(rx->method, got->method) != 0)) {
        *ok = 0;
        if ((result = s_quote(&a, rx->method, strlen(rx->method))))
            goto done;
        if (got->method && (result = s_quote(&b, got->method, strlen(got->method))))
            goto done;
        if ((result =
                 sdkc_vector_diff_add(d, "$.method", a.data, got->method ? b.data : "(absent)")))
            goto done;
    }
    /* The path is compared as exact bytes: percent-encoding is part of
     * what is tested (Smithy RestJsonHttpRequestLabelEscaping). */
    if (rx->path && (!got->path || strcmp(rx->path, got->path) != 0)) {
        *ok = 0;
        if ((result = s_quote(&a, rx->path, strlen(rx->path))))
            goto done;
        if (got->path && (result = s_quote(&b, got->path, strlen(got->path))))
            goto done;
        if ((result = sdkc_vector_diff_add(d, "$.path", a.data, got->path ? b.data : "(absent)")))
            goto done;
    }
    if (rx->query) {
        if ((result = s_query_to_json(got->query ? got->query : "", &q)))
            goto done;
        if ((result = s_compare_into(d, "$.query", rx->query, q, &mc, &equal)))
            goto done;
        if (!equal)
            *ok = 0;
    }
    if (rx->raw_query && (result = s_check_raw_query(rx->raw_query, got, d, ok)))
        goto done;
    if (rx->host) {
        const char *h = s_request_host(got);
        if ((result = s_wanted_host(rx->host, opts, &want_host)))
            goto done;
        if (!h || strcmp(h, want_host.data) != 0) {
            *ok = 0;
            if ((result = s_quote(&a, want_host.data, want_host.len)))
                goto done;
            if (h && (result = s_quote(&b, h, strlen(h))))
                goto done;
            if ((result = sdkc_vector_diff_add(d, "$.host", a.data, h ? b.data : "(absent)")))
                goto done;
        }
    }
    if ((result = s_check_headers(&rx->headers, got, &mc, d, ok)))
        goto done;
    if (rx->has_body && (result = s_check_body(rx, got, &mc, d, ok)))
        goto done;
    if (rx->has_raw_body && (result = s_check_raw_body(rx, got, d, ok)))
        goto done;
done:
    cJSON_Delete(q);
    sdkc_buf_clean_up(&a);
    sdkc_buf_clean_up(&b);
    sdkc_buf_clean_up(&want_host);
    if (result)
        return sdkc_error_set(err, result, SDKC_NO_OFFSET, "%s: checking the request: %s", v->id,
                              sdkc_result_str(result));
    return SDKC_OK;
}

/* MARK: - result checks */

sdkc_result sdkc_vector_check_result(const struct sdkc_vector *v, const cJSON *doc,
                                     const struct sdkc_vector_check_options *opts,
                                     struct sdkc_json_diff *d, int *ok, struct sdkc_error *err)
{
    struct sdkc_json_diff best, tmp;
    struct s_mctx mc;
    const cJSON *alt;
    int have_best = 0, equal = 0;
    char *wanted = NULL;
    sdkc_result result = SDKC_OK;
    size_t i;

    *ok = 1;
    mc.opts = opts;
    mc.regexes = v->regexes;
    sdkc_json_diff_init(&best);
    sdkc_json_diff_init(&tmp);
    if (!v->expect && !v->any_of)
        return SDKC_OK;
    if (!doc) {
        *ok = 0;
        if (!(wanted = s_show(v->expect ? v->expect : v->any_of)))
            result = SDKC_ERR_NOMEM;
        else
            result = sdkc_vector_diff_add(d, "$", wanted, "(no result document)");
        goto done;
    }
    if (v->expect) {
        result = s_compare_into(d, "$", v->expect, doc, &mc, &equal);
        if (!result && !equal)
            *ok = 0;
        goto done;
    }
    /* anyOf: pass when one alternative matches; otherwise report the
     * closest one, so the diff points at the smallest fix. */
    if (d && d->max_entries) {
        best.max_entries = d->max_entries;
        tmp.max_entries = d->max_entries;
    }
    for (alt = v->any_of->child; alt; alt = alt->next) {
        sdkc_json_diff_clean_up(&tmp);
        sdkc_json_diff_init(&tmp);
        if (d && d->max_entries)
            tmp.max_entries = d->max_entries;
        if ((result = s_compare_into(&tmp, "$", alt, doc, &mc, &equal)))
            goto done;
        if (equal)
            goto done; /* *ok stays 1 */
        if (!have_best || tmp.count + tmp.truncated < best.count + best.truncated) {
            struct sdkc_json_diff swap = best;
            best = tmp;
            tmp = swap;
            have_best = 1;
        }
    }
    *ok = 0;
    for (i = 0; i < best.count && !result; i++)
        result = sdkc_vector_diff_add(d, best.entries[i].path, best.entries[i].wanted,
                                      best.entries[i].got);
    if (!result && d)
        d->truncated += best.truncated;
done:
    sdkc_free(wanted);
    sdkc_json_diff_clean_up(&best);
    sdkc_json_diff_clean_up(&tmp);
    if (result)
        return sdkc_error_set(err, result, SDKC_NO_OFFSET, "%s: checking the result: %s", v->id,
                              sdkc_result_str(result));
    return SDKC_OK;
}

/* MARK: - probes (vector.h "probe") */

sdkc_result sdkc_vector_check_probe(const struct sdkc_vector *v, const cJSON *doc,
                                    struct sdkc_buf *why, int *ok, int *drift)
{
    const cJSON *e = sdkc_json_get(doc, "error"), *code, *status, *ce;
    const char *cs;
    int st;
    sdkc_result result = SDKC_OK;

    *ok = 1;
    *drift = 0;
    if (!v->has_probe)
        return SDKC_OK;
    ce = sdkc_json_get(sdkc_json_get(doc, "clientError"), "message");
    if (v->probe.expect == SDKC_PROBE_EXPECT_SUCCESS) {
        if (!sdkc_json_get(doc, "output")) {
            *ok = 0;
            if (e)
                result = sdkc_buf_append_str(why, "a success was due, got an error");
            else
                result = sdkc_buf_appendf(why, "a success was due, got %s%s",
                                          ce ? "a client error: " : "no result document",
                                          cJSON_IsString(ce) ? ce->valuestring : "");
        } else {
            result = sdkc_buf_append_str(why, "a success, as due");
        }
        return result ? SDKC_ERR_NOMEM : SDKC_OK;
    }
    /* An error is due: any 2xx is the endpoint accepting what it must
     * refuse (a nonexistent resource, a broken constraint, a bad or stale
     * signature: AWS SigV4 "Signature Version 4 signing process"). */
    if (!cJSON_IsObject(e)) {
        *ok = 0;
        if (sdkc_json_get(doc, "output"))
            result = sdkc_buf_append_str(why, "an error was due, got a success");
        else
            result = sdkc_buf_appendf(why, "an error was due, got %s%s",
                                      ce ? "a client error: " : "no result document",
                                      cJSON_IsString(ce) ? ce->valuestring : "");
        return result ? SDKC_ERR_NOMEM : SDKC_OK;
    }
    code = sdkc_json_get(e, "code");
    status = sdkc_json_get(e, "httpStatus");
    cs = cJSON_IsString(code) ? code->valuestring : "(no code)";
    st = cJSON_IsNumber(status) ? status->valueint : 0;
    if (v->probe.status && st != v->probe.status) {
        *ok = 0;
        result = sdkc_buf_appendf(why, "got %d %s, %d was due", st, cs, v->probe.status);
    } else if (v->probe.has_undeclared && !cJSON_IsTrue(sdkc_json_get(e, "modeled"))) {
        *drift = 1;
        result = sdkc_buf_appendf(why,
                                  "%d %s: an error code the model does not declare for %s "
                                  "(spec drift)",
                                  st, cs, v->operation);
    } else {
        result = sdkc_buf_appendf(why, "%d %s (%s)", st, cs,
                                  cJSON_IsTrue(sdkc_json_get(e, "modeled")) ? "declared"
                                                                            : "not declared");
    }
    return result ? SDKC_ERR_NOMEM : SDKC_OK;
}
