/* SPDX-License-Identifier: Apache-2.0
 *
 * impl/adapter_line.c: the pure parts of the adapter protocol
 * (harness/adapters/PROTOCOL.md): judging one answer line, showing bad
 * bytes, and pruning an output to the spec. No processes and no I/O, so
 * they are unit-tested and fuzzed directly (fuzz/adapter_line.c);
 * impl/adapter.c calls them on what the child process wrote.
 */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"
#include "impl/adapter.h"

/* ---- showing bytes ------------------------------------------------------- */

char *sdkc_adapter_show_bytes(const char *what, const char *bytes, size_t len)
{
    struct sdkc_buf b;
    size_t show = len > SDKC_ADAPTER_SHOW_BYTES ? SDKC_ADAPTER_SHOW_BYTES : len;
    size_t i;
    const char *w = what ? what : "line";
    sdkc_buf_init(&b, 0);
    /* `what` may quote adapter-chosen text (a mismatched id, a member
     * name): control bytes become '?' so the message stays one line. */
    for (; *w; w++)
        if (sdkc_buf_append_byte(&b, ((unsigned char)*w < 0x20 || *w == 0x7f) ? '?' : *w))
            goto fail;
    if (sdkc_buf_append(&b, ": ", 2))
        goto fail;
    /* Printable ASCII as is, everything else as \xNN, so a report shows
     * exactly which bytes came (invalid UTF-8 and NULs included). */
    if (sdkc_buf_append_byte(&b, '"'))
        goto fail;
    for (i = 0; i < show; i++) {
        unsigned char c = (unsigned char)bytes[i];
        sdkc_result result;
        if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"')
            result = sdkc_buf_append_byte(&b, (char)c);
        else
            result = sdkc_buf_appendf(&b, "\\x%02x", c);
        if (result)
            goto fail;
    }
    if (sdkc_buf_append_byte(&b, '"'))
        goto fail;
    if (show < len && sdkc_buf_appendf(&b, " (%zu more bytes)", len - show))
        goto fail;
    return sdkc_buf_steal(&b, NULL);
fail:
    sdkc_buf_clean_up(&b);
    return NULL;
}

/* ---- judging an answer line ------------------------------------------------ */

/* Set *problem to "what: <bytes>"; NOMEM when it cannot be built. */
static sdkc_result s_problem(char **problem, const char *what, const char *line, size_t len)
{
    *problem = sdkc_adapter_show_bytes(what, line, len);
    return *problem ? SDKC_OK : SDKC_ERR_NOMEM;
}

sdkc_result sdkc_adapter_parse_answer(const char *line, size_t len, const char *expected_id,
                                      cJSON **doc, char **problem)
{
    static const char *const keys[] = {"output", "error", "clientError"};
    struct sdkc_json_limits lim = {SDKC_ADAPTER_MAX_LINE_BYTES, SDKC_ADAPTER_MAX_DEPTH};
    struct sdkc_error perr;
    cJSON *parsed = NULL, *it, *found = NULL, *out = NULL;
    const cJSON *id;
    char what[SDKC_ERROR_MSG_MAX + 128];
    size_t i, members = 0;
    sdkc_result result;

    *doc = NULL;
    *problem = NULL;
    sdkc_error_init(&perr);
    if (len > 0 && line[len - 1] == '\r')
        len--; /* CRLF line ends are tolerated (PROTOCOL.md) */
    if (len > SDKC_ADAPTER_MAX_LINE_BYTES) {
        snprintf(what, sizeof(what), "adapter sent a line longer than %zu bytes; it starts",
                 (size_t)SDKC_ADAPTER_MAX_LINE_BYTES);
        return s_problem(problem, what, line, SDKC_ADAPTER_SHOW_BYTES);
    }
    result = sdkc_json_parse(line, len, &lim, &parsed, &perr);
    if (result == SDKC_ERR_NOMEM)
        return result;
    if (result) {
        if (strstr(perr.msg, "byte") || perr.offset == SDKC_NO_OFFSET)
            snprintf(what, sizeof(what), "adapter sent a line that is not JSON (%s)", perr.msg);
        else
            snprintf(what, sizeof(what), "adapter sent a line that is not JSON (%s at byte %zu)",
                     perr.msg, perr.offset);
        return s_problem(problem, what, line, len);
    }
    if (!cJSON_IsObject(parsed)) {
        result = s_problem(problem, "adapter sent a line that is not a JSON object", line, len);
        goto done;
    }
    id = sdkc_json_get(parsed, "id");
    if (!cJSON_IsString(id)) {
        snprintf(what, sizeof(what), "adapter answered vector %.100s without a string \"id\"",
                 expected_id ? expected_id : "?");
        result = s_problem(problem, what, line, len);
        goto done;
    }
    if (expected_id && strcmp(id->valuestring, expected_id) != 0) {
        snprintf(what, sizeof(what), "adapter answered id %.100s for vector %.100s",
                 id->valuestring, expected_id);
        result = s_problem(problem, what, line, len);
        goto done;
    }
    cJSON_ArrayForEach(it, parsed)
    {
        int known = 0;
        if (it->string && !strcmp(it->string, "id"))
            continue;
        for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
            if (it->string && !strcmp(it->string, keys[i]))
                known = 1;
        if (!known) {
            snprintf(what, sizeof(what),
                     "adapter answer has member \"%.60s\", which a result document does not",
                     it->string ? it->string : "");
            result = s_problem(problem, what, line, len);
            goto done;
        }
        members++;
        found = it;
    }
    /* An "output" of another type (42, a list, null) is still the SDK's
     * answer, relayed by an adapter that kept the protocol: it is the
     * client's result, compared with the vector's and failed with a diff at
     * $.output (verdict fail), not a broken protocol (verdict error).
     * error and clientError are the adapter's own framing and must be
     * objects (PROTOCOL.md message 4). */
    if (members != 1 || (!cJSON_IsObject(found) && strcmp(found->string, "output") != 0)) {
        result = s_problem(problem,
                           "adapter answer is not a result document (exactly one of output, "
                           "error, clientError; error and clientError as objects)",
                           line, len);
        goto done;
    }
    if (!strcmp(found->string, "clientError") && !cJSON_IsString(sdkc_json_get(found, "kind"))) {
        result = s_problem(problem, "adapter clientError has no string \"kind\"", line, len);
        goto done;
    }
    out = cJSON_CreateObject();
    if (!out) {
        result = SDKC_ERR_NOMEM;
        goto done;
    }
    /* Adding copies the key, which can fail: the detached member is then
     * freed with it. */
    it = cJSON_DetachItemViaPointer(parsed, found);
    if (!cJSON_AddItemToObject(out, it->string, it)) {
        cJSON_Delete(it);
        cJSON_Delete(out);
        result = SDKC_ERR_NOMEM;
        goto done;
    }
    *doc = out;
    result = SDKC_OK;
done:
    cJSON_Delete(parsed);
    return result;
}

/* ---- pruning an output to the spec -------------------------------------------- */

/* Note one change at `path`.`key` in notes. */
static sdkc_result s_note(struct sdkc_buf *notes, const char *what, const struct sdkc_buf *path,
                          const char *key)
{
    if (notes->len == 0 &&
        sdkc_buf_append_str(notes, "harness: the SDK returned members the spec does not know "
                                   "(its model may be newer); compared as this spec's client "
                                   "would see them:\n"))
        return SDKC_ERR_NOMEM;
    return sdkc_buf_appendf(notes, "  %s: %s.%s\n", what, path->data ? path->data : "$", key);
}

/* Walk `node` (a value of `shape`) and drop what the shape does not know.
 * path holds the JSON path of node; it is restored before returning. */
static sdkc_result s_prune(cJSON *node, const struct sdkc_shape *shape, struct sdkc_buf *path,
                           int depth, struct sdkc_buf *notes)
{
    size_t mark = path->len;
    sdkc_result result = SDKC_OK;
    cJSON *it, *next;
    if (!shape || !node || depth > SDKC_ADAPTER_MAX_PRUNE_DEPTH || shape->is_document)
        return SDKC_OK;
    switch (shape->type) {
    case SDKC_SHAPE_STRUCTURE:
        if (!cJSON_IsObject(node))
            return SDKC_OK; /* a type mismatch is for the comparison to show */
        for (it = node->child; it && !result; it = next) {
            const struct sdkc_member *m;
            next = it->next;
            if (!it->string)
                continue;
            if (shape->is_union && !strcmp(it->string, "SDK_UNKNOWN_MEMBER"))
                continue;
            m = sdkc_shape_find_member(shape, it->string);
            if (m) {
                result = sdkc_buf_appendf(path, ".%s", it->string);
                if (!result)
                    result = s_prune(it, m->shape, path, depth + 1, notes);
                path->len = mark;
                if (path->data)
                    path->data[mark] = '\0';
                continue;
            }
            if (shape->is_union) {
                /* A union tag this spec does not know stays for the
                 * comparison to see (DESIGN.md "Result document"): a client
                 * must report it as SDK_UNKNOWN_MEMBER, and rewriting it
                 * here would let a raw pass-through client pass the
                 * unknown-member vectors. Only structure members are
                 * pruned. */
                result =
                    s_note(notes, "kept (a union tag the spec does not know)", path, it->string);
                continue;
            }
            result = s_note(notes, "dropped", path, it->string);
            cJSON_Delete(cJSON_DetachItemViaPointer(node, it));
        }
        return result;
    case SDKC_SHAPE_LIST:
        if (!cJSON_IsArray(node) || !shape->list_member)
            return SDKC_OK;
        cJSON_ArrayForEach(it, node)
        {
            result = s_prune(it, shape->list_member->shape, path, depth + 1, notes);
            if (result)
                return result;
        }
        return SDKC_OK;
    case SDKC_SHAPE_MAP:
        if (!cJSON_IsObject(node) || !shape->map_value)
            return SDKC_OK;
        cJSON_ArrayForEach(it, node)
        {
            result = s_prune(it, shape->map_value->shape, path, depth + 1, notes);
            if (result)
                return result;
        }
        return SDKC_OK;
    default: return SDKC_OK;
    }
}

sdkc_result sdkc_adapter_prune_output(const struct sdkc_spec *spec, const char *operation,
                                      cJSON *doc, char **notes_out)
{
    const struct sdkc_operation *op;
    cJSON *out = sdkc_json_get(doc, "output");
    struct sdkc_buf path, notes;
    sdkc_result result;
    *notes_out = NULL;
    if (!spec || !operation || !out)
        return SDKC_OK;
    op = sdkc_spec_find_operation(spec, operation);
    if (!op || !op->output)
        return SDKC_OK;
    sdkc_buf_init(&path, 0);
    sdkc_buf_init(&notes, 0);
    result = sdkc_buf_append_str(&path, "$");
    if (!result)
        result = s_prune(out, op->output, &path, 0, &notes);
    if (!result && notes.len > 0) {
        *notes_out = sdkc_buf_steal(&notes, NULL);
        if (!*notes_out)
            result = SDKC_ERR_NOMEM;
    }
    sdkc_buf_clean_up(&path);
    sdkc_buf_clean_up(&notes);
    return result;
}
