/* SPDX-License-Identifier: Apache-2.0
 *
 * codec/codec.h: the rest-json protocol, generic over a loaded spec.
 * Rules and the official test ids they come from:
 * docs/restjson-conformance-notes.md (Smithy aws-restjson1-protocol
 * and http-bindings; botocore parsers.py/serialize.py where they differ).
 *
 * The result document (DESIGN.md) is the one form every client outcome takes:
 *   {"output": {...}}
 *   {"error": {"code","message","modeled","httpStatus","fault","members"}}
 *   {"clientError": {"kind","message"}}
 */
#ifndef SDKC_CODEC_CODEC_H
#define SDKC_CODEC_CODEC_H

#include <cjson/cJSON.h>

#include "http/http.h"
#include "core/error.h"
#include "spec/spec.h"

/* Caps on responses the decoder accepts (house style 7). */
#define SDKC_CODEC_MAX_BODY  ((size_t)16 * 1024 * 1024)
#define SDKC_CODEC_MAX_DEPTH 64

/* Fills out[37] with a lowercase hyphenated UUID v4 and a NUL. */
typedef sdkc_result (*sdkc_uuid_fn)(void *ctx, char out[37]);

/* Random UUID v4 from the OS CSPRNG (getrandom). ctx unused. */
sdkc_result sdkc_uuid_random(void *ctx, char out[37]);
/* Deterministic generator for tests: ctx is a uint64_t* counter; the
 * first call returns 00000000-0000-4000-8000-000000000000 (the Smithy and
 * botocore conformance convention), the next ...-000000000001, and so on. */
sdkc_result sdkc_uuid_sequence(void *ctx, char out[37]);
/* 1 when s is a lowercase hyphenated UUID with version 4 and variant 10xx. */
int sdkc_uuid_is_v4(const char *s);

/* Bodies at least this long are compressed when the operation has
 * requestcompression (the SDK setting request_min_compression_size_bytes:
 * 10240 by default in botocore config.py and the Smithy SDKs, which accept
 * 0 to 10485760). */
#define SDKC_CODEC_DEFAULT_MIN_COMPRESSION ((size_t)10240)
#define SDKC_CODEC_MAX_MIN_COMPRESSION     ((size_t)10485760)
/* Longest endpoint URL the codec accepts (house style 7). */
#define SDKC_CODEC_MAX_ENDPOINT ((size_t)2048)

struct sdkc_codec_options {
    sdkc_uuid_fn uuid; /* NULL = sdkc_uuid_random */
    void *uuid_ctx;
    /* The authority requests go to ("datazone.us-east-1.amazonaws.com",
     * "127.0.0.1:8080"). When set (or when endpoint gives one) the request
     * gets req->host and a Host header: this authority with the
     * operation's endpoint.hostPrefix expanded in front. Overrides the
     * endpoint's authority when both are given. */
    const char *host;
    /* The client's endpoint, "https://example.com/custom": its authority
     * as for host, and its path prefixed to every request path
     * (RestJsonHostWithPath). NULL = no base path. */
    const char *endpoint;
    /* Minimum body size for requestcompression; 0 =
     * SDKC_CODEC_DEFAULT_MIN_COMPRESSION. */
    size_t compression_min_bytes;
};

/* params -> HTTP request. On SDKC_ERR_VALIDATION err->msg names the member
 * ("missing required member userIdentifier"); the caller turns that into a
 * clientError "validation" result. req must be initialized; on failure it
 * is left initialized and empty. */
sdkc_result sdkc_codec_encode(const struct sdkc_spec *spec, const struct sdkc_operation *op,
                              const cJSON *params, const struct sdkc_codec_options *opts,
                              struct sdkc_http_request *req, struct sdkc_error *err);

/* Render an encoded request as the CLI's JSON view:
 * {"method","host"(only when req->host is set),"path","query":{k:v or [v..]}
 * or null,"rawQuery":"<as sent>" or null,"headers":{k:v},"body":...}: body
 * is the parsed JSON when the bytes are JSON, else the text when they are
 * UTF-8 (without NUL bytes), else null with "bodyBase64" holding the bytes
 * (RFC 4648 §4); null when there is no body. */
sdkc_result sdkc_codec_request_to_json(const struct sdkc_http_request *req, cJSON **out,
                                       struct sdkc_error *err);

/* HTTP response -> result document (*doc, caller frees with cJSON_Delete).
 * Returns SDKC_OK whenever a document was produced (error and clientError
 * results included); only SDKC_ERR_NOMEM and SDKC_ERR_STATE otherwise. */
sdkc_result sdkc_codec_decode(const struct sdkc_spec *spec, const struct sdkc_operation *op,
                              const struct sdkc_http_response *resp, cJSON **doc,
                              struct sdkc_error *err);

/* The error path of decode alone (status >= 300): the code from the
 * X-Amzn-Errortype header > body `code` > body `__type` (top level only),
 * sanitized (cut at the first ':', then keep what follows '#'), the
 * message, and for a modeled error its other members (errors.c rules). */
sdkc_result sdkc_codec_decode_error(const struct sdkc_spec *spec, const struct sdkc_operation *op,
                                    const struct sdkc_http_response *resp, cJSON **doc,
                                    struct sdkc_error *err);
/* The members of the modeled error `shape` other than its message (the
 * result document's error "members"), decoded with the shape's own
 * bindings as an output is (codec/decode.c): body members by wire name
 * from `body`, header- and status-bound members from resp, an httpPayload
 * member from the whole body. `body` is the error body errors.c parsed
 * (NULL, or a tree that is not an object, when the body was not a JSON
 * object: then only bound members are read); it is always taken over.
 * *members is NULL when no member was set. A member that does not fit its
 * shape gives SDKC_ERR_DESERIALIZE (SDKC_ERR_UNSUPPORTED for a payload the
 * protocol does not allow) with err->msg naming the JSON path. */
sdkc_result sdkc_codec_decode_error_members(const struct sdkc_spec *spec,
                                            const struct sdkc_shape *shape,
                                            const struct sdkc_http_response *resp, cJSON *body,
                                            cJSON **members, struct sdkc_error *err);
/* Sanitize a raw error code into out (capacity out_size). */
void sdkc_codec_sanitize_error_code(const char *raw, size_t raw_len, char *out, size_t out_size);

/* Build {"clientError":{"kind":kind,"message":msg}}. NULL on NOMEM. */
cJSON *sdkc_result_client_error(const char *kind, const char *msg);

/* ---- decode and result-document helpers (codec/decode.c, errors.c, result.c) ---- */

/* Error codes longer than this are truncated before lookup (errors.c rule 3). */
#define SDKC_CODEC_MAX_ERROR_CODE 256
/* Items one list-valued response header may carry (RFC 9110 §5.6.1 lists). */
#define SDKC_CODEC_MAX_HEADER_LIST_ITEMS 1024
/* Bytes of one header's field lines joined (RFC 9110 §5.3) for decoding. */
#define SDKC_CODEC_MAX_HEADER_BYTES (1024 * 1024)

/* Wrap output as {"output": output}. Takes ownership of output in every
 * case (it is freed on failure); NULL on NOMEM or when output is NULL. */
cJSON *sdkc_result_output(cJSON *output);
/* "output", "error" or "clientError" for a well-formed result document
 * (an object with exactly one of those keys), else NULL. Points into doc. */
const char *sdkc_result_kind(const cJSON *doc);

#endif
