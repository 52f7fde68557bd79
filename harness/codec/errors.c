/* SPDX-License-Identifier: Apache-2.0
 *
 * codec/errors.c: rest-json error resolution (status >= 300) into the
 * result document
 * {"error": {"code","message","modeled","httpStatus","fault","members"}}.
 *
 * Rules, each with its source (notes = docs/restjson-conformance-notes.md):
 *
 *  1. Which responses are errors: every status >= 300 (notes §3.1: botocore's
 *     client raises for >= 300; Smithy http-bindings: 2xx is success). The
 *     caller (sdkc_codec_decode) sends 2xx to the output decoder and anything
 *     below 200 to a clientError.
 *  2. Where the code comes from, first hit wins: the X-Amzn-Errortype header
 *     (name matched case-insensitively, RFC 9110 §5.1), then the top-level
 *     body member `code`, then the top-level body member `__type`
 *     (aws-restjson1-protocol.rst "Operation error serialization": clients
 *     MUST accept all three; the precedence header > code > __type is the
 *     RestJsonFooErrorUsingCode documentation and botocore
 *     RestJSONParser._inject_error_code, notes §1.3, §3.1). Nested `__type`
 *     keys are never read (RestJsonFooErrorWithNestedTypeProperty). Body
 *     members that are not JSON strings are ignored (botocore passes a
 *     numeric `code` through as a number; a result document code is always
 *     a string).
 *  3. Sanitizing (aws-restjson1-protocol.rst): keep what precedes the first
 *     ':', then, if a '#' remains, keep what follows the FIRST '#'. botocore
 *     uses rsplit (the last '#'); the two differ only for codes holding
 *     several '#', where we follow the Smithy text. A code that sanitizes to
 *     the empty string counts as absent and the next source is tried
 *     (botocore keeps an empty header value as code ""; we do not, so an
 *     empty header cannot hide a code in the body). Codes longer than
 *     SDKC_CODEC_MAX_ERROR_CODE bytes are truncated.
 *  4. The HTTP status never picks the error (every Smithy FooError test
 *     uses 500; notes §3.1 verified a 404 with ValidationException).
 *  5. Lookup: first among the operation's errors, then among every error
 *     shape of the service (botocore errorfactory looks across the whole
 *     service, notes §3.1: ConflictException for CreateUserProfile). A shape
 *     matches by its name or by its error.code. Found: modeled true and the
 *     code is the SHAPE NAME (the exception type a generated SDK raises);
 *     not found: modeled false and the sanitized code as sent (botocore
 *     legacy rest-json output #13 case 5: an unmodeled code passes through).
 *  6. No code at all (no header, no usable body member): modeled false and
 *     the `code` key is ABSENT (the result document omits what is absent;
 *     botocore would report str(status), which httpStatus already carries).
 *  7. httpStatus is always the status received, whatever the model says.
 *  8. message: top-level body `message`, else `Message` (botocore
 *     BaseJSONParser._do_error_parse), when it is a JSON string; otherwise
 *     the key is absent. A body that is empty, not JSON (an HTML 5xx page),
 *     or JSON but not an object still yields an error document: the header
 *     alone identifies the error (RestJsonFooErrorUsingXAmznErrorType). We
 *     follow Smithy here, not botocore's "5xx with an empty or HTML body is
 *     a generic error named after the status" (notes §3.1 branch 1).
 *  9. fault: for a modeled error what the model says
 *     (sdkc_shape_error_fault: `fault: true`, else senderFault, else the
 *     modeled httpStatusCode); for an unmodeled one, from the status: 5xx
 *     and up "server", else "client".
 * 10. members, last in the document (code, message, modeled, httpStatus,
 *     fault, members): for a modeled error, the error shape's members other
 *     than its message (rule 8; "message" case-insensitively, by member or
 *     wire name), decoded with the shape's own bindings exactly as an
 *     output is (codec/decode.c; aws-restjson1-protocol.rst "Error
 *     responses ... are serialized identically to standard responses"):
 *     body members by wire name, `header`/`headers` members from the
 *     response headers, `statusCode` members from the status, an
 *     httpPayload member from the whole body (RestJsonComplexErrorWithNoMessage:
 *     Header from X-Header, TopLevel, Nested from {"Fooooo":..}; botocore
 *     legacy output #13 case 0: a statusCode member). The key is present
 *     only when at least one member was set (RestJsonEmptyComplexErrorWithNoMessage:
 *     absent), so DataZone's errors, which only model `message`, never
 *     carry it. A body that is not a JSON object still yields the error
 *     (rule 8) with its bound members only. A member that IS present but
 *     does not fit its shape turns the result into clientError
 *     "deserialization" ("modeled error <Shape>: at $.<path>: ..."): the
 *     client cannot build the modeled exception, the same rule as for an
 *     output member; the AWS SDK for JavaScript v3's error de-serializers
 *     throw there too (botocore checks no types on output and would pass
 *     the value through). Unmodeled errors have no members.
 */
#include <stdio.h>
#include <string.h>

#include "codec/codec.h"
#include "core/alloc.h"
#include "core/json.h"

/* Look a sanitized code up among the operation's errors, by shape name or
 * error.code (rule 5). */
static const struct sdkc_shape *s_find_op_error(const struct sdkc_operation *op, const char *code)
{
    size_t i;
    if (!op)
        return NULL;
    for (i = 0; i < op->error_count; i++) {
        const struct sdkc_shape *s = op->errors[i];
        if (!s)
            continue;
        if (strcmp(s->name, code) == 0 || (s->error_code && strcmp(s->error_code, code) == 0))
            return s;
    }
    return NULL;
}

/* tree: raw is a string of the parsed body (core/json.h: U+0000 is held as
 * SDKC_JSON_NUL), not the raw bytes of a header. */
static void s_sanitize(const char *raw, size_t raw_len, char *out, size_t out_size, int tree)
{
    const char *colon, *hash, *nul;
    size_t n;

    if (!out || out_size == 0)
        return;
    out[0] = '\0';
    if (!raw)
        return;
    /* A C string cannot carry NUL: stop there (a header value never holds
     * one; a body string holds U+0000 as SDKC_JSON_NUL, core/json.h). */
    nul = memchr(raw, '\0', raw_len);
    if (nul)
        raw_len = (size_t)(nul - raw);
    colon = memchr(raw, ':', raw_len);
    if (colon)
        raw_len = (size_t)(colon - raw);
    hash = memchr(raw, '#', raw_len);
    if (hash) {
        raw_len -= (size_t)(hash + 1 - raw);
        raw = hash + 1;
    }
    n = raw_len < out_size - 1 ? raw_len : out_size - 1;
    memcpy(out, raw, n);
    out[n] = '\0';
    /* The header is raw bytes; the code goes into a JSON document. */
    if (tree)
        sdkc_json_string_scrub(out, n);
    else
        sdkc_json_utf8_scrub(out, n);
}

void sdkc_codec_sanitize_error_code(const char *raw, size_t raw_len, char *out, size_t out_size)
{
    s_sanitize(raw, raw_len, out, out_size, 0);
}

/* Rule 2 and 3 for one candidate: sanitized into code, non-zero when usable. */
static int s_take_code(const char *raw, int tree, char code[SDKC_CODEC_MAX_ERROR_CODE + 1])
{
    if (!raw)
        return 0;
    s_sanitize(raw, strlen(raw), code, SDKC_CODEC_MAX_ERROR_CODE + 1, tree);
    return code[0] != '\0';
}

static const char *s_body_string(const cJSON *body, const char *key)
{
    const cJSON *item = sdkc_json_get(body, key);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

sdkc_result sdkc_codec_decode_error(const struct sdkc_spec *spec, const struct sdkc_operation *op,
                                    const struct sdkc_http_response *resp, cJSON **doc,
                                    struct sdkc_error *err)
{
    sdkc_result result = SDKC_OK;
    struct sdkc_json_limits limits = {SDKC_CODEC_MAX_BODY, SDKC_CODEC_MAX_DEPTH};
    struct sdkc_error perr;
    char code[SDKC_CODEC_MAX_ERROR_CODE + 1];
    int have_code;
    const struct sdkc_shape *shape = NULL;
    struct sdkc_error merr;
    cJSON *body = NULL, *out = NULL, *inner = NULL, *item = NULL, *message = NULL, *members = NULL;
    const cJSON *msg;
    const char *fault;
    char text[SDKC_ERROR_MSG_MAX + 64 + SDKC_CODEC_MAX_ERROR_CODE];

    if (!doc || !resp)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "decode_error: doc and resp are required");
    *doc = NULL;
    sdkc_error_init(&perr);

    /* The body is optional evidence (rule 8): anything that does not parse
     * as a JSON object is simply not consulted. Only running out of memory
     * stops us. */
    if (resp->body && resp->body_len > 0) {
        result = sdkc_json_parse(resp->body, resp->body_len, &limits, &body, &perr);
        if (result == SDKC_ERR_NOMEM) {
            sdkc_error_set(err, result, SDKC_NO_OFFSET, "decoding error body: %s", perr.msg);
            goto fail;
        }
        result = SDKC_OK;
        if (body && !cJSON_IsObject(body)) {
            cJSON_Delete(body);
            body = NULL;
        }
    }

    have_code = s_take_code(sdkc_http_headers_get(&resp->headers, "X-Amzn-Errortype"), 0, code) ||
                s_take_code(s_body_string(body, "code"), 1, code) ||
                s_take_code(s_body_string(body, "__type"), 1, code);
    if (have_code) {
        shape = s_find_op_error(op, code);
        if (!shape && spec)
            shape = sdkc_spec_find_error(spec, code);
    }

    /* Rule 8. A copy: the body stays whole for the members (rule 10),
     * where a payload structure may hold a "message" of its own. */
    msg = sdkc_json_get(body, "message");
    if (!cJSON_IsString(msg))
        msg = sdkc_json_get(body, "Message");
    if (cJSON_IsString(msg) && !(message = cJSON_CreateString(msg->valuestring)))
        goto nomem;
    if (shape) {
        /* Rule 10; the body is taken over. */
        sdkc_error_init(&merr);
        result = sdkc_codec_decode_error_members(spec, shape, resp, body, &members, &merr);
        body = NULL;
        if (result == SDKC_ERR_DESERIALIZE || result == SDKC_ERR_UNSUPPORTED) {
            snprintf(text, sizeof(text), "modeled error %s: %s", shape->name, merr.msg);
            out = sdkc_result_client_error(
                result == SDKC_ERR_UNSUPPORTED ? "unsupported" : "deserialization", text);
            if (!out)
                goto nomem;
            cJSON_Delete(message);
            *doc = out;
            return SDKC_OK;
        }
        if (result) {
            sdkc_error_set(err, result, SDKC_NO_OFFSET, "%s", merr.msg);
            goto fail;
        }
    }

    out = cJSON_CreateObject();
    inner = cJSON_CreateObject();
    if (!out || !inner)
        goto nomem;
    if (have_code) {
        item = cJSON_CreateString(shape ? shape->name : code);
        if (!item || !cJSON_AddItemToObjectCS(inner, "code", item))
            goto nomem;
        item = NULL;
    }
    if (message) {
        cJSON_AddItemToObjectCS(inner, "message", message);
        message = NULL;
    }
    item = cJSON_CreateBool(shape != NULL);
    if (!item || !cJSON_AddItemToObjectCS(inner, "modeled", item))
        goto nomem;
    item = cJSON_CreateNumber(resp->status);
    if (!item || !cJSON_AddItemToObjectCS(inner, "httpStatus", item))
        goto nomem;
    if (shape)
        fault = sdkc_shape_error_fault(shape);
    else
        fault = resp->status >= 500 ? "server" : "client";
    item = cJSON_CreateString(fault);
    if (!item || !cJSON_AddItemToObjectCS(inner, "fault", item))
        goto nomem;
    item = NULL;
    if (members) {
        cJSON_AddItemToObjectCS(inner, "members", members);
        members = NULL;
    }
    cJSON_AddItemToObjectCS(out, "error", inner);
    inner = NULL;
    cJSON_Delete(body);
    *doc = out;
    return SDKC_OK;

nomem:
    result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET,
                            "out of memory building an error result");
fail:
    cJSON_Delete(members);
    cJSON_Delete(message);
    cJSON_Delete(item);
    cJSON_Delete(inner);
    cJSON_Delete(out);
    cJSON_Delete(body);
    return result;
}
