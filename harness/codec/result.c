/* SPDX-License-Identifier: Apache-2.0
 *
 * codec/result.c: builders of the result document (DESIGN.md "Result
 * document"), the one canonical form of what a client call produced:
 *   {"output": {...}}
 *   {"error": {"code","message","modeled","httpStatus","fault","members"}}
 *   {"clientError": {"kind","message"}}
 *
 * Ownership: every builder returns a fresh tree the caller frees with
 * cJSON_Delete; NULL means an allocation failed and nothing was kept. Keys
 * are string literals added with cJSON_AddItemToObjectCS (no allocation,
 * static storage, so the document may outlive any spec).
 */
#include <string.h>

#include "codec/codec.h"
#include "core/alloc.h"

cJSON *sdkc_result_client_error(const char *kind, const char *msg)
{
    cJSON *doc = NULL, *inner = NULL, *item = NULL;

    doc = cJSON_CreateObject();
    inner = cJSON_CreateObject();
    if (!doc || !inner)
        goto fail;
    item = cJSON_CreateString(kind ? kind : "");
    if (!item || !cJSON_AddItemToObjectCS(inner, "kind", item))
        goto fail;
    item = cJSON_CreateString(msg ? msg : "");
    if (!item || !cJSON_AddItemToObjectCS(inner, "message", item))
        goto fail;
    item = NULL;
    if (!cJSON_AddItemToObjectCS(doc, "clientError", inner))
        goto fail;
    return doc;
fail:
    cJSON_Delete(item);
    cJSON_Delete(inner);
    cJSON_Delete(doc);
    return NULL;
}

cJSON *sdkc_result_output(cJSON *output)
{
    cJSON *doc;

    if (!output)
        return NULL;
    doc = cJSON_CreateObject();
    if (!doc || !cJSON_AddItemToObjectCS(doc, "output", output)) {
        cJSON_Delete(doc);
        cJSON_Delete(output);
        return NULL;
    }
    return doc;
}

const char *sdkc_result_kind(const cJSON *doc)
{
    if (!cJSON_IsObject(doc) || !doc->child || doc->child->next)
        return NULL;
    if (strcmp(doc->child->string, "output") == 0 || strcmp(doc->child->string, "error") == 0 ||
        strcmp(doc->child->string, "clientError") == 0)
        return doc->child->string;
    return NULL;
}
