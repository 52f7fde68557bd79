/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/mutate.c: the model-driven response mutator (mutate.h). The
 * body is parsed with the strict parser, its values collected with the
 * shape each one has (the output shape walked as the codec walks it:
 * structure members by wire name, list elements, map values), one value
 * picked and replaced by a raw JSON fragment (a cJSON Raw node, printed
 * verbatim by sdkc_json_print_buf), so the fragment can be anything a
 * server could send, valid JSON or not.
 */
#include "vectors/mutate.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"

static const char *const s_names[SDKC_MUTATE_CLASS_COUNT] = {
    "union-zero", "union-two",    "union-unknown", "union-null", "enum-unknown",
    "enum-empty", "enum-type",    "number-edge",   "string-bad", "wrong-type",
    "null-value", "deep-nesting", "duplicate-key", "error-code", "header-bad",
    "body-shape", "content-type", "status",        "bytes"};

const char *sdkc_mutate_class_name(enum sdkc_mutate_class c)
{
    return (unsigned)c < SDKC_MUTATE_CLASS_COUNT ? s_names[c] : "?";
}

uint64_t sdkc_mutate_rand(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static size_t s_pick(uint64_t *rng, size_t n)
{
    return n ? (size_t)(sdkc_mutate_rand(rng) % n) : 0;
}

sdkc_result sdkc_mutate_copy(const struct sdkc_http_response *in, struct sdkc_http_response *out)
{
    sdkc_result result;
    sdkc_http_response_clean_up(out);
    sdkc_http_response_init(out);
    out->status = in->status;
    if ((result = sdkc_http_headers_copy(&out->headers, &in->headers)))
        return result;
    if (in->body_len) {
        out->body = sdkc_malloc(in->body_len + 1);
        if (!out->body)
            return SDKC_ERR_NOMEM;
        memcpy(out->body, in->body, in->body_len);
        out->body[in->body_len] = '\0';
        out->body_len = in->body_len;
    }
    return SDKC_OK;
}

/* Replace out's body by b's bytes (cut to SDKC_MUTATE_MAX_BODY). */
static sdkc_result s_set_body(struct sdkc_http_response *out, const char *data, size_t len)
{
    char *nb;
    if (len > SDKC_MUTATE_MAX_BODY)
        len = SDKC_MUTATE_MAX_BODY;
    nb = sdkc_malloc(len + 1);
    if (!nb)
        return SDKC_ERR_NOMEM;
    if (len)
        memcpy(nb, data, len);
    nb[len] = '\0';
    sdkc_free(out->body);
    out->body = nb;
    out->body_len = len;
    return SDKC_OK;
}

/* MARK: - the body walked with its shape */

struct s_node {
    cJSON *item;
    const struct sdkc_shape *shape; /* NULL: a value the model does not describe */
};

struct s_nodes {
    struct s_node items[SDKC_MUTATE_MAX_NODES];
    size_t count;
};

static void s_collect(struct s_nodes *ns, cJSON *item, const struct sdkc_shape *shape, int depth)
{
    cJSON *c;
    if (!item || ns->count >= SDKC_MUTATE_MAX_NODES || depth > SDKC_MUTATE_MAX_WALK)
        return;
    ns->items[ns->count].item = item;
    ns->items[ns->count].shape = shape;
    ns->count++;
    for (c = item->child; c; c = c->next) {
        const struct sdkc_shape *cs = NULL;
        if (shape && shape->type == SDKC_SHAPE_STRUCTURE && cJSON_IsObject(item) && c->string) {
            const struct sdkc_member *m = sdkc_shape_find_wire_member(shape, c->string);
            cs = m && m->location == SDKC_LOC_BODY ? m->shape : NULL;
        } else if (shape && shape->type == SDKC_SHAPE_LIST && shape->list_member) {
            cs = shape->list_member->shape;
        } else if (shape && shape->type == SDKC_SHAPE_MAP && shape->map_value) {
            cs = shape->map_value->shape;
        }
        s_collect(ns, c, cs, depth + 1);
    }
}

/* The shape of the body: the payload member's when the output has one. */
static const struct sdkc_shape *s_body_shape(const struct sdkc_operation *op)
{
    if (!op || !op->output)
        return NULL;
    if (op->output->payload)
        return op->output->payload->shape;
    return op->output;
}

typedef int (*s_want_fn)(const struct s_node *n);

static int s_is_union(const struct s_node *n)
{
    return n->shape && n->shape->is_union && cJSON_IsObject(n->item);
}
static int s_is_enum(const struct s_node *n)
{
    return n->shape && n->shape->enum_count > 0 && cJSON_IsString(n->item);
}
static int s_is_number(const struct s_node *n)
{
    return cJSON_IsNumber(n->item);
}
static int s_is_string(const struct s_node *n)
{
    return cJSON_IsString(n->item);
}
static int s_is_object(const struct s_node *n)
{
    return cJSON_IsObject(n->item) && n->item->child;
}
static int s_is_member(const struct s_node *n)
{
    return n->item->string != NULL;
}

/* A node that `want` accepts, picked with rng; NULL when none. */
static struct s_node *s_choose(struct s_nodes *ns, s_want_fn want, uint64_t *rng)
{
    size_t i, n = 0, k;
    for (i = 0; i < ns->count; i++)
        n += want(&ns->items[i]) ? 1 : 0;
    if (n == 0)
        return NULL;
    k = s_pick(rng, n);
    for (i = 0; i < ns->count; i++)
        if (want(&ns->items[i]) && k-- == 0)
            return &ns->items[i];
    return NULL;
}

/* Put raw JSON text in place of node->item (the old node is freed). */
static sdkc_result s_replace_raw(cJSON *root, struct s_node *node, const char *text)
{
    cJSON *raw;
    if (node->item == root)
        return SDKC_ERR_INVALID_ARG; /* the caller handles the root itself */
    raw = cJSON_CreateRaw(text);
    if (!raw)
        return SDKC_ERR_NOMEM;
    /* cJSON_ReplaceItemViaPointer does not carry the member name over:
     * move it (both were allocated by cJSON's hooks). */
    raw->string = node->item->string;
    raw->type |= node->item->type & cJSON_StringIsConst;
    node->item->string = NULL;
    if (!cJSON_ReplaceItemViaPointer(root, node->item, raw)) {
        node->item->string = raw->string;
        raw->string = NULL;
        cJSON_Delete(raw);
        return SDKC_ERR_INVALID_ARG;
    }
    node->item = raw;
    return SDKC_OK;
}

/* cJSON_ReplaceItemViaPointer needs the parent: find it. */
static cJSON *s_parent_of(cJSON *root, const cJSON *item, int depth)
{
    cJSON *c, *p;
    if (depth > SDKC_MUTATE_MAX_WALK + 1)
        return NULL;
    for (c = root->child; c; c = c->next) {
        if (c == item)
            return root;
        if ((p = s_parent_of(c, item, depth + 1)))
            return p;
    }
    return NULL;
}

static sdkc_result s_splice(cJSON *root, struct s_node *node, const char *text)
{
    cJSON *parent = s_parent_of(root, node->item, 0);
    if (!parent)
        return SDKC_ERR_INVALID_ARG;
    return s_replace_raw(parent, node, text);
}

/* A string the model will not know: "SdkcUnknown" plus a number. */
static void s_unknown_name(uint64_t *rng, char *out, size_t n)
{
    snprintf(out, n, "sdkcUnknown%u", (unsigned)(sdkc_mutate_rand(rng) % 1000));
}

/* Some other JSON type than the value's own. */
static const char *s_wrong_type(const cJSON *item, uint64_t *rng)
{
    static const char *const any[] = {"1", "true", "[]", "{}", "\"x\"", "-0.5", "[1,\"a\"]"};
    const char *pick;
    do
        pick = any[s_pick(rng, sizeof(any) / sizeof(any[0]))];
    while ((cJSON_IsString(item) && pick[0] == '"') ||
           (cJSON_IsNumber(item) && (pick[0] == '1' || pick[0] == '-')) ||
           (cJSON_IsObject(item) && pick[0] == '{') || (cJSON_IsArray(item) && pick[0] == '[') ||
           (cJSON_IsBool(item) && pick[0] == 't'));
    return pick;
}

static sdkc_result s_mut_union(cJSON *root, struct s_nodes *ns, enum sdkc_mutate_class cls,
                               uint64_t *rng, int *done)
{
    struct s_node *n = s_choose(ns, s_is_union, rng);
    const struct sdkc_shape *sh;
    struct sdkc_buf b;
    char unk[48];
    size_t i, a;
    sdkc_result result = SDKC_OK;
    if (!n || n->item == root)
        return SDKC_OK;
    sh = n->shape;
    sdkc_buf_init(&b, 0);
    a = s_pick(rng, sh->member_count ? sh->member_count : 1);
    switch (cls) {
    case SDKC_MUTATE_UNION_ZERO:
        result = sdkc_buf_append_str(&b, s_pick(rng, 2) ? "{}" : "{\"__type\":\"x\"}");
        break;
    case SDKC_MUTATE_UNION_TWO:
        /* Two members of the model (or one twice when it has one). */
        result = sdkc_buf_append_byte(&b, '{');
        for (i = 0; !result && i < 2; i++) {
            const struct sdkc_member *m =
                sh->member_count ? &sh->members[(a + i) % sh->member_count] : NULL;
            if (i)
                result = sdkc_buf_append_byte(&b, ',');
            if (!result)
                result = sdkc_json_quote(&b, m ? m->wire_name : "a", m ? strlen(m->wire_name) : 1);
            if (!result)
                result = sdkc_buf_append_str(
                    &b, m && m->shape && m->shape->type == SDKC_SHAPE_STRUCTURE ? ":{}" : ":\"v\"");
        }
        if (!result)
            result = sdkc_buf_append_byte(&b, '}');
        break;
    case SDKC_MUTATE_UNION_UNKNOWN:
        s_unknown_name(rng, unk, sizeof(unk));
        result = sdkc_buf_appendf(&b, "{\"%s\":%s}", unk, s_pick(rng, 2) ? "{\"a\":1}" : "\"v\"");
        break;
    default: /* null member, or a null sibling beside the set one */
        if (sh->member_count == 0)
            result = sdkc_buf_append_str(&b, "{\"a\":null}");
        else if (s_pick(rng, 2) || !n->item->child)
            result = sdkc_buf_appendf(&b, "{\"%s\":null}", sh->members[a].wire_name);
        else {
            char *cur = NULL;
            result = sdkc_json_print(n->item, 0, &cur, NULL);
            if (!result) {
                cur[strlen(cur) - 1] = '\0';
                result = sdkc_buf_appendf(&b, "%s,\"%s\":null}", cur,
                                          sh->members[(a + 1) % sh->member_count].wire_name);
            }
            sdkc_free(cur);
        }
        break;
    }
    if (!result && !(result = s_splice(root, n, b.data)))
        *done = 1;
    sdkc_buf_clean_up(&b);
    return result == SDKC_ERR_INVALID_ARG ? SDKC_OK : result;
}

/* The value classes. A mutation of the root value itself (the body's
 * object) goes to *whole instead of the tree. */
static sdkc_result s_mut_value(cJSON *root, struct s_nodes *ns, enum sdkc_mutate_class cls,
                               uint64_t *rng, int *done, struct sdkc_buf *whole)
{
    static const char *const numbers[] = {"2147483648",
                                          "-2147483649",
                                          "9223372036854775808",
                                          "-9223372036854775809",
                                          "1e400",
                                          "-1e400",
                                          "4.9e-325",
                                          "1.5",
                                          "-0",
                                          "1E2",
                                          "0.0e0",
                                          "1e-7",
                                          "18446744073709551616"};
    static const char *const strings[] = {
        "\"a\377b\"",   "\"\xc3\"",      "\"\xed\xa0\x80\"",     "\"\\ud800\"",
        "\"\\udc00x\"", "\"a\\u0000b\"", "\"\xf4\x90\x80\x80\"", "\"\xc0\xaf\""};
    struct sdkc_buf b;
    struct s_node *n = NULL;
    char unk[48];
    size_t i, depth;
    sdkc_result result = SDKC_OK;

    sdkc_buf_init(&b, 0); /* the whole body may be cut later, never refused */
    switch (cls) {
    case SDKC_MUTATE_ENUM_UNKNOWN:
        if ((n = s_choose(ns, s_is_enum, rng))) {
            s_unknown_name(rng, unk, sizeof(unk));
            result = sdkc_buf_appendf(&b, "\"%s\"", unk);
        }
        break;
    case SDKC_MUTATE_ENUM_EMPTY:
        if ((n = s_choose(ns, s_is_enum, rng)))
            result = sdkc_buf_append_str(&b, "\"\"");
        break;
    case SDKC_MUTATE_ENUM_TYPE:
        if ((n = s_choose(ns, s_is_enum, rng)))
            result = sdkc_buf_append_str(&b, s_wrong_type(n->item, rng));
        break;
    case SDKC_MUTATE_NUMBER_EDGE:
        if (!(n = s_choose(ns, s_is_number, rng)))
            break;
        if (s_pick(rng, 4) == 0) { /* a huge digit string */
            size_t digits = 20 + s_pick(rng, SDKC_MUTATE_MAX_DIGITS - 20);
            result = sdkc_buf_append_byte(&b, '9');
            for (i = 1; !result && i < digits; i++)
                result = sdkc_buf_append_byte(&b, (char)('0' + (char)(i % 10)));
        } else {
            result =
                sdkc_buf_append_str(&b, numbers[s_pick(rng, sizeof(numbers) / sizeof(*numbers))]);
        }
        break;
    case SDKC_MUTATE_STRING_BAD:
        if ((n = s_choose(ns, s_is_string, rng)))
            result =
                sdkc_buf_append_str(&b, strings[s_pick(rng, sizeof(strings) / sizeof(*strings))]);
        break;
    case SDKC_MUTATE_WRONG_TYPE:
        if ((n = s_choose(ns, s_is_member, rng)))
            result = sdkc_buf_append_str(&b, s_wrong_type(n->item, rng));
        break;
    case SDKC_MUTATE_NULL_VALUE:
        if ((n = s_choose(ns, s_is_member, rng)))
            result = sdkc_buf_append_str(&b, "null");
        break;
    case SDKC_MUTATE_DEEP_NESTING:
        if (!(n = s_choose(ns, s_is_member, rng)))
            break;
        depth = 16 + s_pick(rng, SDKC_MUTATE_MAX_NESTING - 16);
        for (i = 0; !result && i < depth; i++)
            result = sdkc_buf_append_byte(&b, '[');
        for (i = 0; !result && i < depth; i++)
            result = sdkc_buf_append_byte(&b, ']');
        break;
    default: /* SDKC_MUTATE_DUPLICATE_KEY: a member repeated, the copy another value */
        if ((n = s_choose(ns, s_is_object, rng))) {
            const cJSON *m = n->item->child;
            size_t k = s_pick(rng, (size_t)cJSON_GetArraySize(n->item));
            char *cur = NULL;
            while (k-- && m->next)
                m = m->next;
            if (!(result = sdkc_json_print(n->item, 0, &cur, NULL))) {
                size_t len = strlen(cur);
                int first = s_pick(rng, 2) == 0; /* the duplicate before or after */
                if (first) {
                    result = sdkc_buf_append_byte(&b, '{');
                    if (!result)
                        result = sdkc_json_quote(&b, m->string, strlen(m->string));
                    if (!result)
                        result = sdkc_buf_appendf(&b, ":%s,", s_wrong_type(m, rng));
                    if (!result)
                        result = sdkc_buf_append(&b, cur + 1, len - 1);
                } else {
                    result = sdkc_buf_append(&b, cur, len - 1);
                    if (!result)
                        result = sdkc_buf_append_byte(&b, ',');
                    if (!result)
                        result = sdkc_json_quote(&b, m->string, strlen(m->string));
                    if (!result)
                        result = sdkc_buf_appendf(&b, ":%s}", s_wrong_type(m, rng));
                }
            }
            sdkc_free(cur);
        }
        break;
    }
    if (!result && n) {
        if (n->item == root) {
            if (!(result = sdkc_buf_append(whole, b.data ? b.data : "null", b.data ? b.len : 4)))
                *done = 2;
        } else if (!(result = s_splice(root, n, b.data ? b.data : "null"))) {
            *done = 1;
        }
    }
    sdkc_buf_clean_up(&b);
    return result == SDKC_ERR_INVALID_ARG ? SDKC_OK : result;
}

/* MARK: - whole-response mutations */

static sdkc_result s_mut_error(const struct sdkc_spec *spec, const struct sdkc_operation *op,
                               struct sdkc_http_response *out, uint64_t *rng)
{
    static const int statuses[] = {400, 403, 404, 409, 429, 500, 502, 503};
    char code[SDKC_MUTATE_MAX_CODE_LEN];
    const char *base;
    size_t nerr = op ? op->error_count : 0, form, where;
    struct sdkc_buf b;
    sdkc_result result;
    char unk[48];

    s_unknown_name(rng, unk, sizeof(unk));
    base = nerr && s_pick(rng, 4) ? sdkc_shape_error_code(op->errors[s_pick(rng, nerr)]) : unk;
    form = s_pick(rng, 4); /* plain, namespace#, :uri suffix, both */
    snprintf(code, sizeof(code), "%s%s%s", form == 1 || form == 3 ? "com.amazonaws.svc#" : "",
             base ? base : unk,
             form >= 2 ? ":http://internal.amazon.com/coral/com.amazonaws.svc/" : "");
    (void)spec;
    out->status = statuses[s_pick(rng, sizeof(statuses) / sizeof(*statuses))];
    sdkc_http_headers_remove(&out->headers, "X-Amzn-Errortype");
    sdkc_buf_init(&b, SDKC_MUTATE_MAX_BODY);
    where = s_pick(rng, 4); /* header, body code, body __type, header and an empty body */
    if (where == 0 || where == 3)
        result = sdkc_http_headers_set(&out->headers, "X-Amzn-Errortype", code);
    else
        result = SDKC_OK;
    if (!result && where == 1)
        result = sdkc_buf_append_str(&b, "{\"code\":");
    else if (!result && where == 2)
        result = sdkc_buf_append_str(&b, "{\"__type\":");
    else if (!result && where == 0)
        result = sdkc_buf_append_str(&b, "{\"message\":\"m\"}");
    if (!result && (where == 1 || where == 2)) {
        result = sdkc_json_quote(&b, code, strlen(code));
        if (!result)
            result = sdkc_buf_append_str(&b, ",\"message\":\"m\"}");
    }
    if (!result)
        result = s_set_body(out, b.data ? b.data : "", b.len);
    sdkc_buf_clean_up(&b);
    return result;
}

static sdkc_result s_mut_header(const struct sdkc_operation *op, struct sdkc_http_response *out,
                                uint64_t *rng, int *done)
{
    /* Never empty: the mock endpoint (libmicrohttpd) refuses to send an
     * empty header value, so such an input could not reach a client. */
    static const char *const bad[] = {"not-a-number",
                                      "-",
                                      "1e400",
                                      "9223372036854775808",
                                      "Tue, 32 Foo 2020 99:99:99 GMT",
                                      "true false",
                                      ",",
                                      "\"unterminated",
                                      "0x10",
                                      "1.5"};
    const struct sdkc_member *cand[64];
    size_t n = 0, i;
    if (op && op->output)
        for (i = 0; i < op->output->member_count && n < 64; i++)
            if (op->output->members[i].location == SDKC_LOC_HEADER)
                cand[n++] = &op->output->members[i];
    if (n == 0)
        return SDKC_OK;
    *done = 1;
    return sdkc_http_headers_set(&out->headers, cand[s_pick(rng, n)]->wire_name,
                                 bad[s_pick(rng, sizeof(bad) / sizeof(*bad))]);
}

static sdkc_result s_mut_body_shape(struct sdkc_http_response *out, uint64_t *rng)
{
    static const char *const bodies[] = {"",
                                         "<html><body><h1>502 Bad Gateway</h1></body></html>",
                                         "not json",
                                         "[]",
                                         "null",
                                         "\"s\"",
                                         "42",
                                         "{",
                                         "{\"a\":1}garbage",
                                         "\xef\xbb\xbf{}",
                                         "{}{}",
                                         " "};
    size_t k = s_pick(rng, sizeof(bodies) / sizeof(*bodies) + 1);
    if (k == sizeof(bodies) / sizeof(*bodies)) { /* truncated */
        size_t len = out->body_len ? s_pick(rng, out->body_len) : 0;
        return s_set_body(out, out->body ? out->body : "", len);
    }
    if (k == 1)
        (void)sdkc_http_headers_set(&out->headers, "Content-Type", "text/html");
    return s_set_body(out, bodies[k], strlen(bodies[k]));
}

static sdkc_result s_mut_content_type(struct sdkc_http_response *out, uint64_t *rng)
{
    static const char *const types[] = {"text/html",
                                        "text/plain",
                                        "application/xml",
                                        "application/x-amz-json-1.1",
                                        "application/json; charset=latin1",
                                        "application/octet-stream",
                                        "application/JSON"};
    size_t k = s_pick(rng, sizeof(types) / sizeof(*types) + 1);
    if (k == sizeof(types) / sizeof(*types)) {
        sdkc_http_headers_remove(&out->headers, "Content-Type");
        return SDKC_OK;
    }
    return sdkc_http_headers_set(&out->headers, "Content-Type", types[k]);
}

static void s_mut_status(struct sdkc_http_response *out, uint64_t *rng)
{
    static const int statuses[] = {100, 199, 204, 205, 206, 226, 299, 300,
                                   301, 302, 304, 307, 399, 418, 451, 599};
    out->status = statuses[s_pick(rng, sizeof(statuses) / sizeof(*statuses))];
}

static sdkc_result s_mut_bytes(struct sdkc_http_response *out, uint64_t *rng)
{
    struct sdkc_buf b;
    size_t ops = 1 + s_pick(rng, SDKC_MUTATE_MAX_BYTE_OPS), i;
    sdkc_result result;
    sdkc_buf_init(&b, SDKC_MUTATE_MAX_BODY);
    result = sdkc_buf_append(&b, out->body ? out->body : "", out->body_len);
    for (i = 0; !result && i < ops; i++) {
        size_t at = s_pick(rng, b.len + 1);
        unsigned char v = (unsigned char)sdkc_mutate_rand(rng);
        switch (s_pick(rng, 3)) {
        case 0: /* flip */
            if (at < b.len)
                b.data[at] = (char)(b.data[at] ^ (1u << (v % 8)));
            break;
        case 1: /* insert */
            if (b.len < SDKC_MUTATE_MAX_BODY && !(result = sdkc_buf_append_byte(&b, 0))) {
                memmove(b.data + at + 1, b.data + at, b.len - 1 - at);
                b.data[at] = (char)v;
            }
            break;
        default: /* delete */
            if (at < b.len) {
                memmove(b.data + at, b.data + at + 1, b.len - at - 1);
                b.len--;
            }
            break;
        }
    }
    if (!result)
        result = s_set_body(out, b.data ? b.data : "", b.len);
    sdkc_buf_clean_up(&b);
    return result;
}

/* MARK: - the entry point */

static sdkc_result s_apply(const struct sdkc_spec *spec, const struct sdkc_operation *op,
                           struct sdkc_http_response *out, enum sdkc_mutate_class cls,
                           uint64_t *rng, int *done)
{
    cJSON *root = NULL;
    struct s_nodes *ns = NULL;
    struct sdkc_buf b;
    sdkc_result result = SDKC_OK;

    *done = 0;
    if (cls <= SDKC_MUTATE_DUPLICATE_KEY) {
        if (!out->body_len ||
            sdkc_json_parse(out->body, out->body_len, NULL, &root, NULL) != SDKC_OK)
            return SDKC_OK; /* not a JSON body: the class cannot apply */
        ns = sdkc_calloc(1, sizeof(*ns));
        if (!ns) {
            cJSON_Delete(root);
            return SDKC_ERR_NOMEM;
        }
        s_collect(ns, root, s_body_shape(op), 0);
        sdkc_buf_init(&b, 0); /* cut to SDKC_MUTATE_MAX_BODY by s_set_body */
        if (cls <= SDKC_MUTATE_UNION_NULL)
            result = s_mut_union(root, ns, cls, rng, done);
        else
            result = s_mut_value(root, ns, cls, rng, done, &b);
        if (!result && *done) {
            if (*done == 1)
                result = sdkc_json_print_buf(root, &b);
            if (!result)
                result = s_set_body(out, b.data ? b.data : "", b.len);
        }
        sdkc_buf_clean_up(&b);
        sdkc_free(ns);
        cJSON_Delete(root);
        return result;
    }
    switch (cls) {
    case SDKC_MUTATE_ERROR_CODE: *done = 1; return s_mut_error(spec, op, out, rng);
    case SDKC_MUTATE_HEADER_BAD: return s_mut_header(op, out, rng, done);
    case SDKC_MUTATE_BODY_SHAPE: *done = 1; return s_mut_body_shape(out, rng);
    case SDKC_MUTATE_CONTENT_TYPE: *done = 1; return s_mut_content_type(out, rng);
    case SDKC_MUTATE_STATUS:
        *done = 1;
        s_mut_status(out, rng);
        return SDKC_OK;
    default: *done = 1; return s_mut_bytes(out, rng);
    }
}

sdkc_result sdkc_mutate_response(const struct sdkc_spec *spec, const struct sdkc_operation *op,
                                 const struct sdkc_http_response *in, uint64_t seed,
                                 enum sdkc_mutate_class cls, struct sdkc_http_response *out,
                                 enum sdkc_mutate_class *applied, struct sdkc_error *err)
{
    uint64_t rng = seed;
    unsigned tries;
    int done = 0;
    sdkc_result result;

    if ((result = sdkc_mutate_copy(in, out)))
        goto fail;
    if ((unsigned)cls >= SDKC_MUTATE_CLASS_COUNT)
        cls = (enum sdkc_mutate_class)s_pick(&rng, SDKC_MUTATE_CLASS_COUNT);
    /* A class that cannot apply moves on to the next one; the last ones
     * (body shape, content type, status, bytes) always apply. */
    for (tries = 0; tries < SDKC_MUTATE_CLASS_COUNT; tries++) {
        if ((result = s_apply(spec, op, out, cls, &rng, &done)))
            goto fail;
        if (done)
            break;
        cls = (enum sdkc_mutate_class)((cls + 1) % SDKC_MUTATE_CLASS_COUNT);
    }
    if (out->body_len > SDKC_MUTATE_MAX_BODY &&
        (result = s_set_body(out, out->body, SDKC_MUTATE_MAX_BODY)))
        goto fail;
    /* RFC 9110 §15.2, §15.3.5, §15.4.5: 1xx, 204 and 304 responses end
     * with their headers; a body given with them never reaches a client
     * (the mock endpoint drops it), so it is dropped here too, and the
     * oracle decodes what the client receives. */
    if ((out->status < 200 || out->status == 204 || out->status == 304) && out->body_len &&
        (result = s_set_body(out, "", 0)))
        goto fail;
    if (applied)
        *applied = cls;
    return SDKC_OK;
fail:
    return sdkc_error_set(err, result, SDKC_NO_OFFSET, "mutate: %s", sdkc_result_str(result));
}
