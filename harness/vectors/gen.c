/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/gen.c: systematic vectors from a service model (see gen.h).
 *
 * Every tree built here is a cJSON tree owned by the generator until it is
 * attached to a vector object; vectors are attached to one array per file;
 * the arrays are printed (keys sorted) into sdkc_gen_output and freed.
 * NOMEM anywhere unwinds through `goto fail` in each builder.
 */
#include "vectors/gen.h"

#include <stdio.h>
#include <string.h>

#include "codec/http.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"
#include "vectors/vector.h"

/* The escaping string of Smithy RestJsonHttpRequestLabelEscaping: every
 * reserved character plus a 4-byte UTF-8 sequence. */
#define S_LABEL_ESCAPING " %:/?#[]@!$&'()*+,;=\xF0\x9F\x98\xB9"
#define S_GREEDY_ESCAPING "a/b c/%\xF0\x9F\x98\xB9"
#define S_TIMESTAMP 1398796238.0 /* the Smithy suites' example epoch */
#define S_TOKEN_GIVEN "gen-token-0001"
#define S_UNKNOWN_ENUM "GEN_UNKNOWN_VALUE"
#define S_UNKNOWN_MEMBER "genUnknownMember"
#define S_ERROR_URI ":http://internal.amazon.com/coral/com.amazon.coral.validate/"
#define S_ID_MAX 200

enum s_cat { S_REQUEST, S_RESPONSE, S_UNIONS, S_ENUMS, S_ERRORS, S_CAT_COUNT };
static const char *const s_cat_file[S_CAT_COUNT] = {"request", "response", "unions", "enums",
                                                     "errors"};

enum s_step_kind { S_STEP_MEMBER, S_STEP_LIST, S_STEP_MAP };
struct s_step {
    enum s_step_kind kind;
    const struct sdkc_member *m;
};

struct s_gen {
    const struct sdkc_spec *spec;
    const struct sdkc_operation *op;
    struct sdkc_error *err;
    cJSON *arrays[S_CAT_COUNT];
    size_t vectors;
    const struct sdkc_shape *seen[SDKC_GEN_MAX_SHAPES_SEEN];
    size_t seen_count;
    struct s_step path[SDKC_GEN_MAX_DEPTH + 2];
    size_t depth;
};

/* MARK: - small JSON builders (NULL on NOMEM; they free what they take) */

static cJSON *s_str(const char *s)
{
    return cJSON_CreateString(s);
}

/* Add item to obj under key; on failure frees item. 0 = ok. */
static int s_put(cJSON *obj, const char *key, cJSON *item)
{
    if (!obj || !item || !cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        return -1;
    }
    return 0;
}

/* s_put replacing any member of that name (params keys are unique). */
static int s_set(cJSON *obj, const char *key, cJSON *item)
{
    if (obj)
        cJSON_DeleteItemFromObjectCaseSensitive(obj, key);
    return s_put(obj, key, item);
}

static int s_push(cJSON *arr, cJSON *item)
{
    if (!arr || !item || !cJSON_AddItemToArray(arr, item)) {
        cJSON_Delete(item);
        return -1;
    }
    return 0;
}

static cJSON *s_matcher(const char *name)
{
    cJSON *m = cJSON_CreateObject();
    if (s_put(m, "$match", s_str(name))) {
        cJSON_Delete(m);
        return NULL;
    }
    return m;
}

static cJSON *s_strings(const char *const *v, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    size_t i;
    for (i = 0; a && i < n; i++)
        if (s_push(a, s_str(v[i]))) {
            cJSON_Delete(a);
            return NULL;
        }
    return a;
}

/* Sort object keys recursively (byte order), so printing is canonical. */
static void s_sort(cJSON *node)
{
    cJSON *it;
    if (!node)
        return;
    for (it = node->child; it; it = it->next)
        s_sort(it);
    if (cJSON_IsObject(node) && node->child) {
        /* insertion sort on the linked list: objects here are small */
        cJSON *sorted = NULL, *next;
        for (it = node->child; it; it = next) {
            cJSON **pp = &sorted;
            next = it->next;
            while (*pp && strcmp((*pp)->string, it->string) <= 0)
                pp = &(*pp)->next;
            it->next = *pp;
            *pp = it;
        }
        /* rebuild prev links; cJSON keeps child->prev = last */
        {
            cJSON *prev = NULL, *last = NULL;
            for (it = sorted; it; it = it->next) {
                it->prev = prev;
                prev = it;
                last = it;
            }
            sorted->prev = last;
        }
        node->child = sorted;
    }
}

/* MARK: - ids */

static void s_id_part(struct sdkc_buf *b, const char *s)
{
    size_t i;
    for (i = 0; s[i]; i++) {
        unsigned char ch = (unsigned char)s[i];
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                 ch == '_' || ch == '-';
        sdkc_buf_append_byte(b, ok ? (char)ch : '_');
    }
    if (!s[0])
        sdkc_buf_append_str(b, "EMPTY");
}

/* MARK: - synthesized values */

static int s_seen(struct s_gen *g, const struct sdkc_shape *s)
{
    size_t i;
    for (i = 0; i < g->seen_count; i++)
        if (g->seen[i] == s)
            return 1;
    return 0;
}

static int s_mark(struct s_gen *g, const struct sdkc_shape *s)
{
    if (g->seen_count >= SDKC_GEN_MAX_SHAPES_SEEN)
        return -1;
    g->seen[g->seen_count++] = s;
    return 0;
}

/* A string of the member's name, padded or cut to the shape's length
 * limits, made of unreserved characters so it is valid in any binding. */
static cJSON *s_synth_string(const struct sdkc_shape *s, const char *hint)
{
    char buf[128];
    size_t n, want_min = 0, want_max = sizeof(buf) - 1;
    if (s->enum_count > 0)
        return s_str(s->enum_values[0]);
    snprintf(buf, sizeof(buf), "gen-%s", hint ? hint : "value");
    for (n = 0; buf[n]; n++) {
        char ch = buf[n];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '-'))
            buf[n] = '-';
    }
    if (s->has_min && s->min > 0)
        want_min = s->min < (double)want_max ? (size_t)s->min : want_max;
    if (s->has_max && s->max >= 0 && s->max < (double)want_max)
        want_max = (size_t)s->max;
    while (n < want_min)
        buf[n++] = 'x';
    if (n > want_max)
        n = want_max;
    buf[n] = '\0';
    return s_str(buf);
}

static double s_clamp(const struct sdkc_shape *s, double v)
{
    if (s->has_min && v < s->min)
        v = s->min;
    if (s->has_max && v > s->max)
        v = s->max;
    return v;
}

/* A params value for shape s: required members only, recursively. */
static cJSON *s_synth_param(struct s_gen *g, const struct sdkc_shape *s, const char *hint,
                            int depth)
{
    cJSON *v = NULL;
    size_t i;
    if (!s)
        return cJSON_CreateObject();
    switch (s->type) {
    case SDKC_SHAPE_STRUCTURE:
        v = cJSON_CreateObject();
        if (!v || depth >= SDKC_GEN_MAX_DEPTH)
            return v;
        for (i = 0; i < s->member_count; i++) {
            const struct sdkc_member *m = &s->members[i];
            if (s->is_union ? i != 0 : !m->required)
                continue;
            if (s_put(v, m->name, s_synth_param(g, m->shape, m->name, depth + 1))) {
                cJSON_Delete(v);
                return NULL;
            }
        }
        return v;
    case SDKC_SHAPE_LIST:
        v = cJSON_CreateArray();
        if (v && s->list_member && depth < SDKC_GEN_MAX_DEPTH &&
            s_push(v, s_synth_param(g, s->list_member->shape, hint, depth + 1))) {
            cJSON_Delete(v);
            return NULL;
        }
        return v;
    case SDKC_SHAPE_MAP:
        v = cJSON_CreateObject();
        if (v && s->map_value && depth < SDKC_GEN_MAX_DEPTH &&
            s_put(v, "key1", s_synth_param(g, s->map_value->shape, hint, depth + 1))) {
            cJSON_Delete(v);
            return NULL;
        }
        return v;
    case SDKC_SHAPE_STRING:
        return s_synth_string(s, hint);
    case SDKC_SHAPE_INTEGER:
    case SDKC_SHAPE_LONG:
        return cJSON_CreateNumber((double)(long long)s_clamp(s, 1));
    case SDKC_SHAPE_FLOAT:
    case SDKC_SHAPE_DOUBLE:
        return cJSON_CreateNumber(s_clamp(s, 1.5));
    case SDKC_SHAPE_BOOLEAN:
        return cJSON_CreateTrue();
    case SDKC_SHAPE_BLOB:
        return s_str("foo");
    case SDKC_SHAPE_TIMESTAMP:
        return cJSON_CreateNumber(S_TIMESTAMP);
    }
    return NULL;
}

/* What a value of shape s looks like as JSON in a request body (member
 * keys are wire names; blobs base64; non-epoch timestamps by matcher). */
static cJSON *s_body_value(const struct sdkc_member *m, const struct sdkc_shape *s, const cJSON *v,
                           int depth)
{
    cJSON *out = NULL, *it;
    size_t i;
    if (m && m->jsonvalue)
        return s_matcher("any");
    if (!s || depth > SDKC_GEN_MAX_DEPTH)
        return cJSON_Duplicate(v, 1);
    switch (s->type) {
    case SDKC_SHAPE_STRUCTURE:
        out = cJSON_CreateObject();
        for (i = 0; out && i < s->member_count; i++) {
            const struct sdkc_member *mm = &s->members[i];
            const cJSON *x = sdkc_json_get(v, mm->name);
            if (!x || cJSON_IsNull(x))
                continue;
            if (s_put(out, mm->wire_name, s_body_value(mm, mm->shape, x, depth + 1))) {
                cJSON_Delete(out);
                return NULL;
            }
        }
        return out;
    case SDKC_SHAPE_LIST:
        out = cJSON_CreateArray();
        for (it = v ? v->child : NULL; out && it; it = it->next)
            if (s_push(out, s_body_value(s->list_member, s->list_member ? s->list_member->shape : NULL,
                                         it, depth + 1))) {
                cJSON_Delete(out);
                return NULL;
            }
        return out;
    case SDKC_SHAPE_MAP:
        out = cJSON_CreateObject();
        for (it = v ? v->child : NULL; out && it; it = it->next)
            if (s_put(out, it->string,
                      s_body_value(s->map_value, s->map_value ? s->map_value->shape : NULL, it,
                                   depth + 1))) {
                cJSON_Delete(out);
                return NULL;
            }
        return out;
    case SDKC_SHAPE_BLOB: {
        struct sdkc_buf b;
        sdkc_buf_init(&b, 0);
        if (cJSON_IsString(v) &&
            !sdkc_base64_encode(&b, v->valuestring, strlen(v->valuestring)) &&
            !sdkc_buf_reserve(&b, 0))
            out = s_str(b.data);
        sdkc_buf_clean_up(&b);
        return out;
    }
    case SDKC_SHAPE_TIMESTAMP: {
        const char *fmt = (m && m->timestamp_format) ? m->timestamp_format : s->timestamp_format;
        if (!fmt || strcmp(fmt, "unixTimestamp") == 0)
            return cJSON_Duplicate(v, 1);
        return s_matcher("string");
    }
    default:
        return cJSON_Duplicate(v, 1);
    }
}

/* A scalar as text in a label, query value or header; NULL text (and
 * *known = 0) when the formatting is not pinned down well enough to
 * expect exact bytes. */
static int s_scalar_text(const struct sdkc_shape *s, const cJSON *v, char *out, size_t n)
{
    if (!s || !v)
        return 0;
    switch (s->type) {
    case SDKC_SHAPE_STRING:
        if (!cJSON_IsString(v) || strlen(v->valuestring) >= n)
            return 0;
        snprintf(out, n, "%s", v->valuestring);
        return 1;
    case SDKC_SHAPE_INTEGER:
    case SDKC_SHAPE_LONG:
        {
            /* exact digits, as the codec sends them (core/json.h "Numbers") */
            long long ll;
            if (sdkc_json_number_int64(v, &ll) != SDKC_OK)
                return 0;
            snprintf(out, n, "%lld", ll);
            return 1;
        }
    case SDKC_SHAPE_BOOLEAN:
        snprintf(out, n, "%s", cJSON_IsTrue(v) ? "true" : "false");
        return 1;
    default:
        return 0;
    }
}

/* MARK: - expected requests */

static const struct sdkc_member *s_label(const struct sdkc_shape *in, const char *name, size_t n)
{
    size_t i;
    for (i = 0; in && i < in->member_count; i++) {
        const struct sdkc_member *m = &in->members[i];
        if (m->location == SDKC_LOC_URI && strlen(m->wire_name) == n &&
            memcmp(m->wire_name, name, n) == 0)
            return m;
    }
    return NULL;
}

static int s_has_body_members(const struct sdkc_shape *in)
{
    size_t i;
    for (i = 0; in && i < in->member_count; i++)
        if (in->members[i].location == SDKC_LOC_BODY)
            return 1;
    return 0;
}

/* The expected request for params, by the rest-json rules (notes §1.4-1.6,
 * §3.4-3.5): exact path, decoded query, header values, Content-Type with a
 * JSON body and none without, the body of set body members, and tokens
 * that are absent as uuid4 matchers. Parts whose bytes the model does not
 * pin down are left out rather than guessed. path_only limits the
 * expectation to method and path. */
static cJSON *s_expect_request(struct s_gen *g, const cJSON *params, int path_only)
{
    const struct sdkc_operation *op = g->op;
    const struct sdkc_shape *in = op->input;
    cJSON *r = cJSON_CreateObject(), *query = NULL, *headers = NULL, *equal = NULL, *body = NULL;
    struct sdkc_buf path, tmp;
    const char *uri = op->request_uri ? op->request_uri : "/";
    const char *qmark = strchr(uri, '?');
    size_t ulen = qmark ? (size_t)(qmark - uri) : strlen(uri), i;
    int path_known = 1, query_known = 1, fail = 0;
    char text[512];

    sdkc_buf_init(&path, 0);
    sdkc_buf_init(&tmp, 0);
    if (!r)
        return NULL;
    if (s_put(r, "method", s_str(op->http_method ? op->http_method : "POST")))
        goto nomem;
    /* path: requestUri with {label} and greedy {label+} replaced. */
    for (i = 0; i < ulen && path_known;) {
        if (uri[i] == '{') {
            const char *close = memchr(uri + i, '}', ulen - i);
            size_t nlen;
            int greedy;
            const struct sdkc_member *m;
            const cJSON *v;
            if (!close) {
                path_known = 0;
                break;
            }
            nlen = (size_t)(close - uri - i - 1);
            greedy = nlen > 0 && uri[i + nlen] == '+';
            m = s_label(in, uri + i + 1, greedy ? nlen - 1 : nlen);
            v = m ? sdkc_json_get(params, m->name) : NULL;
            if (!v || !s_scalar_text(m->shape, v, text, sizeof(text)))
                path_known = 0;
            else if (sdkc_uri_encode(&path, text, strlen(text), greedy))
                goto nomem;
            i = (size_t)(close - uri) + 1;
            continue;
        }
        if (sdkc_buf_append_byte(&path, uri[i]))
            goto nomem;
        i++;
    }
    if (path_known && path.len > 0 && s_put(r, "path", s_str(path.data)))
        goto nomem;
    if (path_only)
        goto done;

    /* query: the literal part of requestUri, then bound members. */
    query = cJSON_CreateObject();
    if (!query)
        goto nomem;
    if (qmark) {
        const char *p = qmark + 1;
        while (*p) {
            const char *amp = strchr(p, '&'), *end = amp ? amp : p + strlen(p);
            const char *eq = memchr(p, '=', (size_t)(end - p));
            char key[256], val[256];
            snprintf(key, sizeof(key), "%.*s", (int)((eq ? eq : end) - p), p);
            snprintf(val, sizeof(val), "%.*s", eq ? (int)(end - eq - 1) : 0, eq ? eq + 1 : "");
            if (key[0] && s_put(query, key, s_str(val)))
                goto nomem;
            p = amp ? amp + 1 : end;
        }
    }
    headers = cJSON_CreateObject();
    equal = cJSON_CreateObject();
    if (!headers || !equal)
        goto nomem;
    /* An httpPayload member is the whole body, in a form of its own (raw
     * bytes for a blob or string: RestJsonHttpPayloadTraitsWithBlob): body
     * and Content-Type are then left out rather than guessed. */
    if (!in || !in->payload) {
        if (s_has_body_members(in) && !(body = cJSON_CreateObject()))
            goto nomem;
    }
    for (i = 0; in && i < in->member_count; i++) {
        const struct sdkc_member *m = &in->members[i];
        const cJSON *v = sdkc_json_get(params, m->name);
        int set = v && !cJSON_IsNull(v);
        if (!set && !m->idempotency_token)
            continue;
        switch (m->location) {
        case SDKC_LOC_BODY:
            if (!body)
                break;
            fail = set ? s_put(body, m->wire_name, s_body_value(m, m->shape, v, 0))
                       : s_put(body, m->wire_name, s_matcher("uuid4"));
            break;
        case SDKC_LOC_QUERY:
            if (!set)
                fail = s_put(query, m->wire_name, s_matcher("uuid4"));
            else if (m->shape->type == SDKC_SHAPE_TIMESTAMP)
                fail = s_put(query, m->wire_name, s_matcher("string"));
            else if (m->shape->type == SDKC_SHAPE_LIST && cJSON_IsArray(v)) {
                const cJSON *e;
                cJSON *arr = cJSON_CreateArray();
                int n = cJSON_GetArraySize(v);
                for (e = v->child; arr && e; e = e->next) {
                    if (!s_scalar_text(m->shape->list_member ? m->shape->list_member->shape : NULL,
                                       e, text, sizeof(text))) {
                        query_known = 0;
                        break;
                    }
                    if (s_push(arr, s_str(text))) {
                        cJSON_Delete(arr);
                        goto nomem;
                    }
                }
                if (!arr)
                    goto nomem;
                /* one value decodes as a plain string (no repeat) */
                if (n == 1 && arr->child) {
                    cJSON *one = cJSON_DetachItemViaPointer(arr, arr->child);
                    cJSON_Delete(arr);
                    arr = one;
                }
                fail = s_put(query, m->wire_name, arr);
            } else if (s_scalar_text(m->shape, v, text, sizeof(text)))
                fail = s_put(query, m->wire_name, s_str(text));
            else
                query_known = 0;
            break;
        case SDKC_LOC_HEADER:
            if (!set)
                fail = s_put(equal, m->wire_name, s_matcher("uuid4"));
            else if (!m->jsonvalue && s_scalar_text(m->shape, v, text, sizeof(text)))
                fail = s_put(equal, m->wire_name, s_str(text));
            else
                fail = s_put(equal, m->wire_name, s_matcher("string"));
            break;
        default:
            break; /* labels are in the path; prefix-header maps unchecked */
        }
        if (fail)
            goto nomem;
    }
    {
        cJSON *q = query;
        query = NULL;
        if (!query_known)
            cJSON_Delete(q);
        else if (s_put(r, "query", q))
            goto nomem;
    }
    /* Content-Type travels with a JSON body only (botocore legacy input
     * #25: no body, no Content-Type). */
    if (body) {
        if (s_put(equal, "Content-Type", s_str("application/json")))
            goto nomem;
    } else if (!in || !in->payload) {
        cJSON *arr = cJSON_CreateArray();
        if (s_push(arr, s_str("Content-Type"))) {
            cJSON_Delete(arr);
            goto nomem;
        }
        if (s_put(headers, "forbidden", arr))
            goto nomem;
    }
    {
        cJSON *eq = equal, *h = headers, *bd = body;
        equal = headers = body = NULL;
        if (!eq->child)
            cJSON_Delete(eq);
        else if (s_put(h, "equal", eq)) {
            cJSON_Delete(h);
            cJSON_Delete(bd);
            goto nomem;
        }
        if (s_put(r, "headers", h)) {
            cJSON_Delete(bd);
            goto nomem;
        }
        if ((bd || !in || !in->payload) && s_put(r, "body", bd ? bd : cJSON_CreateNull()))
            goto nomem;
    }
done:
    sdkc_buf_clean_up(&path);
    sdkc_buf_clean_up(&tmp);
    return r;
nomem:
    cJSON_Delete(r);
    cJSON_Delete(query);
    cJSON_Delete(headers);
    cJSON_Delete(equal);
    cJSON_Delete(body);
    sdkc_buf_clean_up(&path);
    sdkc_buf_clean_up(&tmp);
    return NULL;
}

/* MARK: - canned responses and expected results */

static cJSON *s_response(int status, const char *body_text, const char *const *hdrs, size_t nh)
{
    cJSON *r = cJSON_CreateObject(), *h = cJSON_CreateObject();
    size_t i;
    if (s_put(r, "status", cJSON_CreateNumber(status))) {
        cJSON_Delete(h);
        cJSON_Delete(r);
        return NULL;
    }
    for (i = 0; i + 1 < nh; i += 2)
        if (s_put(h, hdrs[i], s_str(hdrs[i + 1]))) {
            cJSON_Delete(h);
            cJSON_Delete(r);
            return NULL;
        }
    if (s_put(r, "headers", h) || (body_text && s_put(r, "body", s_str(body_text)))) {
        cJSON_Delete(r);
        return NULL;
    }
    return r;
}

static cJSON *s_json_response(int status, const cJSON *body)
{
    static const char *const hdrs[] = {"Content-Type", "application/json"};
    char *text = NULL;
    cJSON *r;
    if (sdkc_json_print(body, 0, &text, NULL))
        return NULL;
    r = s_response(status, text, hdrs, 2);
    sdkc_free(text);
    return r;
}

/* {"output": {...}} adding the output's statusCode-bound members. */
static cJSON *s_output_doc(struct s_gen *g, cJSON *output, int status)
{
    cJSON *doc = cJSON_CreateObject();
    const struct sdkc_shape *out = g->op->output;
    size_t i;
    for (i = 0; output && out && i < out->member_count; i++)
        if (out->members[i].location == SDKC_LOC_STATUS &&
            s_put(output, out->members[i].name, cJSON_CreateNumber(status))) {
            cJSON_Delete(doc);
            cJSON_Delete(output);
            return NULL;
        }
    if (s_put(doc, "output", output)) {
        cJSON_Delete(doc);
        return NULL;
    }
    return doc;
}

static cJSON *s_client_error_doc(const char *kind)
{
    cJSON *doc = cJSON_CreateObject(), *ce = cJSON_CreateObject();
    if (s_put(ce, "kind", s_str(kind)) || s_put(ce, "message", s_matcher("string"))) {
        cJSON_Delete(ce);
        cJSON_Delete(doc);
        return NULL;
    }
    if (s_put(doc, "clientError", ce)) {
        cJSON_Delete(doc);
        return NULL;
    }
    return doc;
}

/* The modeled success: status and {} (no body for a bodiless output). */
static int s_success_status(const struct sdkc_operation *op)
{
    return op->response_code >= 200 && op->response_code < 300 ? op->response_code : 200;
}

/* No body: a 204, or an output with an httpPayload member, which reads the
 * whole body as that member (a "{}" body would be a 2-byte blob or an
 * empty structure there); an empty body leaves it absent
 * (RestJsonHttpPayloadTraitsWithNoBlobBody, RestJsonHttpPayloadWithUnsetUnion). */
static int s_bodiless_success(const struct sdkc_operation *op)
{
    return s_success_status(op) == 204 || (op->output && op->output->payload);
}

static cJSON *s_success_response(struct s_gen *g)
{
    int status = s_success_status(g->op);
    static const char *const hdrs[] = {"Content-Type", "application/json"};
    if (s_bodiless_success(g->op))
        return s_response(status, NULL, NULL, 0);
    return s_response(status, "{}", hdrs, 2);
}

/* MARK: - emitting one vector */

static sdkc_result s_emit(struct s_gen *g, enum s_cat cat, const char *id_suffix, const char *title,
                          const char *level, const char *const *refs, size_t nrefs,
                          const char *const *tags, size_t ntags, cJSON *params, cJSON *request,
                          cJSON *response, cJSON *expect)
{
    cJSON *v = cJSON_CreateObject();
    char id[S_ID_MAX + 64];
    snprintf(id, sizeof(id), "gen.%s.%s", g->op->name, id_suffix);
    if (!v || !params || s_put(v, "id", s_str(id)) || s_put(v, "title", s_str(title)) ||
        s_put(v, "level", s_str(level)) || s_put(v, "refs", s_strings(refs, nrefs)) ||
        s_put(v, "tags", s_strings(tags, ntags)) || s_put(v, "operation", s_str(g->op->name)))
        goto nomem;
    if (s_put(v, "params", params)) {
        params = NULL;
        goto nomem;
    }
    params = NULL;
    if (request && s_put(v, "request", request)) {
        request = NULL;
        goto nomem;
    }
    request = NULL;
    if (response && s_put(v, "response", response)) {
        response = NULL;
        goto nomem;
    }
    response = NULL;
    if (expect && s_put(v, "expect", expect)) {
        expect = NULL;
        goto nomem;
    }
    expect = NULL;
    if (!g->arrays[cat] && !(g->arrays[cat] = cJSON_CreateArray()))
        goto nomem;
    if (s_push(g->arrays[cat], v))
        return sdkc_error_set(g->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    g->vectors++;
    return SDKC_OK;
nomem:
    cJSON_Delete(v);
    cJSON_Delete(params);
    cJSON_Delete(request);
    cJSON_Delete(response);
    cJSON_Delete(expect);
    return sdkc_error_set(g->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
}

#define S_N(a) (sizeof(a) / sizeof((a)[0]))

/* MARK: - request vectors */

static cJSON *s_base_params(struct s_gen *g)
{
    return s_synth_param(g, g->op->input, "input", 0);
}

static sdkc_result s_gen_request(struct s_gen *g)
{
    static const char *const req_tags[] = {"request", "generated"};
    static const char *const base_refs[] = {"smithy:http-bindings#http-trait",
                                            "smithy:RestJsonHttpWithEmptyBody",
                                            "smithy:RestJsonDoesntSerializeNullStructureValues"};
    static const char *const label_refs[] = {"smithy:RestJsonHttpRequestLabelEscaping",
                                             "smithy:http-bindings#httplabel-serialization-rules"};
    static const char *const tok_absent_refs[] = {
        "smithy:RestJsonQueryIdempotencyTokenAutoFill",
        "smithy:spec/behavior-traits#idempotencytoken-trait",
        "botocore:legacy/input/rest-json.json#19.1"};
    static const char *const tok_given_refs[] = {"smithy:RestJsonQueryIdempotencyTokenAutoFillIsSet",
                                                 "botocore:legacy/input/rest-json.json#19.0"};
    static const char *const missing_refs[] = {
        "smithy:spec/type-refinement-traits#required-trait",
        "botocore:validate.py#ParamValidator missing required"};
    static const char *const enum_refs[] = {"smithy:RestJsonJsonEnums"};
    static const char *const open_refs[] = {"smithy:spec/simple-types#enum (open enums)",
                                            "botocore:validate.py (no enum check)"};
    const struct sdkc_shape *in = g->op->input;
    struct sdkc_buf id, title;
    cJSON *params = NULL;
    sdkc_result result = SDKC_OK;
    size_t i, k;

    sdkc_buf_init(&id, 0);
    sdkc_buf_init(&title, 0);
#define S_PARAMS() (params = s_base_params(g))
#define S_TRY(expr)                                                                                \
    do {                                                                                           \
        if ((result = (expr))) {                                                                   \
            params = NULL; /* s_emit took it */                                                   \
            goto done;                                                                             \
        }                                                                                          \
    } while (0)

    /* The required members (tokens given, so the vector does not depend on
     * token generation). */
    S_PARAMS();
    for (i = 0; params && in && i < in->member_count; i++)
        if (in->members[i].idempotency_token && s_set(params, in->members[i].name, s_str(S_TOKEN_GIVEN)))
            goto nomem;
    if (!params)
        goto nomem;
    S_TRY(s_emit(g, S_REQUEST, "request.required", "the required members only (tokens given)",
                 "MUST", base_refs, S_N(base_refs), req_tags, 2, params,
                 s_expect_request(g, params, 0), NULL, NULL));
    params = NULL;

    for (i = 0; in && i < in->member_count; i++) {
        const struct sdkc_member *m = &in->members[i];
        sdkc_buf_reset(&id);
        s_id_part(&id, m->name);
        /* Labels with the escaping string. */
        if (m->location == SDKC_LOC_URI && m->shape && m->shape->type == SDKC_SHAPE_STRING &&
            m->shape->enum_count == 0) {
            int greedy = 0;
            char pat[300];
            snprintf(pat, sizeof(pat), "{%s+}", m->wire_name);
            greedy = g->op->request_uri && strstr(g->op->request_uri, pat) != NULL;
            if (!S_PARAMS() ||
                s_set(params, m->name, s_str(greedy ? S_GREEDY_ESCAPING : S_LABEL_ESCAPING)))
                goto nomem;
            sdkc_buf_reset(&title);
            sdkc_buf_appendf(&title, "label %s: every byte but A-Za-z0-9-._~ percent-encoded%s",
                             m->name, greedy ? " ('/' kept: greedy)" : "");
            {
                char sfx[S_ID_MAX];
                snprintf(sfx, sizeof(sfx), "request.label.%s.escaping", id.data);
                S_TRY(s_emit(g, S_REQUEST, sfx, title.data, "MUST", label_refs,
                             S_N(label_refs), req_tags, 2, params, s_expect_request(g, params, 1),
                             NULL, NULL));
            }
            params = NULL;
        }
        /* Idempotency tokens: absent -> a UUID v4; given -> verbatim. */
        if (m->idempotency_token) {
            char sfx[S_ID_MAX];
            static const char *const tok_tags[] = {"request", "idempotency", "generated"};
            if (!S_PARAMS())
                goto nomem;
            snprintf(sfx, sizeof(sfx), "request.token.%s.absent", id.data);
            sdkc_buf_reset(&title);
            sdkc_buf_appendf(&title, "idempotency token %s absent: a fresh lowercase UUID v4",
                             m->name);
            S_TRY(s_emit(g, S_REQUEST, sfx, title.data, "SHOULD", tok_absent_refs,
                         S_N(tok_absent_refs), tok_tags, 3, params, s_expect_request(g, params, 0),
                         NULL, NULL));
            params = NULL;
            if (!S_PARAMS() || s_set(params, m->name, s_str("gen-token-given-verbatim")))
                goto nomem;
            snprintf(sfx, sizeof(sfx), "request.token.%s.given", id.data);
            sdkc_buf_reset(&title);
            sdkc_buf_appendf(&title, "idempotency token %s given: sent verbatim", m->name);
            S_TRY(s_emit(g, S_REQUEST, sfx, title.data, "MUST", tok_given_refs,
                         S_N(tok_given_refs), tok_tags, 3, params, s_expect_request(g, params, 0),
                         NULL, NULL));
            params = NULL;
        }
        /* Each required member missing: refused before sending. A missing
         * token is not an error (it is generated). */
        if (m->required && !m->idempotency_token) {
            char sfx[S_ID_MAX];
            static const char *const val_tags[] = {"request", "validation", "generated"};
            if (!S_PARAMS())
                goto nomem;
            cJSON_DeleteItemFromObject(params, m->name);
            snprintf(sfx, sizeof(sfx), "request.missing.%s", id.data);
            sdkc_buf_reset(&title);
            sdkc_buf_appendf(&title, "required member %s missing: validation error, nothing sent",
                             m->name);
            /* A label cannot be left out of a URI (MUST); other required
             * members are validated by SDKs that validate (SHOULD: Smithy
             * 2.0 lets clients skip it). */
            S_TRY(s_emit(g, S_REQUEST, sfx, title.data,
                         m->location == SDKC_LOC_URI ? "MUST" : "SHOULD", missing_refs,
                         S_N(missing_refs), val_tags, 3, params, NULL, s_success_response(g),
                         s_client_error_doc("validation")));
            params = NULL;
        }
        /* Input enums: each value and one the spec does not list. */
        if (m->shape && m->shape->type == SDKC_SHAPE_STRING && m->shape->enum_count > 0 &&
            (m->location == SDKC_LOC_BODY || m->location == SDKC_LOC_QUERY ||
             m->location == SDKC_LOC_HEADER || m->location == SDKC_LOC_URI)) {
            static const char *const en_tags[] = {"request", "enums", "generated"};
            size_t n = m->shape->enum_count;
            if (n > SDKC_GEN_MAX_ENUM_VALUES)
                n = SDKC_GEN_MAX_ENUM_VALUES;
            for (k = 0; k <= n; k++) {
                const char *val = k < n ? m->shape->enum_values[k] : S_UNKNOWN_ENUM;
                char sfx[S_ID_MAX];
                struct sdkc_buf vp;
                sdkc_buf_init(&vp, 0);
                s_id_part(&vp, val);
                snprintf(sfx, sizeof(sfx), "request.enum.%s.%s%s%zu", id.data,
                         vp.data ? vp.data : "", k < n ? "." : ".", k);
                sdkc_buf_clean_up(&vp);
                if (!S_PARAMS() || s_set(params, m->name, s_str(val)))
                    goto nomem;
                {
                    size_t t;
                    for (t = 0; in && t < in->member_count; t++)
                        if (in->members[t].idempotency_token &&
                            s_set(params, in->members[t].name, s_str(S_TOKEN_GIVEN)))
                            goto nomem;
                }
                sdkc_buf_reset(&title);
                sdkc_buf_appendf(&title, "input enum %s = \"%s\"%s", m->name, val,
                                 k < n ? "" : " (not in the spec: forwarded unchanged)");
                S_TRY(s_emit(g, S_REQUEST, sfx, title.data, k < n ? "MUST" : "SHOULD",
                             k < n ? enum_refs : open_refs, k < n ? S_N(enum_refs) : S_N(open_refs),
                             en_tags, 3, params,
                             s_expect_request(g, params, m->location == SDKC_LOC_URI), NULL,
                             NULL));
                params = NULL;
            }
        }
    }
done:
#undef S_TRY
#undef S_PARAMS
    cJSON_Delete(params);
    sdkc_buf_clean_up(&id);
    sdkc_buf_clean_up(&title);
    return result;
nomem:
    result = sdkc_error_set(g->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    goto done;
}

/* MARK: - output walking: unions and enums */

/* A value for an output member of shape s as sent (*wire) and as the
 * result document shows it (*doc): structures empty, unions their first
 * member, timestamps and blobs matched loosely. */
static int s_out_value(const struct sdkc_shape *s, int depth, cJSON **wire, cJSON **doc)
{
    *wire = NULL;
    *doc = NULL;
    if (!s)
        return -1;
    switch (s->type) {
    case SDKC_SHAPE_STRUCTURE:
        *wire = cJSON_CreateObject();
        *doc = cJSON_CreateObject();
        if (s->is_union && s->member_count > 0 && depth < SDKC_GEN_MAX_DEPTH) {
            cJSON *w, *d;
            if (s_out_value(s->members[0].shape, depth + 1, &w, &d) ||
                s_put(*wire, s->members[0].wire_name, w)) {
                cJSON_Delete(d);
                goto fail;
            }
            if (s_put(*doc, s->members[0].name, d))
                goto fail;
        }
        break;
    case SDKC_SHAPE_LIST:
        *wire = cJSON_CreateArray();
        *doc = cJSON_CreateArray();
        break;
    case SDKC_SHAPE_MAP:
        *wire = cJSON_CreateObject();
        *doc = cJSON_CreateObject();
        break;
    case SDKC_SHAPE_STRING:
        *wire = s->enum_count ? s_str(s->enum_values[0]) : s_str("gen-value");
        *doc = cJSON_Duplicate(*wire, 1);
        break;
    case SDKC_SHAPE_INTEGER:
    case SDKC_SHAPE_LONG:
        *wire = cJSON_CreateNumber(1);
        *doc = cJSON_CreateNumber(1);
        break;
    case SDKC_SHAPE_FLOAT:
    case SDKC_SHAPE_DOUBLE:
        *wire = cJSON_CreateNumber(1.5);
        *doc = cJSON_CreateNumber(1.5);
        break;
    case SDKC_SHAPE_BOOLEAN:
        *wire = cJSON_CreateTrue();
        *doc = cJSON_CreateTrue();
        break;
    case SDKC_SHAPE_BLOB:
        *wire = s_str("Zm9v");
        *doc = s_matcher("any");
        break;
    case SDKC_SHAPE_TIMESTAMP:
        *wire = cJSON_CreateNumber(S_TIMESTAMP);
        *doc = s_matcher("any");
        break;
    }
    if (*wire && *doc)
        return 0;
fail:
    cJSON_Delete(*wire);
    cJSON_Delete(*doc);
    *wire = *doc = NULL;
    return -1;
}

/* Wrap (wire, doc) in the current path, innermost step last. Takes both,
 * also on failure. */
static int s_nest(struct s_gen *g, cJSON **wire, cJSON **doc)
{
    size_t i = g->depth;
    while (i-- > 0) {
        const struct s_step *st = &g->path[i];
        int list = st->kind == S_STEP_LIST;
        cJSON *w = list ? cJSON_CreateArray() : cJSON_CreateObject();
        cJSON *d = list ? cJSON_CreateArray() : cJSON_CreateObject();
        if (!w || !d || !*wire || !*doc)
            goto fail;
        if (list) {
            /* adding to an array never allocates */
            cJSON_AddItemToArray(w, *wire);
            cJSON_AddItemToArray(d, *doc);
        } else {
            const char *wk = st->kind == S_STEP_MAP ? "key1" : st->m->wire_name;
            const char *dk = st->kind == S_STEP_MAP ? "key1" : st->m->name;
            if (!cJSON_AddItemToObject(w, wk, *wire))
                goto fail;
            *wire = w;
            w = NULL;
            if (!cJSON_AddItemToObject(d, dk, *doc)) {
                w = *wire;
                *wire = NULL;
                goto fail;
            }
            *doc = d;
            continue;
        }
        *wire = w;
        *doc = d;
        continue;
    fail:
        cJSON_Delete(w);
        cJSON_Delete(d);
        cJSON_Delete(*wire);
        cJSON_Delete(*doc);
        *wire = *doc = NULL;
        return -1;
    }
    return 0;
}

/* "details.iam" from the path, for ids and titles. */
static void s_path_text(struct s_gen *g, struct sdkc_buf *b, int for_id)
{
    size_t i;
    for (i = 0; i < g->depth; i++) {
        const struct s_step *st = &g->path[i];
        if (st->kind != S_STEP_MEMBER) {
            if (!for_id)
                sdkc_buf_append_str(b, st->kind == S_STEP_LIST ? "[0]" : ".key1");
            continue;
        }
        if (b->len)
            sdkc_buf_append_byte(b, '.');
        if (for_id)
            s_id_part(b, st->m->name);
        else
            sdkc_buf_append_str(b, st->m->name);
    }
}

/* One success response holding `wire` at the current path, expecting
 * `doc` there (or the client error `kind` when kind != NULL). */
static sdkc_result s_emit_at_path(struct s_gen *g, enum s_cat cat, const char *sfx,
                                  const char *title, const char *level, const char *const *refs,
                                  size_t nrefs, const char *const *tags, size_t ntags, cJSON *wire,
                                  cJSON *doc, const char *kind)
{
    int status = s_success_status(g->op);
    cJSON *params = NULL, *resp = NULL, *expect = NULL;
    if (status == 204)
        status = 200; /* a body needs a status that may carry one */
    if (s_nest(g, &wire, &doc))
        goto nomem;
    params = s_base_params(g);
    resp = s_json_response(status, wire);
    expect = kind ? s_client_error_doc(kind) : s_output_doc(g, doc, status);
    if (!kind)
        doc = NULL;
    cJSON_Delete(wire);
    cJSON_Delete(doc);
    if (!params || !resp || !expect) {
        cJSON_Delete(params);
        cJSON_Delete(resp);
        cJSON_Delete(expect);
        return sdkc_error_set(g->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    }
    return s_emit(g, cat, sfx, title, level, refs, nrefs, tags, ntags, params, NULL, resp, expect);
nomem:
    cJSON_Delete(wire);
    cJSON_Delete(doc);
    return sdkc_error_set(g->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
}

static sdkc_result s_gen_union(struct s_gen *g, const struct sdkc_shape *u)
{
    static const char *const tags[] = {"unions", "generated"};
    static const char *const member_refs[] = {"smithy:RestJsonDeserializeStructureUnionValue",
                                              "botocore:legacy/output/rest-json.json#17.0"};
    static const char *const unknown_refs[] = {
        "smithy:spec/aggregate-types#client-error-correction (unknown variant)",
        "botocore:legacy/output/rest-json.json#17.2"};
    static const char *const null_refs[] = {"smithy:AwsJson10DeserializeAllowNulls",
                                            "botocore:parsers.py#_has_unknown_tagged_union_member"};
    static const char *const bad_refs[] = {
        "smithy:spec/aggregate-types#union (exactly one member MUST be set)",
        "botocore:test_parsers.py#test_parser_errors_out_when_multiple_members_set"};
    struct sdkc_buf pid, ptxt, title;
    char sfx[S_ID_MAX];
    sdkc_result result = SDKC_OK;
    size_t i;
    cJSON *w = NULL, *d = NULL, *w2 = NULL, *d2 = NULL, *uw = NULL, *ud = NULL;

    sdkc_buf_init(&pid, 0);
    sdkc_buf_init(&ptxt, 0);
    sdkc_buf_init(&title, 0);
    s_path_text(g, &pid, 1);
    s_path_text(g, &ptxt, 0);
    if (!pid.data || !ptxt.data)
        goto nomem;
    /* Each member. */
    for (i = 0; i < u->member_count; i++) {
        const struct sdkc_member *m = &u->members[i];
        struct sdkc_buf mid;
        if (s_out_value(m->shape, g->depth, &w, &d))
            goto nomem;
        uw = cJSON_CreateObject();
        ud = cJSON_CreateObject();
        if (s_put(uw, m->wire_name, w)) {
            w = NULL;
            goto nomem;
        }
        w = NULL;
        if (s_put(ud, m->name, d)) {
            d = NULL;
            goto nomem;
        }
        d = NULL;
        sdkc_buf_init(&mid, 0);
        s_id_part(&mid, m->name);
        snprintf(sfx, sizeof(sfx), "union.%s.%s", pid.data, mid.data ? mid.data : "");
        sdkc_buf_clean_up(&mid);
        sdkc_buf_reset(&title);
        sdkc_buf_appendf(&title, "union %s (%s): member %s", ptxt.data, u->name, m->name);
        result = s_emit_at_path(g, S_UNIONS, sfx, title.data, "MUST", member_refs,
                                S_N(member_refs), tags, 2, uw, ud, NULL);
        uw = ud = NULL;
        if (result)
            goto done;
    }
    if (u->member_count == 0)
        goto done;
    /* An unknown member, first and alone. */
    uw = cJSON_CreateObject();
    ud = cJSON_CreateObject();
    {
        cJSON *inner = cJSON_CreateObject();
        if (s_put(inner, "name", s_str(S_UNKNOWN_MEMBER))) {
            cJSON_Delete(inner);
            goto nomem;
        }
        if (s_put(ud, "SDK_UNKNOWN_MEMBER", inner) ||
            s_put(uw, S_UNKNOWN_MEMBER, cJSON_CreateObject()))
            goto nomem;
    }
    snprintf(sfx, sizeof(sfx), "union.%s.unknown", pid.data);
    sdkc_buf_reset(&title);
    sdkc_buf_appendf(&title, "union %s: an unknown member becomes SDK_UNKNOWN_MEMBER", ptxt.data);
    result = s_emit_at_path(g, S_UNIONS, sfx, title.data, "SHOULD", unknown_refs,
                            S_N(unknown_refs), tags, 2, uw, ud, NULL);
    uw = ud = NULL;
    if (result)
        goto done;
    /* A null-valued sibling is ignored. */
    if (s_out_value(u->members[0].shape, g->depth, &w, &d))
        goto nomem;
    uw = cJSON_CreateObject();
    ud = cJSON_CreateObject();
    if (s_put(uw, u->members[0].wire_name, w)) {
        w = NULL;
        goto nomem;
    }
    w = NULL;
    if (s_put(ud, u->members[0].name, d)) {
        d = NULL;
        goto nomem;
    }
    d = NULL;
    if (s_put(uw, u->member_count > 1 ? u->members[1].wire_name : S_UNKNOWN_MEMBER,
              cJSON_CreateNull()))
        goto nomem;
    snprintf(sfx, sizeof(sfx), "union.%s.null-sibling", pid.data);
    sdkc_buf_reset(&title);
    sdkc_buf_appendf(&title, "union %s: a null-valued sibling is ignored", ptxt.data);
    result = s_emit_at_path(g, S_UNIONS, sfx, title.data, "MUST", null_refs, S_N(null_refs), tags,
                            2, uw, ud, NULL);
    uw = ud = NULL;
    if (result)
        goto done;
    /* Zero members. */
    uw = cJSON_CreateObject();
    if (!uw)
        goto nomem;
    snprintf(sfx, sizeof(sfx), "union.%s.zero-members", pid.data);
    sdkc_buf_reset(&title);
    sdkc_buf_appendf(&title, "union %s with no member set: deserialization error", ptxt.data);
    result = s_emit_at_path(g, S_UNIONS, sfx, title.data, "SHOULD", bad_refs, S_N(bad_refs), tags,
                            2, uw, cJSON_CreateObject(), "deserialization");
    uw = NULL;
    if (result)
        goto done;
    /* Two members. */
    if (u->member_count > 1) {
        uw = cJSON_CreateObject();
        if (s_out_value(u->members[0].shape, g->depth, &w, &d))
            goto nomem;
        cJSON_Delete(d);
        d = NULL;
        if (s_out_value(u->members[1].shape, g->depth, &w2, &d2))
            goto nomem;
        cJSON_Delete(d2);
        d2 = NULL;
        if (s_put(uw, u->members[0].wire_name, w)) {
            w = NULL;
            goto nomem;
        }
        w = NULL;
        if (s_put(uw, u->members[1].wire_name, w2)) {
            w2 = NULL;
            goto nomem;
        }
        w2 = NULL;
        snprintf(sfx, sizeof(sfx), "union.%s.two-members", pid.data);
        sdkc_buf_reset(&title);
        sdkc_buf_appendf(&title, "union %s with two members set: deserialization error",
                         ptxt.data);
        result = s_emit_at_path(g, S_UNIONS, sfx, title.data, "SHOULD", bad_refs, S_N(bad_refs),
                                tags, 2, uw, cJSON_CreateObject(), "deserialization");
        uw = NULL;
    }
done:
    cJSON_Delete(w);
    cJSON_Delete(d);
    cJSON_Delete(w2);
    cJSON_Delete(d2);
    cJSON_Delete(uw);
    cJSON_Delete(ud);
    sdkc_buf_clean_up(&pid);
    sdkc_buf_clean_up(&ptxt);
    sdkc_buf_clean_up(&title);
    return result;
nomem:
    result = sdkc_error_set(g->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    goto done;
}

static sdkc_result s_gen_enum(struct s_gen *g, const struct sdkc_shape *e)
{
    static const char *const tags[] = {"enums", "generated"};
    static const char *const known_refs[] = {"smithy:RestJsonJsonEnums"};
    static const char *const open_refs[] = {"smithy:spec/simple-types#enum (open enums)",
                                            "botocore:parsers.py (no enum check)"};
    struct sdkc_buf pid, ptxt, title, vp;
    char sfx[S_ID_MAX + 64];
    sdkc_result result = SDKC_OK;
    size_t k, n = e->enum_count;

    if (n > SDKC_GEN_MAX_ENUM_VALUES)
        n = SDKC_GEN_MAX_ENUM_VALUES;
    sdkc_buf_init(&pid, 0);
    sdkc_buf_init(&ptxt, 0);
    sdkc_buf_init(&title, 0);
    sdkc_buf_init(&vp, 0);
    s_path_text(g, &pid, 1);
    s_path_text(g, &ptxt, 0);
    for (k = 0; k <= n && !result; k++) {
        const char *val = k < n ? e->enum_values[k] : S_UNKNOWN_ENUM;
        sdkc_buf_reset(&vp);
        s_id_part(&vp, val);
        /* The index keeps ids unique when two values sanitize alike. */
        snprintf(sfx, sizeof(sfx), "enum.%s.%s.%zu", pid.data ? pid.data : "",
                 vp.data ? vp.data : "", k);
        sdkc_buf_reset(&title);
        sdkc_buf_appendf(&title, "output enum %s (%s) = \"%s\"%s", ptxt.data ? ptxt.data : "",
                         e->name, val, k < n ? "" : " (not in the spec: kept as sent)");
        result = s_emit_at_path(g, S_ENUMS, sfx, title.data, k < n ? "MUST" : "SHOULD",
                                k < n ? known_refs : open_refs,
                                k < n ? S_N(known_refs) : S_N(open_refs), tags, 2, s_str(val),
                                s_str(val), NULL);
    }
    sdkc_buf_clean_up(&pid);
    sdkc_buf_clean_up(&ptxt);
    sdkc_buf_clean_up(&title);
    sdkc_buf_clean_up(&vp);
    return result;
}

static sdkc_result s_walk(struct s_gen *g, const struct sdkc_shape *s, int top)
{
    sdkc_result result = SDKC_OK;
    size_t i;
    if (!s || g->depth > SDKC_GEN_MAX_DEPTH)
        return SDKC_OK;
    switch (s->type) {
    case SDKC_SHAPE_STRUCTURE:
        if (s_seen(g, s))
            return SDKC_OK;
        if (s_mark(g, s))
            return sdkc_error_set(g->err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                                  "operation %s reaches more than %d shapes", g->op->name,
                                  SDKC_GEN_MAX_SHAPES_SEEN);
        if (s->is_union && (result = s_gen_union(g, s)))
            return result;
        for (i = 0; i < s->member_count && !result; i++) {
            const struct sdkc_member *m = &s->members[i];
            if (top && m->location != SDKC_LOC_BODY)
                continue;
            g->path[g->depth].kind = S_STEP_MEMBER;
            g->path[g->depth].m = m;
            g->depth++;
            result = s_walk(g, m->shape, 0);
            g->depth--;
        }
        return result;
    case SDKC_SHAPE_LIST:
    case SDKC_SHAPE_MAP: {
        const struct sdkc_member *em = s->type == SDKC_SHAPE_LIST ? s->list_member : s->map_value;
        if (!em)
            return SDKC_OK;
        g->path[g->depth].kind = s->type == SDKC_SHAPE_LIST ? S_STEP_LIST : S_STEP_MAP;
        g->path[g->depth].m = em;
        g->depth++;
        result = s_walk(g, em->shape, 0);
        g->depth--;
        return result;
    }
    case SDKC_SHAPE_STRING:
        if (s->enum_count == 0 || s_seen(g, s))
            return SDKC_OK;
        if (s_mark(g, s))
            return sdkc_error_set(g->err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                                  "operation %s reaches more than %d shapes", g->op->name,
                                  SDKC_GEN_MAX_SHAPES_SEEN);
        return s_gen_enum(g, s);
    default:
        return SDKC_OK;
    }
}

/* MARK: - responses and errors */

static sdkc_result s_gen_success(struct s_gen *g)
{
    static const char *const tags[] = {"status", "generated"};
    static const char *const refs[] = {"smithy:RestJsonHttpResponseCode",
                                       "smithy:RestJsonHttpResponseCodeWithNoPayload"};
    cJSON *params = s_base_params(g), *resp = s_success_response(g);
    cJSON *expect = s_output_doc(g, cJSON_CreateObject(), s_success_status(g->op));
    char title[128];
    if (!params || !resp || !expect) {
        cJSON_Delete(params);
        cJSON_Delete(resp);
        cJSON_Delete(expect);
        return sdkc_error_set(g->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    }
    snprintf(title, sizeof(title), "the modeled success status %d with %s: an empty output",
             s_success_status(g->op), s_bodiless_success(g->op) ? "no body" : "{}");
    return s_emit(g, S_RESPONSE, "response.success", title, "MUST", refs, S_N(refs), tags, 2,
                  params, NULL, resp, expect);
}

static sdkc_result s_gen_errors(struct s_gen *g)
{
    static const char *const where_name[3] = {"header", "code", "type"};
    static const char *const form_name[4] = {"plain", "namespace", "uri", "namespace-uri"};
    /* The Smithy ids per (location, form); NULL where the suite has none. */
    static const char *const smithy_id[3][4] = {
        {"smithy:RestJsonFooErrorUsingXAmznErrorType", NULL,
         "smithy:RestJsonFooErrorUsingXAmznErrorTypeWithUri",
         "smithy:RestJsonFooErrorUsingXAmznErrorTypeWithUriAndNamespace"},
        {"smithy:RestJsonFooErrorUsingCode", "smithy:RestJsonFooErrorUsingCodeAndNamespace", NULL,
         "smithy:RestJsonFooErrorUsingCodeUriAndNamespace"},
        {"smithy:RestJsonFooErrorWithDunderType",
         "smithy:RestJsonFooErrorWithDunderTypeAndNamespace", NULL,
         "smithy:RestJsonFooErrorWithDunderTypeUriAndNamespace"}};
    static const char *const tags[] = {"errors", "generated"};
    sdkc_result result = SDKC_OK;
    size_t i;
    int where, form;
    char ns[200];

    snprintf(ns, sizeof(ns), "com.amazonaws.%s#",
             g->spec->metadata.signing_name ? g->spec->metadata.signing_name
             : g->spec->metadata.endpoint_prefix ? g->spec->metadata.endpoint_prefix
                                                 : "service");
    for (i = 0; i < g->op->error_count && !result; i++) {
        const struct sdkc_shape *e = g->op->errors[i];
        int status;
        const char *fault;
        const char *wire_code;
        char message[300];
        if (!e)
            continue;
        wire_code = e->error_code ? e->error_code : e->name;
        status = e->http_status >= 300 ? e->http_status : e->fault ? 500 : 400;
        fault = e->fault ? "server" : "client";
        snprintf(message, sizeof(message), "generated %s message", e->name);
        for (where = 0; where < 3 && !result; where++) {
            for (form = 0; form < 4 && !result; form++) {
                char code[512], sfx[S_ID_MAX], title[800];
                const char *refs[2];
                size_t nrefs = 0;
                cJSON *body = cJSON_CreateObject(), *resp = NULL, *expect, *er, *params;
                struct sdkc_buf idp;
                snprintf(code, sizeof(code), "%s%s%s", (form & 1) ? ns : "", wire_code,
                         (form & 2) ? S_ERROR_URI : "");
                if (where == 1 && s_put(body, "code", s_str(code)))
                    goto nomem_body;
                if (where == 2 && s_put(body, "__type", s_str(code)))
                    goto nomem_body;
                if (s_put(body, "message", s_str(message)))
                    goto nomem_body;
                {
                    char *text = NULL;
                    const char *hdrs[4] = {"Content-Type", "application/json", "X-Amzn-Errortype",
                                           code};
                    if (sdkc_json_print(body, 0, &text, NULL))
                        goto nomem_body;
                    resp = s_response(status, text, hdrs, where == 0 ? 4 : 2);
                    sdkc_free(text);
                }
                cJSON_Delete(body);
                expect = cJSON_CreateObject();
                er = cJSON_CreateObject();
                if (s_put(er, "code", s_str(e->name)) || s_put(er, "message", s_str(message)) ||
                    s_put(er, "modeled", cJSON_CreateTrue()) ||
                    s_put(er, "httpStatus", cJSON_CreateNumber(status)) ||
                    s_put(er, "fault", s_str(fault))) {
                    cJSON_Delete(er);
                    cJSON_Delete(expect);
                    cJSON_Delete(resp);
                    goto nomem;
                }
                if (s_put(expect, "error", er)) {
                    cJSON_Delete(expect);
                    cJSON_Delete(resp);
                    goto nomem;
                }
                params = s_base_params(g);
                if (smithy_id[where][form])
                    refs[nrefs++] = smithy_id[where][form];
                refs[nrefs++] = "smithy:aws-restjson1-protocol#operation-error-serialization";
                sdkc_buf_init(&idp, 0);
                s_id_part(&idp, e->name);
                snprintf(sfx, sizeof(sfx), "error.%s.%s.%s", idp.data ? idp.data : "",
                         where_name[where], form_name[form]);
                sdkc_buf_clean_up(&idp);
                snprintf(title, sizeof(title), "%s identified by %s (%s): %s", e->name,
                         where == 0 ? "the X-Amzn-Errortype header"
                         : where == 1 ? "body code"
                                      : "body __type",
                         form_name[form], code);
                if (!resp || !params) {
                    cJSON_Delete(resp);
                    cJSON_Delete(params);
                    cJSON_Delete(expect);
                    goto nomem;
                }
                result = s_emit(g, S_ERRORS, sfx, title, "MUST", refs, nrefs, tags, 2, params,
                                NULL, resp, expect);
                continue;
            nomem_body:
                cJSON_Delete(body);
                goto nomem;
            }
        }
    }
    return result;
nomem:
    return sdkc_error_set(g->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
}

/* MARK: - output collection */

void sdkc_gen_output_init(struct sdkc_gen_output *o)
{
    memset(o, 0, sizeof(*o));
}

void sdkc_gen_output_clean_up(struct sdkc_gen_output *o)
{
    size_t i;
    if (!o)
        return;
    for (i = 0; i < o->count; i++) {
        sdkc_free(o->files[i].path);
        sdkc_free(o->files[i].data);
    }
    sdkc_free(o->files);
    memset(o, 0, sizeof(*o));
}

static sdkc_result s_add_file(struct sdkc_gen_output *o, const char *op, const char *cat,
                              cJSON *array)
{
    cJSON *root = cJSON_CreateObject();
    struct sdkc_gen_file *f;
    char *text = NULL;
    struct sdkc_buf b;
    sdkc_result result;
    if (!root || !cJSON_AddItemToObject(root, "vectors", array)) {
        cJSON_Delete(root);
        cJSON_Delete(array);
        return SDKC_ERR_NOMEM;
    }
    s_sort(root);
    result = sdkc_json_print(root, 1, &text, NULL);
    cJSON_Delete(root);
    if (result)
        return result;
    if (o->count == o->cap) {
        size_t ncap = o->cap ? o->cap * 2 : 8;
        struct sdkc_gen_file *nf = sdkc_realloc(o->files, ncap * sizeof(*nf));
        if (!nf) {
            sdkc_free(text);
            return SDKC_ERR_NOMEM;
        }
        o->files = nf;
        o->cap = ncap;
    }
    f = &o->files[o->count];
    memset(f, 0, sizeof(*f));
    sdkc_buf_init(&b, 0);
    if ((result = sdkc_buf_append_str(&b, text)) || (result = sdkc_buf_append_byte(&b, '\n'))) {
        sdkc_buf_clean_up(&b);
        sdkc_free(text);
        return result;
    }
    sdkc_free(text);
    f->len = b.len;
    f->data = sdkc_buf_steal(&b, NULL);
    sdkc_buf_init(&b, 0);
    if ((result = sdkc_buf_appendf(&b, "%s/%s.json", op, cat))) {
        sdkc_free(f->data);
        return result;
    }
    f->path = sdkc_buf_steal(&b, NULL);
    o->count++;
    return SDKC_OK;
}

sdkc_result sdkc_gen_operation(const struct sdkc_spec *spec, const struct sdkc_operation *op,
                               struct sdkc_gen_output *out, struct sdkc_error *err)
{
    struct s_gen *g;
    sdkc_result result;
    int c;

    if (!spec || !op || !out)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "gen: spec, operation and output are required");
    g = sdkc_calloc(1, sizeof(*g));
    if (!g)
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    g->spec = spec;
    g->op = op;
    g->err = err;
    if ((result = s_gen_request(g)) || (result = s_gen_success(g)))
        goto done;
    if (op->output && (result = s_walk(g, op->output, 1)))
        goto done;
    if ((result = s_gen_errors(g)))
        goto done;
    for (c = 0; c < S_CAT_COUNT; c++) {
        if (!g->arrays[c])
            continue;
        result = s_add_file(out, op->name, s_cat_file[c], g->arrays[c]);
        g->arrays[c] = NULL; /* taken by s_add_file in every case */
        if (result) {
            sdkc_error_set(err, result, SDKC_NO_OFFSET, "gen %s: %s", op->name,
                           sdkc_result_str(result));
            goto done;
        }
    }
    out->vector_count += g->vectors;
done:
    for (c = 0; c < S_CAT_COUNT; c++)
        cJSON_Delete(g->arrays[c]);
    sdkc_free(g);
    return result;
}

sdkc_result sdkc_gen_write(const struct sdkc_gen_output *o, const char *dir,
                           struct sdkc_error *err)
{
    struct sdkc_buf p;
    sdkc_result result = SDKC_OK;
    size_t i;
    sdkc_buf_init(&p, 0);
    for (i = 0; i < o->count && !result; i++) {
        sdkc_buf_reset(&p);
        if ((result = sdkc_buf_appendf(&p, "%s/%s", dir, o->files[i].path))) {
            sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
            break;
        }
        result = sdkc_write_file_atomic(p.data, o->files[i].data, o->files[i].len, err);
    }
    sdkc_buf_clean_up(&p);
    return result;
}
