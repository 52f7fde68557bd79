/* SPDX-License-Identifier: Apache-2.0
 *
 * codec/decode.c: rest-json response decoding, HTTP response -> result
 * document (DESIGN.md), generic over a loaded spec.
 *
 * Rules and their sources (notes = docs/restjson-conformance-notes.md):
 *  - Any 2xx is a success, whatever responseCode the model gives (notes
 *    §1.7, §3.6); >= 300 goes to error resolution (errors.c); below 200 is
 *    not a final response and yields clientError "deserialization".
 *  - Empty success body (zero bytes) -> empty output (RestJsonHttpResponseCodeWithNoPayload,
 *    RestJsonGreetingWithErrorsNoPayload). A body of whitespace only is not
 *    empty: strict JSON rejects it (clientError), unlike botocore.
 *  - The body must be strict JSON (sdkc_json_parse with SDKC_CODEC_MAX_BODY
 *    and SDKC_CODEC_MAX_DEPTH) holding an object; otherwise clientError
 *    "deserialization" naming the byte offset or "$".
 *  - Members are read by wire name (locationName) and written under the
 *    member name. Only the top-level output shape binds members to
 *    headers (`location: header`, `headers` prefix maps) and to the status
 *    (`statusCode`); nested `location` is ignored, as botocore does.
 *  - JSON null = absent (RestJsonDoesntDeserializeNullStructureValues):
 *    null members are dropped, and so are null elements and values of
 *    dense lists and maps (RestJsonDeserializesDenseSetMapAndSkipsNull). A
 *    `sparse: true` list or map keeps them as JSON null: there null is a
 *    value (RestJsonSparseListsSerializeNull, RestJsonDeserializesSparseNullMapValues,
 *    RestJsonDeserializesSparseSetMapAndRetainsNull).
 *  - Unknown members are dropped (botocore legacy output #7 "Ignores extra
 *    data"; DESIGN.md: a client may be built from a newer model).
 *  - Unions (aggregate-types.rst "Union member presence", botocore
 *    _has_unknown_tagged_union_member, notes §3.2): drop `__type`
 *    (RestJsonDeserializeIgnoreType) and null members (AwsJson10DeserializeAllowNulls),
 *    then exactly one member must remain, else clientError naming the union
 *    shape and the JSON path. One unknown tag -> {"SDK_UNKNOWN_MEMBER":{"name":tag}}
 *    (botocore legacy output #17 case 2), its value discarded.
 *  - Enums are open: unknown values kept as sent (notes §3.3).
 *  - Scalars must have their JSON type; a mismatch is a clientError naming
 *    the JSON path, the shape and what arrived. integer/long must be
 *    integral and in range (int32/int64), decided on the digits of a
 *    number's literal (core/json.h "Numbers"), which the output keeps;
 *    float/double/timestamp numbers keep no literal (a client holds a
 *    binary64). float/double also accept the
 *    strings "NaN", "Infinity", "-Infinity" (Smithy), kept as strings since
 *    JSON has no such numbers. Blobs must be RFC 4648 §4 base64 and are kept
 *    as the base64 text received.
 *  - Timestamps: a JSON number (epoch seconds, the rest-json body default)
 *    or a string in any of the three Smithy forms (epoch-seconds digits,
 *    RFC 3339 date-time, IMF-fixdate http-date of RFC 9110 §5.6.7), as
 *    botocore's lenient parser accepts; the output is always epoch seconds
 *    as a JSON number, so documents compare equal whatever the wire form.
 *  - jsonvalue members: any JSON in a body, kept as is; in a header the
 *    member is a string, the base64-decoded header text, which must be
 *    UTF-8 and JSON (s_media_type_header: MediaTypeHeaderOutputBase64).
 *  - Documents (botocore `document: true`, Smithy document types): any
 *    JSON value kept as is, nulls and unknown keys inside it included
 *    (DocumentOutput*, DocumentTypeAsMapValueOutput); a null document
 *    member is absent like any null member.
 *  - httpPayload (`payload` on the output shape): the whole body is that
 *    member, raw for blobs and strings, JSON for structures, unions and
 *    documents; other members only come from headers and the status
 *    (s_payload, http-bindings.rst httpPayload).
 *  - Event streams (a member targeting an `eventstream: true` structure):
 *    a success is clientError "unsupported" naming the member, never a
 *    guess at the frames (s_decode_success).
 *  - Headers: names case-insensitive (RFC 9110 §5.1); several field lines
 *    of one name are joined with ", " (§5.3); values trimmed of OWS; a
 *    list splits at commas outside quoted strings (§5.6.1, §5.6.4
 *    quoted-pair escapes), timestamp lists after each IMF-fixdate
 *    (RestJsonInputAndOutputWithTimestampHeaders); an empty value is the
 *    empty string, or the empty list (RestJsonNullAndEmptyHeaders); a
 *    prefix-headers map (`location: headers`) takes every header whose
 *    name starts with the prefix case-insensitively, keyed by the rest of
 *    the name as sent, every header for the prefix "" (HttpPrefixHeadersResponse).
 *  - Modeled error shapes are decoded with these same rules
 *    (sdkc_codec_decode_error_members, errors.c rule 10), their message
 *    member left to errors.c.
 *  - Duplicate object keys: the last occurrence wins (core/json.h), in
 *    structures and unions; in maps both are kept and the comparator's
 *    last-wins rule applies.
 *
 * Performance (docs/DESIGN.md: whole decode <= 1.5x cJSON_Parse+cJSON_Delete):
 * the output is the parsed tree itself, edited in place. Known members stay
 * where they are (a key is re-allocated only when locationName differs from
 * the member name), unknown and null ones are unlinked and freed, and only
 * timestamps and SDK_UNKNOWN_MEMBER build new nodes. The JSON path is kept
 * as a stack of pointers and formatted only when an error is reported.
 */
#include <ctype.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codec/codec.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/base64.h"
#include "core/json.h"
#include "core/text.h"
#include "core/time.h"

/* Structures with at most this many members track duplicates in a stack
 * array; bigger ones (capped by SDKC_SPEC_MAX_MEMBERS) allocate. */
#define S_SLOTS_ON_STACK 32
/* Path stack entries: one per container level, plus slack for the scalar. */
#define S_PATH_MAX (SDKC_CODEC_MAX_DEPTH + 4)

struct s_seg {
    const char *key; /* object key, or NULL for an array index */
    size_t index;
};

struct s_ctx {
    const struct sdkc_spec *spec;
    struct s_seg path[S_PATH_MAX];
    size_t depth; /* may pass S_PATH_MAX only if the parser cap were lifted */
    char msg[SDKC_ERROR_MSG_MAX];
};

/* ---- messages ------------------------------------------------------------ */

/* Append text to a fixed buffer, truncating; the error path never allocates,
 * so a failure under fault injection still reports the same message. */
struct s_out {
    char *p;
    size_t cap, len;
};

static void s_put(struct s_out *o, const char *s, size_t n)
{
    size_t room = o->len + 1 < o->cap ? o->cap - o->len - 1 : 0;
    if (n > room)
        n = room;
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

static void s_path_format(const struct s_ctx *c, struct s_out *o)
{
    size_t i, n = c->depth < S_PATH_MAX ? c->depth : S_PATH_MAX;
    char tmp[32];

    s_put(o, "$", 1);
    for (i = 0; i < n; i++) {
        const char *k = c->path[i].key, *p;
        int plain;
        if (!k) {
            snprintf(tmp, sizeof(tmp), "[%zu]", c->path[i].index);
            s_put(o, tmp, strlen(tmp));
            continue;
        }
        plain = (*k != '\0' && !isdigit((unsigned char)*k));
        for (p = k; *p && plain; p++)
            plain = isalnum((unsigned char)*p) || *p == '_' || *p == '-';
        if (plain) {
            s_put(o, ".", 1);
            s_put(o, k, strlen(k));
            continue;
        }
        /* any other key as a quoted JSON string; control bytes escaped */
        s_put(o, "[\"", 2);
        for (p = k; *p; p++) {
            unsigned char ch = (unsigned char)*p;
            if (ch == '"' || ch == '\\') {
                tmp[0] = '\\';
                tmp[1] = (char)ch;
                s_put(o, tmp, 2);
            } else if (ch < 0x20) {
                snprintf(tmp, sizeof(tmp), "\\u%04x", ch);
                s_put(o, tmp, 6);
            } else {
                s_put(o, p, 1);
            }
        }
        s_put(o, "\"]", 2);
    }
}

/* Record a deserialization failure at the current path. */
static sdkc_result s_fail(struct s_ctx *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static sdkc_result s_fail(struct s_ctx *c, const char *fmt, ...)
{
    struct s_out o = {c->msg, sizeof(c->msg), 0};
    va_list ap;

    c->msg[0] = '\0';
    s_put(&o, "at ", 3);
    s_path_format(c, &o);
    s_put(&o, ": ", 2);
    va_start(ap, fmt);
    vsnprintf(o.p + o.len, o.cap - o.len, fmt, ap);
    va_end(ap);
    return SDKC_ERR_DESERIALIZE;
}

static sdkc_result s_mismatch(struct s_ctx *c, const char *want, const struct sdkc_shape *shape,
                              const cJSON *got)
{
    return s_fail(c, "expected %s (shape %s), got %s", want, shape->name, sdkc_json_type_name(got));
}

/* ---- scalar helpers ------------------------------------------------------ */

/* RFC 3339 date-times and IMF-fixdates are core/time's, the one date
 * module the encoder and the signer use too: a date that does not exist
 * (2019-02-31, Feb 29 of 2019) is refused by all of them alike. */
static int s_parse_rfc3339(const char *s, size_t n, double *out)
{
    return sdkc_time_parse_rfc3339(s, n, out) == SDKC_OK ? 0 : -1;
}

static int s_parse_http_date(const char *s, size_t n, double *out)
{
    return sdkc_time_parse_http_date(s, n, out) == SDKC_OK ? 0 : -1;
}

/* A decimal number filling the whole string ("1576540098", "1.5"). */
static int s_parse_number_text(const char *s, size_t n, double *out)
{
    char tmp[64];
    char *end;
    double v;

    if (n == 0 || n >= sizeof(tmp))
        return -1;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    if (strspn(tmp, "0123456789.eE+-") != n)
        return -1; /* keeps strtod's hex, "inf" and "nan" forms out */
    if (!isdigit((unsigned char)tmp[0]) && !(tmp[0] == '-' && isdigit((unsigned char)tmp[1])))
        return -1;
    v = strtod(tmp, &end);
    if (*end != '\0' || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int s_parse_timestamp_text(const char *s, size_t n, double *out)
{
    if (s_parse_number_text(s, n, out) == 0 || s_parse_rfc3339(s, n, out) == 0 ||
        s_parse_http_date(s, n, out) == 0)
        return 0;
    return -1;
}

static int s_is_special_float(const char *s)
{
    return strcmp(s, "NaN") == 0 || strcmp(s, "Infinity") == 0 || strcmp(s, "-Infinity") == 0;
}

/* Integral and within the shape's range (int32 for integer, int64 for long). */
static int s_integral_in_range(const struct sdkc_shape *shape, double v)
{
    /* No libm: within the int64 range the cast is defined and exact for
     * integral values (so the codec needs no -lm). */
    if (!isfinite(v) || v < -9223372036854775808.0 || v >= 9223372036854775808.0)
        return 0;
    if ((double)(long long)v != v)
        return 0;
    if (shape->type == SDKC_SHAPE_INTEGER)
        return v >= -2147483648.0 && v <= 2147483647.0;
    return 1;
}

/* The same for a number node, decided on its digits when it keeps a literal
 * (core/json.h "Numbers"): a Long is exactly [-2^63, 2^63-1], and
 * 9223372036854775808 must not pass as 2^63-1 because both are one double. */
static int s_node_in_range(const struct sdkc_shape *shape, const cJSON *node)
{
    long long v;
    if (sdkc_json_number_int64(node, &v) != SDKC_OK)
        return 0;
    return shape->type != SDKC_SHAPE_INTEGER || (v >= -2147483647LL - 1 && v <= 2147483647LL);
}

/* float, double and timestamp values are binary64 in every SDK: drop a
 * literal the parser kept (core/json.h "Numbers"), so the document holds
 * the double a client holds (0.1000000000000000055511151231257827 is 0.1). */
static void s_drop_literal(cJSON *node)
{
    cJSON_free(node->valuestring);
    node->valuestring = NULL;
}

/* Turn a string node into a number node in place (timestamps). */
static void s_string_to_number(cJSON *node, double v)
{
    cJSON_free(node->valuestring);
    node->valuestring = NULL;
    node->type = cJSON_Number | (node->type & cJSON_StringIsConst);
    cJSON_SetNumberHelper(node, v);
}

/* ---- the tree walk ------------------------------------------------------- */

static sdkc_result s_value(struct s_ctx *c, const struct sdkc_member *m,
                           const struct sdkc_shape *shape, cJSON *node);

static void s_push_key(struct s_ctx *c, const char *key)
{
    if (c->depth < S_PATH_MAX) {
        c->path[c->depth].key = key;
        c->path[c->depth].index = 0;
    }
    c->depth++;
}

static void s_push_index(struct s_ctx *c, size_t index)
{
    if (c->depth < S_PATH_MAX) {
        c->path[c->depth].key = NULL;
        c->path[c->depth].index = index;
    }
    c->depth++;
}

static void s_drop(cJSON *parent, cJSON *child)
{
    cJSON_Delete(cJSON_DetachItemViaPointer(parent, child));
}

/* Give a node the member name as its key when the wire name differed. */
static sdkc_result s_rename(cJSON *node, const char *name)
{
    size_t n;
    char *key;

    if (node->string == name || (node->string && strcmp(node->string, name) == 0))
        return SDKC_OK;
    n = strlen(name);
    key = cJSON_malloc(n + 1);
    if (!key)
        return SDKC_ERR_NOMEM;
    memcpy(key, name, n + 1);
    if (!(node->type & cJSON_StringIsConst))
        cJSON_free(node->string);
    node->type &= ~cJSON_StringIsConst;
    node->string = key;
    return SDKC_OK;
}

/* Decode one member value in place and give it its member name. */
static sdkc_result s_member(struct s_ctx *c, const struct sdkc_member *m, cJSON *child)
{
    sdkc_result result;

    s_push_key(c, child->string);
    result = s_value(c, m, m->shape, child);
    c->depth--;
    if (result || m->wire_name == m->name)
        return result; /* the loader shares the pointer when there is no locationName */
    return s_rename(child, m->name);
}

/* s_structure flags. S_TOP: the operation's output shape or a modeled error
 * shape, the only level where members bound to headers or the status exist
 * (http-bindings.rst: bindings are "only considered when applied to
 * top-level members"). S_NO_MESSAGE: an error shape, whose message member
 * is reported as the error's "message" (errors.c rule 8), never among its
 * "members". */
#define S_TOP        1u
#define S_NO_MESSAGE 2u

/* The member an error's message comes from: "message" case-insensitively,
 * by member or wire name (errors.c rule 8 reads body `message`/`Message`). */
static int s_is_message_member(const struct sdkc_member *m)
{
    return strcasecmp(m->name, "message") == 0 || strcasecmp(m->wire_name, "message") == 0;
}

/* A structure object; flags as above. */
static sdkc_result s_structure(struct s_ctx *c, const struct sdkc_shape *shape, cJSON *obj,
                               unsigned flags)
{
    sdkc_result result = SDKC_OK;
    cJSON *stack_slots[S_SLOTS_ON_STACK];
    cJSON **slots = stack_slots;
    cJSON *child, *next;

    if (!cJSON_IsObject(obj))
        return s_mismatch(c, "an object", shape, obj);
    if (shape->member_count > S_SLOTS_ON_STACK) {
        slots = sdkc_calloc(shape->member_count, sizeof(*slots));
        if (!slots)
            return SDKC_ERR_NOMEM;
    } else {
        memset(stack_slots, 0, sizeof(stack_slots));
    }
    for (child = obj->child; child; child = next) {
        const struct sdkc_member *m;
        size_t idx;

        next = child->next;
        m = child->string ? sdkc_shape_find_wire_member(shape, child->string) : NULL;
        if (!m || !m->shape || ((flags & S_TOP) && m->location != SDKC_LOC_BODY) ||
            ((flags & S_NO_MESSAGE) && s_is_message_member(m))) {
            s_drop(obj, child); /* unknown, bound elsewhere, or the message: dropped */
            continue;
        }
        idx = (size_t)(m - shape->members);
        if (idx < shape->member_count && slots[idx]) {
            s_drop(obj, slots[idx]); /* duplicate key: the last one wins */
            slots[idx] = NULL;
        }
        if (cJSON_IsNull(child)) {
            s_drop(obj, child);
            continue;
        }
        result = s_member(c, m, child);
        if (result)
            goto done;
        if (idx < shape->member_count)
            slots[idx] = child;
    }
done:
    if (slots != stack_slots)
        sdkc_free(slots);
    return result;
}

static sdkc_result s_union(struct s_ctx *c, const struct sdkc_shape *shape, cJSON *obj)
{
    cJSON *child, *next, *kept = NULL, *inner = NULL, *name = NULL;
    const struct sdkc_member *m;

    if (!cJSON_IsObject(obj))
        return s_mismatch(c, "an object (a union)", shape, obj);
    for (child = obj->child; child; child = next) {
        next = child->next;
        if (!child->string || strcmp(child->string, "__type") == 0 || cJSON_IsNull(child)) {
            if (kept && child->string && strcmp(kept->string, child->string) == 0) {
                s_drop(obj, kept); /* duplicate key: the last one, null, wins */
                kept = NULL;
            }
            s_drop(obj, child);
            continue;
        }
        if (kept && strcmp(kept->string, child->string) == 0) {
            s_drop(obj, kept); /* duplicate key: the last one wins */
        } else if (kept) {
            return s_fail(c,
                          "union %s must have exactly one member set, got more than one (%s, %s)",
                          shape->name, kept->string, child->string);
        }
        kept = child;
    }
    if (!kept)
        return s_fail(c, "union %s must have exactly one member set, got none", shape->name);
    m = sdkc_shape_find_wire_member(shape, kept->string);
    if (m && m->shape)
        return s_member(c, m, kept);

    /* An unknown tag: the member is replaced by SDK_UNKNOWN_MEMBER. */
    inner = cJSON_CreateObject();
    name = cJSON_CreateString(kept->string);
    if (!inner || !name) {
        cJSON_Delete(inner);
        cJSON_Delete(name);
        return SDKC_ERR_NOMEM;
    }
    cJSON_AddItemToObjectCS(inner, "name", name);
    s_drop(obj, kept);
    cJSON_AddItemToObjectCS(obj, "SDK_UNKNOWN_MEMBER", inner);
    return SDKC_OK;
}

static sdkc_result s_list(struct s_ctx *c, const struct sdkc_shape *shape, cJSON *arr)
{
    sdkc_result result;
    cJSON *child, *next;
    size_t i = 0;

    if (!cJSON_IsArray(arr))
        return s_mismatch(c, "an array", shape, arr);
    if (!shape->list_member || !shape->list_member->shape)
        return s_fail(c, "list shape %s has no member shape", shape->name);
    for (child = arr->child; child; child = next, i++) {
        next = child->next;
        if (cJSON_IsNull(child)) {
            if (!shape->sparse)
                s_drop(arr, child); /* dense: a null is no element */
            continue;
        }
        s_push_index(c, i);
        result = s_value(c, shape->list_member, shape->list_member->shape, child);
        c->depth--;
        if (result)
            return result;
    }
    return SDKC_OK;
}

static sdkc_result s_map(struct s_ctx *c, const struct sdkc_shape *shape, cJSON *obj)
{
    sdkc_result result;
    cJSON *child, *next;

    if (!cJSON_IsObject(obj))
        return s_mismatch(c, "an object (a map)", shape, obj);
    if (!shape->map_value || !shape->map_value->shape)
        return s_fail(c, "map shape %s has no value shape", shape->name);
    for (child = obj->child; child; child = next) {
        next = child->next;
        if (cJSON_IsNull(child)) {
            if (!shape->sparse)
                s_drop(obj, child); /* dense: a null is no entry */
            continue;
        }
        s_push_key(c, child->string);
        result = s_value(c, shape->map_value, shape->map_value->shape, child);
        c->depth--;
        if (result)
            return result;
    }
    return SDKC_OK;
}

static sdkc_result s_value(struct s_ctx *c, const struct sdkc_member *m,
                           const struct sdkc_shape *shape, cJSON *node)
{
    double v;

    if (m && m->jsonvalue)
        return SDKC_OK; /* any JSON document, kept as is */
    if (c->depth > SDKC_CODEC_MAX_DEPTH)
        return s_fail(c, "nested deeper than %d levels", SDKC_CODEC_MAX_DEPTH);
    switch (shape->type) {
    case SDKC_SHAPE_STRUCTURE:
        if (shape->is_document)
            return SDKC_OK; /* any JSON value, kept as is (DocumentOutput*) */
        return shape->is_union ? s_union(c, shape, node) : s_structure(c, shape, node, 0);
    case SDKC_SHAPE_LIST: return s_list(c, shape, node);
    case SDKC_SHAPE_MAP: return s_map(c, shape, node);
    case SDKC_SHAPE_STRING:
        return cJSON_IsString(node) ? SDKC_OK : s_mismatch(c, "a string", shape, node);
    case SDKC_SHAPE_BOOLEAN:
        return cJSON_IsBool(node) ? SDKC_OK : s_mismatch(c, "a boolean", shape, node);
    case SDKC_SHAPE_INTEGER:
    case SDKC_SHAPE_LONG:
        if (!cJSON_IsNumber(node))
            return s_mismatch(c, "an integer", shape, node);
        if (!s_node_in_range(shape, node)) {
            char num[32];
            snprintf(num, sizeof(num), "%.17g", node->valuedouble);
            return s_fail(c, "expected an integer in the range of %s (shape %s), got %s",
                          sdkc_shape_type_name(shape->type), shape->name,
                          sdkc_json_number_literal(node) ? sdkc_json_number_literal(node) : num);
        }
        return SDKC_OK;
    case SDKC_SHAPE_FLOAT:
    case SDKC_SHAPE_DOUBLE:
        if (cJSON_IsString(node) && s_is_special_float(node->valuestring))
            return SDKC_OK;
        if (!cJSON_IsNumber(node))
            return s_mismatch(c, "a number", shape, node);
        if (!isfinite(node->valuedouble))
            return s_fail(c, "number out of range for %s (shape %s)",
                          sdkc_shape_type_name(shape->type), shape->name);
        s_drop_literal(node);
        return SDKC_OK;
    case SDKC_SHAPE_BLOB:
        if (!cJSON_IsString(node))
            return s_mismatch(c, "a base64 string", shape, node);
        if (sdkc_base64_decode(NULL, node->valuestring, strlen(node->valuestring), NULL) != SDKC_OK)
            return s_fail(c, "blob (shape %s) is not valid base64 (RFC 4648 section 4)",
                          shape->name);
        return SDKC_OK;
    case SDKC_SHAPE_TIMESTAMP:
        if (cJSON_IsNumber(node)) {
            if (!isfinite(node->valuedouble))
                return s_fail(c, "timestamp out of range (shape %s)", shape->name);
            s_drop_literal(node);
            return SDKC_OK;
        }
        if (!cJSON_IsString(node))
            return s_mismatch(c, "a timestamp (number or string)", shape, node);
        if (s_parse_timestamp_text(node->valuestring, strlen(node->valuestring), &v) != 0)
            return s_fail(c,
                          "timestamp (shape %s) is neither epoch seconds, RFC 3339 nor an "
                          "HTTP date",
                          shape->name);
        s_string_to_number(node, v);
        return SDKC_OK;
    }
    return s_fail(c, "shape %s has an unsupported type", shape->name);
}

/* ---- header- and status-bound output members ------------------------------ */

/* Trim RFC 9110 OWS (SP, HTAB) on both sides. */
static void s_trim(const char **s, size_t *n)
{
    while (*n > 0 && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

/* A new string node holding n bytes of s (header text is not NUL-terminated
 * at n). */
static sdkc_result s_string_node(const char *s, size_t n, cJSON **out)
{
    cJSON *node = cJSON_CreateNull();
    char *copy = cJSON_malloc(n + 1);

    if (!node || !copy) {
        cJSON_Delete(node);
        cJSON_free(copy);
        return SDKC_ERR_NOMEM;
    }
    memcpy(copy, s, n);
    copy[n] = '\0';
    /* Header text is not JSON: keep the document printable (RFC 9110 §5.5
     * field values may hold obs-text bytes that are not UTF-8). */
    sdkc_json_utf8_scrub(copy, n);
    node->type = cJSON_String;
    node->valuestring = copy;
    *out = node;
    return SDKC_OK;
}

/* n bytes of text as a new string node, or a deserialization failure when
 * they are not UTF-8. A NUL byte (U+0000, valid UTF-8) is held as
 * SDKC_JSON_NUL, as the JSON parser holds \u0000 (core/json.h). `what`
 * names the text in the message. */
static sdkc_result s_text_node(struct s_ctx *c, const char *what, const char *s, size_t n,
                               cJSON **out)
{
    cJSON *node;
    size_t bad, i, nuls = 0, k = 0;

    *out = NULL;
    if (!sdkc_utf8_valid(s, n, &bad))
        return s_fail(c, "%s is not valid UTF-8 (byte %zu)", what, bad);
    for (i = 0; i < n; i++)
        nuls += s[i] == '\0';
    node = cJSON_CreateNull();
    if (!node)
        return SDKC_ERR_NOMEM;
    node->valuestring = cJSON_malloc(n + nuls + 1);
    if (!node->valuestring) {
        cJSON_Delete(node);
        return SDKC_ERR_NOMEM;
    }
    node->type = cJSON_String;
    for (i = 0; i < n; i++) {
        if (s[i] == '\0') {
            memcpy(node->valuestring + k, SDKC_JSON_NUL, 2);
            k += 2;
        } else {
            node->valuestring[k++] = s[i];
        }
    }
    node->valuestring[k] = '\0';
    *out = node;
    return SDKC_OK;
}

/* A string header with a media type (botocore `jsonvalue: true`, Smithy
 * @mediaType): the field value is base64 of the string (http-bindings.rst
 * httpHeader: "string values with a mediaType trait are always base64
 * encoded"), and the member's value is that string, not what it parses to
 * (MediaTypeHeaderOutputBase64: X-Json "dHJ1ZQ==" gives json = "true").
 * botocore's translation marks such members jsonvalue, so the text must
 * also be JSON; botocore itself json.loads it (parsers.py _handle_string),
 * which the Smithy test contradicts. */
static sdkc_result s_media_type_header(struct s_ctx *c, const char *s, size_t n, cJSON **out)
{
    struct sdkc_json_limits limits = {SDKC_CODEC_MAX_BODY, SDKC_CODEC_MAX_DEPTH};
    struct sdkc_error perr;
    struct sdkc_buf b;
    sdkc_result result;

    *out = NULL;
    sdkc_buf_init(&b, SDKC_CODEC_MAX_BODY);
    result = sdkc_base64_decode(&b, s, n, NULL);
    if (result == SDKC_ERR_NOMEM)
        goto done;
    if (result != SDKC_OK) {
        result = s_fail(c, "jsonvalue header is not valid base64");
        goto done;
    }
    result = s_text_node(c, "decoded jsonvalue header", b.data ? b.data : "", b.len, out);
    if (result)
        goto done;
    sdkc_error_init(&perr);
    result = sdkc_json_validate(b.data ? b.data : "", b.len, &limits, &perr);
    if (result && result != SDKC_ERR_NOMEM)
        result = s_fail(c, "jsonvalue header does not hold JSON: %s", perr.msg);
    if (result) {
        cJSON_Delete(*out);
        *out = NULL;
    }
done:
    sdkc_buf_clean_up(&b);
    return result;
}

/* One scalar from header text (RFC 9110 field value) into a new node. */
static sdkc_result s_header_scalar(struct s_ctx *c, const struct sdkc_member *m,
                                   const struct sdkc_shape *shape, const char *s, size_t n,
                                   cJSON **out)
{
    sdkc_result result;
    double v;
    char tmp[64];

    *out = NULL;
    switch (shape->type) {
    case SDKC_SHAPE_STRING:
        if (m && m->jsonvalue)
            return s_media_type_header(c, s, n, out);
        return s_string_node(s, n, out);
    case SDKC_SHAPE_BOOLEAN:
        if (n == 4 && memcmp(s, "true", 4) == 0)
            *out = cJSON_CreateTrue();
        else if (n == 5 && memcmp(s, "false", 5) == 0)
            *out = cJSON_CreateFalse();
        else
            return s_fail(c, "expected true or false (shape %s)", shape->name);
        return *out ? SDKC_OK : SDKC_ERR_NOMEM;
    case SDKC_SHAPE_INTEGER:
    case SDKC_SHAPE_LONG:
        /* A JSON-number text becomes an exact node (a Long header past 2^53
         * keeps its digits); other forms strtod accepts ("007") as before. */
        result = sdkc_json_create_number_text(s, n, out, NULL);
        if (result == SDKC_ERR_NOMEM)
            return result;
        if (result == SDKC_OK) {
            if (s_node_in_range(shape, *out))
                return SDKC_OK;
            cJSON_Delete(*out);
            *out = NULL;
            return s_fail(c, "expected an integer (shape %s)", shape->name);
        }
        if (s_parse_number_text(s, n, &v) != 0 || !s_integral_in_range(shape, v))
            return s_fail(c, "expected an integer (shape %s)", shape->name);
        *out = cJSON_CreateNumber(v);
        return *out ? SDKC_OK : SDKC_ERR_NOMEM;
    case SDKC_SHAPE_FLOAT:
    case SDKC_SHAPE_DOUBLE:
        if (n < sizeof(tmp)) {
            memcpy(tmp, s, n);
            tmp[n] = '\0';
            if (s_is_special_float(tmp)) {
                *out = cJSON_CreateString(tmp);
                return *out ? SDKC_OK : SDKC_ERR_NOMEM;
            }
        }
        if (s_parse_number_text(s, n, &v) != 0)
            return s_fail(c, "expected a number (shape %s)", shape->name);
        *out = cJSON_CreateNumber(v);
        return *out ? SDKC_OK : SDKC_ERR_NOMEM;
    case SDKC_SHAPE_TIMESTAMP:
        if (s_parse_timestamp_text(s, n, &v) != 0)
            return s_fail(c, "expected a timestamp (shape %s)", shape->name);
        *out = cJSON_CreateNumber(v);
        return *out ? SDKC_OK : SDKC_ERR_NOMEM;
    case SDKC_SHAPE_BLOB:
        if (sdkc_base64_decode(NULL, s, n, NULL) != SDKC_OK)
            return s_fail(c, "blob header (shape %s) is not valid base64", shape->name);
        return s_string_node(s, n, out);
    default:
        return s_fail(c, "header-bound member of shape %s (%s) is not supported", shape->name,
                      sdkc_shape_type_name(shape->type));
    }
}

/* A header list (RFC 9110 §5.6.1: comma-separated, OWS around items;
 * Smithy: items may be double-quoted strings with \" escapes). IMF-fixdate
 * timestamps hold a comma themselves ("Mon, 16 Dec ..."), so for timestamp
 * lists a 3-letter day name is joined with what follows it. */
static sdkc_result s_header_list(struct s_ctx *c, const struct sdkc_member *m, const char *s,
                                 cJSON **out)
{
    const struct sdkc_shape *shape = m->shape;
    const struct sdkc_member *em = shape->list_member;
    sdkc_result result = SDKC_OK;
    struct sdkc_buf item;
    cJSON *arr = NULL, *node = NULL;
    size_t pos = 0, len = strlen(s), count = 0;

    *out = NULL;
    if (!em || !em->shape)
        return s_fail(c, "list shape %s has no member shape", shape->name);
    sdkc_buf_init(&item, 0);
    arr = cJSON_CreateArray();
    if (!arr)
        goto nomem;
    while (pos <= len) {
        const char *p = s + pos, *q;
        size_t n;
        int quoted = 0;

        /* one item: up to the next comma outside quotes */
        sdkc_buf_reset(&item);
        while (pos < len && (s[pos] == ' ' || s[pos] == '\t'))
            pos++;
        if (pos < len && s[pos] == '"') {
            quoted = 1;
            for (pos++; pos < len && s[pos] != '"'; pos++) {
                if (s[pos] == '\\' && pos + 1 < len)
                    pos++;
                if (sdkc_buf_append_byte(&item, s[pos]) != SDKC_OK)
                    goto nomem;
            }
            if (pos >= len) {
                result = s_fail(c, "unterminated quoted string in header list");
                goto fail;
            }
            pos++;
            while (pos < len && (s[pos] == ' ' || s[pos] == '\t'))
                pos++;
            if (pos < len && s[pos] != ',') {
                result = s_fail(c, "text after a quoted string in header list");
                goto fail;
            }
        } else {
            p = s + pos;
            q = memchr(p, ',', len - pos);
            n = q ? (size_t)(q - p) : len - pos;
            if (em->shape->type == SDKC_SHAPE_TIMESTAMP && n == 3 && q) {
                const char *q2 = memchr(q + 1, ',', len - (size_t)(q + 1 - s));
                n = q2 ? (size_t)(q2 - p) : len - pos;
            }
            pos += n;
            s_trim(&p, &n);
            if (sdkc_buf_append(&item, p, n) != SDKC_OK)
                goto nomem;
        }
        pos++; /* past the comma, or past the end */
        if (item.len == 0 && !quoted)
            continue; /* RFC 9110 §5.6.1: empty list elements are ignored */
        if (++count > SDKC_CODEC_MAX_HEADER_LIST_ITEMS) {
            result =
                s_fail(c, "header list has more than %d items", SDKC_CODEC_MAX_HEADER_LIST_ITEMS);
            goto fail;
        }
        s_push_index(c, count - 1);
        result = s_header_scalar(c, em, em->shape, item.data ? item.data : "", item.len, &node);
        c->depth--;
        if (result)
            goto fail;
        cJSON_AddItemToArray(arr, node);
        node = NULL;
    }
    sdkc_buf_clean_up(&item);
    *out = arr;
    return SDKC_OK;
nomem:
    result = SDKC_ERR_NOMEM;
fail:
    sdkc_buf_clean_up(&item);
    cJSON_Delete(arr);
    return result;
}

/* `location: headers`: every header whose name starts with the prefix
 * (case-insensitive), keyed by the rest of its name as sent. */
static sdkc_result s_prefix_headers(struct s_ctx *c, const struct sdkc_member *m,
                                    const struct sdkc_http_headers *h, cJSON **out)
{
    const struct sdkc_shape *vshape = m->shape->map_value ? m->shape->map_value->shape : NULL;
    size_t plen = strlen(m->wire_name), i;
    cJSON *map = NULL, *node = NULL;
    sdkc_result result;

    *out = NULL;
    if (m->shape->type != SDKC_SHAPE_MAP || !vshape)
        return s_fail(c, "headers-bound member %s is not a map", m->name);
    for (i = 0; i < h->count; i++) {
        const char *name = h->items[i].name, *value = h->items[i].value;
        if (!name || !value || strncasecmp(name, m->wire_name, plen) != 0)
            continue;
        if (!map && !(map = cJSON_CreateObject()))
            return SDKC_ERR_NOMEM;
        s_push_key(c, name);
        result = s_header_scalar(c, m->shape->map_value, vshape, value, strlen(value), &node);
        c->depth--;
        if (result) {
            cJSON_Delete(map);
            return result;
        }
        if (!cJSON_AddItemToObject(map, name + plen, node)) {
            cJSON_Delete(node);
            cJSON_Delete(map);
            return SDKC_ERR_NOMEM;
        }
        if (node->string)
            sdkc_json_utf8_scrub(node->string, strlen(node->string));
    }
    *out = map;
    return SDKC_OK;
}

/* The value of header `name`: NULL when absent; when several field lines
 * carry it, their values joined with ", " in order (RFC 9110 §5.3; Smithy
 * httpHeader sends a list on one line or as one line per item), built in
 * `joined`. */
static sdkc_result s_header_value(const struct sdkc_http_headers *h, const char *name,
                                  struct sdkc_buf *joined, const char **value)
{
    sdkc_result result = SDKC_OK;
    size_t i, seen = 0;

    *value = NULL;
    sdkc_buf_reset(joined);
    for (i = 0; i < h->count && !result; i++) {
        if (!h->items[i].name || !h->items[i].value || strcasecmp(h->items[i].name, name) != 0)
            continue;
        if (seen++ == 0) {
            *value = h->items[i].value;
            continue;
        }
        if (seen == 2)
            result = sdkc_buf_append_str(joined, *value);
        if (!result)
            result = sdkc_buf_append(joined, ", ", 2);
        if (!result)
            result = sdkc_buf_append_str(joined, h->items[i].value);
    }
    if (result) /* past the buffer's cap: refused like an oversized body */
        return result;
    if (seen > 1)
        *value = joined->data;
    return SDKC_OK;
}

/* Members of a top-level shape bound to headers or to the status code;
 * flags as for s_structure. */
static sdkc_result s_bound_members(struct s_ctx *c, const struct sdkc_shape *shape,
                                   const struct sdkc_http_response *resp, unsigned flags,
                                   cJSON *out)
{
    sdkc_result result = SDKC_OK;
    struct sdkc_buf joined;
    size_t i;

    sdkc_buf_init(&joined, SDKC_CODEC_MAX_HEADER_BYTES);
    for (i = 0; i < shape->member_count && !result; i++) {
        const struct sdkc_member *m = &shape->members[i];
        cJSON *node = NULL;
        const char *value;
        size_t n;

        if (m->location == SDKC_LOC_BODY || !m->shape ||
            ((flags & S_NO_MESSAGE) && s_is_message_member(m)))
            continue;
        s_push_key(c, m->wire_name);
        switch (m->location) {
        case SDKC_LOC_HEADER:
            result = s_header_value(&resp->headers, m->wire_name, &joined, &value);
            if (result == SDKC_ERR_TOO_LARGE)
                result = s_fail(c, "header field lines are over the %d-byte cap",
                                SDKC_CODEC_MAX_HEADER_BYTES);
            if (result || !value)
                break;
            if (m->shape->type == SDKC_SHAPE_LIST) {
                result = s_header_list(c, m, value, &node);
                break;
            }
            n = strlen(value);
            s_trim(&value, &n);
            result = s_header_scalar(c, m, m->shape, value, n, &node);
            break;
        case SDKC_LOC_HEADERS: result = s_prefix_headers(c, m, &resp->headers, &node); break;
        case SDKC_LOC_STATUS:
            node = cJSON_CreateNumber(resp->status);
            result = node ? SDKC_OK : SDKC_ERR_NOMEM;
            break;
        default: break; /* uri/querystring bindings have no meaning in a response */
        }
        c->depth--;
        if (!result && node && !cJSON_AddItemToObject(out, m->name, node))
            result = SDKC_ERR_NOMEM;
        if (result)
            cJSON_Delete(node);
    }
    sdkc_buf_clean_up(&joined);
    return result;
}

/* ---- payloads, event streams, top-level shapes ------------------------------ */

/* Base64 text of a body at the cap: 4 characters per 3 bytes, rounded up. */
#define S_BASE64_MAX ((SDKC_CODEC_MAX_BODY / 3 + 1) * 4)

/* Parse the body strictly (output bodies: rules at the top of this file). */
static sdkc_result s_parse_body(struct s_ctx *c, const struct sdkc_http_response *resp, cJSON **out)
{
    struct sdkc_json_limits limits = {SDKC_CODEC_MAX_BODY, SDKC_CODEC_MAX_DEPTH};
    struct sdkc_error perr;
    struct s_out o = {c->msg, sizeof(c->msg), 0};
    sdkc_result result;

    sdkc_error_init(&perr);
    result = sdkc_json_parse(resp->body, resp->body_len, &limits, out, &perr);
    if (result == SDKC_OK || result == SDKC_ERR_NOMEM)
        return result;
    /* core/json may already name the offset in its message; the message is
     * cut to fit (s_put), never reallocated. */
    if (perr.offset != SDKC_NO_OFFSET && !strstr(perr.msg, "byte"))
        snprintf(o.p, o.cap, "malformed JSON body at byte %zu: ", perr.offset);
    else
        snprintf(o.p, o.cap, "malformed JSON body: ");
    o.len = strlen(o.p);
    s_put(&o, perr.msg, strlen(perr.msg));
    return SDKC_ERR_DESERIALIZE;
}

/* The member of shape whose target is an event stream (`eventstream: true`),
 * else NULL. */
static const struct sdkc_member *s_event_stream_member(const struct sdkc_shape *shape)
{
    size_t i;
    for (i = 0; i < shape->member_count; i++)
        if (shape->members[i].shape && shape->members[i].shape->eventstream)
            return &shape->members[i];
    return NULL;
}

/* The httpPayload member p of a top-level shape, from the whole body
 * (http-bindings.rst httpPayload "Serialization rules": a string or blob is
 * the raw body, any other shape the protocol's document; aws-restjson1-
 * protocol.rst allows structures, unions, documents, strings and blobs):
 *  - blob, streaming or not: the body bytes, output as their base64 text
 *    like every blob (RestJsonHttpPayloadTraitsWithBlob);
 *  - string, enums included: the body text, which must be UTF-8 without
 *    NUL (RestJsonStringPayloadResponse, RestJsonEnumPayloadResponse);
 *  - structure, union, document: the JSON body decoded as that shape, the
 *    JSON path starting at the body ($) (RestJsonHttpPayloadWithStructure,
 *    RestJsonHttpPayloadWithUnion, DocumentTypeAsPayloadOutput,
 *    DocumentTypeAsPayloadOutputString); a JSON null counts as absent, as
 *    everywhere;
 *  - an empty body: the member is absent (RestJsonHttpPayloadTraitsWithNoBlobBody,
 *    RestJsonHttpPayloadWithUnsetUnion);
 *  - any other target: clientError "unsupported" (the model is outside
 *    restJson1).
 * Other body content is never read: every other member of such a shape is
 * bound elsewhere (http-bindings.rst "Binding members to httpPayload").
 * `lenient` is NULL for outputs (the body is parsed here, strictly); for
 * errors it points at the body errors.c already parsed, or at NULL when
 * that was not JSON (then a JSON payload is absent, errors.c rule 8), and
 * the tree is taken over. */
static sdkc_result s_payload(struct s_ctx *c, const struct sdkc_member *p,
                             const struct sdkc_http_response *resp, cJSON **lenient, cJSON *out)
{
    const struct sdkc_shape *shape = p->shape;
    sdkc_result result = SDKC_OK;
    struct sdkc_buf b;
    cJSON *node = NULL;

    if (!resp->body || resp->body_len == 0 || !shape)
        return SDKC_OK;
    if (resp->body_len > SDKC_CODEC_MAX_BODY) {
        snprintf(c->msg, sizeof(c->msg),
                 "payload member %s: response body of %zu bytes is over the %zu-byte cap", p->name,
                 resp->body_len, (size_t)SDKC_CODEC_MAX_BODY);
        return SDKC_ERR_DESERIALIZE;
    }
    switch (shape->type) {
    case SDKC_SHAPE_BLOB:
        sdkc_buf_init(&b, S_BASE64_MAX);
        result = sdkc_base64_encode(&b, resp->body, resp->body_len);
        if (!result && !(node = cJSON_CreateNull()))
            result = SDKC_ERR_NOMEM;
        if (!result && !(node->valuestring = sdkc_buf_steal(&b, NULL)))
            result = SDKC_ERR_NOMEM;
        sdkc_buf_clean_up(&b);
        if (result) {
            cJSON_Delete(node);
            /* S_BASE64_MAX holds any body under the cap checked above */
            return result == SDKC_ERR_NOMEM ? result : SDKC_ERR_STATE;
        }
        node->type = cJSON_String;
        break;
    case SDKC_SHAPE_STRING:
        result = s_text_node(c, "string payload", resp->body, resp->body_len, &node);
        if (result)
            return result;
        break;
    case SDKC_SHAPE_STRUCTURE:
        if (lenient) {
            node = *lenient;
            *lenient = NULL;
        } else {
            result = s_parse_body(c, resp, &node);
        }
        if (result || !node)
            return result;
        if (cJSON_IsNull(node)) {
            cJSON_Delete(node);
            return SDKC_OK;
        }
        result = s_value(c, p, shape, node);
        if (result) {
            cJSON_Delete(node);
            return result;
        }
        break;
    default:
        snprintf(c->msg, sizeof(c->msg),
                 "payload member %s targets a %s (shape %s); restJson1 payloads are "
                 "structures, unions, documents, strings or blobs",
                 p->name, sdkc_shape_type_name(shape->type), shape->name);
        return SDKC_ERR_UNSUPPORTED;
    }
    if (!cJSON_AddItemToObject(out, p->name, node)) {
        cJSON_Delete(node);
        return SDKC_ERR_NOMEM;
    }
    return SDKC_OK;
}

static int s_has_body_members(const struct sdkc_shape *shape)
{
    size_t i;
    for (i = 0; i < shape->member_count; i++)
        if (shape->members[i].location == SDKC_LOC_BODY)
            return 1;
    return 0;
}

/* A clientError document; NOMEM when even that cannot be built. */
static sdkc_result s_client_error(cJSON **doc, const char *kind, const char *msg,
                                  struct sdkc_error *err)
{
    *doc = sdkc_result_client_error(kind, msg);
    if (!*doc)
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET,
                              "out of memory building a clientError result");
    return SDKC_OK;
}

static void s_ctx_init(struct s_ctx *c, const struct sdkc_spec *spec)
{
    c->spec = spec;
    c->depth = 0;
    c->msg[0] = '\0';
}

static sdkc_result s_decode_success(const struct sdkc_spec *spec, const struct sdkc_operation *op,
                                    const struct sdkc_http_response *resp, cJSON **doc,
                                    struct sdkc_error *err)
{
    const struct sdkc_shape *shape = op ? op->output : NULL;
    const struct sdkc_member *stream;
    sdkc_result result = SDKC_OK;
    struct s_ctx ctx;
    struct s_ctx *c = &ctx;
    cJSON *out = NULL;
    int read_body;

    s_ctx_init(c, spec);
    /* An event stream is a sequence of binary frames (Smithy "Event
     * streams", application/vnd.amazon.eventstream), not a body this codec
     * reads; saying so beats decoding the frames as a blob or JSON. */
    stream = shape ? s_event_stream_member(shape) : NULL;
    if (stream) {
        snprintf(c->msg, sizeof(c->msg),
                 "output member %s is an event stream (shape %s); decoding event streams is "
                 "not supported",
                 stream->name, stream->shape->name);
        return s_client_error(doc, "unsupported", c->msg, err);
    }
    /* Without a payload member or body members the body carries nothing to
     * decode and is not read (botocore legacy output #8). */
    read_body =
        shape && resp->body && resp->body_len > 0 && (shape->payload || s_has_body_members(shape));
    if (read_body && resp->body_len > SDKC_CODEC_MAX_BODY) {
        snprintf(c->msg, sizeof(c->msg), "response body of %zu bytes is over the %zu-byte cap",
                 resp->body_len, (size_t)SDKC_CODEC_MAX_BODY);
        return s_client_error(doc, "deserialization", c->msg, err);
    }
    if (read_body && !shape->payload)
        result = s_parse_body(c, resp, &out);
    else if (!(out = cJSON_CreateObject()))
        result = SDKC_ERR_NOMEM;
    if (!result && shape) {
        if (shape->payload)
            result = s_payload(c, shape->payload, resp, NULL, out);
        else
            result = s_structure(c, shape, out, S_TOP);
        if (!result)
            result = s_bound_members(c, shape, resp, 0, out);
    }
    if (result == SDKC_ERR_DESERIALIZE || result == SDKC_ERR_UNSUPPORTED) {
        cJSON_Delete(out);
        return s_client_error(
            doc, result == SDKC_ERR_UNSUPPORTED ? "unsupported" : "deserialization", c->msg, err);
    }
    if (result)
        goto fail;
    *doc = sdkc_result_output(out);
    if (!*doc)
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    return SDKC_OK;
fail:
    cJSON_Delete(out);
    return sdkc_error_set(err, result, SDKC_NO_OFFSET, "decoding response: %s",
                          sdkc_result_str(result));
}

sdkc_result sdkc_codec_decode_error_members(const struct sdkc_spec *spec,
                                            const struct sdkc_shape *shape,
                                            const struct sdkc_http_response *resp, cJSON *body,
                                            cJSON **members, struct sdkc_error *err)
{
    sdkc_result result = SDKC_OK;
    struct s_ctx ctx;
    struct s_ctx *c = &ctx;
    cJSON *out = NULL;

    if (!members || !resp || !shape) {
        cJSON_Delete(body);
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "decode_error_members: members, resp and shape are required");
    }
    *members = NULL;
    s_ctx_init(c, spec);
    if (body && !cJSON_IsObject(body)) {
        cJSON_Delete(body); /* errors.c rule 8: not consulted */
        body = NULL;
    }
    if (shape->payload || !body) {
        if (!(out = cJSON_CreateObject()))
            result = SDKC_ERR_NOMEM;
        if (!result && shape->payload && !s_is_message_member(shape->payload))
            result = s_payload(c, shape->payload, resp, &body, out);
        cJSON_Delete(body);
    } else {
        out = body; /* edited in place, as outputs are */
        result = s_structure(c, shape, out, S_TOP | S_NO_MESSAGE);
    }
    if (!result)
        result = s_bound_members(c, shape, resp, S_NO_MESSAGE, out);
    if (result) {
        cJSON_Delete(out);
        if (result == SDKC_ERR_DESERIALIZE || result == SDKC_ERR_UNSUPPORTED)
            return sdkc_error_set(err, result, SDKC_NO_OFFSET, "%s", c->msg);
        return sdkc_error_set(err, result, SDKC_NO_OFFSET, "decoding error members: %s",
                              sdkc_result_str(result));
    }
    if (out->child)
        *members = out;
    else
        cJSON_Delete(out);
    return SDKC_OK;
}

sdkc_result sdkc_codec_decode(const struct sdkc_spec *spec, const struct sdkc_operation *op,
                              const struct sdkc_http_response *resp, cJSON **doc,
                              struct sdkc_error *err)
{
    char msg[128];

    if (!doc || !resp)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "decode: doc and resp are required");
    *doc = NULL;
    if (resp->status >= 200 && resp->status <= 299)
        return s_decode_success(spec, op, resp, doc, err);
    if (resp->status >= 300)
        return sdkc_codec_decode_error(spec, op, resp, doc, err);
    snprintf(msg, sizeof(msg), "HTTP status %d is not a final response status", resp->status);
    return s_client_error(doc, "deserialization", msg, err);
}
