/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/import.h: turn an official protocol-test file into corpus folders
 * (`sdkconform import`).
 *
 * Input: botocore's JSON translation of the Smithy restJson1 protocol tests
 * (tests/unit/protocols/{input,output}/rest-json.json): a JSON array of
 * suites {"description","metadata","shapes","cases":[...]}, each case with a
 * `given` operation and either `serialized` (a request test: params ->
 * method, uri, headers, forbidHeaders, requireHeaders, body, host) or
 * `response` (a response test: status_code, headers, body -> result, or
 * errorCode + errorMessage + error members).
 *
 * Output, one folder per suite, "<request|response>/<NN>-<Operation>/":
 *   service-2.json  the suite's shapes plus every case's `given` operation,
 *                   with the metadata a model needs (serviceId etc. are not
 *                   in the test file; fixed values serve); it binds the
 *                   vectors beside it (vectors/vector.h "Models in the
 *                   corpus");
 *   vectors.json    one vector per case, id "smithy.<request|response>.<id>",
 *                   level MUST (aws-restjson1-protocol.rst: the compliance
 *                   tests "SHALL be considered a normative reference"), refs
 *                   "smithy:<id>" and the botocore file position.
 *
 * Translation rules (why each is what it is):
 *  - uri -> path + rawQuery (the query exactly as sent: `?hello` and
 *    `?hello=` differ, RestJsonConstantQueryString); no '?' -> rawQuery ""
 *    (no query at all);
 *  - host -> request.host plus the vector's endpoint: botocore writes the
 *    host the request goes to with the endpoint's path
 *    ("example.com/custom", RestJsonHostWithPath) or its hostPrefix
 *    ("foo.example.com", RestJsonEndpointTrait); the client is configured
 *    with https://example.com (+ that path), as botocore's runner does;
 *  - body: "" -> no body; JSON when the expected Content-Type is JSON (or
 *    absent and the text is JSON) -> compared as JSON (Smithy
 *    bodyMediaType application/json); anything else -> exact bytes
 *    (bodyText); no body key (requestcompression cases) -> not checked;
 *  - result: blobs are text in botocore's files and base64 in result
 *    documents (DESIGN.md), converted by walking the output shape;
 *    timestamps stay epoch seconds;
 *  - errors: code = errorCode, message = errorMessage (absent when not
 *    given), modeled true, httpStatus = the status, fault from the shape
 *    (`fault: true` = "server"), members = the `error` object without its
 *    message, when non-empty.
 * Deterministic: the same file gives byte-identical output (file order).
 */
#ifndef SDKC_VECTORS_IMPORT_H
#define SDKC_VECTORS_IMPORT_H

#include <cjson/cJSON.h>

#include "core/error.h"
#include "vectors/gen.h"

#define SDKC_IMPORT_MAX_SUITES 10000                 /* suites in one file */
#define SDKC_IMPORT_MAX_CASES  100000                /* cases in one file */
#define SDKC_IMPORT_MAX_TITLE  200                   /* bytes of a vector title */
#define SDKC_IMPORT_MAX_DEPTH  64                    /* nesting of an expected value */
#define SDKC_IMPORT_ENDPOINT   "https://example.com" /* the endpoint botocore's runner uses */

/* Translate `root` (the parsed file; `source` names it in messages and in
 * refs, e.g. "protocols/input/rest-json.json") into files appended to out
 * (paths relative to the output folder). SDKC_ERR_PARSE naming the JSON
 * path ("source: $[3].cases[2].serialized.uri: ...") for a malformed file,
 * SDKC_ERR_SPEC when a suite's model does not load, SDKC_ERR_NOMEM. */
sdkc_result sdkc_import_protocol_tests(const cJSON *root, const char *source,
                                       struct sdkc_gen_output *out, struct sdkc_error *err);

#endif
