/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/probe.c: probe vectors from a model (see probe.h). Values come
 * from gen's generator (sdkc_gen_params), so a probe's params honour the
 * model exactly as gen's request vectors do, and a broken value is checked
 * against the member's own pattern before it is used.
 */
#include "vectors/probe.h"

#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"
#include "vectors/vector.h"
#include "vectors/private/vector_internal.h"

#define S_CATEGORY "live"
#define S_REF      "docs/DESIGN.md#live-probes"
#define S_BAD_ENUM "SDKCONFORM_NOT_A_VALUE"

/* Values tried, in order, to break a pattern: each is kept only when the
 * member's own pattern refuses it. */
static const char *const s_bad_strings[] = {"not a valid id/../x", "!", "~", "0", "a"};

static int s_reads(const char *name)
{
    static const char *const verbs[] = {"BatchGet", "Get", "List", "Describe"};
    size_t i, n;
    for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
        n = strlen(verbs[i]);
        if (strncmp(name, verbs[i], n) == 0 && name[n] >= 'A' && name[n] <= 'Z')
            return 1;
    }
    return 0;
}

/* The member bound to "{name}" or "{name+}" of the input, if required. */
static const struct sdkc_member *s_label_member(const struct sdkc_operation *op, const char *name,
                                                size_t n)
{
    size_t i;
    if (n && name[n - 1] == '+')
        n--;
    for (i = 0; op->input && i < op->input->member_count; i++) {
        const struct sdkc_member *m = &op->input->members[i];
        if (m->location == SDKC_LOC_URI && strlen(m->wire_name) == n &&
            strncmp(m->wire_name, name, n) == 0)
            return m->required ? m : NULL;
    }
    return NULL;
}

/* The first required label of the URI path; with parent set, the first
 * one followed by "/" and a literal segment. */
static const struct sdkc_member *s_id_label(const struct sdkc_operation *op, int parent)
{
    const char *u = op->request_uri, *q;
    size_t plen;
    if (!u)
        return NULL;
    q = strchr(u, '?');
    plen = q ? (size_t)(q - u) : strlen(u);
    while ((u = memchr(u, '{', plen - (size_t)(u - op->request_uri))) != NULL) {
        const char *close = memchr(u, '}', plen - (size_t)(u - op->request_uri));
        const struct sdkc_member *m;
        if (!close)
            return NULL;
        m = s_label_member(op, u + 1, (size_t)(close - u - 1));
        if (m && (!parent || ((size_t)(close + 1 - op->request_uri) < plen && close[1] == '/' &&
                              (size_t)(close + 2 - op->request_uri) < plen && close[2] != '{')))
            return m;
        u = close + 1;
        if ((size_t)(u - op->request_uri) >= plen)
            return NULL;
    }
    return NULL;
}

enum sdkc_probe_safety sdkc_probe_safety_of(const struct sdkc_operation *op)
{
    const char *m = op && op->http_method ? op->http_method : "";
    if (strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0)
        return SDKC_PROBE_READ_ONLY;
    if (strcmp(m, "POST") == 0 && s_reads(op->name))
        return SDKC_PROBE_READ_ONLY;
    if ((strcmp(m, "POST") == 0 || strcmp(m, "PUT") == 0 || strcmp(m, "PATCH") == 0) &&
        s_id_label(op, 1))
        return SDKC_PROBE_PARENT_SCOPED;
    return SDKC_PROBE_UNSAFE;
}

const char *sdkc_probe_safety_name(enum sdkc_probe_safety s)
{
    switch (s) {
    case SDKC_PROBE_READ_ONLY: return "read-only";
    case SDKC_PROBE_PARENT_SCOPED: return "parent-scoped";
    case SDKC_PROBE_UNSAFE:
    default: return "unsafe";
    }
}

/* A string value shape s refuses (*out, caller frees; NULL when the model
 * sets no constraint that a value can break). Pattern first (checked with
 * the vectors' PCRE2 matcher), then the length limits, then the enum. */
static sdkc_result s_bad_value(const struct sdkc_shape *s, int in_label, cJSON **out,
                               const char **what)
{
    struct sdkc_vector_regex *re = NULL;
    struct sdkc_buf b;
    sdkc_result result = SDKC_OK;
    size_t i;

    *out = NULL;
    *what = NULL;
    if (!s || s->type != SDKC_SHAPE_STRING)
        return SDKC_OK;
    if (s->pattern && sdkc_vector_regex_compile(s->pattern, &re, NULL) == SDKC_OK) {
        for (i = 0; i < sizeof(s_bad_strings) / sizeof(s_bad_strings[0]); i++) {
            const char *c = s_bad_strings[i], *stop = NULL;
            if (sdkc_vector_regex_match(re, c, strlen(c), &stop) == 0) {
                *what = "pattern";
                *out = cJSON_CreateString(c);
                break;
            }
        }
        sdkc_vector_regex_destroy(re);
        if (*what)
            return *out ? SDKC_OK : SDKC_ERR_NOMEM;
    }
    sdkc_buf_init(&b, 0);
    if (s->has_max && s->max + 1 <= SDKC_PROBE_MAX_BAD_LEN) {
        *what = "length";
        for (i = 0; !result && i < (size_t)s->max + 1; i++)
            result = sdkc_buf_append_byte(&b, 'x');
    } else if (s->has_min && s->min > (in_label ? 1 : 0) && s->min <= SDKC_PROBE_MAX_BAD_LEN) {
        /* A label cannot be empty (the client refuses that itself), so a
         * label's minimum is broken only above one character. */
        *what = "length";
        for (i = 0; !result && i + 1 < (size_t)s->min; i++)
            result = sdkc_buf_append_byte(&b, 'x');
    } else if (s->enum_count && !sdkc_shape_enum_has(s, S_BAD_ENUM)) {
        *what = "enum";
        result = sdkc_buf_append_str(&b, S_BAD_ENUM);
    }
    if (!result && *what && !(*out = cJSON_CreateString(b.data ? b.data : "")))
        result = SDKC_ERR_NOMEM;
    sdkc_buf_clean_up(&b);
    return result;
}

struct s_ctx {
    const struct sdkc_operation *op;
    cJSON *arr;
};

/* Append one probe vector; takes params. */
static sdkc_result s_add(struct s_ctx *c, const char *probe, const char *title, cJSON *params,
                         const char *expect, int status, const char *signing)
{
    cJSON *v = cJSON_CreateObject(), *p = NULL, *tags, *refs;
    struct sdkc_buf id;
    sdkc_result result = SDKC_ERR_NOMEM;
    sdkc_buf_init(&id, 0);
    if (!v || sdkc_buf_appendf(&id, "live.%s.%s", c->op->name, probe) ||
        !cJSON_AddStringToObject(v, "id", id.data) || !cJSON_AddStringToObject(v, "title", title) ||
        !cJSON_AddStringToObject(v, "level", "MUST") ||
        !(refs = cJSON_AddArrayToObject(v, "refs")) ||
        !cJSON_AddItemToArray(refs, cJSON_CreateString(S_REF)) ||
        !(tags = cJSON_AddArrayToObject(v, "tags")) ||
        !cJSON_AddItemToArray(tags, cJSON_CreateString(S_CATEGORY)) ||
        !cJSON_AddItemToArray(tags, cJSON_CreateString(probe)) ||
        !cJSON_AddStringToObject(v, "operation", c->op->name) ||
        !(p = cJSON_AddObjectToObject(v, "probe")) ||
        !cJSON_AddStringToObject(p, "expect", expect) ||
        (status && !cJSON_AddNumberToObject(p, "status", status)) ||
        (strcmp(expect, "error") == 0 && !cJSON_AddStringToObject(p, "undeclared", "SHOULD")) ||
        (signing && !cJSON_AddStringToObject(p, "signing", signing)))
        goto done;
    if (!cJSON_AddItemToObject(v, "params", params))
        goto done;
    params = NULL;
    if (!cJSON_AddItemToArray(c->arr, v))
        goto done;
    v = NULL;
    result = SDKC_OK;
done:
    cJSON_Delete(params);
    cJSON_Delete(v);
    sdkc_buf_clean_up(&id);
    return result;
}

/* Params with member m (top level) set to value (taken). */
static cJSON *s_with(const cJSON *base, const struct sdkc_member *m, cJSON *value)
{
    cJSON *p = cJSON_Duplicate(base, 1);
    if (!p || !value) {
        cJSON_Delete(p);
        cJSON_Delete(value);
        return NULL;
    }
    cJSON_DeleteItemFromObjectCaseSensitive(p, m->name);
    if (!cJSON_AddItemToObject(p, m->name, value)) {
        cJSON_Delete(value);
        cJSON_Delete(p);
        return NULL;
    }
    return p;
}

static sdkc_result s_operation(const struct sdkc_spec *spec, const struct sdkc_probe_options *o,
                               const struct sdkc_operation *op, struct sdkc_gen_output *out,
                               struct sdkc_error *err)
{
    enum sdkc_probe_safety safety = sdkc_probe_safety_of(op);
    const struct sdkc_member *id = NULL, *bad_m = NULL;
    cJSON *base = NULL, *bad = NULL, *root = NULL, *p;
    const char *what = NULL;
    struct s_ctx c;
    struct sdkc_buf title, path;
    sdkc_result result;
    size_t i;

    memset(&c, 0, sizeof(c));
    c.op = op;
    sdkc_buf_init(&title, 0);
    sdkc_buf_init(&path, 0);
    if (!sdkc_gen_safe_name(op->name)) {
        result = sdkc_buf_appendf(&out->notes,
                                  "probe: note: an operation named '%.64s' cannot "
                                  "name a probe: skipped\n",
                                  op->name);
        out->skipped++;
        goto done;
    }
    if (safety == SDKC_PROBE_UNSAFE && !o->allow_writes) {
        result = sdkc_buf_appendf(&out->notes,
                                  "probe: note: %s: skipped: %s %s is not read-only and names "
                                  "no parent that a nonexistent id keeps it from changing\n",
                                  op->name, op->http_method ? op->http_method : "?",
                                  op->request_uri ? op->request_uri : "?");
        out->skipped++;
        goto done;
    }
    if ((result = sdkc_gen_params(spec, op, &out->notes, &base, err)))
        goto done;
    result = SDKC_ERR_NOMEM;
    if (!(c.arr = cJSON_CreateArray()))
        goto done;
    if (safety != SDKC_PROBE_UNSAFE) {
        id = s_id_label(op, safety == SDKC_PROBE_PARENT_SCOPED);
        if (id) {
            sdkc_buf_reset(&title);
            if (sdkc_buf_appendf(&title, "%s: a well-formed %s that does not exist is an error",
                                 op->name, id->name) ||
                (result = s_add(&c, "nonexistent-id", title.data, cJSON_Duplicate(base, 1), "error",
                                0, NULL)))
                goto nomem;
            result = SDKC_ERR_NOMEM;
            if ((result = s_bad_value(id->shape, 1, &bad, &what)))
                goto nomem;
            if (bad)
                bad_m = id;
        }
        /* A parent-scoped write may break only its parent label (anything
         * else could pass with a parent that exists). */
        for (i = 0;
             !bad_m && safety == SDKC_PROBE_READ_ONLY && op->input && i < op->input->member_count;
             i++) {
            const struct sdkc_member *m = &op->input->members[i];
            if (m->location == SDKC_LOC_URI && !m->required)
                continue;
            if ((result = s_bad_value(m->shape, m->location == SDKC_LOC_URI, &bad, &what)))
                goto nomem;
            if (bad)
                bad_m = m;
        }
        if (bad_m) {
            cJSON *bp = s_with(base, bad_m, bad);
            bad = NULL;
            sdkc_buf_reset(&title);
            sdkc_buf_reset(&path);
            if (!bp ||
                sdkc_buf_appendf(&title, "%s: a %s breaking the model's %s is an error", op->name,
                                 bad_m->name, what) ||
                sdkc_buf_appendf(&path, "bad-%s", bad_m->name)) {
                cJSON_Delete(bp);
                result = SDKC_ERR_NOMEM;
                goto nomem;
            }
            /* A member name is a model string: keep the id in its alphabet. */
            for (i = 0; i < path.len; i++)
                if (!((path.data[i] >= 'a' && path.data[i] <= 'z') ||
                      (path.data[i] >= 'A' && path.data[i] <= 'Z') ||
                      (path.data[i] >= '0' && path.data[i] <= '9') || path.data[i] == '-'))
                    path.data[i] = '_';
            if ((result = s_add(&c, path.data, title.data, bp, "error", 0, NULL)))
                goto nomem;
        }
        if (!op->unauthenticated && (id || safety == SDKC_PROBE_READ_ONLY)) {
            sdkc_buf_reset(&title);
            if (sdkc_buf_appendf(&title,
                                 "%s: a request with one signature digit changed is "
                                 "refused (403)",
                                 op->name) ||
                (result = s_add(&c, "wrong-signature", title.data, cJSON_Duplicate(base, 1),
                                "error", 403, "wrong-signature")))
                goto nomem;
            sdkc_buf_reset(&title);
            if (sdkc_buf_appendf(&title, "%s: a request signed an hour ago is refused (403)",
                                 op->name) ||
                (result = s_add(&c, "stale-date", title.data, cJSON_Duplicate(base, 1), "error",
                                403, "stale-date")))
                goto nomem;
        }
    }
    if (o->allow_writes && safety != SDKC_PROBE_READ_ONLY) {
        const struct sdkc_member *first = s_id_label(op, 0);
        const cJSON *it;
        p = cJSON_Duplicate(base, 1);
        if (p && first && o->existing_id) {
            cJSON *nv = cJSON_CreateString(o->existing_id);
            cJSON *np = s_with(p, first, nv);
            cJSON_Delete(p);
            p = np;
        }
        cJSON_ArrayForEach(it, o->write_params)
        {
            cJSON *d = p ? cJSON_Duplicate(it, 1) : NULL;
            if (!d) {
                cJSON_Delete(p);
                p = NULL;
                break;
            }
            cJSON_DeleteItemFromObjectCaseSensitive(p, it->string);
            if (!cJSON_AddItemToObject(p, it->string, d)) {
                cJSON_Delete(d);
                cJSON_Delete(p);
                p = NULL;
                break;
            }
        }
        sdkc_buf_reset(&title);
        if (!p || sdkc_buf_appendf(&title,
                                   "%s answers %d with a valid output (a write: "
                                   "--allow-writes)",
                                   op->name, op->response_code)) {
            cJSON_Delete(p);
            result = SDKC_ERR_NOMEM;
            goto nomem;
        }
        if ((result = s_add(&c, "write", title.data, p, "success", 0, NULL)))
            goto nomem;
    }
    result = SDKC_OK;
    if (cJSON_GetArraySize(c.arr) == 0) {
        result = sdkc_buf_appendf(&out->notes,
                                  "probe: note: %s: no probe applies (no "
                                  "identifying label, no constrained member)\n",
                                  op->name);
        out->skipped++;
        goto done;
    }
    sdkc_buf_reset(&path);
    result = SDKC_ERR_NOMEM;
    if (!(root = cJSON_CreateObject()) || sdkc_buf_appendf(&path, "%s/probes.json", op->name))
        goto nomem;
    if (!cJSON_AddItemToObject(root, "vectors", c.arr))
        goto nomem;
    out->vector_count += (size_t)cJSON_GetArraySize(c.arr);
    c.arr = NULL;
    result = sdkc_gen_output_add_json(out, path.data, root);
    goto done;
nomem:
    if (result == SDKC_OK || result == SDKC_ERR_NOMEM)
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
done:
    cJSON_Delete(bad);
    cJSON_Delete(base);
    cJSON_Delete(c.arr);
    cJSON_Delete(root);
    sdkc_buf_clean_up(&title);
    sdkc_buf_clean_up(&path);
    return result;
}

sdkc_result sdkc_probe_generate(const struct sdkc_spec *spec, const struct sdkc_probe_options *opts,
                                struct sdkc_gen_output *out, struct sdkc_error *err)
{
    size_t i, n = 0;
    sdkc_result result;
    if (!spec || !opts || !out)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "probe: spec, options and output are required");
    if (opts->write_params && !cJSON_IsObject(opts->write_params))
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "probe: the write params must be a JSON object");
    if (opts->allow_writes && !opts->existing_id && !opts->write_params)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "probe: a write probe needs an existing id or params");
    /* A write creates something real: one operation, named, never a
     * model's worth of them. */
    for (i = 0; opts->allow_writes && i < spec->operation_count; i++) {
        const struct sdkc_operation *op = &spec->operations[i];
        if ((!opts->operation || fnmatch(opts->operation, op->name, 0) == 0) &&
            sdkc_probe_safety_of(op) != SDKC_PROBE_READ_ONLY)
            n++;
    }
    if (opts->allow_writes && n != 1)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "probe: a write probe needs exactly one operation that is not "
                              "read-only in the selection, found %zu (name it with --operation)",
                              n);
    n = 0;
    for (i = 0; i < spec->operation_count; i++) {
        const struct sdkc_operation *op = &spec->operations[i];
        if (opts->operation && fnmatch(opts->operation, op->name, 0) != 0)
            continue;
        if (++n > SDKC_PROBE_MAX_OPERATIONS)
            return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                                  "probe: more than %d operations selected (narrow "
                                  "--operation)",
                                  SDKC_PROBE_MAX_OPERATIONS);
        if ((result = s_operation(spec, opts, op, out, err)))
            return result;
    }
    return SDKC_OK;
}
