/* SPDX-License-Identifier: Apache-2.0
 * codec/encode.c: params JSON -> rest-json HTTP request, generic over the
 * spec (codec.h). Rules and the official ids they come from:
 * docs/restjson-conformance-notes.md §1.4-1.6, §3.4, §3.5
 * (Smithy aws-restjson1 http-bindings; botocore serialize.py). The whole
 * request side of restJson1 is here: labels, query (with httpQueryParams
 * maps), headers (lists, prefix maps, jsonvalue/@mediaType), the JSON body
 * or the httpPayload member (raw blob/string, JSON structure, union or
 * document), Content-Length, the endpoint's base path and host prefix,
 * request compression, then checksums over the bytes as sent; all 113
 * request cases of the Smithy suite pass (botocore's translation in
 * ../shared/testdata/protocol-tests/rest-json/input.json). Event streams
 * are refused as unsupported.
 *
 * Ownership: sdkc_codec_encode builds every part of the request in buffers
 * it owns, and only moves them into the caller's request once the whole
 * encoding succeeded, so a failed call leaves the request empty. The
 * params tree stays the caller's; the one copy made here (to fill in
 * idempotency tokens) is freed before returning.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codec/checksum.h"
#include "codec/codec.h"
#include "core/alloc.h"
#include "core/base64.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/text.h"
#include "core/time.h"

/* Caps on what params may make the encoder produce (house style 7). The
 * body cap matches the decoder's, since the mock endpoint decodes it. */
#define SDKC_ENCODE_MAX_URI          ((size_t)64 * 1024) /* path + query bytes */
#define SDKC_ENCODE_MAX_QUERY_PARAMS 1000                /* key=value pairs */
#define SDKC_ENCODE_MAX_HEADER_VALUE ((size_t)64 * 1024) /* one header value */
#define SDKC_ENCODE_MAX_BODY         SDKC_CODEC_MAX_BODY
#define SDKC_ENCODE_MAX_DEPTH        SDKC_CODEC_MAX_DEPTH /* structures/lists/maps nested */
/* Timestamps: RFC 3339 four-digit years, 0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z, as epoch seconds. */
#define SDKC_ENCODE_MIN_EPOCH SDKC_TIME_MIN_EPOCH
#define SDKC_ENCODE_MAX_EPOCH SDKC_TIME_MAX_EPOCH
#define SDKC_ENCODE_WHERE_MAX 256 /* member path in messages, truncated past this */

/* Where a scalar goes: each has its own timestamp default (http-bindings
 * "httpHeader/httpQuery/httpLabel serialization rules"). */
enum s_ctx { S_CTX_LABEL, S_CTX_QUERY, S_CTX_HEADER };

struct s_enc {
    const struct sdkc_spec *spec;
    const struct sdkc_operation *op;
    struct sdkc_error *err;
    char where[SDKC_ENCODE_WHERE_MAX]; /* "details.iam.arn", "items[3]" */
    size_t query_count;
};

/* ---- member paths for messages ------------------------------------------ */

static size_t s_where_push_name(struct s_enc *e, const char *name)
{
    size_t len = strlen(e->where);
    snprintf(e->where + len, sizeof(e->where) - len, "%s%s", len ? "." : "", name);
    return len;
}

static size_t s_where_push_index(struct s_enc *e, size_t i)
{
    size_t len = strlen(e->where);
    snprintf(e->where + len, sizeof(e->where) - len, "[%zu]", i);
    return len;
}

static void s_where_pop(struct s_enc *e, size_t len)
{
    e->where[len] = '\0';
}

static const char *s_expected(const struct sdkc_shape *s)
{
    switch (s->type) {
    case SDKC_SHAPE_STRUCTURE:
    case SDKC_SHAPE_MAP: return "an object";
    case SDKC_SHAPE_LIST: return "an array";
    case SDKC_SHAPE_STRING: return "a string";
    case SDKC_SHAPE_INTEGER:
    case SDKC_SHAPE_LONG: return "an integer";
    case SDKC_SHAPE_BOOLEAN: return "a boolean";
    case SDKC_SHAPE_FLOAT:
    case SDKC_SHAPE_DOUBLE: return "a number";
    case SDKC_SHAPE_BLOB: return "a string (blob bytes)";
    case SDKC_SHAPE_TIMESTAMP: return "a timestamp (epoch seconds or an RFC 3339 string)";
    }
    return "a value";
}

/* Base64 of the bytes a params string stands for (blobs in params are the
 * raw bytes as text, docs/DESIGN.md; \u0000 is a NUL byte: core/json.h). */
static sdkc_result s_base64_string(struct sdkc_buf *b, const char *text)
{
    struct sdkc_buf raw;
    sdkc_result result;
    sdkc_buf_init(&raw, 0);
    result = sdkc_json_string_bytes(&raw, text);
    if (!result)
        result = sdkc_base64_encode(b, (const unsigned char *)(raw.data ? raw.data : ""), raw.len);
    sdkc_buf_clean_up(&raw);
    return result;
}

static sdkc_result s_type_error(struct s_enc *e, const struct sdkc_shape *s, const cJSON *v)
{
    return sdkc_error_set(e->err, SDKC_ERR_VALIDATION, SDKC_NO_OFFSET, "%s: expected %s, got %s",
                          e->where[0] ? e->where : "params", s_expected(s), sdkc_json_type_name(v));
}

/* ---- scalar formatting ---------------------------------------------------- */

/* Shortest decimal that reads back as the same double, as Python's
 * repr(float) and so botocore's json.dumps print (4.1 stays "4.1").
 * Integral values below 1e16 print as plain digits, as repr does (the
 * shortest %g form of 1422172800 would be "1.4221728e+09"). */
static void s_format_double(double d, char out[40])
{
    int prec;
    if (d == floor(d) && fabs(d) < 1e16) {
        snprintf(out, 40, "%.0f", d);
        return;
    }
    for (prec = 1; prec <= 17; prec++) {
        snprintf(out, 40, "%.*g", prec, d);
        if (strtod(out, NULL) == d)
            return;
    }
}

/* An integer member value as int64, decided on its digits when the node
 * keeps a literal (core/json.h "Numbers"), so a Long of 2^63-1 is written
 * digit for digit and one past [-2^63, 2^63-1] is a validation error rather
 * than a neighbouring double (Smithy long: 64-bit signed). */
static sdkc_result s_integer_value(struct s_enc *e, const struct sdkc_shape *s, const cJSON *v,
                                   long long *out)
{
    const char *lit = sdkc_json_number_literal(v);
    char num[32];
    if (!cJSON_IsNumber(v))
        return s_type_error(e, s, v);
    if (sdkc_json_number_int64(v, out) == SDKC_OK)
        return SDKC_OK;
    if (!lit && v->valuedouble > -9223372036854775808.0 && v->valuedouble < 9223372036854775808.0)
        return s_type_error(e, s, v); /* a plain fraction: not an integer at all */
    snprintf(num, sizeof(num), "%.17g", v->valuedouble);
    return sdkc_error_set(e->err, SDKC_ERR_VALIDATION, SDKC_NO_OFFSET,
                          "%s: expected an integer in -9223372036854775808..9223372036854775807, "
                          "got %.64s%s",
                          e->where[0] ? e->where : "params", lit ? lit : num,
                          lit && strlen(lit) > 64 ? "..." : "");
}

/* Smithy float/double members may carry the three non-finite values as
 * the strings JSON itself cannot express (RestJsonSupportsNaNFloatLabels). */
static int s_nonfinite_string(const cJSON *v)
{
    return cJSON_IsString(v) &&
           (strcmp(v->valuestring, "NaN") == 0 || strcmp(v->valuestring, "Infinity") == 0 ||
            strcmp(v->valuestring, "-Infinity") == 0);
}

/* ---- timestamps ------------------------------------------------------------ */

/* Dates are core/time's: one RFC 3339 parser for the codec and the signer,
 * so a date that does not exist (2019-02-31) is refused, never sent as
 * 2019-03-03. */

/* The params form of a timestamp: epoch seconds (number) or RFC 3339. */
static sdkc_result s_timestamp_value(struct s_enc *e, const struct sdkc_shape *s, const cJSON *v,
                                     double *out)
{
    if (cJSON_IsNumber(v) && isfinite(v->valuedouble))
        *out = v->valuedouble;
    else if (!cJSON_IsString(v) ||
             sdkc_time_parse_rfc3339(v->valuestring, strlen(v->valuestring), out) != SDKC_OK)
        return s_type_error(e, s, v);
    if (*out < SDKC_ENCODE_MIN_EPOCH || *out > SDKC_ENCODE_MAX_EPOCH)
        return sdkc_error_set(e->err, SDKC_ERR_VALIDATION, SDKC_NO_OFFSET,
                              "%s: timestamp outside the years 0001 to 9999",
                              e->where[0] ? e->where : "params");
    return SDKC_OK;
}

/* The format a timestamp takes: the member's timestampFormat, else the
 * shape's, else the location's default (http-bindings: date-time in
 * labels and query, http-date in headers; epoch-seconds in a JSON body). */
static const char *s_ts_format(const struct sdkc_member *m, const char *dflt)
{
    if (m && m->timestamp_format)
        return m->timestamp_format;
    if (m && m->shape && m->shape->timestamp_format)
        return m->shape->timestamp_format;
    return dflt;
}

/* Epoch seconds (Smithy epoch-seconds): whole seconds as an integer, a
 * fraction to millisecond precision with trailing zeros dropped; never
 * exponent notation ("1576540098", "1576540098.5", "-1.25"). */
static sdkc_result s_append_epoch(struct sdkc_buf *b, double t)
{
    double a = fabs(t);
    /* a is within SDKC_ENCODE_{MIN,MAX}_EPOCH, so it fits a long long */
    long long whole = (long long)floor(a), ms = (long long)floor((a - floor(a)) * 1000.0 + 0.5);
    char frac[8];
    int n;
    if (ms == 1000) {
        whole++;
        ms = 0;
    }
    if (!ms)
        return sdkc_buf_appendf(b, "%s%lld", t < 0 && whole ? "-" : "", whole);
    n = snprintf(frac, sizeof(frac), "%03lld", ms);
    while (n > 1 && frac[n - 1] == '0')
        frac[--n] = '\0';
    return sdkc_buf_appendf(b, "%s%lld.%s", t < 0 ? "-" : "", whole, frac);
}

static sdkc_result s_append_timestamp(struct sdkc_buf *b, double t, const char *format)
{
    if (strcmp(format, "unixTimestamp") == 0)
        return s_append_epoch(b, t);
    /* rfc822: RFC 9110 §5.6.7 IMF-fixdate, whole seconds; iso8601: RFC 3339
     * in UTC with milliseconds only when there are some (core/time.h) */
    return sdkc_time_append(
        b, t, strcmp(format, "rfc822") == 0 ? SDKC_TIME_HTTP_DATE : SDKC_TIME_ISO8601);
}

/* ---- scalars outside the body (labels, query, headers) ------------------- */

/* Append the text form of a scalar member value. Lists and structures are
 * the callers' business; here they are a type error. */
static sdkc_result s_append_scalar_text(struct s_enc *e, const struct sdkc_member *m,
                                        const cJSON *v, enum s_ctx ctx, struct sdkc_buf *b)
{
    const struct sdkc_shape *s = m->shape;
    long long ll;
    char num[40];
    switch (s->type) {
    case SDKC_SHAPE_STRING:
        if (ctx == S_CTX_HEADER && (m->jsonvalue || m->media_type || s->media_type)) {
            /* botocore serialize.py: a jsonvalue header carries the
             * base64 of the compact JSON text of the value; Smithy
             * http-bindings: a string with @mediaType bound to a header is
             * base64-encoded (MediaTypeHeaderInputBase64, which botocore
             * models as jsonvalue) */
            struct sdkc_buf j;
            sdkc_result result;
            sdkc_buf_init(&j, SDKC_ENCODE_MAX_HEADER_VALUE);
            if (cJSON_IsString(v))
                result = sdkc_json_string_bytes(&j, v->valuestring);
            else
                result = sdkc_json_print_buf(v, &j);
            if (!result)
                result =
                    sdkc_base64_encode(b, (const unsigned char *)(j.data ? j.data : ""), j.len);
            sdkc_buf_clean_up(&j);
            return result;
        }
        if (!cJSON_IsString(v))
            return s_type_error(e, s, v);
        /* A field value cannot hold NUL (RFC 9110 §5.5), nor can a client
         * send one in a header. */
        if (ctx == S_CTX_HEADER && strstr(v->valuestring, SDKC_JSON_NUL))
            return sdkc_error_set(e->err, SDKC_ERR_VALIDATION, SDKC_NO_OFFSET,
                                  "%s: a header value cannot hold U+0000",
                                  e->where[0] ? e->where : "params");
        /* enums are open: any string is forwarded as given */
        return sdkc_json_string_bytes(b, v->valuestring);
    case SDKC_SHAPE_INTEGER:
    case SDKC_SHAPE_LONG:
        if (s_integer_value(e, s, v, &ll) != SDKC_OK)
            return SDKC_ERR_VALIDATION; /* the message is in e->err */
        return sdkc_buf_appendf(b, "%lld", ll);
    case SDKC_SHAPE_FLOAT:
    case SDKC_SHAPE_DOUBLE:
        if (s_nonfinite_string(v))
            return sdkc_buf_append_str(b, v->valuestring);
        if (!cJSON_IsNumber(v))
            return s_type_error(e, s, v);
        s_format_double(v->valuedouble, num);
        return sdkc_buf_append_str(b, num);
    case SDKC_SHAPE_BOOLEAN:
        if (!cJSON_IsBool(v))
            return s_type_error(e, s, v);
        return sdkc_buf_append_str(b, cJSON_IsTrue(v) ? "true" : "false");
    case SDKC_SHAPE_BLOB:
        if (!cJSON_IsString(v))
            return s_type_error(e, s, v);
        return s_base64_string(b, v->valuestring);
    case SDKC_SHAPE_TIMESTAMP: {
        double t;
        sdkc_result result = s_timestamp_value(e, s, v, &t);
        if (result)
            return result;
        return s_append_timestamp(b, t, s_ts_format(m, ctx == S_CTX_HEADER ? "rfc822" : "iso8601"));
    }
    case SDKC_SHAPE_STRUCTURE:
    case SDKC_SHAPE_LIST:
    case SDKC_SHAPE_MAP: break;
    }
    return sdkc_error_set(e->err, SDKC_ERR_UNSUPPORTED, SDKC_NO_OFFSET,
                          "%s: a %s member cannot be bound to a %s", e->where,
                          sdkc_shape_type_name(s->type),
                          ctx == S_CTX_LABEL   ? "URI label"
                          : ctx == S_CTX_QUERY ? "query string"
                                               : "header");
}

/* ---- the JSON body --------------------------------------------------------- */

static sdkc_result s_write_value(struct s_enc *e, const struct sdkc_member *m, const cJSON *v,
                                 struct sdkc_buf *b, int depth);

/* Unknown and missing required members of one structure value, so nested
 * structures are validated the way the top level is; unions must have
 * exactly one member set. */
static sdkc_result s_check_members(struct s_enc *e, const struct sdkc_shape *s, const cJSON *obj)
{
    const cJSON *c;
    size_t i;
    /* unknown keys first: a typo is the likelier cause of a missing
     * required member */
    cJSON_ArrayForEach(c, obj)
    {
        if (!sdkc_shape_find_member(s, c->string)) {
            size_t mark = s_where_push_name(e, c->string);
            sdkc_result result = sdkc_error_set(e->err, SDKC_ERR_VALIDATION, SDKC_NO_OFFSET,
                                                "unknown member %s", e->where);
            s_where_pop(e, mark);
            return result;
        }
    }
    for (i = 0; i < s->member_count; i++) {
        const struct sdkc_member *m = &s->members[i];
        const cJSON *v = sdkc_json_get(obj, m->name);
        if (m->required && (!v || cJSON_IsNull(v))) {
            size_t mark = s_where_push_name(e, m->name);
            sdkc_result result = sdkc_error_set(e->err, SDKC_ERR_VALIDATION, SDKC_NO_OFFSET,
                                                "missing required member %s", e->where);
            s_where_pop(e, mark);
            return result;
        }
    }
    if (s->is_union) {
        /* Smithy union: exactly one member set (null counts as unset) */
        size_t set = 0;
        for (i = 0; i < s->member_count; i++) {
            const cJSON *v = sdkc_json_get(obj, s->members[i].name);
            if (v && !cJSON_IsNull(v))
                set++;
        }
        if (set != 1)
            return sdkc_error_set(e->err, SDKC_ERR_VALIDATION, SDKC_NO_OFFSET,
                                  "%s: union %s must have exactly one member set, got %zu",
                                  e->where[0] ? e->where : "params", s->name, set);
    }
    return SDKC_OK;
}

/* Structure members in spec order; absent and null members are omitted
 * (RestJsonDoesntSerializeNullStructureValues). only_body: at the top
 * level, skip members bound to the URI, query or headers. */
static sdkc_result s_write_structure(struct s_enc *e, const struct sdkc_shape *s, const cJSON *obj,
                                     struct sdkc_buf *b, int depth, int only_body)
{
    size_t i;
    int first = 1;
    sdkc_result result;
    if ((result = sdkc_buf_append_byte(b, '{')))
        return result;
    for (i = 0; i < s->member_count; i++) {
        const struct sdkc_member *m = &s->members[i];
        const cJSON *v = sdkc_json_get(obj, m->name);
        size_t mark;
        if (!v || cJSON_IsNull(v))
            continue;
        if (only_body && m->location != SDKC_LOC_BODY)
            continue;
        if (!first && (result = sdkc_buf_append_byte(b, ',')))
            return result;
        first = 0;
        if ((result = sdkc_json_quote(b, m->wire_name, strlen(m->wire_name))) ||
            (result = sdkc_buf_append_byte(b, ':')))
            return result;
        mark = s_where_push_name(e, m->name);
        result = s_write_value(e, m, v, b, depth + 1);
        s_where_pop(e, mark);
        if (result)
            return result;
    }
    return sdkc_buf_append_byte(b, '}');
}

static sdkc_result s_write_value(struct s_enc *e, const struct sdkc_member *m, const cJSON *v,
                                 struct sdkc_buf *b, int depth)
{
    const struct sdkc_shape *s = m->shape;
    sdkc_result result;
    long long ll;
    char num[40];
    if (depth > SDKC_ENCODE_MAX_DEPTH)
        return sdkc_error_set(e->err, SDKC_ERR_TOO_DEEP, SDKC_NO_OFFSET,
                              "%s: params nested deeper than %d", e->where, SDKC_ENCODE_MAX_DEPTH);
    if (s->is_document)
        /* A Smithy document is any JSON value, sent as given and never
         * checked against members (DocumentTypeInputWithObject,
         * DocumentInputWithList, DocumentTypeAsMapValueInput). The params
         * were parsed under the JSON depth cap already. */
        return sdkc_json_print_buf(v, b);
    switch (s->type) {
    case SDKC_SHAPE_STRUCTURE:
        if (!cJSON_IsObject(v))
            return s_type_error(e, s, v);
        if ((result = s_check_members(e, s, v)))
            return result;
        return s_write_structure(e, s, v, b, depth, 0);
    case SDKC_SHAPE_LIST: {
        const cJSON *c;
        size_t i = 0;
        if (!cJSON_IsArray(v))
            return s_type_error(e, s, v);
        if ((result = sdkc_buf_append_byte(b, '[')))
            return result;
        cJSON_ArrayForEach(c, v)
        {
            size_t mark;
            if (i && (result = sdkc_buf_append_byte(b, ',')))
                return result;
            /* a null element is a value only in a sparse list (Smithy
             * @sparse); otherwise it is the wrong type */
            mark = s_where_push_index(e, i);
            if (cJSON_IsNull(c) && s->sparse)
                result = sdkc_buf_append_str(b, "null");
            else
                result = s_write_value(e, s->list_member, c, b, depth + 1);
            s_where_pop(e, mark);
            if (result)
                return result;
            i++;
        }
        return sdkc_buf_append_byte(b, ']');
    }
    case SDKC_SHAPE_MAP: {
        const cJSON *c;
        int first = 1;
        if (!cJSON_IsObject(v))
            return s_type_error(e, s, v);
        if ((result = sdkc_buf_append_byte(b, '{')))
            return result;
        cJSON_ArrayForEach(c, v)
        {
            size_t mark;
            /* duplicate keys: the last one wins, as sdkc_json_get reads */
            if (sdkc_json_get(v, c->string) != c)
                continue;
            if (!first && (result = sdkc_buf_append_byte(b, ',')))
                return result;
            first = 0;
            if ((result = sdkc_json_quote(b, c->string, strlen(c->string))) ||
                (result = sdkc_buf_append_byte(b, ':')))
                return result;
            mark = s_where_push_name(e, c->string);
            if (cJSON_IsNull(c) && s->sparse)
                result = sdkc_buf_append_str(b, "null");
            else
                result = s_write_value(e, s->map_value, c, b, depth + 1);
            s_where_pop(e, mark);
            if (result)
                return result;
        }
        return sdkc_buf_append_byte(b, '}');
    }
    case SDKC_SHAPE_STRING:
        if (!cJSON_IsString(v))
            return s_type_error(e, s, v);
        return sdkc_json_quote(b, v->valuestring, strlen(v->valuestring));
    case SDKC_SHAPE_INTEGER:
    case SDKC_SHAPE_LONG:
        if ((result = s_integer_value(e, s, v, &ll)))
            return result;
        return sdkc_buf_appendf(b, "%lld", ll);
    case SDKC_SHAPE_FLOAT:
    case SDKC_SHAPE_DOUBLE:
        /* non-finite values travel as JSON strings (aws-restjson1
         * "Non-numeric float values") */
        if (s_nonfinite_string(v))
            return sdkc_json_quote(b, v->valuestring, strlen(v->valuestring));
        if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
            return s_type_error(e, s, v);
        s_format_double(v->valuedouble, num);
        return sdkc_buf_append_str(b, num);
    case SDKC_SHAPE_BOOLEAN:
        if (!cJSON_IsBool(v))
            return s_type_error(e, s, v);
        return sdkc_buf_append_str(b, cJSON_IsTrue(v) ? "true" : "false");
    case SDKC_SHAPE_BLOB:
        if (!cJSON_IsString(v))
            return s_type_error(e, s, v);
        if ((result = sdkc_buf_append_byte(b, '"')) ||
            (result = s_base64_string(b, v->valuestring)))
            return result;
        return sdkc_buf_append_byte(b, '"');
    case SDKC_SHAPE_TIMESTAMP: {
        double t;
        const char *fmt = s_ts_format(m, "unixTimestamp");
        if ((result = s_timestamp_value(e, s, v, &t)))
            return result;
        if (strcmp(fmt, "unixTimestamp") == 0)
            return s_append_timestamp(b, t, fmt);
        if ((result = sdkc_buf_append_byte(b, '"')) || (result = s_append_timestamp(b, t, fmt)))
            return result;
        return sdkc_buf_append_byte(b, '"');
    }
    }
    return sdkc_error_set(e->err, SDKC_ERR_STATE, SDKC_NO_OFFSET, "%s: unknown shape type",
                          e->where);
}

/* ---- the URI ---------------------------------------------------------------- */

static const struct sdkc_member *s_label_member(const struct sdkc_shape *in, const char *name,
                                                size_t n)
{
    size_t i;
    if (!in)
        return NULL;
    for (i = 0; i < in->member_count; i++) {
        const struct sdkc_member *m = &in->members[i];
        if (m->location == SDKC_LOC_URI && strlen(m->wire_name) == n &&
            memcmp(m->wire_name, name, n) == 0)
            return m;
    }
    return NULL;
}

/* requestUri "/v2/domains/{domainIdentifier}/user-profiles?x-id=Foo":
 * labels replaced by their percent-encoded values (RFC 3986 §2.3; the
 * greedy form {name+} keeps '/'), literal segments and the literal query
 * kept as the model writes them (RestJsonToleratesRegexCharsInSegments). */
static sdkc_result s_build_path(struct s_enc *e, const cJSON *params, struct sdkc_buf *path,
                                struct sdkc_buf *query)
{
    const char *uri = e->op->request_uri ? e->op->request_uri : "/";
    const char *q = strchr(uri, '?');
    size_t end = q ? (size_t)(q - uri) : strlen(uri);
    size_t i = 0;
    sdkc_result result;
    struct sdkc_buf val;
    sdkc_buf_init(&val, SDKC_ENCODE_MAX_URI);
    while (i < end) {
        const char *close;
        size_t name_len, mark;
        int greedy;
        const struct sdkc_member *m;
        const cJSON *v;
        if (uri[i] != '{') {
            size_t j = i;
            while (j < end && uri[j] != '{')
                j++;
            if ((result = sdkc_buf_append(path, uri + i, j - i)))
                goto fail;
            i = j;
            continue;
        }
        close = memchr(uri + i, '}', end - i);
        if (!close) {
            result =
                sdkc_error_set(e->err, SDKC_ERR_SPEC, SDKC_NO_OFFSET,
                               "operation %s: requestUri %s: unclosed label", e->op->name, uri);
            goto fail;
        }
        name_len = (size_t)(close - (uri + i + 1));
        greedy = name_len > 0 && uri[i + name_len] == '+';
        if (greedy)
            name_len--;
        m = s_label_member(e->op->input, uri + i + 1, name_len);
        if (!m) {
            result = sdkc_error_set(e->err, SDKC_ERR_SPEC, SDKC_NO_OFFSET,
                                    "operation %s: requestUri label {%.*s} has no uri member",
                                    e->op->name, (int)name_len, uri + i + 1);
            goto fail;
        }
        v = sdkc_json_get(params, m->name);
        mark = s_where_push_name(e, m->name);
        if (!v || cJSON_IsNull(v)) {
            /* http-bindings: an httpLabel member is always required */
            result = sdkc_error_set(e->err, SDKC_ERR_VALIDATION, SDKC_NO_OFFSET,
                                    "missing required member %s", e->where);
            s_where_pop(e, mark);
            goto fail;
        }
        sdkc_buf_reset(&val);
        result = s_append_scalar_text(e, m, v, S_CTX_LABEL, &val);
        if (!result && val.len == 0)
            /* An empty label would make "/v2/domains//user-profiles", a
             * different resource; SDKs built from Smithy refuse it. */
            result = sdkc_error_set(e->err, SDKC_ERR_VALIDATION, SDKC_NO_OFFSET,
                                    "%s: label must not be empty", e->where);
        s_where_pop(e, mark);
        if (result)
            goto fail;
        if ((result = sdkc_uri_encode(path, val.data, val.len, greedy)))
            goto fail;
        i = (size_t)(close - uri) + 1;
    }
    if (q && q[1] && (result = sdkc_buf_append_str(query, q + 1)))
        goto fail;
    if (q && q[1]) {
        const char *p;
        e->query_count++;
        for (p = q + 1; *p; p++)
            e->query_count += *p == '&';
    }
    result = SDKC_OK;
fail:
    sdkc_buf_clean_up(&val);
    if (result == SDKC_ERR_TOO_LARGE)
        result = sdkc_error_set(e->err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                                "request path longer than %zu bytes", SDKC_ENCODE_MAX_URI);
    return result;
}

/* ---- query string ----------------------------------------------------------- */

static sdkc_result s_query_pair(struct s_enc *e, struct sdkc_buf *query, const char *key,
                                const char *val, size_t val_len)
{
    sdkc_result result;
    if (++e->query_count > SDKC_ENCODE_MAX_QUERY_PARAMS)
        return sdkc_error_set(e->err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                              "more than %d query parameters", SDKC_ENCODE_MAX_QUERY_PARAMS);
    if (query->len && (result = sdkc_buf_append_byte(query, '&')))
        return result;
    if ((result = sdkc_uri_encode(query, key, strlen(key), 0)) ||
        (result = sdkc_buf_append_byte(query, '=')))
        return result;
    /* "" gives "key=" (RestJsonSerializesEmptyQueryValue) */
    return sdkc_uri_encode(query, val, val_len, 0);
}

/* One scalar or a list of scalars under one key; lists repeat the key. */
static sdkc_result s_query_member(struct s_enc *e, const struct sdkc_member *m, const char *key,
                                  const cJSON *v, struct sdkc_buf *query, struct sdkc_buf *tmp)
{
    sdkc_result result;
    if (m->shape->type == SDKC_SHAPE_LIST) {
        const cJSON *c;
        size_t i = 0;
        if (!cJSON_IsArray(v))
            return s_type_error(e, m->shape, v);
        cJSON_ArrayForEach(c, v)
        {
            size_t mark = s_where_push_index(e, i++);
            sdkc_buf_reset(tmp);
            result = s_append_scalar_text(e, m->shape->list_member, c, S_CTX_QUERY, tmp);
            if (!result)
                result = s_query_pair(e, query, key, tmp->data ? tmp->data : "", tmp->len);
            s_where_pop(e, mark);
            if (result)
                return result;
        }
        return SDKC_OK;
    }
    sdkc_buf_reset(tmp);
    if ((result = s_append_scalar_text(e, m, v, S_CTX_QUERY, tmp)))
        return result;
    return s_query_pair(e, query, key, tmp->data ? tmp->data : "", tmp->len);
}

static int s_named_query_set(const struct sdkc_shape *in, const cJSON *params, const char *key)
{
    size_t i;
    for (i = 0; i < in->member_count; i++) {
        const struct sdkc_member *m = &in->members[i];
        const cJSON *v;
        if (m->location != SDKC_LOC_QUERY || m->shape->type == SDKC_SHAPE_MAP ||
            strcmp(m->wire_name, key) != 0)
            continue;
        v = sdkc_json_get(params, m->name);
        if (v && !cJSON_IsNull(v))
            return 1;
    }
    return 0;
}

static sdkc_result s_build_query(struct s_enc *e, const cJSON *params, struct sdkc_buf *query)
{
    const struct sdkc_shape *in = e->op->input;
    struct sdkc_buf tmp;
    size_t i;
    sdkc_result result = SDKC_OK;
    sdkc_buf_init(&tmp, SDKC_ENCODE_MAX_URI);
    for (i = 0; in && i < in->member_count && !result; i++) {
        const struct sdkc_member *m = &in->members[i];
        const cJSON *v = sdkc_json_get(params, m->name);
        size_t mark;
        if (m->location != SDKC_LOC_QUERY || !v || cJSON_IsNull(v))
            continue;
        mark = s_where_push_name(e, m->name);
        if (m->shape->type == SDKC_SHAPE_MAP) {
            /* httpQueryParams: every entry becomes a parameter, except keys
             * a named query member already set (http-bindings: named
             * httpQuery members take precedence) */
            const cJSON *c;
            if (!cJSON_IsObject(v)) {
                result = s_type_error(e, m->shape, v);
            } else {
                cJSON_ArrayForEach(c, v)
                {
                    size_t mk;
                    if (cJSON_IsNull(c) || sdkc_json_get(v, c->string) != c ||
                        s_named_query_set(in, params, c->string))
                        continue;
                    mk = s_where_push_name(e, c->string);
                    result = s_query_member(e, m->shape->map_value, c->string, c, query, &tmp);
                    s_where_pop(e, mk);
                    if (result)
                        break;
                }
            }
        } else {
            result = s_query_member(e, m, m->wire_name, v, query, &tmp);
        }
        s_where_pop(e, mark);
    }
    sdkc_buf_clean_up(&tmp);
    if (result == SDKC_ERR_TOO_LARGE && (!e->err || e->err->code != SDKC_ERR_TOO_LARGE))
        result = sdkc_error_set(e->err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                                "query string longer than %zu bytes", SDKC_ENCODE_MAX_URI);
    return result;
}

/* ---- headers ---------------------------------------------------------------- */

/* A header value must stay one field line (RFC 9110 §5.5): CR, LF and NUL
 * in params would split or cut the message. */
static sdkc_result s_check_field_value(struct s_enc *e, const struct sdkc_buf *b)
{
    size_t i;
    for (i = 0; i < b->len; i++) {
        if (b->data[i] == '\r' || b->data[i] == '\n')
            return sdkc_error_set(e->err, SDKC_ERR_VALIDATION, SDKC_NO_OFFSET,
                                  "%s: header value must not contain CR or LF", e->where);
    }
    return SDKC_OK;
}

/* A list header: items joined by ", " (RFC 9110 §5.3); string items that
 * hold a comma or a double quote are sent as quoted-strings (§5.6.4), as
 * Smithy's RestJsonInputAndOutputWithQuotedStringHeaders expects. */
static sdkc_result s_header_list(struct s_enc *e, const struct sdkc_member *m, const cJSON *v,
                                 struct sdkc_buf *b)
{
    const struct sdkc_member *item = m->shape->list_member;
    const cJSON *c;
    size_t i = 0;
    struct sdkc_buf one;
    sdkc_result result = SDKC_OK;
    if (!cJSON_IsArray(v))
        return s_type_error(e, m->shape, v);
    sdkc_buf_init(&one, SDKC_ENCODE_MAX_HEADER_VALUE);
    cJSON_ArrayForEach(c, v)
    {
        size_t mark = s_where_push_index(e, i);
        sdkc_buf_reset(&one);
        result = s_append_scalar_text(e, item, c, S_CTX_HEADER, &one);
        s_where_pop(e, mark);
        if (result)
            break;
        if (i++ && (result = sdkc_buf_append(b, ", ", 2)))
            break;
        if (item->shape->type == SDKC_SHAPE_STRING && one.len &&
            (memchr(one.data, ',', one.len) || memchr(one.data, '"', one.len))) {
            size_t k;
            result = sdkc_buf_append_byte(b, '"');
            for (k = 0; k < one.len && !result; k++) {
                if (one.data[k] == '"' || one.data[k] == '\\')
                    result = sdkc_buf_append_byte(b, '\\');
                if (!result)
                    result = sdkc_buf_append_byte(b, one.data[k]);
            }
            if (!result)
                result = sdkc_buf_append_byte(b, '"');
        } else if (one.len) {
            result = sdkc_buf_append(b, one.data, one.len);
        }
        if (result)
            break;
    }
    sdkc_buf_clean_up(&one);
    return result;
}

static sdkc_result s_add_header(struct s_enc *e, struct sdkc_http_headers *h, const char *name,
                                const struct sdkc_buf *val)
{
    sdkc_result result = s_check_field_value(e, val);
    if (result)
        return result;
    result = sdkc_http_headers_addn(h, name, strlen(name), val->data ? val->data : "", val->len);
    if (result == SDKC_ERR_TOO_LARGE)
        return sdkc_error_set(e->err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                              "%s: more than %d headers", e->where, SDKC_HTTP_MAX_HEADERS);
    return result;
}

static sdkc_result s_build_headers(struct s_enc *e, const cJSON *params,
                                   struct sdkc_http_headers *h)
{
    const struct sdkc_shape *in = e->op->input;
    struct sdkc_buf val;
    size_t i;
    sdkc_result result = SDKC_OK;
    sdkc_buf_init(&val, SDKC_ENCODE_MAX_HEADER_VALUE);
    for (i = 0; in && i < in->member_count && !result; i++) {
        const struct sdkc_member *m = &in->members[i];
        const cJSON *v = sdkc_json_get(params, m->name);
        size_t mark;
        if ((m->location != SDKC_LOC_HEADER && m->location != SDKC_LOC_HEADERS) || !v ||
            cJSON_IsNull(v))
            continue;
        mark = s_where_push_name(e, m->name);
        if (m->location == SDKC_LOC_HEADERS) {
            /* httpPrefixHeaders: "X-Foo-" + key for every map entry; null
             * values are not sent (RestJsonNullAndEmptyHeaders) */
            const cJSON *c;
            if (m->shape->type != SDKC_SHAPE_MAP || !cJSON_IsObject(v)) {
                result = s_type_error(e, m->shape, v);
            } else {
                struct sdkc_buf name;
                sdkc_buf_init(&name, SDKC_ENCODE_MAX_HEADER_VALUE);
                cJSON_ArrayForEach(c, v)
                {
                    size_t mk;
                    if (cJSON_IsNull(c) || sdkc_json_get(v, c->string) != c)
                        continue;
                    mk = s_where_push_name(e, c->string);
                    sdkc_buf_reset(&name);
                    sdkc_buf_reset(&val);
                    result = sdkc_buf_appendf(&name, "%s%s", m->wire_name, c->string);
                    if (!result)
                        result =
                            s_append_scalar_text(e, m->shape->map_value, c, S_CTX_HEADER, &val);
                    if (!result)
                        result = s_check_field_value(e, &name);
                    if (!result)
                        result = s_add_header(e, h, name.data, &val);
                    s_where_pop(e, mk);
                    if (result)
                        break;
                }
                sdkc_buf_clean_up(&name);
            }
        } else {
            sdkc_buf_reset(&val);
            /* An empty list is sent as an empty field, as an empty
             * string is (Smithy RestJsonNullAndEmptyHeaders: "do send
             * empty strings and empty lists", X-C: ""); botocore
             * _partition_parameters drops it, and ignores that case. */
            if (m->shape->type == SDKC_SHAPE_LIST)
                result = s_header_list(e, m, v, &val);
            else
                result = s_append_scalar_text(e, m, v, S_CTX_HEADER, &val);
            if (!result)
                result = s_add_header(e, h, m->wire_name, &val);
        }
        s_where_pop(e, mark);
    }
    sdkc_buf_clean_up(&val);
    if (result == SDKC_ERR_TOO_LARGE && (!e->err || e->err->code != SDKC_ERR_TOO_LARGE))
        result =
            sdkc_error_set(e->err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                           "a header value longer than %zu bytes", SDKC_ENCODE_MAX_HEADER_VALUE);
    return result;
}

/* ---- endpoint and host -------------------------------------------------------- */

/* The parts of the client's endpoint a request needs; pointers into the
 * caller's option strings. */
struct s_endpoint {
    const char *authority; /* "example.com", "127.0.0.1:8080"; NULL when unknown */
    size_t authority_len;
    const char *base; /* path prefix without its trailing '/'s ("/custom"), may be empty */
    size_t base_len;
};

/* opts->endpoint is "scheme://authority[/path]" (RFC 3986 §3). Its path
 * prefixes every request path (Smithy RestJsonHostWithPath: the endpoint
 * "example.com/custom" gives /custom/HostWithPathOperation). A query,
 * fragment or userinfo has no meaning in an endpoint and is refused, as
 * are bytes a URI cannot hold. opts->host, when set, is the authority. */
static sdkc_result s_parse_endpoint(struct s_enc *e, const struct sdkc_codec_options *opts,
                                    struct s_endpoint *ep)
{
    struct sdkc_url_parts parts;
    const char *u;
    size_t n, i;
    memset(ep, 0, sizeof(*ep));
    if (opts && opts->endpoint) {
        u = opts->endpoint;
        n = strlen(u);
        if (n > SDKC_CODEC_MAX_ENDPOINT)
            return sdkc_error_set(e->err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                  "endpoint longer than %zu bytes", SDKC_CODEC_MAX_ENDPOINT);
        for (i = 0; i < n; i++) {
            unsigned char c = (unsigned char)u[i];
            if (c <= 0x20 || c >= 0x7f || c == '?' || c == '#' || c == '@' || c == '\\')
                return sdkc_error_set(e->err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                      "endpoint %s: byte %zu (0x%02x) is not allowed (expected "
                                      "scheme://host[:port][/path])",
                                      u, i, c);
        }
        if (!sdkc_url_split(u, &parts))
            return sdkc_error_set(e->err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                  "endpoint %s: expected scheme://host[:port][/path]", u);
        ep->authority = parts.authority;
        ep->authority_len = parts.authority_len;
        ep->base = parts.base;
        ep->base_len = parts.base_len;
    }
    if (opts && opts->host) {
        n = strlen(opts->host);
        for (i = 0; i < n; i++) {
            unsigned char c = (unsigned char)opts->host[i];
            if (c <= 0x20 || c == 0x7f || c == '/')
                return sdkc_error_set(e->err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                      "host: byte %zu (0x%02x) is not allowed in an authority", i,
                                      c);
        }
        ep->authority = n ? opts->host : NULL;
        ep->authority_len = n;
    }
    return SDKC_OK;
}

/* RFC 1123 §2.1 host label: 1 to 63 letters, digits and hyphens, neither
 * first nor last a hyphen. botocore (serialize.py HOST_PREFIX_RE) also lets
 * dots through, which would add labels the model did not declare. */
static int s_host_label_ok(const char *s)
{
    size_t n = strlen(s), i;
    if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-')
        return 0;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-'))
            return 0;
    }
    return 1;
}

static const struct sdkc_member *s_host_label_member(const struct sdkc_shape *in, const char *name,
                                                     size_t n)
{
    size_t i;
    for (i = 0; in && i < in->member_count; i++) {
        const struct sdkc_member *m = &in->members[i];
        if (m->host_label && strlen(m->name) == n && memcmp(m->name, name, n) == 0)
            return m;
    }
    return NULL;
}

/* Smithy @endpoint(hostPrefix) with @hostLabel (RestJsonEndpointTrait,
 * RestJsonEndpointTraitWithHostLabel): "foo.{label}." is expanded with the
 * hostLabel members' values and put in front of the authority. The labels
 * are checked even when no authority is known, so params a client would
 * refuse are refused here too. host is left empty when the authority is
 * unknown. */
static sdkc_result s_build_host(struct s_enc *e, const cJSON *params, const struct s_endpoint *ep,
                                struct sdkc_buf *host)
{
    const char *p = e->op->host_prefix;
    sdkc_result result;
    while (p && *p) {
        const char *close;
        const struct sdkc_member *m;
        const cJSON *v;
        size_t mark;
        if (*p != '{') {
            const char *open = strchr(p, '{');
            size_t n = open ? (size_t)(open - p) : strlen(p);
            if ((result = sdkc_buf_append(host, p, n)))
                return result;
            p += n;
            continue;
        }
        close = strchr(p, '}');
        m = close ? s_host_label_member(e->op->input, p + 1, (size_t)(close - p - 1)) : NULL;
        if (!m)
            return sdkc_error_set(e->err, SDKC_ERR_SPEC, SDKC_NO_OFFSET,
                                  "operation %s: endpoint.hostPrefix %s: label at character %zu "
                                  "has no hostLabel input member",
                                  e->op->name, e->op->host_prefix,
                                  (size_t)(p - e->op->host_prefix));
        v = sdkc_json_get(params, m->name);
        mark = s_where_push_name(e, m->name);
        if (!v || cJSON_IsNull(v))
            result = sdkc_error_set(e->err, SDKC_ERR_VALIDATION, SDKC_NO_OFFSET,
                                    "missing required member %s", e->where);
        else if (!cJSON_IsString(v))
            result = s_type_error(e, m->shape, v);
        else if (!v->valuestring[0])
            result = sdkc_error_set(e->err, SDKC_ERR_VALIDATION, SDKC_NO_OFFSET,
                                    "%s: host label must not be empty", e->where);
        else if (!s_host_label_ok(v->valuestring))
            result = sdkc_error_set(e->err, SDKC_ERR_VALIDATION, SDKC_NO_OFFSET,
                                    "%s: not a valid host label (RFC 1123: 1 to 63 letters, "
                                    "digits and hyphens, not starting or ending with a hyphen)",
                                    e->where);
        else
            result = sdkc_buf_append_str(host, v->valuestring);
        s_where_pop(e, mark);
        if (result)
            return result;
        p = close + 1;
    }
    if (!ep->authority_len) {
        sdkc_buf_reset(host);
        return SDKC_OK;
    }
    return sdkc_buf_append(host, ep->authority, ep->authority_len);
}

/* ---- the body ------------------------------------------------------------------ */

/* Event streams need a framing (application/vnd.amazon.eventstream) this
 * codec does not build: refuse the operation rather than send something
 * else. A streaming blob is an ordinary raw payload. */
static sdkc_result s_check_streams(struct s_enc *e)
{
    const struct sdkc_shape *in = e->op->input;
    size_t i;
    for (i = 0; in && i < in->member_count; i++) {
        const struct sdkc_shape *s = in->members[i].shape;
        if (s->eventstream || (s->type == SDKC_SHAPE_STRUCTURE && s->streaming))
            return sdkc_error_set(e->err, SDKC_ERR_UNSUPPORTED, SDKC_NO_OFFSET,
                                  "unsupported: member %s is an event stream", in->members[i].name);
    }
    return SDKC_OK;
}

static int s_has_body_members(const struct sdkc_shape *in)
{
    size_t i;
    for (i = 0; in && i < in->member_count; i++) {
        if (in->members[i].location == SDKC_LOC_BODY)
            return 1;
    }
    return 0;
}

/* The media type of a raw payload: the member's @mediaType, else its
 * shape's, else http-bindings' defaults for httpPayload: blob
 * application/octet-stream (RestJsonHttpPayloadTraitsWithBlob), string and
 * enum text/plain (RestJsonStringPayloadRequest, RestJsonEnumPayloadRequest). */
static const char *s_raw_media_type(const struct sdkc_member *m)
{
    if (m->media_type)
        return m->media_type;
    if (m->shape->media_type)
        return m->shape->media_type;
    return m->shape->type == SDKC_SHAPE_BLOB ? "application/octet-stream" : "text/plain";
}

/* The body and its default Content-Type (*ctype NULL: no body).
 *  - httpPayload (the input's `payload` member): a blob or string is sent
 *    as its raw bytes; a structure, union or document as its JSON. Unset:
 *    no body for a blob, string, union or document
 *    (RestJsonHttpPayloadTraitsWithNoBlobBody, RestJsonHttpWithEmptyBlobPayload,
 *    RestJsonHttpPayloadWithUnsetUnion), "{}" for a structure
 *    (RestJsonHttpWithEmptyStructurePayload, RestJsonHttpWithHeadersButNoPayload).
 *  - otherwise a JSON object of the body members when the input has any,
 *    "{}" when none is set (RestJsonHttpWithEmptyBody); no body for an
 *    input without body members (RestJsonHttpPostWithNoModeledBody). */
static sdkc_result s_build_body(struct s_enc *e, const cJSON *params, struct sdkc_buf *body,
                                const char **ctype)
{
    const struct sdkc_shape *in = e->op->input;
    const struct sdkc_member *p = in ? in->payload : NULL;
    const cJSON *v;
    size_t mark;
    sdkc_result result = SDKC_OK;
    *ctype = NULL;
    if (!p) {
        if (!s_has_body_members(in))
            return SDKC_OK;
        *ctype = "application/json";
        return s_write_structure(e, in, params, body, 0, 1);
    }
    v = sdkc_json_get(params, p->name);
    if (v && cJSON_IsNull(v))
        v = NULL;
    mark = s_where_push_name(e, p->name);
    switch (p->shape->type) {
    case SDKC_SHAPE_BLOB:
    case SDKC_SHAPE_STRING:
        if (!v)
            break;
        if (!cJSON_IsString(v)) {
            result = s_type_error(e, p->shape, v);
            break;
        }
        /* blobs in params are the raw bytes as text (DESIGN.md); a set ""
         * is an empty body, not none: the caller goes by *ctype */
        *ctype = s_raw_media_type(p);
        result = sdkc_json_string_bytes(body, v->valuestring);
        break;
    case SDKC_SHAPE_STRUCTURE:
        if (v) {
            *ctype = "application/json";
            result = s_write_value(e, p, v, body, 1);
        } else if (!p->shape->is_union && !p->shape->is_document) {
            *ctype = "application/json";
            result = sdkc_buf_append_str(body, "{}");
        }
        break;
    default:
        result = sdkc_error_set(e->err, SDKC_ERR_UNSUPPORTED, SDKC_NO_OFFSET,
                                "operation %s: payload member %s is a %s (http-bindings: a "
                                "payload is a blob, string, structure, union or document)",
                                e->op->name, p->name, sdkc_shape_type_name(p->shape->type));
        break;
    }
    s_where_pop(e, mark);
    return result;
}

/* Smithy @requestCompression (SDKAppliedContentEncoding_restJson1,
 * SDKAppendedGzipAfterProvidedEncoding_restJson1): the first encoding the
 * codec supports (gzip) is applied and appended to a Content-Encoding a
 * header member set ("custom, gzip"; botocore writes "custom,gzip"). Like
 * botocore (compress.py _should_compress_request) and the Smithy SDKs, a
 * body is compressed only from the minimum size on (10240 bytes unless the
 * caller says otherwise; the Smithy test bodies are 10368 bytes, so they
 * are compressed under the default), except a streaming payload, which is
 * always compressed. */
static sdkc_result s_compress(struct s_enc *e, const struct sdkc_codec_options *opts,
                              struct sdkc_buf *body, struct sdkc_http_headers *h)
{
    const struct sdkc_member *p = e->op->input ? e->op->input->payload : NULL;
    size_t min = opts && opts->compression_min_bytes ? opts->compression_min_bytes
                                                     : SDKC_CODEC_DEFAULT_MIN_COMPRESSION;
    const char *have;
    struct sdkc_buf gz, ce;
    size_t i;
    sdkc_result result;
    for (i = 0; i < e->op->compression_encoding_count; i++) {
        if (strcmp(e->op->compression_encodings[i], "gzip") == 0)
            break;
    }
    if (i == e->op->compression_encoding_count)
        return SDKC_OK;
    if (min > SDKC_CODEC_MAX_MIN_COMPRESSION)
        return sdkc_error_set(e->err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "compression minimum %zu is past %zu bytes", min,
                              SDKC_CODEC_MAX_MIN_COMPRESSION);
    if (body->len < min && !(p && p->shape->streaming))
        return SDKC_OK;
    sdkc_buf_init(&gz, SDKC_ENCODE_MAX_BODY);
    sdkc_buf_init(&ce, SDKC_ENCODE_MAX_HEADER_VALUE);
    result = sdkc_buf_gzip(&gz, body->data ? body->data : "", body->len, e->err);
    have = sdkc_http_headers_get(h, "Content-Encoding");
    if (!result && have && have[0])
        result = sdkc_buf_appendf(&ce, "%s, gzip", have);
    else if (!result)
        result = sdkc_buf_append_str(&ce, "gzip");
    if (!result)
        result = sdkc_http_headers_set(h, "Content-Encoding", ce.data);
    if (!result) {
        sdkc_buf_clean_up(body);
        *body = gz;
        sdkc_buf_init(&gz, SDKC_ENCODE_MAX_BODY);
    }
    sdkc_buf_clean_up(&gz);
    sdkc_buf_clean_up(&ce);
    return result;
}

static int s_has_checksum_header(const struct sdkc_http_headers *h)
{
    size_t i;
    for (i = 0; i < h->count; i++) {
        if (strncasecmp(h->items[i].name, "x-amz-checksum-", 15) == 0)
            return 1;
    }
    return 0;
}

/* Request checksums, over the body as sent (after compression: Smithy
 * @requestCompression puts compression before checksums).
 *  - aws.protocols#httpChecksum with its requestAlgorithmMember set:
 *    x-amz-checksum-<alg> (CRC32, CRC32C, SHA1, SHA256);
 *  - else @httpChecksumRequired or requestChecksumRequired: Content-MD5
 *    (RestJsonHttpChecksumRequired; RFC 1864). botocore since 1.36 sends
 *    a CRC32 flexible checksum here instead, which the Smithy test does not
 *    accept.
 * A checksum header a member already set is kept (botocore
 * has_checksum_header). No body counts as an empty one. */
static sdkc_result s_checksums(struct s_enc *e, const cJSON *params, const struct sdkc_buf *body,
                               struct sdkc_http_headers *h)
{
    const struct sdkc_member *am = e->op->checksum_algorithm_member;
    const cJSON *v = am ? sdkc_json_get(params, am->name) : NULL;
    enum sdkc_checksum_alg alg;
    struct sdkc_buf val;
    sdkc_result result;
    if (s_has_checksum_header(h))
        return SDKC_OK;
    if (v && !cJSON_IsNull(v)) {
        if (!cJSON_IsString(v))
            return s_type_error(e, am->shape, v);
        if (sdkc_checksum_from_name(v->valuestring, &alg) != 0)
            return sdkc_error_set(e->err, SDKC_ERR_UNSUPPORTED, SDKC_NO_OFFSET,
                                  "%s: unsupported checksum algorithm %s", am->name,
                                  v->valuestring);
    } else if (e->op->checksum_required && !sdkc_http_headers_get(h, "Content-MD5")) {
        alg = SDKC_CHECKSUM_MD5;
    } else {
        return SDKC_OK;
    }
    sdkc_buf_init(&val, SDKC_ENCODE_MAX_HEADER_VALUE);
    result = sdkc_checksum_base64(alg, body->data, body->len, &val, e->err);
    if (!result)
        result = sdkc_http_headers_add(h, sdkc_checksum_header(alg), val.data);
    sdkc_buf_clean_up(&val);
    return result;
}

/* ---- the entry point -------------------------------------------------------- */

/* Copy params and fill in every top-level idempotency-token member that is
 * absent or null with a fresh UUID v4 (botocore handlers.py
 * generate_idempotent_uuid; Smithy RestJsonQueryIdempotencyTokenAutoFill).
 * A given token, "" included, is kept verbatim. */
static sdkc_result s_fill_tokens(struct s_enc *e, const cJSON *params,
                                 const struct sdkc_codec_options *opts, cJSON **out)
{
    const struct sdkc_shape *in = e->op->input;
    sdkc_uuid_fn gen = opts && opts->uuid ? opts->uuid : sdkc_uuid_random;
    void *gen_ctx = opts && opts->uuid ? opts->uuid_ctx : NULL;
    cJSON *copy;
    size_t i;
    sdkc_result result;
    copy = params ? cJSON_Duplicate(params, 1) : cJSON_CreateObject();
    if (!copy)
        return sdkc_error_set(e->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    for (i = 0; in && i < in->member_count; i++) {
        const struct sdkc_member *m = &in->members[i];
        const cJSON *v;
        char token[37];
        cJSON *s;
        if (!m->idempotency_token || m->shape->type != SDKC_SHAPE_STRING)
            continue;
        v = sdkc_json_get(copy, m->name);
        if (v && !cJSON_IsNull(v))
            continue;
        result = gen(gen_ctx, token);
        if (result) {
            cJSON_Delete(copy);
            return sdkc_error_set(e->err, result, SDKC_NO_OFFSET,
                                  "%s: could not generate an idempotency token", m->name);
        }
        cJSON_DeleteItemFromObjectCaseSensitive(copy, m->name);
        s = cJSON_CreateString(token);
        if (!s || !cJSON_AddItemToObject(copy, m->name, s)) {
            cJSON_Delete(s);
            cJSON_Delete(copy);
            return sdkc_error_set(e->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        }
    }
    *out = copy;
    return SDKC_OK;
}

sdkc_result sdkc_codec_encode(const struct sdkc_spec *spec, const struct sdkc_operation *op,
                              const cJSON *params, const struct sdkc_codec_options *opts,
                              struct sdkc_http_request *req, struct sdkc_error *err)
{
    struct s_enc e;
    struct s_endpoint ep;
    struct sdkc_buf path, query, body, host;
    struct sdkc_http_headers headers;
    const char *ctype = NULL;
    char len_text[32];
    cJSON *work = NULL;
    sdkc_result result;

    memset(&e, 0, sizeof(e));
    sdkc_buf_init(&path, SDKC_ENCODE_MAX_URI);
    sdkc_buf_init(&query, SDKC_ENCODE_MAX_URI);
    sdkc_buf_init(&body, SDKC_ENCODE_MAX_BODY);
    sdkc_buf_init(&host, SDKC_ENCODE_MAX_HEADER_VALUE);
    sdkc_http_headers_init(&headers);
    if (!spec || !op || !req) {
        result = sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                "encode: spec, operation and request are required");
        goto fail;
    }
    e.spec = spec;
    e.op = op;
    e.err = err;

    if ((result = s_parse_endpoint(&e, opts, &ep)) || (result = s_check_streams(&e)))
        goto fail;
    if (params && !cJSON_IsNull(params) && !cJSON_IsObject(params)) {
        result = sdkc_error_set(err, SDKC_ERR_VALIDATION, SDKC_NO_OFFSET,
                                "params: expected an object, got %s", sdkc_json_type_name(params));
        goto fail;
    }
    if ((result = s_fill_tokens(&e, cJSON_IsObject(params) ? params : NULL, opts, &work)))
        goto fail;
    if (op->input) {
        if ((result = s_check_members(&e, op->input, work)))
            goto fail;
    } else if (work->child) {
        result = sdkc_error_set(err, SDKC_ERR_VALIDATION, SDKC_NO_OFFSET,
                                "unknown member %s (operation %s takes no input)",
                                work->child->string, op->name);
        goto fail;
    }

    if ((ep.base_len && (result = sdkc_buf_append(&path, ep.base, ep.base_len))) ||
        (result = s_build_path(&e, work, &path, &query)) ||
        (result = s_build_query(&e, work, &query)) || (result = s_build_host(&e, work, &ep, &host)))
        goto fail;
    if (host.len && (result = sdkc_http_headers_add(&headers, "Host", host.data)))
        goto fail;
    if ((result = s_build_headers(&e, work, &headers)))
        goto fail;
    result = s_build_body(&e, work, &body, &ctype);
    if (result == SDKC_ERR_TOO_LARGE && (!err || err->code != SDKC_ERR_TOO_LARGE))
        result = sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                                "request body longer than %zu bytes", SDKC_ENCODE_MAX_BODY);
    if (result)
        goto fail;
    if (ctype) {
        /* A Content-Type a header member set wins over the default
         * (RestJsonTestPayloadBlob: "image/jpg", not a list of two). */
        if (!sdkc_http_headers_get(&headers, "Content-Type") &&
            (result = sdkc_http_headers_add(&headers, "Content-Type", ctype)))
            goto fail;
        if ((result = s_compress(&e, opts, &body, &headers)))
            goto fail;
    }
    if ((result = s_checksums(&e, work, &body, &headers)))
        goto fail;
    if (ctype) {
        /* Every request with a body says how long it is (RFC 9110 §8.6;
         * Smithy requireHeaders Content-Length, e.g. RestJsonTestBodyStructure);
         * set, not added: a header member cannot make it lie. */
        snprintf(len_text, sizeof(len_text), "%zu", body.len);
        if ((result = sdkc_http_headers_set(&headers, "Content-Length", len_text)))
            goto fail;
    }
    if (path.len == 0 && (result = sdkc_buf_append_byte(&path, '/')))
        goto fail;

    /* success: move everything into the caller's request */
    sdkc_http_request_clean_up(req);
    req->method = sdkc_strdup(op->http_method ? op->http_method : "POST");
    if (!req->method || (ctype && !body.data && sdkc_buf_reserve(&body, 0))) {
        result = SDKC_ERR_NOMEM;
        goto fail;
    }
    req->path = sdkc_buf_steal(&path, NULL);
    if (query.len)
        req->query = sdkc_buf_steal(&query, NULL);
    if (host.len)
        req->host = sdkc_buf_steal(&host, NULL);
    if (ctype) {
        body.data[body.len] = '\0';
        req->body = sdkc_buf_steal(&body, &req->body_len);
    }
    req->headers = headers;
    sdkc_http_headers_init(&headers);
    cJSON_Delete(work);
    sdkc_buf_clean_up(&query);
    sdkc_buf_clean_up(&body);
    sdkc_buf_clean_up(&host);
    return SDKC_OK;

fail:
    if (result == SDKC_ERR_NOMEM)
        sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    if (req)
        sdkc_http_request_clean_up(req);
    cJSON_Delete(work);
    sdkc_buf_clean_up(&path);
    sdkc_buf_clean_up(&query);
    sdkc_buf_clean_up(&body);
    sdkc_buf_clean_up(&host);
    sdkc_http_headers_clean_up(&headers);
    return result;
}

/* ---- the CLI's JSON view of a request ------------------------------------- */

/* Add one decoded key=value to the query object; a repeated key (a list
 * member) turns the value into an array, in order. s is consumed. */
static sdkc_result s_add_query_pair(cJSON *obj, const char *key, cJSON *s)
{
    cJSON *have = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!have) {
        if (!cJSON_AddItemToObject(obj, key, s))
            goto fail;
        return SDKC_OK;
    }
    if (!cJSON_IsArray(have)) {
        cJSON *arr = cJSON_CreateArray();
        if (!arr)
            goto fail;
        if (!cJSON_AddItemToObject(obj, key, arr)) {
            cJSON_Delete(arr);
            goto fail;
        }
        /* linking into an array never allocates, so this cannot fail */
        cJSON_DetachItemViaPointer(obj, have);
        cJSON_AddItemToArray(arr, have);
        have = arr;
    }
    if (!cJSON_AddItemToArray(have, s))
        goto fail;
    return SDKC_OK;
fail:
    cJSON_Delete(s);
    return SDKC_ERR_NOMEM;
}

static sdkc_result s_add_query(cJSON *obj, const char *q)
{
    struct sdkc_buf k, v;
    sdkc_result result = SDKC_OK;
    sdkc_buf_init(&k, SDKC_ENCODE_MAX_URI);
    sdkc_buf_init(&v, SDKC_ENCODE_MAX_URI);
    while (*q && !result) {
        const char *amp = strchr(q, '&');
        size_t n = amp ? (size_t)(amp - q) : strlen(q);
        const char *eq = memchr(q, '=', n);
        size_t kn = eq ? (size_t)(eq - q) : n;
        cJSON *s;
        sdkc_buf_reset(&k);
        sdkc_buf_reset(&v);
        if ((result = sdkc_uri_decode(&k, q, kn)) ||
            (result = sdkc_uri_decode(&v, eq ? eq + 1 : "", eq ? n - kn - 1 : 0)))
            break;
        s = cJSON_CreateString(v.data);
        if (!s) {
            result = SDKC_ERR_NOMEM;
            break;
        }
        result = s_add_query_pair(obj, k.data, s);
        q += n + (amp ? 1 : 0);
    }
    sdkc_buf_clean_up(&k);
    sdkc_buf_clean_up(&v);
    return result;
}

/* *text = 1 when body is valid UTF-8 (the JSON parser's rules) without
 * NUL bytes, so a JSON string holds it unchanged. */
static sdkc_result s_is_text(const char *body, size_t len, int *text)
{
    *text = !memchr(body, '\0', len) && sdkc_utf8_valid(body, len, NULL);
    return SDKC_OK;
}

sdkc_result sdkc_codec_request_to_json(const struct sdkc_http_request *req, cJSON **out,
                                       struct sdkc_error *err)
{
    cJSON *doc = NULL, *item = NULL, *headers;
    int binary = 0;
    size_t i;
    sdkc_result result = SDKC_ERR_NOMEM;
    if (!req || !out)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "request_to_json: request and out are required");
    *out = NULL;
    doc = cJSON_CreateObject();
    if (!doc || !cJSON_AddStringToObject(doc, "method", req->method ? req->method : "") ||
        (req->host && !cJSON_AddStringToObject(doc, "host", req->host)) ||
        !cJSON_AddStringToObject(doc, "path", req->path ? req->path : ""))
        goto fail;
    if (req->query && req->query[0]) {
        item = cJSON_CreateObject();
        if (!item)
            goto fail;
        if ((result = s_add_query(item, req->query)))
            goto fail;
        result = SDKC_ERR_NOMEM;
    } else {
        item = cJSON_CreateNull();
    }
    if (!item || !cJSON_AddItemToObject(doc, "query", item))
        goto fail;
    /* The decoded object cannot tell "?hello" from "?hello=" (Smithy
     * RestJsonConstantQueryString), the raw string can. */
    item = req->query && req->query[0] ? cJSON_CreateString(req->query) : cJSON_CreateNull();
    if (!item || !cJSON_AddItemToObject(doc, "rawQuery", item))
        goto fail;
    item = NULL;
    headers = cJSON_AddObjectToObject(doc, "headers");
    if (!headers)
        goto fail;
    for (i = 0; i < req->headers.count; i++) {
        const struct sdkc_http_header *h = &req->headers.items[i];
        cJSON *have = cJSON_GetObjectItem(headers, h->name);
        if (have) {
            /* same field twice: one value, combined (RFC 9110 §5.3) */
            struct sdkc_buf b;
            cJSON *s;
            sdkc_buf_init(&b, 0);
            if (sdkc_buf_appendf(&b, "%s, %s", have->valuestring, h->value)) {
                sdkc_buf_clean_up(&b);
                goto fail;
            }
            s = cJSON_CreateString(b.data);
            sdkc_buf_clean_up(&b);
            if (!s)
                goto fail;
            /* the replacement takes over the key (ReplaceItemViaPointer
             * does not copy it); cannot fail once both are valid */
            s->string = have->string;
            have->string = NULL;
            cJSON_ReplaceItemViaPointer(headers, have, s);
        } else if (!cJSON_AddStringToObject(headers, h->name, h->value)) {
            goto fail;
        }
    }
    if (req->body) {
        struct sdkc_error perr;
        sdkc_error_init(&perr);
        result = sdkc_json_parse(req->body, req->body_len, NULL, &item, &perr);
        if (result == SDKC_ERR_NOMEM)
            goto fail;
        if (result) {
            /* not JSON (a raw payload, a gzip body): the text when it is
             * text, else null and the bytes in bodyBase64 */
            int text;
            if (s_is_text(req->body, req->body_len, &text)) {
                result = SDKC_ERR_NOMEM;
                goto fail;
            }
            item = text ? cJSON_CreateString(req->body) : cJSON_CreateNull();
            binary = !text;
        }
        result = SDKC_ERR_NOMEM;
    } else {
        item = cJSON_CreateNull();
    }
    if (!item || !cJSON_AddItemToObject(doc, "body", item))
        goto fail;
    if (binary) {
        /* COMMON.md contract 1: bytes that are not text, as RFC 4648 base64 */
        struct sdkc_buf b64;
        sdkc_buf_init(&b64, 0);
        item = NULL;
        if (sdkc_base64_encode(&b64, req->body, req->body_len) == SDKC_OK)
            item = cJSON_CreateString(b64.data ? b64.data : "");
        sdkc_buf_clean_up(&b64);
        if (!item || !cJSON_AddItemToObject(doc, "bodyBase64", item))
            goto fail;
    }
    *out = doc;
    return SDKC_OK;
fail:
    cJSON_Delete(item);
    cJSON_Delete(doc);
    return sdkc_error_set(err, result, SDKC_NO_OFFSET,
                          result == SDKC_ERR_NOMEM ? "out of memory" : "request_to_json failed");
}
