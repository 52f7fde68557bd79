/* SPDX-License-Identifier: Apache-2.0
 *
 * spec/spec.c: load an AWS JSON service model (botocore `service-2.json`)
 * into the shape graph of spec.h, and look things up in it.
 *
 * Loading runs in three passes over the cJSON tree, so that every reference
 * can be resolved to a pointer while loading and the graph is immutable
 * afterwards:
 *   1. metadata (and the protocol check: anything but rest-json stops here);
 *   2. shapes: all names first, sorted (for binary search), then each
 *      shape's traits and members, resolving member -> shape pointers;
 *   3. operations, resolving input/output/errors and checking that every
 *      requestUri label has an input member bound to it.
 *
 * Ownership: every string, shape, member, operation and index lives in the
 * spec's arena (a list of chunks from sdkc_malloc), freed all at once by
 * sdkc_spec_destroy. The loader's only other allocations are its scratch
 * arrays, freed before it returns. Nothing points into the cJSON tree after
 * loading.
 *
 * DEBUGGING HINTS: every error names the JSON path it is about; the path is
 * built in s_loader.path as the walk descends (s_push/s_pop), so an error
 * with a wrong path means an unbalanced push/pop.
 */
#include "spec/spec.h"

#include <math.h> /* isfinite: a macro, no libm needed */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"

/* The bundled default model, generated from specs/datazone-createuserprofile.json
 * by cmake/embed.cmake into the build folder. */
extern const unsigned char sdkc_bundled_spec[];
extern const size_t sdkc_bundled_spec_len;

/* ==== MARK: arena ======================================================== */

/* Chunk size: big enough that the full DataZone model (1268 shapes, about
 * 2 MB of arena) takes a few dozen allocations, small enough that the
 * bundled model wastes little. Requests larger than a quarter chunk get a
 * chunk of their own. */
#define SDKC_SPEC_ARENA_CHUNK ((size_t)64 * 1024)
#define SDKC_SPEC_ARENA_ALIGN ((size_t) _Alignof(max_align_t))

struct s_chunk {
    struct s_chunk *next;
    size_t used;
    size_t cap;
};

struct sdkc_spec_arena {
    struct s_chunk *head; /* the chunk being filled; big chunks sit behind it */
};

static size_t s_align_up(size_t n)
{
    return (n + SDKC_SPEC_ARENA_ALIGN - 1) & ~(SDKC_SPEC_ARENA_ALIGN - 1);
}

static unsigned char *s_chunk_data(struct s_chunk *c)
{
    return (unsigned char *)c + s_align_up(sizeof(struct s_chunk));
}

/* Zeroed, aligned memory owned by the arena; NULL on NOMEM or overflow. */
static void *s_arena_alloc(struct sdkc_spec_arena *a, size_t n)
{
    struct s_chunk *c;
    unsigned char *p;
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX / 2)
        return NULL;
    n = s_align_up(n);
    c = a->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > SDKC_SPEC_ARENA_CHUNK / 4 ? n : SDKC_SPEC_ARENA_CHUNK;
        struct s_chunk *nc = sdkc_malloc(s_align_up(sizeof(struct s_chunk)) + cap);
        if (!nc)
            return NULL;
        nc->used = 0;
        nc->cap = cap;
        if (c && cap != SDKC_SPEC_ARENA_CHUNK) {
            /* A big one-off: keep filling the current chunk afterwards. */
            nc->next = c->next;
            c->next = nc;
        } else {
            nc->next = c;
            a->head = nc;
        }
        c = nc;
    }
    p = s_chunk_data(c) + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

static void *s_arena_array(struct sdkc_spec_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / 2 / size)
        return NULL;
    return s_arena_alloc(a, count * size);
}

static char *s_arena_strdup(struct sdkc_spec_arena *a, const char *s)
{
    size_t n = strlen(s);
    char *d = s_arena_alloc(a, n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

static void s_arena_destroy(struct sdkc_spec_arena *a)
{
    struct s_chunk *c, *next;
    if (!a)
        return;
    for (c = a->head; c; c = next) {
        next = c->next;
        sdkc_free(c);
    }
    sdkc_free(a);
}

/* ==== MARK: loader state, paths and messages ============================= */

/* One object member, as collected for sorting and de-duplication. */
struct s_entry {
    const char *name;
    const cJSON *node;
    size_t pos; /* position in the object, for "last wins" and model order */
};

struct s_loader {
    struct sdkc_spec *spec;
    struct sdkc_error *err;
    const char *source;
    char path[SDKC_SPEC_MAX_PATH];
    size_t path_len;
    /* Scratch arrays (sdkc_malloc), freed when loading ends. */
    struct s_entry *top; /* shapes, then operations */
    size_t top_cap;
    struct s_entry *scratch; /* members of one structure */
    size_t scratch_cap;
};

static int s_plain_key(const char *k)
{
    if (!*k)
        return 0;
    for (; *k; k++)
        if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9') ||
              *k == '_' || *k == '-' || *k == '$'))
            return 0;
    return 1;
}

/* Append ".key" (or ["key"] for keys a reader could not split on dots) to
 * the path; returns the length to give back to s_pop. Paths too long for
 * the buffer are cut: messages stay readable, the walk stays correct. */
static size_t s_push(struct s_loader *L, const char *key)
{
    size_t old = L->path_len, room = sizeof(L->path) - old;
    int n;
    if (s_plain_key(key))
        n = snprintf(L->path + old, room, "%s%s", old ? "." : "", key);
    else
        n = snprintf(L->path + old, room, "[\"%s\"]", key);
    if (n < 0)
        n = 0;
    L->path_len = (size_t)n >= room ? sizeof(L->path) - 1 : old + (size_t)n;
    return old;
}

static size_t s_push_index(struct s_loader *L, size_t i)
{
    size_t old = L->path_len, room = sizeof(L->path) - old;
    int n = snprintf(L->path + old, room, "[%zu]", i);
    if (n < 0)
        n = 0;
    L->path_len = (size_t)n >= room ? sizeof(L->path) - 1 : old + (size_t)n;
    return old;
}

static void s_pop(struct s_loader *L, size_t old)
{
    L->path_len = old;
    L->path[old] = '\0';
}

/* Fail with "<source>: <path>: <message>". */
static sdkc_result s_fail(struct s_loader *L, sdkc_result code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static sdkc_result s_fail(struct s_loader *L, sdkc_result code, const char *fmt, ...)
{
    char what[SDKC_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    return sdkc_error_set(L->err, code, SDKC_NO_OFFSET, "%s: %s: %s", L->source,
                          L->path_len ? L->path : "(top level)", what);
}

static sdkc_result s_nomem(struct s_loader *L)
{
    return sdkc_error_set(L->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET,
                          "%s: out of memory loading the model", L->source);
}

/* ==== MARK: typed field access ============================================ */

#define S_BOOL (cJSON_True | cJSON_False)

static const char *s_mask_name(int mask)
{
    switch (mask) {
    case cJSON_Object: return "an object";
    case cJSON_Array: return "an array";
    case cJSON_String: return "a string";
    case cJSON_Number: return "a number";
    case S_BOOL: return "a boolean";
    default: return "another type";
    }
}

/* obj[key] with its JSON type checked against mask; *out NULL when absent
 * (an error when `required`). The path names the key in messages. */
static sdkc_result s_get(struct s_loader *L, const cJSON *obj, const char *key, int mask,
                         int required, const cJSON **out)
{
    const cJSON *j = sdkc_json_get(obj, key);
    sdkc_result result = SDKC_OK;
    size_t mark;
    *out = NULL;
    if (!j) {
        if (required) {
            mark = s_push(L, key);
            result = s_fail(L, SDKC_ERR_SPEC, "missing (%s is required here)", s_mask_name(mask));
            s_pop(L, mark);
        }
        return result;
    }
    if (!(j->type & 0xFF & mask)) {
        mark = s_push(L, key);
        result = s_fail(L, SDKC_ERR_SPEC, "expected %s, got %s", s_mask_name(mask),
                        sdkc_json_type_phrase(j));
        s_pop(L, mark);
        return result;
    }
    *out = j;
    return SDKC_OK;
}

/* A string field copied into the arena; *out NULL when absent. */
static sdkc_result s_get_str(struct s_loader *L, const cJSON *obj, const char *key, int required,
                             const char **out)
{
    const cJSON *j;
    sdkc_result result = s_get(L, obj, key, cJSON_String, required, &j);
    *out = NULL;
    if (result || !j)
        return result;
    *out = s_arena_strdup(L->spec->arena, j->valuestring);
    return *out ? SDKC_OK : s_nomem(L);
}

/* A boolean field; *out is left alone when absent (callers zeroed it). */
static sdkc_result s_get_bool(struct s_loader *L, const cJSON *obj, const char *key, int *out)
{
    const cJSON *j;
    sdkc_result result = s_get(L, obj, key, S_BOOL, 0, &j);
    if (!result && j)
        *out = cJSON_IsTrue(j);
    return result;
}

/* A finite number; *present says whether it was there. */
static sdkc_result s_get_num(struct s_loader *L, const cJSON *obj, const char *key, int *present,
                             double *out)
{
    const cJSON *j;
    sdkc_result result = s_get(L, obj, key, cJSON_Number, 0, &j);
    size_t mark;
    if (result || !j)
        return result;
    if (!isfinite(j->valuedouble)) {
        mark = s_push(L, key);
        result = s_fail(L, SDKC_ERR_SPEC, "not a finite number");
        s_pop(L, mark);
        return result;
    }
    *present = 1;
    *out = j->valuedouble;
    return SDKC_OK;
}

/* An integer in [lo, hi]; *out is left alone when absent. */
static sdkc_result s_get_int(struct s_loader *L, const cJSON *obj, const char *key, int lo, int hi,
                             int *out)
{
    int present = 0;
    double v = 0;
    sdkc_result result = s_get_num(L, obj, key, &present, &v);
    size_t mark;
    if (result || !present)
        return result;
    if (!(v >= lo && v <= hi) || (double)(int)v != v) {
        mark = s_push(L, key);
        result = s_fail(L, SDKC_ERR_SPEC, "expected an integer from %d to %d, got %g", lo, hi, v);
        s_pop(L, mark);
        return result;
    }
    *out = (int)v;
    return SDKC_OK;
}

/* ==== MARK: object members, de-duplicated ================================= */

static int s_entry_by_name(const void *a, const void *b)
{
    const struct s_entry *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int s_entry_by_pos(const void *a, const void *b)
{
    const struct s_entry *x = a, *y = b;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Collect the members of object `obj` into *buf (grown as needed), keeping
 * only the last of duplicate keys (core/json.h's rule), sorted by name, or
 * in model order with keep_order. More than `cap` members is an error
 * naming `what` and the cap's name. */
static sdkc_result s_collect(struct s_loader *L, const cJSON *obj, size_t cap, const char *what,
                             const char *cap_name, int keep_order, struct s_entry **buf,
                             size_t *buf_cap, size_t *n_out)
{
    const cJSON *c;
    size_t n = 0, i, j;
    *n_out = 0;
    for (c = obj->child; c; c = c->next)
        if (++n > cap)
            return s_fail(L, SDKC_ERR_TOO_LARGE, "more than %zu %s (%s)", cap, what, cap_name);
    if (n == 0)
        return SDKC_OK;
    if (n > *buf_cap) {
        struct s_entry *nb = sdkc_realloc(*buf, n * sizeof(**buf));
        if (!nb)
            return s_nomem(L);
        *buf = nb;
        *buf_cap = n;
    }
    for (c = obj->child, i = 0; c; c = c->next, i++) {
        (*buf)[i].name = c->string ? c->string : "";
        (*buf)[i].node = c;
        (*buf)[i].pos = i;
    }
    qsort(*buf, n, sizeof(**buf), s_entry_by_name);
    for (i = 0, j = 0; i < n; i++) {
        if (i + 1 < n && strcmp((*buf)[i].name, (*buf)[i + 1].name) == 0)
            continue; /* a later duplicate wins */
        (*buf)[j++] = (*buf)[i];
    }
    if (keep_order)
        qsort(*buf, j, sizeof(**buf), s_entry_by_pos);
    *n_out = j;
    return SDKC_OK;
}

/* ==== MARK: lookups (also used while loading) ============================= */

static int s_shape_key_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct sdkc_shape *)elem)->name);
}

static int s_op_key_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct sdkc_operation *)elem)->name);
}

static int s_member_key_cmp(const void *key, const void *elem)
{
    return strcmp(key, (*(const struct sdkc_member *const *)elem)->name);
}

static int s_str_key_cmp(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

const struct sdkc_shape *sdkc_spec_find_shape(const struct sdkc_spec *spec, const char *name)
{
    if (!spec || !name || !spec->shape_count)
        return NULL;
    return bsearch(name, spec->shapes, spec->shape_count, sizeof(*spec->shapes), s_shape_key_cmp);
}

const struct sdkc_operation *sdkc_spec_find_operation(const struct sdkc_spec *spec,
                                                      const char *name)
{
    if (!spec || !name || !spec->operation_count)
        return NULL;
    return bsearch(name, spec->operations, spec->operation_count, sizeof(*spec->operations),
                   s_op_key_cmp);
}

const struct sdkc_member *sdkc_shape_find_member(const struct sdkc_shape *shape, const char *name)
{
    const struct sdkc_member *const *m;
    if (!shape || !name || !shape->members_by_name || !shape->member_count)
        return NULL;
    m = bsearch(name, shape->members_by_name, shape->member_count, sizeof(*shape->members_by_name),
                s_member_key_cmp);
    return m ? *m : NULL;
}

const struct sdkc_member *sdkc_shape_find_wire_member(const struct sdkc_shape *shape,
                                                      const char *wire_name)
{
    size_t lo = 0, hi;
    if (!shape || !wire_name || !shape->members_by_wire)
        return NULL;
    /* Lower bound: the first of equal wire names is the body member, if
     * any (members_by_wire puts body members first among equals). */
    hi = shape->member_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(shape->members_by_wire[mid]->wire_name, wire_name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < shape->member_count && strcmp(shape->members_by_wire[lo]->wire_name, wire_name) == 0)
        return shape->members_by_wire[lo];
    return NULL;
}

int sdkc_shape_enum_has(const struct sdkc_shape *shape, const char *value)
{
    if (!shape || !value || !shape->enum_count)
        return 0;
    return bsearch(value, shape->enum_sorted, shape->enum_count, sizeof(*shape->enum_sorted),
                   s_str_key_cmp) != NULL;
}

const char *sdkc_shape_error_code(const struct sdkc_shape *shape)
{
    if (!shape)
        return NULL;
    return shape->error_code ? shape->error_code : shape->name;
}

const struct sdkc_shape *sdkc_spec_find_error(const struct sdkc_spec *spec, const char *code)
{
    const struct sdkc_shape *s;
    size_t i;
    if (!spec || !code)
        return NULL;
    /* Services have tens of error shapes at most: a scan is cheaper than
     * a second index. */
    for (i = 0; i < spec->error_shape_count; i++)
        if (strcmp(sdkc_shape_error_code(spec->error_shapes[i]), code) == 0)
            return spec->error_shapes[i];
    s = sdkc_spec_find_shape(spec, code);
    if (s && (s->is_exception || s->has_error_trait))
        return s;
    return NULL;
}

const char *sdkc_shape_error_fault(const struct sdkc_shape *shape)
{
    if (shape->fault)
        return "server";
    if (shape->sender_fault)
        return "client";
    return shape->http_status >= 500 ? "server" : "client";
}

const char *sdkc_shape_type_name(enum sdkc_shape_type t)
{
    switch (t) {
    case SDKC_SHAPE_STRUCTURE: return "structure";
    case SDKC_SHAPE_LIST: return "list";
    case SDKC_SHAPE_MAP: return "map";
    case SDKC_SHAPE_STRING: return "string";
    case SDKC_SHAPE_INTEGER: return "integer";
    case SDKC_SHAPE_LONG: return "long";
    case SDKC_SHAPE_BOOLEAN: return "boolean";
    case SDKC_SHAPE_FLOAT: return "float";
    case SDKC_SHAPE_DOUBLE: return "double";
    case SDKC_SHAPE_BLOB: return "blob";
    case SDKC_SHAPE_TIMESTAMP: return "timestamp";
    }
    return "unknown";
}

/* ==== MARK: shapes ========================================================= */

static const struct {
    const char *name;
    enum sdkc_shape_type type;
} s_types[] = {
    {"structure", SDKC_SHAPE_STRUCTURE},
    {"list", SDKC_SHAPE_LIST},
    {"map", SDKC_SHAPE_MAP},
    {"string", SDKC_SHAPE_STRING},
    {"integer", SDKC_SHAPE_INTEGER},
    {"long", SDKC_SHAPE_LONG},
    {"boolean", SDKC_SHAPE_BOOLEAN},
    {"float", SDKC_SHAPE_FLOAT},
    {"double", SDKC_SHAPE_DOUBLE},
    {"blob", SDKC_SHAPE_BLOB},
    {"timestamp", SDKC_SHAPE_TIMESTAMP},
};

static const struct {
    const char *name;
    enum sdkc_location loc;
} s_locations[] = {
    {"uri", SDKC_LOC_URI},         {"querystring", SDKC_LOC_QUERY}, {"header", SDKC_LOC_HEADER},
    {"headers", SDKC_LOC_HEADERS}, {"statusCode", SDKC_LOC_STATUS},
};

/* botocore's three timestamp formats (Smithy: epoch-seconds, http-date,
 * date-time). An unknown one is an error: the codec could only guess. */
static sdkc_result s_get_timestamp_format(struct s_loader *L, const cJSON *obj, const char **out)
{
    static const char *const formats[] = {"iso8601", "rfc822", "unixTimestamp"};
    sdkc_result result = s_get_str(L, obj, "timestampFormat", 0, out);
    size_t i, mark;
    if (result || !*out)
        return result;
    for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
        if (strcmp(*out, formats[i]) == 0)
            return SDKC_OK;
    mark = s_push(L, "timestampFormat");
    result =
        s_fail(L, SDKC_ERR_SPEC,
               "unknown timestamp format \"%s\" (expected iso8601, rfc822 or unixTimestamp)", *out);
    s_pop(L, mark);
    return result;
}

/* A `shape` reference, resolved to a pointer; the error names the path of
 * the "shape" key: shapes.X.members.y.shape: no shape named "Foo". */
static sdkc_result s_resolve(struct s_loader *L, const cJSON *obj, const char **name_out,
                             const struct sdkc_shape **out)
{
    const char *name;
    sdkc_result result = s_get_str(L, obj, "shape", 1, &name);
    size_t mark;
    *out = NULL;
    if (result)
        return result;
    *out = sdkc_spec_find_shape(L->spec, name);
    if (!*out) {
        mark = s_push(L, "shape");
        result = s_fail(L, SDKC_ERR_SPEC, "no shape named \"%s\"", name);
        s_pop(L, mark);
        return result;
    }
    if (name_out)
        *name_out = (*out)->name;
    return SDKC_OK;
}

/* One member (of a structure, or a list's member / a map's key and value):
 * its shape reference and member traits. The path points at the member. */
static sdkc_result s_load_member(struct s_loader *L, const cJSON *node, const char *name,
                                 struct sdkc_member *m)
{
    const char *loc = NULL, *wire = NULL;
    sdkc_result result;
    size_t i, mark;

    if (!cJSON_IsObject(node))
        return s_fail(L, SDKC_ERR_SPEC, "expected an object, got %s", sdkc_json_type_phrase(node));
    m->name = s_arena_strdup(L->spec->arena, name);
    if (!m->name)
        return s_nomem(L);
    result = s_resolve(L, node, &m->shape_name, &m->shape);
    if (!result)
        result = s_get_str(L, node, "location", 0, &loc);
    if (!result)
        result = s_get_str(L, node, "locationName", 0, &wire);
    if (!result)
        result = s_get_bool(L, node, "idempotencyToken", &m->idempotency_token);
    if (!result)
        result = s_get_bool(L, node, "jsonvalue", &m->jsonvalue);
    if (!result)
        result = s_get_bool(L, node, "hostLabel", &m->host_label);
    if (!result)
        result = s_get_str(L, node, "mediaType", 0, &m->media_type);
    if (!result)
        result = s_get_timestamp_format(L, node, &m->timestamp_format);
    if (result)
        return result;
    m->wire_name = wire ? wire : m->name;
    m->location = SDKC_LOC_BODY;
    if (loc) {
        for (i = 0; i < sizeof(s_locations) / sizeof(s_locations[0]); i++)
            if (strcmp(loc, s_locations[i].name) == 0)
                break;
        if (i == sizeof(s_locations) / sizeof(s_locations[0])) {
            mark = s_push(L, "location");
            result = s_fail(L, SDKC_ERR_SPEC,
                            "unknown location \"%s\" (expected uri, querystring, header, headers "
                            "or statusCode)",
                            loc);
            s_pop(L, mark);
            return result;
        }
        m->location = s_locations[i].loc;
    }
    return SDKC_OK;
}

/* A list's `member` or a map's `key`/`value`: a required member object. */
static sdkc_result s_load_inner(struct s_loader *L, const cJSON *node, const char *key,
                                struct sdkc_member **out)
{
    const cJSON *j;
    sdkc_result result = s_get(L, node, key, cJSON_Object, 1, &j);
    size_t mark;
    if (result)
        return result;
    *out = s_arena_alloc(L->spec->arena, sizeof(**out));
    if (!*out)
        return s_nomem(L);
    mark = s_push(L, key);
    result = s_load_member(L, j, key, *out);
    s_pop(L, mark);
    return result;
}

static int s_member_ptr_by_name(const void *a, const void *b)
{
    const struct sdkc_member *x = *(const struct sdkc_member *const *)a;
    const struct sdkc_member *y = *(const struct sdkc_member *const *)b;
    return strcmp(x->name, y->name);
}

/* Wire name, then body members before the others, then model order, so a
 * lower-bound search finds the body member first. */
static int s_member_ptr_by_wire(const void *a, const void *b)
{
    const struct sdkc_member *x = *(const struct sdkc_member *const *)a;
    const struct sdkc_member *y = *(const struct sdkc_member *const *)b;
    int c = strcmp(x->wire_name, y->wire_name);
    if (c)
        return c;
    if ((x->location == SDKC_LOC_BODY) != (y->location == SDKC_LOC_BODY))
        return x->location == SDKC_LOC_BODY ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static int s_str_ptr_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A structure's members (model order kept), `required` list and `payload`,
 * and the two sorted member indexes. */
static sdkc_result s_load_structure(struct s_loader *L, struct sdkc_shape *shape, const cJSON *node)
{
    const cJSON *members, *required, *r;
    struct sdkc_member **by_name, **by_wire;
    const char *payload = NULL;
    sdkc_result result;
    size_t n = 0, i, mark, mark2;

    result = s_get_bool(L, node, "union", &shape->is_union);
    if (!result)
        result = s_get(L, node, "members", cJSON_Object, 0, &members);
    if (result)
        return result;
    if (members) {
        mark = s_push(L, "members");
        result = s_collect(L, members, SDKC_SPEC_MAX_MEMBERS, "members", "SDKC_SPEC_MAX_MEMBERS", 1,
                           &L->scratch, &L->scratch_cap, &n);
        if (!result && n) {
            shape->members = s_arena_array(L->spec->arena, n, sizeof(*shape->members));
            if (!shape->members)
                result = s_nomem(L);
        }
        for (i = 0; !result && i < n; i++) {
            mark2 = s_push(L, L->scratch[i].name);
            result = s_load_member(L, L->scratch[i].node, L->scratch[i].name, &shape->members[i]);
            shape->members[i].index = i;
            s_pop(L, mark2);
        }
        s_pop(L, mark);
        if (result)
            return result;
        shape->member_count = n;
    }
    if (n) {
        by_name = s_arena_array(L->spec->arena, n, sizeof(*by_name));
        by_wire = s_arena_array(L->spec->arena, n, sizeof(*by_wire));
        if (!by_name || !by_wire)
            return s_nomem(L);
        for (i = 0; i < n; i++)
            by_name[i] = by_wire[i] = &shape->members[i];
        qsort(by_name, n, sizeof(*by_name), s_member_ptr_by_name);
        qsort(by_wire, n, sizeof(*by_wire), s_member_ptr_by_wire);
        shape->members_by_name = (const struct sdkc_member **)by_name;
        shape->members_by_wire = (const struct sdkc_member **)by_wire;
    }

    result = s_get(L, node, "required", cJSON_Array, 0, &required);
    if (result)
        return result;
    if (required) {
        mark = s_push(L, "required");
        for (r = required->child, i = 0; !result && r; r = r->next, i++) {
            const struct sdkc_member *m;
            mark2 = s_push_index(L, i);
            if (!cJSON_IsString(r))
                result =
                    s_fail(L, SDKC_ERR_SPEC, "expected a string, got %s", sdkc_json_type_phrase(r));
            else if (!(m = sdkc_shape_find_member(shape, r->valuestring)))
                result = s_fail(L, SDKC_ERR_SPEC, "no member named \"%s\"", r->valuestring);
            else
                shape->members[m->index].required = 1;
            s_pop(L, mark2);
        }
        s_pop(L, mark);
        if (result)
            return result;
    }

    result = s_get_str(L, node, "payload", 0, &payload);
    if (result || !payload)
        return result;
    shape->payload = sdkc_shape_find_member(shape, payload);
    if (!shape->payload) {
        mark = s_push(L, "payload");
        result = s_fail(L, SDKC_ERR_SPEC, "no member named \"%s\"", payload);
        s_pop(L, mark);
    }
    return result;
}

static sdkc_result s_load_enum(struct s_loader *L, struct sdkc_shape *shape, const cJSON *node)
{
    const cJSON *arr, *v;
    const char **values, **sorted;
    sdkc_result result = s_get(L, node, "enum", cJSON_Array, 0, &arr);
    size_t n, i, mark, mark2;
    if (result || !arr)
        return result;
    mark = s_push(L, "enum");
    n = 0;
    for (v = arr->child; v; v = v->next)
        if (++n > SDKC_SPEC_MAX_ENUM) {
            result = s_fail(L, SDKC_ERR_TOO_LARGE, "more than %d values (SDKC_SPEC_MAX_ENUM)",
                            SDKC_SPEC_MAX_ENUM);
            goto done;
        }
    values = s_arena_array(L->spec->arena, n, sizeof(*values));
    sorted = s_arena_array(L->spec->arena, n, sizeof(*sorted));
    if (!values || !sorted) {
        result = s_nomem(L);
        goto done;
    }
    for (v = arr->child, i = 0; v; v = v->next, i++) {
        if (!cJSON_IsString(v)) {
            mark2 = s_push_index(L, i);
            result =
                s_fail(L, SDKC_ERR_SPEC, "expected a string, got %s", sdkc_json_type_phrase(v));
            s_pop(L, mark2);
            goto done;
        }
        values[i] = sorted[i] = s_arena_strdup(L->spec->arena, v->valuestring);
        if (!values[i]) {
            result = s_nomem(L);
            goto done;
        }
    }
    qsort(sorted, n, sizeof(*sorted), s_str_ptr_cmp);
    shape->enum_values = values;
    shape->enum_sorted = sorted;
    shape->enum_count = n;
done:
    s_pop(L, mark);
    return result;
}

/* The `error` object: httpStatusCode (an HTTP status, RFC 9110 §15), code,
 * senderFault. Other keys (botocore's own `fault`) are ignored. */
static sdkc_result s_load_error_trait(struct s_loader *L, struct sdkc_shape *shape,
                                      const cJSON *node)
{
    const cJSON *e;
    sdkc_result result = s_get(L, node, "error", cJSON_Object, 0, &e);
    size_t mark;
    if (result || !e)
        return result;
    shape->has_error_trait = 1;
    mark = s_push(L, "error");
    result = s_get_int(L, e, "httpStatusCode", 100, 599, &shape->http_status);
    if (!result)
        result = s_get_str(L, e, "code", 0, &shape->error_code);
    if (!result)
        result = s_get_bool(L, e, "senderFault", &shape->sender_fault);
    s_pop(L, mark);
    return result;
}

/* One shape; the path points at it (shapes.Name). */
static sdkc_result s_load_shape(struct s_loader *L, struct sdkc_shape *shape, const cJSON *node)
{
    const char *type;
    sdkc_result result;
    size_t i, mark;

    if (!cJSON_IsObject(node))
        return s_fail(L, SDKC_ERR_SPEC, "expected an object, got %s", sdkc_json_type_phrase(node));
    result = s_get_str(L, node, "type", 1, &type);
    if (result)
        return result;
    for (i = 0; i < sizeof(s_types) / sizeof(s_types[0]); i++)
        if (strcmp(type, s_types[i].name) == 0)
            break;
    if (i < sizeof(s_types) / sizeof(s_types[0])) {
        shape->type = s_types[i].type;
    } else if (strcmp(type, "document") == 0) {
        /* See "Shape types" in spec.h. */
        shape->type = SDKC_SHAPE_STRUCTURE;
        shape->is_document = 1;
    } else {
        mark = s_push(L, "type");
        result = s_fail(L, SDKC_ERR_SPEC,
                        "unknown shape type \"%s\" (expected structure, list, map, string, "
                        "integer, long, boolean, float, double, blob, timestamp or document)",
                        type);
        s_pop(L, mark);
        return result;
    }

    /* Traits any shape may carry. */
    result = s_get_bool(L, node, "sensitive", &shape->sensitive);
    if (!result)
        result = s_get_num(L, node, "min", &shape->has_min, &shape->min);
    if (!result)
        result = s_get_num(L, node, "max", &shape->has_max, &shape->max);
    if (!result)
        result = s_get_str(L, node, "pattern", 0, &shape->pattern);
    if (!result)
        result = s_get_timestamp_format(L, node, &shape->timestamp_format);
    if (!result)
        result = s_load_enum(L, shape, node);
    if (!result)
        result = s_get_bool(L, node, "exception", &shape->is_exception);
    if (!result)
        result = s_get_bool(L, node, "fault", &shape->fault);
    if (!result)
        result = s_load_error_trait(L, shape, node);
    if (!result)
        result = s_get_bool(L, node, "streaming", &shape->streaming);
    if (!result)
        result = s_get_bool(L, node, "eventstream", &shape->eventstream);
    if (!result)
        result = s_get_bool(L, node, "sparse", &shape->sparse);
    if (!result)
        result = s_get_str(L, node, "mediaType", 0, &shape->media_type);
    if (!result && shape->type == SDKC_SHAPE_STRUCTURE && !shape->is_document)
        result = s_get_bool(L, node, "document", &shape->is_document);
    if (result)
        return result;

    switch (shape->type) {
    case SDKC_SHAPE_STRUCTURE:
        /* A document's value is free-form: members would mean nothing. */
        if (shape->is_document)
            return SDKC_OK;
        return s_load_structure(L, shape, node);
    case SDKC_SHAPE_LIST: return s_load_inner(L, node, "member", &shape->list_member);
    case SDKC_SHAPE_MAP:
        result = s_load_inner(L, node, "key", &shape->map_key);
        if (!result)
            result = s_load_inner(L, node, "value", &shape->map_value);
        return result;
    default: return SDKC_OK;
    }
}

static sdkc_result s_load_shapes(struct s_loader *L, const cJSON *root)
{
    struct sdkc_spec *spec = L->spec;
    const cJSON *shapes;
    sdkc_result result = s_get(L, root, "shapes", cJSON_Object, 1, &shapes);
    size_t n = 0, i, mark, mark2;
    if (result)
        return result;
    mark = s_push(L, "shapes");
    result = s_collect(L, shapes, SDKC_SPEC_MAX_SHAPES, "shapes", "SDKC_SPEC_MAX_SHAPES", 0,
                       &L->top, &L->top_cap, &n);
    if (result)
        goto done;
    if (n) {
        spec->shapes = s_arena_array(spec->arena, n, sizeof(*spec->shapes));
        if (!spec->shapes) {
            result = s_nomem(L);
            goto done;
        }
    }
    /* Every name first (sorted by s_collect), so references resolve by
     * binary search whatever order the shapes come in. */
    for (i = 0; i < n; i++) {
        spec->shapes[i].name = s_arena_strdup(spec->arena, L->top[i].name);
        if (!spec->shapes[i].name) {
            result = s_nomem(L);
            goto done;
        }
    }
    spec->shape_count = n;
    for (i = 0; !result && i < n; i++) {
        mark2 = s_push(L, L->top[i].name);
        result = s_load_shape(L, &spec->shapes[i], L->top[i].node);
        s_pop(L, mark2);
    }
done:
    s_pop(L, mark);
    return result;
}

/* ==== MARK: operations ===================================================== */

/* An operation's input/output: {"shape": "Name"}, which must be a
 * structure (rest-json binds members of it to the message). */
static sdkc_result s_load_io(struct s_loader *L, const cJSON *node, const char *key,
                             const struct sdkc_shape **out)
{
    const cJSON *j;
    sdkc_result result = s_get(L, node, key, cJSON_Object, 0, &j);
    size_t mark;
    *out = NULL;
    if (result || !j)
        return result;
    mark = s_push(L, key);
    result = s_resolve(L, j, NULL, out);
    if (!result && (*out)->type != SDKC_SHAPE_STRUCTURE) {
        size_t mark2 = s_push(L, "shape");
        result =
            s_fail(L, SDKC_ERR_SPEC, "shape \"%s\" is a %s; an operation %s must be a structure",
                   (*out)->name, sdkc_shape_type_name((*out)->type), key);
        s_pop(L, mark2);
    }
    s_pop(L, mark);
    return result;
}

static sdkc_result s_load_errors(struct s_loader *L, struct sdkc_operation *op, const cJSON *node)
{
    const cJSON *arr, *e;
    sdkc_result result = s_get(L, node, "errors", cJSON_Array, 0, &arr);
    size_t n = 0, i, mark, mark2;
    if (result || !arr)
        return result;
    mark = s_push(L, "errors");
    for (e = arr->child; e; e = e->next)
        if (++n > SDKC_SPEC_MAX_ERRORS) {
            result = s_fail(L, SDKC_ERR_TOO_LARGE, "more than %d errors (SDKC_SPEC_MAX_ERRORS)",
                            SDKC_SPEC_MAX_ERRORS);
            goto done;
        }
    if (n) {
        op->errors = s_arena_array(L->spec->arena, n, sizeof(*op->errors));
        if (!op->errors) {
            result = s_nomem(L);
            goto done;
        }
    }
    for (e = arr->child, i = 0; !result && e; e = e->next, i++) {
        mark2 = s_push_index(L, i);
        if (!cJSON_IsObject(e))
            result =
                s_fail(L, SDKC_ERR_SPEC, "expected an object, got %s", sdkc_json_type_phrase(e));
        else
            result = s_resolve(L, e, NULL, &op->errors[i]);
        if (!result && op->errors[i]->type != SDKC_SHAPE_STRUCTURE) {
            size_t mark3 = s_push(L, "shape");
            result = s_fail(L, SDKC_ERR_SPEC, "shape \"%s\" is a %s; an error must be a structure",
                            op->errors[i]->name, sdkc_shape_type_name(op->errors[i]->type));
            s_pop(L, mark3);
        }
        s_pop(L, mark2);
    }
    if (!result)
        op->error_count = n;
done:
    s_pop(L, mark);
    return result;
}

/* Every "{label}" / "{label+}" (greedy) in the path part of requestUri must
 * be bound to an input member with location "uri" and that wire name
 * (Smithy http-bindings "httpLabel": every label has a member and the
 * reverse); otherwise the codec could not build the path. The path points
 * at http.requestUri. */
static sdkc_result s_check_labels(struct s_loader *L, const struct sdkc_operation *op)
{
    const char *p = op->request_uri, *end, *close;
    char label[256];
    size_t n, i;
    end = strchr(p, '?');
    if (!end)
        end = p + strlen(p);
    for (; p < end; p++) {
        if (*p == '}')
            return s_fail(L, SDKC_ERR_SPEC, "\"}\" without \"{\" at character %zu",
                          (size_t)(p - op->request_uri));
        if (*p != '{')
            continue;
        close = memchr(p, '}', (size_t)(end - p));
        if (!close)
            return s_fail(L, SDKC_ERR_SPEC, "unterminated label at character %zu",
                          (size_t)(p - op->request_uri));
        n = (size_t)(close - p - 1);
        if (n > 0 && p[n] == '+')
            n--; /* greedy label */
        if (n == 0 || n >= sizeof(label))
            return s_fail(L, SDKC_ERR_SPEC, "bad label at character %zu",
                          (size_t)(p - op->request_uri));
        memcpy(label, p + 1, n);
        label[n] = '\0';
        if (memchr(label, '{', n))
            return s_fail(L, SDKC_ERR_SPEC, "nested \"{\" in label at character %zu",
                          (size_t)(p - op->request_uri));
        for (i = 0; op->input && i < op->input->member_count; i++)
            if (op->input->members[i].location == SDKC_LOC_URI &&
                strcmp(op->input->members[i].wire_name, label) == 0)
                break;
        if (!op->input || i == op->input->member_count)
            return s_fail(L, SDKC_ERR_SPEC,
                          "label {%s} has no input member with location \"uri\" and that name",
                          label);
        p = close;
    }
    return SDKC_OK;
}

/* Every "{Name}" in endpoint.hostPrefix must name an input member with
 * `hostLabel: true` (Smithy @endpoint: each label of hostPrefix is bound
 * to a @hostLabel member of the input); otherwise the codec could not
 * expand it. The path points at endpoint.hostPrefix. */
static sdkc_result s_check_host_prefix(struct s_loader *L, const struct sdkc_operation *op)
{
    const char *p = op->host_prefix, *close;
    size_t i, n;
    while ((p = strchr(p, '{')) != NULL) {
        close = strchr(p, '}');
        if (!close)
            return s_fail(L, SDKC_ERR_SPEC, "unterminated label at character %zu",
                          (size_t)(p - op->host_prefix));
        n = (size_t)(close - p - 1);
        for (i = 0; op->input && i < op->input->member_count; i++) {
            const struct sdkc_member *m = &op->input->members[i];
            if (m->host_label && strlen(m->name) == n && memcmp(m->name, p + 1, n) == 0)
                break;
        }
        if (!op->input || i == op->input->member_count)
            return s_fail(L, SDKC_ERR_SPEC, "label {%.*s} has no input member with hostLabel: true",
                          (int)n, p + 1);
        p = close + 1;
    }
    return SDKC_OK;
}

/* Whether the operation is sent unsigned, and whether its body is signed.
 * botocore's auth resolution (botocore/auth.py resolve_auth_type): `auth`,
 * when present, wins over `authtype`, and the first entry of `auth` it
 * supports wins, so the operation is unsigned when that list is empty or
 * starts with smithy.api#noAuth (Smithy @optionalAuth / @auth([])); older
 * models say `authtype: "none"`. "v4-unsigned-body" is still signed, with
 * the body left out, as is `unsignedPayload: true` whatever the auth
 * (botocore handlers.py set_operation_specific_signer: payload signing off
 * for either). */
static sdkc_result s_load_auth(struct s_loader *L, struct sdkc_operation *op, const cJSON *node)
{
    const cJSON *auth, *first;
    const char *authtype = NULL;
    int unsigned_payload = 0;
    sdkc_result result = s_get(L, node, "auth", cJSON_Array, 0, &auth);
    if (!result)
        result = s_get_str(L, node, "authtype", 0, &authtype);
    if (!result)
        result = s_get_bool(L, node, "unsignedPayload", &unsigned_payload);
    if (result)
        return result;
    if (auth) {
        first = auth->child;
        if (first && !cJSON_IsString(first)) {
            size_t mark = s_push(L, "auth");
            result = s_fail(L, SDKC_ERR_SPEC, "expected a list of strings, got %s in it",
                            sdkc_json_type_phrase(first));
            s_pop(L, mark);
            return result;
        }
        op->unauthenticated = !first || strcmp(first->valuestring, "smithy.api#noAuth") == 0;
        if (op->unauthenticated)
            op->auth_note = first ? "auth [smithy.api#noAuth]" : "auth []";
    } else if (authtype) {
        op->unauthenticated = strcmp(authtype, "none") == 0;
        if (op->unauthenticated)
            op->auth_note = "authtype none";
    }
    op->unsigned_payload =
        (authtype && strcmp(authtype, "v4-unsigned-body") == 0) || unsigned_payload;
    return SDKC_OK;
}

/* `httpChecksum` (botocore's form of Smithy aws.protocols#httpChecksum):
 * requestChecksumRequired, and requestAlgorithmMember, which must name an
 * input member (the codec reads the algorithm from it). Other keys
 * (requestValidationModeMember, responseAlgorithms) concern responses. */
static sdkc_result s_load_http_checksum(struct s_loader *L, struct sdkc_operation *op,
                                        const cJSON *node)
{
    const cJSON *hc;
    const char *member = NULL;
    int required = 0;
    sdkc_result result = s_get(L, node, "httpChecksum", cJSON_Object, 0, &hc);
    size_t mark, mark2;
    if (result || !hc)
        return result;
    mark = s_push(L, "httpChecksum");
    result = s_get_bool(L, hc, "requestChecksumRequired", &required);
    if (!result)
        result = s_get_str(L, hc, "requestAlgorithmMember", 0, &member);
    if (!result && required)
        op->checksum_required = 1;
    if (!result && member) {
        op->checksum_algorithm_member =
            op->input ? sdkc_shape_find_member(op->input, member) : NULL;
        if (!op->checksum_algorithm_member) {
            mark2 = s_push(L, "requestAlgorithmMember");
            result = s_fail(L, SDKC_ERR_SPEC, "no input member named \"%s\"", member);
            s_pop(L, mark2);
        }
    }
    s_pop(L, mark);
    return result;
}

/* `requestcompression: {"encodings": [...]}` (botocore's form of Smithy
 * @requestCompression): the encodings in model order; the codec applies
 * the first one it supports. */
static sdkc_result s_load_compression(struct s_loader *L, struct sdkc_operation *op,
                                      const cJSON *node)
{
    const cJSON *rc, *arr, *v;
    size_t n = 0, i, mark, mark2, mark3;
    sdkc_result result = s_get(L, node, "requestcompression", cJSON_Object, 0, &rc);
    if (result || !rc)
        return result;
    mark = s_push(L, "requestcompression");
    result = s_get(L, rc, "encodings", cJSON_Array, 1, &arr);
    if (result)
        goto done;
    mark2 = s_push(L, "encodings");
    for (v = arr->child; v; v = v->next)
        n++;
    if (n > SDKC_SPEC_MAX_ENCODINGS) {
        result = s_fail(L, SDKC_ERR_TOO_LARGE, "more than %d encodings (SDKC_SPEC_MAX_ENCODINGS)",
                        SDKC_SPEC_MAX_ENCODINGS);
    } else if (n) {
        op->compression_encodings = s_arena_array(L->spec->arena, n, sizeof(char *));
        if (!op->compression_encodings)
            result = s_nomem(L);
    }
    for (v = arr->child, i = 0; !result && v; v = v->next, i++) {
        if (!cJSON_IsString(v)) {
            mark3 = s_push_index(L, i);
            result =
                s_fail(L, SDKC_ERR_SPEC, "expected a string, got %s", sdkc_json_type_phrase(v));
            s_pop(L, mark3);
        } else if (!(op->compression_encodings[i] =
                         s_arena_strdup(L->spec->arena, v->valuestring))) {
            result = s_nomem(L);
        }
    }
    if (!result)
        op->compression_encoding_count = n;
    s_pop(L, mark2);
done:
    s_pop(L, mark);
    return result;
}

/* One operation; the path points at it (operations.Name). */
static sdkc_result s_load_operation(struct s_loader *L, struct sdkc_operation *op,
                                    const cJSON *node)
{
    const cJSON *http, *endpoint;
    const char *name = NULL;
    sdkc_result result;
    size_t mark;

    if (!cJSON_IsObject(node))
        return s_fail(L, SDKC_ERR_SPEC, "expected an object, got %s", sdkc_json_type_phrase(node));
    result = s_get_str(L, node, "name", 0, &name);
    if (result)
        return result;
    if (name && strcmp(name, op->name) != 0) {
        mark = s_push(L, "name");
        result = s_fail(L, SDKC_ERR_SPEC, "\"%s\" differs from the operation's key \"%s\"", name,
                        op->name);
        s_pop(L, mark);
        return result;
    }
    result = s_get(L, node, "http", cJSON_Object, 1, &http);
    if (result)
        return result;
    mark = s_push(L, "http");
    result = s_get_str(L, http, "method", 1, &op->http_method);
    if (!result && !op->http_method[0]) {
        size_t m2 = s_push(L, "method");
        result = s_fail(L, SDKC_ERR_SPEC, "empty HTTP method");
        s_pop(L, m2);
    }
    if (!result)
        result = s_get_str(L, http, "requestUri", 1, &op->request_uri);
    if (!result && op->request_uri[0] != '/') {
        size_t m2 = s_push(L, "requestUri");
        result = s_fail(L, SDKC_ERR_SPEC, "\"%s\" does not start with \"/\"", op->request_uri);
        s_pop(L, m2);
    }
    op->response_code = 200; /* botocore and Smithy @http default */
    if (!result)
        result = s_get_int(L, http, "responseCode", 100, 599, &op->response_code);
    s_pop(L, mark);
    if (!result)
        result = s_load_io(L, node, "input", &op->input);
    if (!result)
        result = s_load_io(L, node, "output", &op->output);
    if (!result)
        result = s_load_errors(L, op, node);
    if (!result)
        result = s_get_bool(L, node, "idempotent", &op->idempotent);
    if (!result)
        result = s_get(L, node, "endpoint", cJSON_Object, 0, &endpoint);
    if (!result && endpoint) {
        mark = s_push(L, "endpoint");
        result = s_get_str(L, endpoint, "hostPrefix", 0, &op->host_prefix);
        if (!result && op->host_prefix) {
            size_t mark2 = s_push(L, "hostPrefix");
            result = s_check_host_prefix(L, op);
            s_pop(L, mark2);
        }
        s_pop(L, mark);
    }
    if (!result)
        result = s_get_bool(L, node, "httpChecksumRequired", &op->checksum_required);
    if (!result)
        result = s_load_http_checksum(L, op, node);
    if (!result)
        result = s_load_compression(L, op, node);
    if (!result)
        result = s_load_auth(L, op, node);
    if (result)
        return result;
    mark = s_push(L, "http");
    s_push(L, "requestUri");
    result = s_check_labels(L, op);
    s_pop(L, mark);
    return result;
}

static sdkc_result s_load_operations(struct s_loader *L, const cJSON *root)
{
    struct sdkc_spec *spec = L->spec;
    const cJSON *ops;
    sdkc_result result = s_get(L, root, "operations", cJSON_Object, 1, &ops);
    size_t n = 0, i, mark, mark2;
    if (result)
        return result;
    mark = s_push(L, "operations");
    result = s_collect(L, ops, SDKC_SPEC_MAX_OPERATIONS, "operations", "SDKC_SPEC_MAX_OPERATIONS",
                       0, &L->top, &L->top_cap, &n);
    if (!result && n) {
        spec->operations = s_arena_array(spec->arena, n, sizeof(*spec->operations));
        if (!spec->operations)
            result = s_nomem(L);
    }
    for (i = 0; !result && i < n; i++) {
        spec->operations[i].name = s_arena_strdup(spec->arena, L->top[i].name);
        if (!spec->operations[i].name) {
            result = s_nomem(L);
            break;
        }
        mark2 = s_push(L, L->top[i].name);
        result = s_load_operation(L, &spec->operations[i], L->top[i].node);
        s_pop(L, mark2);
    }
    if (!result)
        spec->operation_count = n;
    s_pop(L, mark);
    return result;
}

/* ==== MARK: metadata ======================================================= */

static sdkc_result s_load_metadata(struct s_loader *L, const cJSON *root)
{
    struct sdkc_spec_metadata *md = &L->spec->metadata;
    const cJSON *meta, *protocols, *p;
    const char *first_listed = NULL;
    int listed_rest_json = 0;
    sdkc_result result = s_get(L, root, "metadata", cJSON_Object, 1, &meta);
    size_t i, mark, mark2;
    if (result)
        return result;
    mark = s_push(L, "metadata");
    result = s_get_str(L, meta, "protocol", 1, &md->protocol);
    if (!result)
        result = s_get(L, meta, "protocols", cJSON_Array, 0, &protocols);
    if (result)
        goto done;
    if (protocols) {
        mark2 = s_push(L, "protocols");
        for (p = protocols->child, i = 0; !result && p; p = p->next, i++) {
            size_t mark3 = s_push_index(L, i);
            if (!cJSON_IsString(p))
                result =
                    s_fail(L, SDKC_ERR_SPEC, "expected a string, got %s", sdkc_json_type_phrase(p));
            else if (strcmp(p->valuestring, "rest-json") == 0)
                listed_rest_json = 1;
            else if (!first_listed)
                first_listed = p->valuestring;
            s_pop(L, mark3);
        }
        s_pop(L, mark2);
        if (result)
            goto done;
    }
    result = s_get_str(L, meta, "apiVersion", 0, &md->api_version);
    if (!result)
        result = s_get_str(L, meta, "endpointPrefix", 0, &md->endpoint_prefix);
    if (!result)
        result = s_get_str(L, meta, "signingName", 0, &md->signing_name);
    if (!result)
        result = s_get_str(L, meta, "serviceId", 0, &md->service_id);
    if (!result)
        result = s_get_str(L, meta, "serviceFullName", 0, &md->service_full_name);
    if (!result)
        result = s_get_str(L, meta, "jsonVersion", 0, &md->json_version);
    if (!result)
        result = s_get_str(L, meta, "uid", 0, &md->uid);
    if (!result)
        result = s_get_str(L, meta, "signatureVersion", 0, &md->signature_version);
    if (result)
        goto done;
    if (!md->signing_name)
        md->signing_name = md->endpoint_prefix; /* botocore's default */

    /* botocore picks from `protocols` when the model has it, else uses
     * `protocol`; either way rest-json must be the one we can speak. */
    if (protocols ? !listed_rest_json : strcmp(md->protocol, "rest-json") != 0) {
        const char *svc = md->service_id          ? md->service_id
                          : md->service_full_name ? md->service_full_name
                          : md->endpoint_prefix   ? md->endpoint_prefix
                                                  : "(unnamed)";
        mark2 = s_push(L, protocols ? "protocols" : "protocol");
        result = s_fail(L, SDKC_ERR_UNSUPPORTED,
                        "service %s uses protocol '%s'; sdkconform supports rest-json", svc,
                        protocols && first_listed ? first_listed : md->protocol);
        s_pop(L, mark2);
        goto done;
    }
    md->protocol = "rest-json";
done:
    s_pop(L, mark);
    return result;
}

/* ==== MARK: public entry points ============================================ */

static sdkc_result s_collect_error_shapes(struct s_loader *L)
{
    struct sdkc_spec *spec = L->spec;
    size_t n = 0, i, j;
    for (i = 0; i < spec->shape_count; i++)
        if (spec->shapes[i].is_exception || spec->shapes[i].has_error_trait)
            n++;
    if (!n)
        return SDKC_OK;
    spec->error_shapes = s_arena_array(spec->arena, n, sizeof(*spec->error_shapes));
    if (!spec->error_shapes)
        return s_nomem(L);
    for (i = 0, j = 0; i < spec->shape_count; i++)
        if (spec->shapes[i].is_exception || spec->shapes[i].has_error_trait)
            spec->error_shapes[j++] = &spec->shapes[i];
    spec->error_shape_count = n;
    return SDKC_OK;
}

void sdkc_spec_destroy(struct sdkc_spec *spec)
{
    if (!spec)
        return;
    s_arena_destroy(spec->arena);
    sdkc_free(spec->text);
    sdkc_free(spec);
}

sdkc_result sdkc_spec_load_json(const cJSON *root, const char *source, struct sdkc_spec **out,
                                struct sdkc_error *err)
{
    struct s_loader L;
    struct sdkc_spec *spec = NULL;
    sdkc_result result;

    if (!out || !root)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "sdkc_spec_load_json: NULL argument");
    *out = NULL;
    memset(&L, 0, sizeof(L));
    L.err = err;
    L.source = source ? source : "(model)";

    spec = sdkc_calloc(1, sizeof(*spec));
    if (!spec)
        return s_nomem(&L);
    spec->arena = sdkc_calloc(1, sizeof(*spec->arena));
    if (!spec->arena) {
        result = s_nomem(&L);
        goto fail;
    }
    L.spec = spec;
    spec->source = s_arena_strdup(spec->arena, L.source);
    if (!spec->source) {
        result = s_nomem(&L);
        goto fail;
    }
    if (!cJSON_IsObject(root)) {
        result =
            s_fail(&L, SDKC_ERR_SPEC, "expected an object, got %s", sdkc_json_type_phrase(root));
        goto fail;
    }
    result = s_load_metadata(&L, root);
    if (!result)
        result = s_load_shapes(&L, root);
    if (!result)
        result = s_load_operations(&L, root);
    if (!result)
        result = s_collect_error_shapes(&L);
    if (result)
        goto fail;
    sdkc_free(L.top);
    sdkc_free(L.scratch);
    *out = spec;
    return SDKC_OK;
fail:
    sdkc_free(L.top);
    sdkc_free(L.scratch);
    sdkc_spec_destroy(spec);
    return result;
}

/* Rewrite a JSON syntax error as "<source>: line L, column C: msg" (msg
 * names the byte offset, which err->offset keeps too);
 * lines and columns count from 1, columns in bytes. */
static void s_syntax_error(struct sdkc_error *err, const char *source, const char *text, size_t len,
                           int inflated)
{
    char msg[SDKC_ERROR_MSG_MAX];
    size_t off, i, line = 1, col = 1;
    if (!err)
        return;
    memcpy(msg, err->msg, sizeof(msg));
    msg[sizeof(msg) - 1] = '\0';
    off = err->offset;
    if (off == SDKC_NO_OFFSET) {
        sdkc_error_set(err, err->code, SDKC_NO_OFFSET, "%s: %s", source, msg);
        return;
    }
    for (i = 0; i < off && i < len; i++) {
        if (text[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    /* core/json messages already say "at byte N"; do not say it twice. */
    if (strstr(msg, "byte"))
        sdkc_error_set(err, err->code, off, "%s: line %zu, column %zu%s: %s", source, line, col,
                       inflated ? " of the inflated model" : "", msg);
    else
        sdkc_error_set(err, err->code, off, "%s: byte %zu (line %zu, column %zu%s): %s", source,
                       off, line, col, inflated ? " of the inflated model" : "", msg);
}

/* from_file: data is the content of the file `source`; a plain one is
 * then named by its path rather than copied (struct sdkc_spec, plain_file). */
static sdkc_result s_load_mem(const char *data, size_t len, const char *source, int from_file,
                              struct sdkc_spec **out, struct sdkc_error *err)
{
    struct sdkc_buf raw;
    struct sdkc_json_limits limits = {SDKC_SPEC_MAX_BYTES, 0};
    const unsigned char *u = (const unsigned char *)data;
    const char *text = data;
    size_t text_len = len;
    int gz;
    cJSON *root = NULL;
    sdkc_result result = SDKC_OK;

    if (!out || (!data && len))
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "sdkc_spec_load_mem: NULL argument");
    *out = NULL;
    gz = len >= 2 && u[0] == 0x1f && u[1] == 0x8b; /* RFC 1952 §2.3.1 magic */
    if (!source)
        source = "(model)";
    sdkc_buf_init(&raw, SDKC_SPEC_MAX_BYTES);
    if (gz) {
        result = sdkc_buf_gunzip(&raw, data, len, err);
        if (result) {
            sdkc_error_prefix(err, "%s: ", source);
            goto fail;
        }
        text = raw.data ? raw.data : "";
        text_len = raw.len;
    } else if (len > SDKC_SPEC_MAX_BYTES) {
        result = sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                                "%s: %zu bytes, past the cap of %zu (SDKC_SPEC_MAX_BYTES)", source,
                                len, SDKC_SPEC_MAX_BYTES);
        goto fail;
    }
    result = sdkc_json_parse(text ? text : "", text_len, &limits, &root, err);
    if (result) {
        s_syntax_error(err, source, text, text_len, gz);
        goto fail;
    }
    result = sdkc_spec_load_json(root, source, out, err);
    if (result)
        goto fail;
    if (from_file && !gz) {
        (*out)->plain_file = 1;
    } else {
        /* sdkc_memdup of 0 bytes may be NULL: one byte more, NUL-ended. */
        (*out)->text = sdkc_malloc(text_len + 1);
        if (!(*out)->text) {
            sdkc_spec_destroy(*out);
            *out = NULL;
            result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
            goto fail;
        }
        if (text_len)
            memcpy((*out)->text, text, text_len);
        (*out)->text[text_len] = '\0';
        (*out)->text_len = text_len;
    }
fail:
    cJSON_Delete(root);
    sdkc_buf_clean_up(&raw);
    return result;
}

sdkc_result sdkc_spec_load_mem(const char *data, size_t len, const char *source,
                               struct sdkc_spec **out, struct sdkc_error *err)
{
    return s_load_mem(data, len, source, 0, out, err);
}

sdkc_result sdkc_spec_load_file(const char *path, struct sdkc_spec **out, struct sdkc_error *err)
{
    struct sdkc_buf raw;
    sdkc_result result;
    if (!out || !path)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "sdkc_spec_load_file: NULL argument");
    *out = NULL;
    /* The cap applies to the file as read too: a gzip file never inflates
     * to less than itself in practice. */
    sdkc_buf_init(&raw, SDKC_SPEC_MAX_BYTES);
    result = sdkc_buf_read_file(&raw, path, err);
    if (!result)
        result = s_load_mem(raw.data, raw.len, path, 1, out, err);
    sdkc_buf_clean_up(&raw);
    return result;
}

sdkc_result sdkc_spec_load_default(struct sdkc_spec **out, struct sdkc_error *err)
{
    return sdkc_spec_load_mem((const char *)sdkc_bundled_spec, sdkc_bundled_spec_len, "(bundled)",
                              out, err);
}
