/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/vector.c: validating one vector object (see vector.h and
 * corpus/README.md for the format) and building its canned response.
 *
 * Validation is strict on purpose: unknown keys are errors (a typo such as
 * "statsu" would otherwise silently turn a check off), and every message
 * names the file and the JSON path of the offending value.
 */
#include "vectors/vector.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "vectors/private/vector_internal.h"

/* MARK: - levels */

const char *sdkc_vector_level_name(enum sdkc_vector_level level)
{
    switch (level) {
    case SDKC_LEVEL_MUST: return "MUST";
    case SDKC_LEVEL_SHOULD: return "SHOULD";
    case SDKC_LEVEL_MAY: return "MAY";
    }
    return "?";
}

sdkc_result sdkc_vector_level_parse(const char *s, enum sdkc_vector_level *out)
{
    if (!s)
        return SDKC_ERR_INVALID_ARG;
    if (strcasecmp(s, "must") == 0)
        *out = SDKC_LEVEL_MUST;
    else if (strcasecmp(s, "should") == 0)
        *out = SDKC_LEVEL_SHOULD;
    else if (strcasecmp(s, "may") == 0)
        *out = SDKC_LEVEL_MAY;
    else
        return SDKC_ERR_INVALID_ARG;
    return SDKC_OK;
}

/* MARK: - error context with a JSON path */

/* The path of the value being validated, grown and shrunk as validation
 * descends; errors print "file: path: reason". */
struct s_vctx {
    const char *file;
    size_t line; /* .jsonl line, 0 for none */
    char path[SDKC_VECTOR_PATH_MAX];
    size_t len;
    struct sdkc_error *err;
    /* where regex matchers' compiled patterns go (the vector's), or NULL */
    struct sdkc_vector_regexes **regexes;
};

/* Plain copies rather than snprintf: validation pushes a segment for every
 * key of every vector, on replay's hot path. Paths longer than the buffer
 * are cut. */
static size_t s_push_key(struct s_vctx *c, const char *key)
{
    size_t old = c->len, room = sizeof(c->path) - 1 - c->len, n = strlen(key);
    if (room > 0) {
        c->path[c->len++] = '.';
        room--;
        if (n > room)
            n = room;
        memcpy(c->path + c->len, key, n);
        c->len += n;
    }
    c->path[c->len] = '\0';
    return old;
}

static size_t s_push_index(struct s_vctx *c, size_t i)
{
    size_t old = c->len;
    int n = snprintf(c->path + c->len, sizeof(c->path) - c->len, "[%zu]", i);
    if (n > 0)
        c->len = (size_t)n >= sizeof(c->path) - c->len ? sizeof(c->path) - 1 : c->len + (size_t)n;
    return old;
}

static void s_pop(struct s_vctx *c, size_t old)
{
    c->len = old;
    c->path[old] = '\0';
}

static sdkc_result s_fail(struct s_vctx *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static sdkc_result s_fail(struct s_vctx *c, const char *fmt, ...)
{
    char reason[SDKC_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof(reason), fmt, ap);
    va_end(ap);
    if (c->line)
        return sdkc_error_set(c->err, SDKC_ERR_PARSE, SDKC_NO_OFFSET, "%s:%zu: %s: %s", c->file,
                              c->line, c->path, reason);
    return sdkc_error_set(c->err, SDKC_ERR_PARSE, SDKC_NO_OFFSET, "%s: %s: %s", c->file, c->path,
                          reason);
}

/* Every key of obj must be in `allowed` (NULL-terminated). */
static sdkc_result s_check_keys(struct s_vctx *c, const cJSON *obj, const char *const *allowed)
{
    const cJSON *it;
    size_t i;
    for (it = obj->child; it; it = it->next) {
        for (i = 0; allowed[i]; i++)
            if (strcmp(it->string, allowed[i]) == 0)
                break;
        if (!allowed[i]) {
            size_t old = s_push_key(c, it->string);
            sdkc_result result = s_fail(c, "unknown key \"%s\"", it->string);
            s_pop(c, old);
            return result;
        }
    }
    return SDKC_OK;
}

static sdkc_result s_want_string(struct s_vctx *c, const cJSON *obj, const char *key, int required,
                                 int nonempty, const char **out)
{
    const cJSON *v = sdkc_json_get(obj, key);
    size_t old;
    sdkc_result result = SDKC_OK;
    *out = NULL;
    if (!v) {
        if (!required)
            return SDKC_OK;
        return s_fail(c, "missing required key \"%s\"", key);
    }
    old = s_push_key(c, key);
    if (!cJSON_IsString(v))
        result = s_fail(c, "expected a string, got %s", sdkc_json_type_phrase(v));
    else if (nonempty && v->valuestring[0] == '\0')
        result = s_fail(c, "must not be empty");
    else
        *out = v->valuestring;
    s_pop(c, old);
    return result;
}

/* A non-empty (when nonempty) array of non-empty strings, at most
 * SDKC_VECTOR_MAX_LIST long. */
static sdkc_result s_want_string_list(struct s_vctx *c, const cJSON *v, int nonempty)
{
    const cJSON *it;
    size_t i = 0;
    if (!cJSON_IsArray(v))
        return s_fail(c, "expected an array of strings, got %s", sdkc_json_type_phrase(v));
    for (it = v->child; it; it = it->next, i++) {
        if (i >= SDKC_VECTOR_MAX_LIST)
            return s_fail(c, "more than %d entries", SDKC_VECTOR_MAX_LIST);
        if (!cJSON_IsString(it) || it->valuestring[0] == '\0') {
            size_t old = s_push_index(c, i);
            sdkc_result result = s_fail(c, "expected a non-empty string, got %s",
                                        cJSON_IsString(it) ? "\"\"" : sdkc_json_type_phrase(it));
            s_pop(c, old);
            return result;
        }
    }
    if (nonempty && i == 0)
        return s_fail(c, "must not be empty");
    return SDKC_OK;
}

/* Ids end up in file names, shell rerun commands and JUnit names, so they
 * keep to characters none of those needs to quote. */
static int s_id_char_ok(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '.' || ch == '_' || ch == '-' || ch == ':' || ch == '#' || ch == '/' ||
           ch == '+' || ch == '=' || ch == '@';
}

/* MARK: - matchers: validation */

/* The "$match" member of obj (last one wins, as sdkc_json_get), checking
 * the first byte before comparing: most objects have no such key. */
static const cJSON *s_get_match(const cJSON *obj)
{
    const cJSON *it, *found = NULL;
    if (!cJSON_IsObject(obj))
        return NULL;
    for (it = obj->child; it; it = it->next)
        if (it->string && it->string[0] == '$' && strcmp(it->string, "$match") == 0)
            found = it;
    return found;
}

/* allow_absent: {"$match":"absent"} is meaningful only as an object member
 * (or a header value): an array element or a whole document cannot be
 * absent. */
static sdkc_result s_validate_matchers(struct s_vctx *c, const cJSON *want, int depth,
                                       int allow_absent)
{
    const cJSON *it;
    size_t i = 0;
    const cJSON *m;
    if (depth > SDKC_VECTOR_MAX_DEPTH)
        return s_fail(c, "nested deeper than %d", SDKC_VECTOR_MAX_DEPTH);
    if ((m = s_get_match(want)) != NULL) {
        struct sdkc_error rerr;
        sdkc_result result;
        sdkc_error_init(&rerr);
        if ((result = sdkc_vector_matcher_check(want, c->regexes, &rerr)) == SDKC_ERR_NOMEM)
            return sdkc_error_set(c->err, result, SDKC_NO_OFFSET, "out of memory");
        if (result)
            return s_fail(c, "%s", rerr.msg);
        if (!allow_absent && strcmp(m->valuestring, "absent") == 0)
            return s_fail(c, "\"absent\" is only valid as an object member or a header value");
        return SDKC_OK;
    }
    if (cJSON_IsObject(want) || cJSON_IsArray(want)) {
        for (it = want->child; it; it = it->next, i++) {
            size_t old = cJSON_IsObject(want) ? s_push_key(c, it->string) : s_push_index(c, i);
            sdkc_result result = s_validate_matchers(c, it, depth + 1, cJSON_IsObject(want));
            s_pop(c, old);
            if (result)
                return result;
        }
    }
    return SDKC_OK;
}

sdkc_result sdkc_vector_matchers_validate(const cJSON *want, const char *path,
                                          struct sdkc_error *err)
{
    struct s_vctx c;
    memset(&c, 0, sizeof(c));
    c.file = "(expected JSON)";
    c.err = err;
    snprintf(c.path, sizeof(c.path), "%s", path ? path : "$");
    c.len = strlen(c.path);
    return s_validate_matchers(&c, want, 0, 0);
}

/* sdkc_json_compare only consults the matcher when both sides exist, and
 * already reports members of `got` that `want` does not list; so an
 * "absent" matcher on an object member means exactly "no such member", and
 * is removed from the tree once validated (it stays in the file, where it
 * documents the intent). */
static void s_strip_absent(cJSON *node)
{
    cJSON *it, *next;
    if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
        return;
    for (it = node->child; it; it = next) {
        const cJSON *m;
        next = it->next;
        if (cJSON_IsObject(node) && cJSON_IsObject(it) && cJSON_IsString(m = s_get_match(it)) &&
            strcmp(m->valuestring, "absent") == 0) {
            cJSON_Delete(cJSON_DetachItemViaPointer(node, it));
            continue;
        }
        if (!s_get_match(it))
            s_strip_absent(it);
    }
}

/* MARK: - sections */

static sdkc_result s_load_headers_expect(struct s_vctx *c, const cJSON *h,
                                         struct sdkc_vector_header_expect *out)
{
    static const char *const keys[] = {"required", "forbidden", "equal", NULL};
    const cJSON *it;
    size_t old;
    sdkc_result result;
    if (!cJSON_IsObject(h))
        return s_fail(c, "expected an object with required/forbidden/equal, got %s",
                      sdkc_json_type_phrase(h));
    if ((result = s_check_keys(c, h, keys)))
        return result;
    out->required = sdkc_json_get(h, "required");
    out->forbidden = sdkc_json_get(h, "forbidden");
    out->equal = sdkc_json_get(h, "equal");
    if (out->required) {
        old = s_push_key(c, "required");
        result = s_want_string_list(c, out->required, 0);
        s_pop(c, old);
        if (result)
            return result;
    }
    if (out->forbidden) {
        old = s_push_key(c, "forbidden");
        result = s_want_string_list(c, out->forbidden, 0);
        s_pop(c, old);
        if (result)
            return result;
    }
    if (out->equal) {
        size_t n = 0;
        old = s_push_key(c, "equal");
        if (!cJSON_IsObject(out->equal)) {
            result = s_fail(c, "expected an object of header name -> value, got %s",
                            sdkc_json_type_phrase(out->equal));
            s_pop(c, old);
            return result;
        }
        for (it = out->equal->child; it; it = it->next, n++) {
            size_t o2 = s_push_key(c, it->string);
            if (n >= SDKC_VECTOR_MAX_LIST)
                result = s_fail(c, "more than %d headers", SDKC_VECTOR_MAX_LIST);
            else if (it->string[0] == '\0')
                result = s_fail(c, "empty header name");
            else if (cJSON_IsString(it))
                result = SDKC_OK;
            else if (cJSON_IsObject(it) && sdkc_json_get(it, "$match"))
                result = s_validate_matchers(c, it, 0, 1);
            else
                result =
                    s_fail(c, "expected a string or a matcher, got %s", sdkc_json_type_phrase(it));
            s_pop(c, o2);
            if (result) {
                s_pop(c, old);
                return result;
            }
        }
        s_pop(c, old);
    }
    return SDKC_OK;
}

static sdkc_result s_load_query(struct s_vctx *c, const cJSON *q)
{
    const cJSON *it, *e;
    sdkc_result result = SDKC_OK;
    size_t n = 0;
    if (!cJSON_IsObject(q))
        return s_fail(c, "expected an object of name -> value or [values], got %s",
                      sdkc_json_type_phrase(q));
    for (it = q->child; it && !result; it = it->next, n++) {
        size_t old = s_push_key(c, it->string);
        if (n >= SDKC_VECTOR_MAX_LIST) {
            result = s_fail(c, "more than %d query parameters", SDKC_VECTOR_MAX_LIST);
        } else if (cJSON_IsString(it)) {
            result = SDKC_OK;
        } else if (cJSON_IsObject(it) && sdkc_json_get(it, "$match")) {
            result = s_validate_matchers(c, it, 0, 1);
        } else if (cJSON_IsArray(it)) {
            size_t i = 0;
            for (e = it->child; e && !result; e = e->next, i++) {
                size_t o2 = s_push_index(c, i);
                if (i >= SDKC_VECTOR_MAX_LIST)
                    result = s_fail(c, "more than %d values", SDKC_VECTOR_MAX_LIST);
                else if (cJSON_IsObject(e) && sdkc_json_get(e, "$match"))
                    result = s_validate_matchers(c, e, 0, 0);
                else if (!cJSON_IsString(e))
                    result = s_fail(c, "expected a string or a matcher, got %s",
                                    sdkc_json_type_phrase(e));
                s_pop(c, o2);
            }
        } else {
            result = s_fail(c, "expected a string, an array of strings or a matcher, got %s",
                            sdkc_json_type_phrase(it));
        }
        s_pop(c, old);
    }
    return result;
}

static sdkc_result s_load_request(struct s_vctx *c, const cJSON *r,
                                  struct sdkc_vector_request_expect *out)
{
    static const char *const keys[] = {"method",  "path", "query",    "rawQuery",   "host",
                                       "headers", "body", "bodyText", "bodyBase64", NULL};
    const cJSON *raw_text, *raw_b64;
    const cJSON *v;
    size_t old;
    sdkc_result result;
    if (!cJSON_IsObject(r))
        return s_fail(c, "expected an object, got %s", sdkc_json_type_phrase(r));
    if ((result = s_check_keys(c, r, keys)))
        return result;
    if ((result = s_want_string(c, r, "method", 0, 1, &out->method)))
        return result;
    if ((result = s_want_string(c, r, "path", 0, 1, &out->path)))
        return result;
    if (out->path && out->path[0] != '/') {
        old = s_push_key(c, "path");
        result = s_fail(c, "a request path starts with '/'");
        s_pop(c, old);
        return result;
    }
    if ((v = sdkc_json_get(r, "query")) != NULL) {
        old = s_push_key(c, "query");
        result = s_load_query(c, v);
        s_pop(c, old);
        if (result)
            return result;
        out->query = v;
    }
    if ((v = sdkc_json_get(r, "headers")) != NULL) {
        old = s_push_key(c, "headers");
        result = s_load_headers_expect(c, v, &out->headers);
        s_pop(c, old);
        if (result)
            return result;
    }
    if ((result = s_want_string(c, r, "host", 0, 1, &out->host)))
        return result;
    if ((result = s_want_string(c, r, "rawQuery", 0, 0, &out->raw_query)))
        return result;
    if (out->raw_query && out->raw_query[0] == '?') {
        old = s_push_key(c, "rawQuery");
        result = s_fail(c, "the raw query is given without its leading '?'");
        s_pop(c, old);
        return result;
    }
    if ((v = sdkc_json_get(r, "body")) != NULL) {
        out->has_body = 1;
        if (!cJSON_IsNull(v)) {
            old = s_push_key(c, "body");
            result = s_validate_matchers(c, v, 0, 0);
            s_pop(c, old);
            if (result)
                return result;
            out->body = v;
        }
    }
    raw_text = sdkc_json_get(r, "bodyText");
    raw_b64 = sdkc_json_get(r, "bodyBase64");
    if (!!v + !!raw_text + !!raw_b64 > 1)
        return s_fail(c, "give one of \"body\", \"bodyText\" and \"bodyBase64\"");
    if (raw_text || raw_b64) {
        const cJSON *raw = raw_text ? raw_text : raw_b64;
        struct sdkc_buf b;
        struct sdkc_error berr;
        sdkc_buf_init(&b, SDKC_VECTOR_MAX_FILE_BYTES);
        sdkc_error_init(&berr);
        old = s_push_key(c, raw_text ? "bodyText" : "bodyBase64");
        if (!cJSON_IsString(raw))
            result = s_fail(c, "expected a string, got %s", sdkc_json_type_phrase(raw));
        else if (raw_text)
            result = sdkc_buf_append_str(&b, raw->valuestring);
        else if ((result = sdkc_base64_decode(&b, raw->valuestring, strlen(raw->valuestring),
                                              &berr)) == SDKC_ERR_PARSE)
            result = s_fail(c, "%s", berr.msg);
        s_pop(c, old);
        if (!result) {
            out->has_raw_body = 1;
            out->raw_body_len = b.len;
            /* an empty expectation still owns a buffer, so "" differs from "no body" */
            if (!(out->raw_body = b.len ? sdkc_buf_steal(&b, NULL) : sdkc_strdup("")))
                result = SDKC_ERR_NOMEM;
        }
        sdkc_buf_clean_up(&b);
        if (result == SDKC_ERR_NOMEM)
            return sdkc_error_set(c->err, result, SDKC_NO_OFFSET, "out of memory");
        if (result)
            return result;
    }
    return SDKC_OK;
}

/* MARK: - response header fields */

/* RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" /
 * "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA. */
static int s_tchar(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           (ch != '\0' && strchr("!#$%&'*+-.^_`|~", ch) != NULL);
}

/* A canned response is sent on the wire by the mock endpoint, which cannot
 * send a field name that is not a token (RFC 9110 §5.1) nor a value that is
 * not a field-value (§5.5: visible characters, obs-text, and spaces or tabs
 * only between them): such a vector loaded, passed the builtin client, and
 * then aborted every wire run naming nothing. Refused here, with the path. */
static sdkc_result s_check_field_name(struct s_vctx *c, const char *name)
{
    size_t i;
    for (i = 0; name[i]; i++)
        if (!s_tchar((unsigned char)name[i]))
            return s_fail(c,
                          "header name byte %zu (0x%02x) is not a token character "
                          "(RFC 9110 §5.1, §5.6.2)",
                          i, (unsigned char)name[i]);
    return SDKC_OK;
}

static sdkc_result s_check_field_value(struct s_vctx *c, const char *value)
{
    size_t i, n = strlen(value);
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)value[i];
        if (strncmp(value + i, SDKC_JSON_NUL, 2) == 0)
            ch = 0; /* \u0000 (core/json.h) */
        if ((ch < 0x21 && ch != ' ' && ch != '\t') || ch == 0x7f)
            return s_fail(c,
                          "header value byte %zu (0x%02x) is a control character, not "
                          "allowed in a field value (RFC 9110 §5.5)",
                          i, ch);
    }
    if (n > 0 &&
        (value[0] == ' ' || value[0] == '\t' || value[n - 1] == ' ' || value[n - 1] == '\t'))
        return s_fail(c, "a field value has no leading or trailing spaces or tabs "
                         "(RFC 9110 §5.5)");
    return SDKC_OK;
}

/* One response field after checking its value; SDKC_ERR_NOMEM is left to
 * the caller. */
static sdkc_result s_add_field(struct s_vctx *c, struct sdkc_http_response *out, const char *name,
                               const char *value)
{
    sdkc_result result = s_check_field_value(c, value);
    if (!result &&
        (result = sdkc_http_headers_add(&out->headers, name, value)) == SDKC_ERR_TOO_LARGE)
        result = s_fail(c, "more than %d headers", SDKC_HTTP_MAX_HEADERS);
    return result;
}

static sdkc_result s_load_response(struct s_vctx *c, const cJSON *r, struct sdkc_http_response *out)
{
    static const char *const keys[] = {"status", "headers", "body", "bodyBase64", NULL};
    const cJSON *v, *it, *e;
    size_t old;
    sdkc_result result;
    struct sdkc_buf b;

    sdkc_buf_init(&b, SDKC_VECTOR_MAX_FILE_BYTES);
    if (!cJSON_IsObject(r))
        return s_fail(c, "expected an object, got %s", sdkc_json_type_phrase(r));
    if ((result = s_check_keys(c, r, keys)))
        return result;
    v = sdkc_json_get(r, "status");
    if (!v)
        return s_fail(c, "missing required key \"status\"");
    old = s_push_key(c, "status");
    /* RFC 9110 §15: a status code is three digits, 100-599 in use. */
    /* Range first: casting a double outside int's range to int is
     * undefined (C11 6.3.1.4), and 1e12 or 1e999 are valid JSON numbers. */
    if (!cJSON_IsNumber(v) || !(v->valuedouble >= 100 && v->valuedouble <= 599)) {
        if (cJSON_IsNumber(v))
            result = s_fail(c, "HTTP status %.17g is outside 100-599", v->valuedouble);
        else
            result = s_fail(c, "expected an integer, got %s", sdkc_json_type_phrase(v));
    } else if (sdkc_json_number_int64(v, NULL) != SDKC_OK) {
        /* decided on the digits: 200.00000000000000001 is not 200 */
        result = s_fail(c, "expected an integer, got %s", sdkc_json_type_phrase(v));
    }
    s_pop(c, old);
    if (result)
        return result;
    out->status = v->valueint;

    if ((v = sdkc_json_get(r, "headers")) != NULL) {
        old = s_push_key(c, "headers");
        if (!cJSON_IsObject(v)) {
            result = s_fail(c, "expected an object of name -> value or [values], got %s",
                            sdkc_json_type_phrase(v));
            s_pop(c, old);
            return result;
        }
        for (it = v->child; it && !result; it = it->next) {
            size_t o2 = s_push_key(c, it->string);
            if (it->string[0] == '\0')
                result = s_fail(c, "empty header name");
            else
                result = s_check_field_name(c, it->string);
            if (result) {
                /* the name is refused */
            } else if (cJSON_IsString(it)) {
                result = s_add_field(c, out, it->string, it->valuestring);
            } else if (cJSON_IsArray(it)) {
                size_t i = 0;
                for (e = it->child; e && !result; e = e->next, i++) {
                    size_t o3 = s_push_index(c, i);
                    if (!cJSON_IsString(e))
                        result = s_fail(c, "expected a string, got %s", sdkc_json_type_phrase(e));
                    else
                        result = s_add_field(c, out, it->string, e->valuestring);
                    s_pop(c, o3);
                }
            } else {
                result = s_fail(c, "expected a string or an array of strings, got %s",
                                sdkc_json_type_phrase(it));
            }
            s_pop(c, o2);
        }
        s_pop(c, old);
        if (result)
            return result == SDKC_ERR_NOMEM
                       ? sdkc_error_set(c->err, result, SDKC_NO_OFFSET, "out of memory")
                       : result;
    }

    v = sdkc_json_get(r, "body");
    e = sdkc_json_get(r, "bodyBase64");
    if (v && e)
        return s_fail(c, "give \"body\" or \"bodyBase64\", not both");
    if (v) {
        old = s_push_key(c, "body");
        if (!cJSON_IsString(v))
            result = s_fail(c, "expected a string (use bodyBase64 for arbitrary bytes), got %s",
                            sdkc_json_type_phrase(v));
        s_pop(c, old);
        if (result)
            return result;
        result = sdkc_buf_append_str(&b, v->valuestring);
    } else if (e) {
        struct sdkc_error berr;
        sdkc_error_init(&berr);
        old = s_push_key(c, "bodyBase64");
        if (!cJSON_IsString(e))
            result = s_fail(c, "expected a base64 string, got %s", sdkc_json_type_phrase(e));
        else if ((result = sdkc_base64_decode(&b, e->valuestring, strlen(e->valuestring), &berr)) ==
                 SDKC_ERR_PARSE)
            result = s_fail(c, "%s", berr.msg);
        s_pop(c, old);
    }
    if (result)
        goto fail;
    if (b.len > 0) {
        out->body_len = b.len;
        out->body = sdkc_buf_steal(&b, NULL);
    }
    sdkc_buf_clean_up(&b);
    return SDKC_OK;
fail:
    sdkc_buf_clean_up(&b);
    if (result == SDKC_ERR_NOMEM)
        return sdkc_error_set(c->err, result, SDKC_NO_OFFSET, "out of memory");
    return result;
}

/* A result document with matchers: exactly one of output / error /
 * clientError (DESIGN.md "Result document"). */
static sdkc_result s_load_doc(struct s_vctx *c, const cJSON *doc)
{
    static const char *const keys[] = {"output", "error", "clientError", NULL};
    const cJSON *it;
    size_t n = 0;
    sdkc_result result;
    if (!cJSON_IsObject(doc))
        return s_fail(c, "expected a result document object, got %s", sdkc_json_type_phrase(doc));
    if ((result = s_check_keys(c, doc, keys)))
        return result;
    for (it = doc->child; it; it = it->next) {
        size_t old = s_push_key(c, it->string);
        n++;
        if (!cJSON_IsObject(it))
            result = s_fail(c, "expected an object, got %s", sdkc_json_type_phrase(it));
        s_pop(c, old);
        if (result)
            return result;
    }
    if (n != 1)
        return s_fail(c, "a result document has exactly one of output, error, clientError");
    return s_validate_matchers(c, doc, 0, 0);
}

static sdkc_result s_load_expect(struct s_vctx *c, const cJSON *x, struct sdkc_vector *v)
{
    const cJSON *alts = sdkc_json_get(x, "anyOf");
    const cJSON *it;
    size_t i = 0;
    sdkc_result result = SDKC_OK;
    if (!cJSON_IsObject(x))
        return s_fail(c, "expected a result document or {\"anyOf\":[...]}, got %s",
                      sdkc_json_type_phrase(x));
    if (!alts) {
        if ((result = s_load_doc(c, x)))
            return result;
        v->expect = x;
        return SDKC_OK;
    }
    if (cJSON_GetArraySize(x) != 1)
        return s_fail(c, "\"anyOf\" must be the only key");
    {
        size_t old = s_push_key(c, "anyOf");
        if (!cJSON_IsArray(alts) || !alts->child)
            result = s_fail(c, "expected a non-empty array of result documents, got %s",
                            sdkc_json_type_phrase(alts));
        for (it = alts->child; it && !result; it = it->next, i++) {
            size_t o2 = s_push_index(c, i);
            if (i >= SDKC_VECTOR_MAX_ANYOF)
                result = s_fail(c, "more than %d alternatives", SDKC_VECTOR_MAX_ANYOF);
            else
                result = s_load_doc(c, it);
            s_pop(c, o2);
        }
        s_pop(c, old);
    }
    if (!result)
        v->any_of = alts;
    return result;
}

/* MARK: - probes */

const char *sdkc_vector_signing_name(enum sdkc_vector_signing s)
{
    switch (s) {
    case SDKC_SIGNING_WRONG_DIGIT: return "wrong-signature";
    case SDKC_SIGNING_STALE: return "stale-date";
    case SDKC_SIGNING_AS_IS:
    default: return "as-is";
    }
}

/* {"expect": "error"|"success", "status": 100..599, "undeclared": level,
 * "signing": "as-is"|"wrong-signature"|"stale-date"} (corpus/README.md). */
static sdkc_result s_load_probe(struct s_vctx *c, const cJSON *p, struct sdkc_vector_probe *out)
{
    static const char *const keys[] = {"expect", "status", "undeclared", "signing", NULL};
    const char *expect = NULL, *undeclared = NULL, *signing = NULL;
    const cJSON *st;
    size_t old;
    sdkc_result result;

    memset(out, 0, sizeof(*out));
    if (!cJSON_IsObject(p))
        return s_fail(c, "expected an object, got %s", sdkc_json_type_phrase(p));
    if ((result = s_check_keys(c, p, keys)) ||
        (result = s_want_string(c, p, "expect", 1, 1, &expect)) ||
        (result = s_want_string(c, p, "undeclared", 0, 1, &undeclared)) ||
        (result = s_want_string(c, p, "signing", 0, 1, &signing)))
        return result;
    if (strcmp(expect, "error") == 0)
        out->expect = SDKC_PROBE_EXPECT_ERROR;
    else if (strcmp(expect, "success") == 0)
        out->expect = SDKC_PROBE_EXPECT_SUCCESS;
    else {
        old = s_push_key(c, "expect");
        result = s_fail(c, "expected \"error\" or \"success\", got \"%s\"", expect);
        s_pop(c, old);
        return result;
    }
    if ((st = sdkc_json_get(p, "status")) != NULL) {
        old = s_push_key(c, "status");
        if (!cJSON_IsNumber(st) || st->valuedouble != (double)(int)st->valuedouble ||
            st->valueint < 100 || st->valueint > 599)
            result = s_fail(c, "expected an HTTP status 100..599, got %s",
                            cJSON_IsNumber(st) ? "another number" : sdkc_json_type_phrase(st));
        else if (out->expect != SDKC_PROBE_EXPECT_ERROR)
            result = s_fail(c, "only an \"error\" probe pins a status (a result document "
                               "of a success carries none)");
        s_pop(c, old);
        if (result)
            return result;
        out->status = st->valueint;
    }
    if (undeclared) {
        old = s_push_key(c, "undeclared");
        if (out->expect != SDKC_PROBE_EXPECT_ERROR)
            result = s_fail(c, "only an \"error\" probe checks declared error codes");
        else if (strcmp(undeclared, "MUST") == 0 || strcmp(undeclared, "SHOULD") == 0 ||
                 strcmp(undeclared, "MAY") == 0)
            (void)sdkc_vector_level_parse(undeclared, &out->undeclared);
        else
            result = s_fail(c, "expected \"MUST\", \"SHOULD\" or \"MAY\", got \"%s\"", undeclared);
        s_pop(c, old);
        if (result)
            return result;
        out->has_undeclared = 1;
    }
    if (signing) {
        if (strcmp(signing, "as-is") == 0)
            out->signing = SDKC_SIGNING_AS_IS;
        else if (strcmp(signing, "wrong-signature") == 0)
            out->signing = SDKC_SIGNING_WRONG_DIGIT;
        else if (strcmp(signing, "stale-date") == 0)
            out->signing = SDKC_SIGNING_STALE;
        else {
            old = s_push_key(c, "signing");
            result = s_fail(c,
                            "expected \"as-is\", \"wrong-signature\" or \"stale-date\", got "
                            "\"%s\"",
                            signing);
            s_pop(c, old);
            return result;
        }
    }
    return SDKC_OK;
}

/* MARK: - one vector */

static sdkc_result s_load(struct s_vctx *c, struct sdkc_vector *v)
{
    static const char *const keys[] = {"id",        "title",    "level",   "refs",     "tags",
                                       "operation", "params",   "request", "response", "expect",
                                       "notes",     "endpoint", "probe",   NULL};
    const cJSON *root = v->root, *x;
    const char *level = NULL, *notes = NULL;
    size_t old, i;
    sdkc_result result;

    if (!cJSON_IsObject(root))
        return s_fail(c, "expected a vector object, got %s", sdkc_json_type_phrase(root));
    if ((result = s_check_keys(c, root, keys)))
        return result;
    if ((result = s_want_string(c, root, "id", 1, 1, &v->id)))
        return result;
    old = s_push_key(c, "id");
    if (strlen(v->id) > SDKC_VECTOR_MAX_ID_LEN)
        result = s_fail(c, "longer than %d bytes", SDKC_VECTOR_MAX_ID_LEN);
    for (i = 0; !result && v->id[i]; i++)
        if (!s_id_char_ok((unsigned char)v->id[i]))
            result = s_fail(
                c, "character %zu of \"%s\" is not one of A-Z a-z 0-9 . _ - : # / + = @", i, v->id);
    s_pop(c, old);
    if (result)
        return result;
    if ((result = s_want_string(c, root, "title", 1, 1, &v->title)))
        return result;
    if ((result = s_want_string(c, root, "notes", 0, 0, &notes)))
        return result;
    if ((result = s_want_string(c, root, "level", 1, 1, &level)))
        return result;
    /* Exact upper case in files: the level is part of the vector's meaning,
     * so the file spells it as the spec does. */
    if (strcmp(level, "MUST") == 0)
        v->level = SDKC_LEVEL_MUST;
    else if (strcmp(level, "SHOULD") == 0)
        v->level = SDKC_LEVEL_SHOULD;
    else if (strcmp(level, "MAY") == 0)
        v->level = SDKC_LEVEL_MAY;
    else {
        old = s_push_key(c, "level");
        result = s_fail(c, "expected \"MUST\", \"SHOULD\" or \"MAY\", got \"%s\"", level);
        s_pop(c, old);
        return result;
    }
    v->refs = sdkc_json_get(root, "refs");
    if (!v->refs)
        return s_fail(c, "missing required key \"refs\"");
    old = s_push_key(c, "refs");
    result = s_want_string_list(c, v->refs, 1);
    s_pop(c, old);
    if (result)
        return result;
    v->tags = sdkc_json_get(root, "tags");
    if (!v->tags)
        return s_fail(c, "missing required key \"tags\"");
    old = s_push_key(c, "tags");
    result = s_want_string_list(c, v->tags, 1);
    s_pop(c, old);
    if (result)
        return result;
    v->category = v->tags->child->valuestring;
    if ((result = s_want_string(c, root, "operation", 1, 1, &v->operation)))
        return result;
    if ((result = s_want_string(c, root, "endpoint", 0, 1, &v->endpoint)))
        return result;
    if (v->endpoint && strncmp(v->endpoint, "https://", 8) != 0 &&
        strncmp(v->endpoint, "http://", 7) != 0) {
        old = s_push_key(c, "endpoint");
        result = s_fail(c, "expected an http:// or https:// URL, got \"%s\"", v->endpoint);
        s_pop(c, old);
        return result;
    }
    v->params = sdkc_json_get(root, "params");
    if (!v->params)
        return s_fail(c, "missing required key \"params\" (use {} for none)");
    if (!cJSON_IsObject(v->params)) {
        old = s_push_key(c, "params");
        result = s_fail(c, "expected an object, got %s", sdkc_json_type_phrase(v->params));
        s_pop(c, old);
        return result;
    }
    if ((x = sdkc_json_get(root, "request")) != NULL) {
        v->has_request = 1;
        old = s_push_key(c, "request");
        result = s_load_request(c, x, &v->request);
        s_pop(c, old);
        if (result)
            return result;
    }
    if ((x = sdkc_json_get(root, "response")) != NULL) {
        v->has_response = 1;
        old = s_push_key(c, "response");
        result = s_load_response(c, x, &v->response);
        s_pop(c, old);
        if (result)
            return result;
    }
    if ((x = sdkc_json_get(root, "probe")) != NULL) {
        /* The endpoint answers a probe: a canned answer or a document to
         * compare would contradict it. */
        if (v->has_response || sdkc_json_get(root, "expect"))
            return s_fail(c, "a \"probe\" vector has no \"response\" or \"expect\" (the "
                             "endpoint answers it)");
        v->has_probe = 1;
        old = s_push_key(c, "probe");
        result = s_load_probe(c, x, &v->probe);
        s_pop(c, old);
        if (result)
            return result;
    }
    if (!v->has_request && !v->has_response && !v->has_probe)
        return s_fail(c, "a vector needs \"request\", \"response\" or both (or \"probe\")");
    if ((x = sdkc_json_get(root, "expect")) != NULL) {
        if (!v->has_response)
            return s_fail(c, "\"expect\" needs a \"response\" to decode (give the canned "
                             "response the client would get)");
        old = s_push_key(c, "expect");
        result = s_load_expect(c, x, v);
        s_pop(c, old);
        if (result)
            return result;
    } else if (v->has_response) {
        return s_fail(c, "a vector with a \"response\" needs \"expect\"");
    }
    if (v->request.body)
        s_strip_absent((cJSON *)v->request.body);
    if (v->request.query)
        s_strip_absent((cJSON *)v->request.query);
    if (v->expect)
        s_strip_absent((cJSON *)v->expect);
    if (v->any_of)
        s_strip_absent((cJSON *)v->any_of);
    return SDKC_OK;
}

sdkc_result sdkc_vector_from_json(cJSON *obj, const char *file, const char *where, size_t index,
                                  size_t line, struct sdkc_vector **out, struct sdkc_error *err)
{
    struct sdkc_vector *v = NULL;
    struct s_vctx c;
    sdkc_result result;

    *out = NULL;
    v = sdkc_calloc(1, sizeof(*v));
    if (!v) {
        cJSON_Delete(obj);
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    }
    v->root = obj;
    v->index = index;
    v->line = line;
    v->in_array = where && strcmp(where, "$") != 0;
    sdkc_http_response_init(&v->response);
    v->file = sdkc_strdup(file ? file : "(memory)");
    if (!v->file) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        goto fail;
    }
    memset(&c, 0, sizeof(c));
    c.file = v->file;
    c.line = line;
    c.err = err;
    c.regexes = &v->regexes;
    snprintf(c.path, sizeof(c.path), "%s", where ? where : "$");
    c.len = strlen(c.path);
    result = s_load(&c, v);
    if (result)
        goto fail;
    *out = v;
    return SDKC_OK;
fail:
    sdkc_vector_destroy(v);
    return result;
}

sdkc_result sdkc_vector_locate(const struct sdkc_vector *v, const char *key, struct sdkc_buf *b)
{
    if (v->line)
        return sdkc_buf_appendf(b, "%s:%zu: $%s%s", v->file, v->line, key ? "." : "",
                                key ? key : "");
    if (v->in_array)
        return sdkc_buf_appendf(b, "%s: $.vectors[%zu]%s%s", v->file, v->index, key ? "." : "",
                                key ? key : "");
    return sdkc_buf_appendf(b, "%s: $%s%s", v->file, key ? "." : "", key ? key : "");
}

sdkc_result sdkc_vector_parse(const char *data, size_t len, const char *file,
                              struct sdkc_vector **out, struct sdkc_error *err)
{
    struct sdkc_json_limits lim = {SDKC_VECTOR_MAX_FILE_BYTES, SDKC_VECTOR_MAX_DEPTH};
    cJSON *root = NULL;
    sdkc_result result;
    *out = NULL;
    result = sdkc_json_parse(data, len, &lim, &root, err);
    if (result) {
        sdkc_error_prefix(err, "%s: ", file ? file : "(memory)");
        return result;
    }
    return sdkc_vector_from_json(root, file, "$", 0, 0, out, err);
}

void sdkc_vector_destroy(struct sdkc_vector *v)
{
    if (!v)
        return;
    cJSON_Delete(v->root);
    sdkc_free(v->file);
    sdkc_free(v->model);
    sdkc_free(v->request.raw_body);
    sdkc_vector_regexes_destroy(v->regexes);
    sdkc_http_response_clean_up(&v->response);
    sdkc_free(v);
}

const struct sdkc_http_response *sdkc_vector_response(const struct sdkc_vector *v)
{
    return v && v->has_response ? &v->response : NULL;
}

int sdkc_vector_has_tag(const struct sdkc_vector *v, const char *tag)
{
    const cJSON *it;
    if (!v || !v->tags || !tag)
        return 0;
    for (it = v->tags->child; it; it = it->next)
        if (cJSON_IsString(it) && strcmp(it->valuestring, tag) == 0)
            return 1;
    return 0;
}
