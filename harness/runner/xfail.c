/* SPDX-License-Identifier: Apache-2.0
 * runner/xfail.c: the expected-failures file (format in xfail.h). */
#include "runner/xfail.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/hash.h"
#include "core/json.h"

void sdkc_xfail_destroy(struct sdkc_xfail *x)
{
    size_t i;
    if (!x)
        return;
    for (i = 0; i < x->count; i++)
        sdkc_free(x->entries[i].where);
    sdkc_free(x->entries);
    sdkc_free(x->slots);
    cJSON_Delete(x->root);
    sdkc_free(x->path);
    sdkc_free(x);
}

/* A required non-empty one-line string member of entry `e`. */
static sdkc_result s_text(const struct sdkc_xfail *x, const cJSON *e, const char *key,
                          const char *where, const char **out, struct sdkc_error *err)
{
    const cJSON *v = sdkc_json_get(e, key);
    if (!cJSON_IsString(v) || !v->valuestring || !*v->valuestring)
        return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                              "%s: %s.%s: expected a non-empty string", x->path, where, key);
    if (strchr(v->valuestring, '\n') || strchr(v->valuestring, '\r'))
        return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET, "%s: %s.%s: must be one line",
                              x->path, where, key);
    if (strlen(v->valuestring) > SDKC_XFAIL_MAX_TEXT)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                              "%s: %s.%s: longer than %d bytes", x->path, where, key,
                              SDKC_XFAIL_MAX_TEXT);
    *out = v->valuestring;
    return SDKC_OK;
}

sdkc_result sdkc_xfail_load(const char *path, struct sdkc_xfail **out, struct sdkc_error *err)
{
    struct sdkc_xfail *x = NULL;
    cJSON *root = NULL;
    const cJSON *impls, *fmt, *arr, *k;
    size_t total = 0;
    sdkc_result result;

    *out = NULL;
    if ((result = sdkc_json_parse_file(path, NULL, &root, err)))
        return result;
    x = sdkc_calloc(1, sizeof(*x));
    if (!x || !(x->path = sdkc_strdup(path))) {
        cJSON_Delete(root);
        sdkc_free(x);
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    }
    x->root = root;
    if (!cJSON_IsObject(root)) {
        result =
            sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET, "%s: $: expected an object", path);
        goto fail;
    }
    cJSON_ArrayForEach(k, root)
    {
        if (strcmp(k->string, "format") != 0 && strcmp(k->string, "impls") != 0 &&
            strcmp(k->string, "comment") != 0) {
            result = sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                    "%s: $.%s: unknown key (expected format, impls, comment)", path,
                                    k->string);
            goto fail;
        }
    }
    fmt = sdkc_json_get(root, "format");
    if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, SDKC_XFAIL_FORMAT) != 0) {
        result = sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                "%s: $.format: expected \"%s\"", path, SDKC_XFAIL_FORMAT);
        goto fail;
    }
    impls = sdkc_json_get(root, "impls");
    if (!cJSON_IsObject(impls)) {
        result = sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                "%s: $.impls: expected an object {impl: [entries]}", path);
        goto fail;
    }
    cJSON_ArrayForEach(arr, impls)
    {
        if (!cJSON_IsArray(arr)) {
            result =
                sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                               "%s: $.impls.%s: expected an array of entries", path, arr->string);
            goto fail;
        }
        total += (size_t)cJSON_GetArraySize(arr);
    }
    if (total > SDKC_XFAIL_MAX_ENTRIES) {
        result = sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                                "%s: more than %zu entries", path, (size_t)SDKC_XFAIL_MAX_ENTRIES);
        goto fail;
    }
    x->entries = sdkc_calloc(total ? total : 1, sizeof(*x->entries));
    x->slot_count = total * 2 + 1;
    x->slots = sdkc_calloc(x->slot_count, sizeof(*x->slots));
    if (!x->entries || !x->slots)
        goto nomem;

    cJSON_ArrayForEach(arr, impls)
    {
        const cJSON *e;
        size_t n = 0;
        cJSON_ArrayForEach(e, arr)
        {
            struct sdkc_xfail_entry *en = &x->entries[x->count];
            char where[512];
            size_t slot;
            snprintf(where, sizeof(where), "$.impls.%s[%zu]", arr->string, n++);
            if (!cJSON_IsObject(e)) {
                result = sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                        "%s: %s: expected an object {id, reason, evidence}", path,
                                        where);
                goto fail;
            }
            cJSON_ArrayForEach(k, e)
            {
                if (strcmp(k->string, "id") && strcmp(k->string, "reason") &&
                    strcmp(k->string, "evidence")) {
                    result = sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                            "%s: %s.%s: unknown key (expected id, reason, "
                                            "evidence)",
                                            path, where, k->string);
                    goto fail;
                }
            }
            en->impl = arr->string;
            if ((result = s_text(x, e, "id", where, &en->id, err)) ||
                (result = s_text(x, e, "reason", where, &en->reason, err)) ||
                (result = s_text(x, e, "evidence", where, &en->evidence, err)))
                goto fail;
            if (sdkc_xfail_find(x, en->impl, en->id)) {
                result = sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                        "%s: %s.id: \"%s\" is listed twice for %s", path, where,
                                        en->id, en->impl);
                goto fail;
            }
            if (!(en->where = sdkc_strdup(where)))
                goto nomem;
            slot = (size_t)(sdkc_fnv1a64_str(en->id) % x->slot_count);
            while (x->slots[slot])
                slot = (slot + 1) % x->slot_count;
            x->slots[slot] = x->count + 1;
            x->count++;
        }
    }
    *out = x;
    return SDKC_OK;

nomem:
    result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
fail:
    sdkc_xfail_destroy(x);
    return result;
}

const struct sdkc_xfail_entry *sdkc_xfail_find(const struct sdkc_xfail *x, const char *impl,
                                               const char *id)
{
    size_t slot;
    if (!x || !x->slot_count)
        return NULL;
    slot = (size_t)(sdkc_fnv1a64_str(id) % x->slot_count);
    while (x->slots[slot]) {
        const struct sdkc_xfail_entry *e = &x->entries[x->slots[slot] - 1];
        if (strcmp(e->id, id) == 0 && strcmp(e->impl, impl) == 0)
            return e;
        slot = (slot + 1) % x->slot_count;
    }
    return NULL;
}

void sdkc_xfail_mark_seen(struct sdkc_xfail *x, const char *id)
{
    size_t slot;
    if (!x || !x->slot_count)
        return;
    slot = (size_t)(sdkc_fnv1a64_str(id) % x->slot_count);
    while (x->slots[slot]) {
        struct sdkc_xfail_entry *e = &x->entries[x->slots[slot] - 1];
        if (strcmp(e->id, id) == 0)
            e->in_corpus = 1;
        slot = (slot + 1) % x->slot_count;
    }
}

sdkc_result sdkc_xfail_check_unknown(const struct sdkc_xfail *x, struct sdkc_error *err)
{
    size_t i;
    if (!x)
        return SDKC_OK;
    for (i = 0; i < x->count; i++)
        if (!x->entries[i].in_corpus)
            return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                  "%s: %s.id: \"%s\" is not a vector of this corpus (stale "
                                  "entry? remove it)",
                                  x->path, x->entries[i].where, x->entries[i].id);
    return SDKC_OK;
}

size_t sdkc_xfail_unused(const struct sdkc_xfail *x, const char *const *names, size_t n,
                         const struct sdkc_xfail_entry **out, size_t cap)
{
    size_t i, k, found = 0;
    if (!x)
        return 0;
    for (i = 0; i < x->count; i++) {
        for (k = 0; k < n && strcmp(names[k], x->entries[i].impl) != 0; k++)
            ;
        if (k < n)
            continue;
        if (found < cap)
            out[found] = &x->entries[i];
        found++;
    }
    return found;
}
