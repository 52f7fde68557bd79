/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/import.c: protocol-test files -> corpus folders (import.h).
 *
 * Ownership: every tree built here is owned by the function that created
 * it until it is linked into its parent; a suite's vectors array and model
 * are printed into the output's files and freed before the next suite, so
 * memory is that of one suite.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/base64.h"
#include "core/buf.h"
#include "core/json.h"
#include "spec/spec.h"
#include "vectors/import.h"

struct s_imp {
    const char *source;
    struct sdkc_error *err;
    char path[256]; /* JSON path of what is being read, for messages */
};

static sdkc_result s_bad(struct s_imp *im, const char *what)
{
    return sdkc_error_set(im->err, SDKC_ERR_PARSE, SDKC_NO_OFFSET, "%s: %s: %s", im->source,
                          im->path, what);
}

static sdkc_result s_nomem(struct s_imp *im)
{
    return sdkc_error_set(im->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
}

/* Link item into obj under key; frees item when that fails. */
static int s_put(cJSON *obj, const char *key, cJSON *item)
{
    if (!item)
        return 0;
    if (!cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        return 0;
    }
    return 1;
}

static int s_push(cJSON *arr, cJSON *item)
{
    if (!item)
        return 0;
    if (!cJSON_AddItemToArray(arr, item)) {
        cJSON_Delete(item);
        return 0;
    }
    return 1;
}

/* The folder name of a suite: its index, then the operation named in the
 * description ("Test cases for X operation"), else the first case's
 * operation, kept to id-safe characters. */
static sdkc_result s_suite_dir(const cJSON *suite, size_t index, const char *kind,
                               struct sdkc_buf *b)
{
    const cJSON *desc = sdkc_json_get(suite, "description");
    const cJSON *cases = sdkc_json_get(suite, "cases");
    const char *name = NULL;
    size_t n = 0, i;
    sdkc_result result;
    if (cJSON_IsString(desc) && strncmp(desc->valuestring, "Test cases for ", 15) == 0) {
        const char *sp;
        name = desc->valuestring + 15;
        sp = strchr(name, ' ');
        n = sp ? (size_t)(sp - name) : strlen(name);
    }
    if (!n && cases && cases->child) {
        const cJSON *op = sdkc_json_get(sdkc_json_get(cases->child, "given"), "name");
        if (cJSON_IsString(op)) {
            name = op->valuestring;
            n = strlen(name);
        }
    }
    if ((result = sdkc_buf_appendf(b, "%s/%02zu-", kind, index)))
        return result;
    for (i = 0; i < n && i < 64; i++) {
        unsigned char c = (unsigned char)name[i];
        if ((result = sdkc_buf_append_byte(b, isalnum(c) || c == '_' || c == '-' ? (char)c : '_')))
            return result;
    }
    return n ? SDKC_OK : sdkc_buf_append_str(b, "suite");
}

/* The suite's model: metadata (with the names a model needs), every case's
 * `given` operation by name (first wins: cases of one suite share it), and
 * the shapes. */
static sdkc_result s_suite_model(struct s_imp *im, const cJSON *suite, cJSON **out)
{
    const cJSON *md = sdkc_json_get(suite, "metadata"), *shapes = sdkc_json_get(suite, "shapes");
    const cJSON *cases = sdkc_json_get(suite, "cases"), *c;
    cJSON *model = NULL, *meta = NULL, *ops = NULL;
    *out = NULL;
    if (!cJSON_IsObject(md) || !cJSON_IsObject(shapes) || !cJSON_IsArray(cases))
        return s_bad(im, "a suite needs \"metadata\" and \"shapes\" objects and a \"cases\" array");
    if (!(model = cJSON_CreateObject()) || !(meta = cJSON_Duplicate(md, 1)))
        goto nomem;
    if (!s_put(model, "metadata", meta))
        goto nomem;
    /* Not in the test files; any fixed value serves (protocol-tests README). */
    if ((!sdkc_json_get(meta, "serviceId") &&
         !s_put(meta, "serviceId", cJSON_CreateString("RestJsonProtocol"))) ||
        (!sdkc_json_get(meta, "endpointPrefix") &&
         !s_put(meta, "endpointPrefix", cJSON_CreateString("restjson"))) ||
        (!sdkc_json_get(meta, "signingName") &&
         !s_put(meta, "signingName", cJSON_CreateString("restjson"))) ||
        (!sdkc_json_get(meta, "signatureVersion") &&
         !s_put(meta, "signatureVersion", cJSON_CreateString("v4"))))
        goto nomem;
    if (!(ops = cJSON_AddObjectToObject(model, "operations")))
        goto nomem;
    cJSON_ArrayForEach(c, cases)
    {
        const cJSON *given = sdkc_json_get(c, "given");
        const cJSON *name = sdkc_json_get(given, "name");
        if (!cJSON_IsObject(given) || !cJSON_IsString(name) || !name->valuestring[0]) {
            cJSON_Delete(model);
            return s_bad(im, "a case needs a \"given\" operation with a \"name\"");
        }
        if (sdkc_json_get(ops, name->valuestring))
            continue;
        if (!s_put(ops, name->valuestring, cJSON_Duplicate(given, 1)))
            goto nomem;
    }
    if (!s_put(model, "shapes", cJSON_Duplicate(shapes, 1)))
        goto nomem;
    *out = model;
    return SDKC_OK;
nomem:
    cJSON_Delete(model);
    return s_nomem(im);
}

/* One line of at most SDKC_IMPORT_MAX_TITLE bytes: runs of white space
 * become one space (descriptions span lines). */
static cJSON *s_title(const cJSON *c, const char *id)
{
    const cJSON *d = sdkc_json_get(c, "description");
    const char *s = cJSON_IsString(d) && d->valuestring[0] ? d->valuestring : id;
    char out[SDKC_IMPORT_MAX_TITLE + 1];
    size_t n = 0;
    int space = 0;
    for (; *s && n < SDKC_IMPORT_MAX_TITLE; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            space = n > 0;
            continue;
        }
        if (ch < 0x20)
            continue;
        if (space) {
            if (n + 1 >= SDKC_IMPORT_MAX_TITLE)
                break; /* no room for the space and a character after it */
            out[n++] = ' ';
        }
        space = 0;
        out[n++] = (char)ch;
    }
    out[n] = '\0';
    return cJSON_CreateString(out);
}

/* Expected output values: botocore's files hold blobs as text, result
 * documents hold them as base64 (DESIGN.md); walk the shape to convert. */
static sdkc_result s_expect_value(const struct sdkc_shape *s, const cJSON *v, int depth,
                                  cJSON **out)
{
    const cJSON *it;
    cJSON *copy;
    *out = NULL;
    if (depth > SDKC_IMPORT_MAX_DEPTH)
        return SDKC_ERR_TOO_DEEP;
    if (s && s->type == SDKC_SHAPE_BLOB && cJSON_IsString(v)) {
        struct sdkc_buf b;
        sdkc_result result;
        sdkc_buf_init(&b, 0);
        result = sdkc_base64_encode(&b, v->valuestring, strlen(v->valuestring));
        if (!result)
            *out = cJSON_CreateString(b.data ? b.data : "");
        sdkc_buf_clean_up(&b);
        return result ? result : *out ? SDKC_OK : SDKC_ERR_NOMEM;
    }
    if (!s || s->is_document ||
        !((s->type == SDKC_SHAPE_STRUCTURE && cJSON_IsObject(v)) ||
          (s->type == SDKC_SHAPE_MAP && cJSON_IsObject(v)) ||
          (s->type == SDKC_SHAPE_LIST && cJSON_IsArray(v)))) {
        *out = cJSON_Duplicate(v, 1);
        return *out ? SDKC_OK : SDKC_ERR_NOMEM;
    }
    copy = cJSON_IsArray(v) ? cJSON_CreateArray() : cJSON_CreateObject();
    if (!copy)
        return SDKC_ERR_NOMEM;
    cJSON_ArrayForEach(it, v)
    {
        const struct sdkc_shape *sub = NULL;
        cJSON *child = NULL;
        sdkc_result result;
        if (s->type == SDKC_SHAPE_LIST)
            sub = s->list_member ? s->list_member->shape : NULL;
        else if (s->type == SDKC_SHAPE_MAP)
            sub = s->map_value ? s->map_value->shape : NULL;
        else {
            const struct sdkc_member *m = sdkc_shape_find_member(s, it->string);
            sub = m ? m->shape : NULL;
        }
        if ((result = s_expect_value(sub, it, depth + 1, &child))) {
            cJSON_Delete(copy);
            return result;
        }
        if (!(cJSON_IsArray(copy) ? s_push(copy, child) : s_put(copy, it->string, child))) {
            cJSON_Delete(copy);
            return SDKC_ERR_NOMEM;
        }
    }
    *out = copy;
    return SDKC_OK;
}

static int s_is_json_media(const char *ct)
{
    return ct && (strstr(ct, "json") != NULL);
}

/* "body" / "bodyText" / nothing for a serialized body (import.h rules). */
static sdkc_result s_request_body(const cJSON *ser, cJSON *req)
{
    const cJSON *body = sdkc_json_get(ser, "body"), *headers = sdkc_json_get(ser, "headers"), *h;
    const char *ct = NULL;
    struct sdkc_error perr;
    cJSON *parsed = NULL;
    if (!cJSON_IsString(body))
        return SDKC_OK; /* not given: not checked */
    if (body->valuestring[0] == '\0')
        return s_put(req, "body", cJSON_CreateNull()) ? SDKC_OK : SDKC_ERR_NOMEM;
    cJSON_ArrayForEach(h, headers)
    {
        if (h->string && strcasecmp(h->string, "Content-Type") == 0 && cJSON_IsString(h))
            ct = h->valuestring;
    }
    sdkc_error_init(&perr);
    if ((!ct || s_is_json_media(ct)) &&
        sdkc_json_parse(body->valuestring, strlen(body->valuestring), NULL, &parsed, &perr) ==
            SDKC_OK)
        return s_put(req, "body", parsed) ? SDKC_OK : SDKC_ERR_NOMEM;
    return s_put(req, "bodyText", cJSON_CreateString(body->valuestring)) ? SDKC_OK : SDKC_ERR_NOMEM;
}

/* serialized -> the vector's "request" (and its "endpoint"). */
static sdkc_result s_request(struct s_imp *im, const cJSON *ser, cJSON *vec)
{
    const cJSON *method = sdkc_json_get(ser, "method"), *uri = sdkc_json_get(ser, "uri");
    const cJSON *host = sdkc_json_get(ser, "host"), *v;
    cJSON *req = NULL, *hx = NULL;
    const char *q;
    char *path = NULL;
    sdkc_result result = SDKC_ERR_NOMEM;
    if (!cJSON_IsString(method) || !cJSON_IsString(uri) || uri->valuestring[0] != '/')
        return s_bad(im, "serialized needs a \"method\" and a \"uri\" starting with '/'");
    if (!(req = cJSON_CreateObject()) ||
        !s_put(req, "method", cJSON_CreateString(method->valuestring)))
        goto fail;
    q = strchr(uri->valuestring, '?');
    if (!(path = sdkc_strndup(uri->valuestring,
                              q ? (size_t)(q - uri->valuestring) : strlen(uri->valuestring))) ||
        !s_put(req, "path", cJSON_CreateString(path)) ||
        !s_put(req, "rawQuery", cJSON_CreateString(q ? q + 1 : "")))
        goto fail;
    if (cJSON_IsString(host) && host->valuestring[0]) {
        /* "example.com/custom": the endpoint has a path; "foo.example.com":
         * a hostPrefix applied to https://example.com (import.h). */
        const char *slash = strchr(host->valuestring, '/');
        struct sdkc_buf ep;
        char *h = sdkc_strndup(host->valuestring, slash ? (size_t)(slash - host->valuestring)
                                                        : strlen(host->valuestring));
        int ok;
        sdkc_buf_init(&ep, 0);
        ok = h && !sdkc_buf_appendf(&ep, "%s%s", SDKC_IMPORT_ENDPOINT, slash ? slash : "") &&
             s_put(req, "host", cJSON_CreateString(h)) &&
             s_put(vec, "endpoint", cJSON_CreateString(ep.data));
        sdkc_free(h);
        sdkc_buf_clean_up(&ep);
        if (!ok)
            goto fail;
    }
    if ((v = sdkc_json_get(ser, "headers")) || sdkc_json_get(ser, "forbidHeaders") ||
        sdkc_json_get(ser, "requireHeaders")) {
        if (!(hx = cJSON_CreateObject()))
            goto fail;
        if (v && !s_put(hx, "equal", cJSON_Duplicate(v, 1)))
            goto fail;
        if ((v = sdkc_json_get(ser, "forbidHeaders")) &&
            !s_put(hx, "forbidden", cJSON_Duplicate(v, 1)))
            goto fail;
        if ((v = sdkc_json_get(ser, "requireHeaders")) &&
            !s_put(hx, "required", cJSON_Duplicate(v, 1)))
            goto fail;
        if (!s_put(req, "headers", hx)) {
            hx = NULL;
            goto fail;
        }
        hx = NULL;
    }
    if ((result = s_request_body(ser, req)))
        goto fail;
    sdkc_free(path);
    return s_put(vec, "request", req) ? SDKC_OK : s_nomem(im);
fail:
    sdkc_free(path);
    cJSON_Delete(hx);
    cJSON_Delete(req);
    return result == SDKC_ERR_NOMEM ? s_nomem(im) : result;
}

/* response -> the vector's "response" and "expect". */
static sdkc_result s_response(struct s_imp *im, const struct sdkc_spec *spec,
                              const struct sdkc_operation *op, const cJSON *c, cJSON *vec)
{
    const cJSON *resp = sdkc_json_get(c, "response");
    const cJSON *status = sdkc_json_get(resp, "status_code"), *v;
    cJSON *r = NULL, *doc = NULL, *inner = NULL, *value = NULL;
    sdkc_result result = SDKC_ERR_NOMEM;
    if (!cJSON_IsObject(resp) || !cJSON_IsNumber(status) || status->valuedouble < 100 ||
        status->valuedouble > 599)
        return s_bad(im, "response needs a status_code from 100 to 599");
    if (!(r = cJSON_CreateObject()) || !s_put(r, "status", cJSON_CreateNumber(status->valuedouble)))
        goto fail;
    if ((v = sdkc_json_get(resp, "headers")) && !s_put(r, "headers", cJSON_Duplicate(v, 1)))
        goto fail;
    if ((v = sdkc_json_get(resp, "body")) && cJSON_IsString(v) && v->valuestring[0] &&
        !s_put(r, "body", cJSON_Duplicate(v, 1)))
        goto fail;
    if (!s_put(vec, "response", r)) {
        r = NULL;
        goto fail;
    }
    r = NULL;
    if (!(doc = cJSON_CreateObject()))
        goto fail;
    if ((v = sdkc_json_get(c, "errorCode")) != NULL) {
        const struct sdkc_shape *es;
        const cJSON *msg = sdkc_json_get(c, "errorMessage"), *members = sdkc_json_get(c, "error");
        cJSON *m = NULL, *it;
        if (!cJSON_IsString(v)) {
            cJSON_Delete(doc);
            return s_bad(im, "errorCode must be a string");
        }
        es = sdkc_spec_find_error(spec, v->valuestring);
        if (!(inner = cJSON_CreateObject()) || !s_put(doc, "error", inner))
            goto fail;
        if (!s_put(inner, "code", cJSON_CreateString(v->valuestring)) ||
            (cJSON_IsString(msg) &&
             !s_put(inner, "message", cJSON_CreateString(msg->valuestring))) ||
            !s_put(inner, "modeled", cJSON_CreateBool(es != NULL)) ||
            !s_put(inner, "httpStatus", cJSON_CreateNumber(status->valuedouble)) ||
            !s_put(inner, "fault",
                   cJSON_CreateString((es ? es->fault : status->valuedouble >= 500) ? "server"
                                                                                    : "client")))
            goto fail;
        /* The modeled members besides the message (DESIGN.md). */
        cJSON_ArrayForEach(it, members)
        {
            const struct sdkc_member *mm = es ? sdkc_shape_find_member(es, it->string) : NULL;
            if (strcasecmp(it->string, "message") == 0)
                continue;
            if (!m && (!(m = cJSON_CreateObject()) || !s_put(inner, "members", m)))
                goto fail;
            if ((result = s_expect_value(mm ? mm->shape : NULL, it, 0, &value)))
                goto fail;
            if (!s_put(m, it->string, value)) {
                value = NULL;
                result = SDKC_ERR_NOMEM;
                goto fail;
            }
            value = NULL;
        }
    } else {
        const cJSON *res = sdkc_json_get(c, "result");
        if (res && !cJSON_IsObject(res)) {
            cJSON_Delete(doc);
            return s_bad(im, "result must be an object");
        }
        if (res) {
            if ((result = s_expect_value(op->output, res, 0, &value)))
                goto fail;
        } else if (!(value = cJSON_CreateObject())) {
            goto fail;
        }
        if (!s_put(doc, "output", value)) {
            value = NULL;
            result = SDKC_ERR_NOMEM;
            goto fail;
        }
        value = NULL;
    }
    return s_put(vec, "expect", doc) ? SDKC_OK : s_nomem(im);
fail:
    cJSON_Delete(value);
    cJSON_Delete(r);
    cJSON_Delete(doc);
    if (result == SDKC_ERR_TOO_DEEP)
        return s_bad(im, "expected value nested too deep");
    return s_nomem(im);
}

static sdkc_result s_case(struct s_imp *im, const struct sdkc_spec *spec, const cJSON *c, size_t si,
                          size_t ci, cJSON *vectors)
{
    const cJSON *id = sdkc_json_get(c, "id"), *given = sdkc_json_get(c, "given");
    const cJSON *params = sdkc_json_get(c, "params"), *ser = sdkc_json_get(c, "serialized");
    const struct sdkc_operation *op;
    const char *kind = ser ? "request" : "response";
    cJSON *vec = NULL, *refs = NULL, *tags = NULL;
    struct sdkc_buf b;
    sdkc_result result;
    if (!cJSON_IsString(id) || !id->valuestring[0])
        return s_bad(im, "a case needs a non-empty \"id\"");
    op = sdkc_spec_find_operation(spec, sdkc_json_get(given, "name")->valuestring);
    if (!op)
        return s_bad(im, "the case's operation is not in the suite model");
    if (!ser && !sdkc_json_get(c, "response"))
        return s_bad(im, "a case needs \"serialized\" (request) or \"response\"");
    if (params && !cJSON_IsObject(params))
        return s_bad(im, "params must be an object");
    sdkc_buf_init(&b, 0);
    if (!(vec = cJSON_CreateObject()) ||
        sdkc_buf_appendf(&b, "smithy.%s.%s", kind, id->valuestring) ||
        !s_put(vec, "id", cJSON_CreateString(b.data)) ||
        !s_put(vec, "title", s_title(c, id->valuestring)) ||
        !s_put(vec, "level", cJSON_CreateString("MUST")) || !(refs = cJSON_CreateArray()) ||
        !s_put(vec, "refs", refs))
        goto nomem;
    sdkc_buf_reset(&b);
    if (sdkc_buf_appendf(&b, "smithy:%s", id->valuestring) ||
        !s_push(refs, cJSON_CreateString(b.data)))
        goto nomem;
    sdkc_buf_reset(&b);
    if (sdkc_buf_appendf(&b, "botocore:%s#%zu.%zu", im->source, si, ci) ||
        !s_push(refs, cJSON_CreateString(b.data)) || !(tags = cJSON_CreateArray()) ||
        !s_put(vec, "tags", tags) || !s_push(tags, cJSON_CreateString("protocol-tests")) ||
        !s_push(tags, cJSON_CreateString(kind)) ||
        !s_put(vec, "operation", cJSON_CreateString(op->name)) ||
        !s_put(vec, "params", params ? cJSON_Duplicate(params, 1) : cJSON_CreateObject()))
        goto nomem;
    result = ser ? s_request(im, ser, vec) : s_response(im, spec, op, c, vec);
    if (result) {
        cJSON_Delete(vec);
        sdkc_buf_clean_up(&b);
        return result;
    }
    sdkc_buf_clean_up(&b);
    return s_push(vectors, vec) ? SDKC_OK : s_nomem(im);
nomem:
    cJSON_Delete(vec);
    sdkc_buf_clean_up(&b);
    return s_nomem(im);
}

sdkc_result sdkc_import_protocol_tests(const cJSON *root, const char *source,
                                       struct sdkc_gen_output *out, struct sdkc_error *err)
{
    struct s_imp im;
    const cJSON *suite;
    size_t si = 0, total = 0;
    sdkc_result result = SDKC_OK;
    memset(&im, 0, sizeof(im));
    im.source = source ? source : "(protocol tests)";
    im.err = err;
    snprintf(im.path, sizeof(im.path), "$");
    if (!cJSON_IsArray(root))
        return s_bad(&im, "expected an array of suites");
    for (suite = root->child; suite && !result; suite = suite->next, si++) {
        cJSON *model = NULL, *vectors = NULL, *file = NULL;
        struct sdkc_spec *spec = NULL;
        struct sdkc_buf dir, p;
        const cJSON *c;
        size_t ci = 0;
        snprintf(im.path, sizeof(im.path), "$[%zu]", si);
        if (si >= SDKC_IMPORT_MAX_SUITES)
            return s_bad(&im, "more suites than sdkconform imports from one file");
        if (!cJSON_IsObject(suite))
            return s_bad(&im, "expected a suite object");
        if ((result = s_suite_model(&im, suite, &model)))
            return result;
        if ((result = sdkc_spec_load_json(model, im.path, &spec, err))) {
            cJSON_Delete(model);
            sdkc_error_prefix(err, "%s: the suite's model: ", im.source);
            return result;
        }
        sdkc_buf_init(&dir, 0);
        sdkc_buf_init(&p, 0);
        if (!(vectors = cJSON_CreateArray()))
            result = s_nomem(&im);
        cJSON_ArrayForEach(c, sdkc_json_get(suite, "cases"))
        {
            if (result)
                break;
            snprintf(im.path, sizeof(im.path), "$[%zu].cases[%zu]", si, ci);
            if (++total > SDKC_IMPORT_MAX_CASES)
                result = s_bad(&im, "more cases than sdkconform imports from one file");
            else
                result = s_case(&im, spec, c, si, ci, vectors);
            ci++;
        }
        if (!result && vectors->child) {
            const char *kind = sdkc_json_get(vectors->child, "request") ? "request" : "response";
            if (s_suite_dir(suite, si, kind, &dir) ||
                sdkc_buf_appendf(&p, "%s/service-2.json", dir.data) ||
                sdkc_gen_output_add_json(out, p.data, model))
                result = s_nomem(&im);
            sdkc_buf_reset(&p);
            if (!result && (!(file = cJSON_CreateObject()) ||
                            !cJSON_AddItemToObject(file, "vectors", vectors) ||
                            sdkc_buf_appendf(&p, "%s/vectors.json", dir.data) ||
                            sdkc_gen_output_add_json(out, p.data, file)))
                result = s_nomem(&im);
            if (file && sdkc_json_get(file, "vectors") == vectors)
                vectors = NULL; /* owned by file now */
            if (!result)
                out->vector_count += (size_t)cJSON_GetArraySize(sdkc_json_get(file, "vectors"));
        }
        cJSON_Delete(file);
        cJSON_Delete(vectors);
        cJSON_Delete(model);
        sdkc_spec_destroy(spec);
        sdkc_buf_clean_up(&dir);
        sdkc_buf_clean_up(&p);
    }
    return result;
}
