/* SPDX-License-Identifier: Apache-2.0
 *
 * sigv4/expect.c: the signature check of a client's request against what a
 * client following the model sends (sigv4.h, sdkc_sigv4_check_expected):
 * no signature on an unsigned operation, the model's signing name and the
 * run's region in the credential scope, UNSIGNED-PAYLOAD only where the
 * operation leaves its body out of the signature.
 *
 * References: Smithy authentication traits (@auth, @optionalAuth, noAuth),
 * Smithy AWS authentication traits (aws.auth#sigv4 `name`,
 * aws.auth#unsignedPayload), botocore auth.py resolve_auth_type and
 * handlers.py set_operation_specific_signer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sigv4/private/canonical.h"
#include "sigv4/sigv4.h"

/* Where the request carries a signature: "an Authorization header",
 * "X-Amz-Signature in the query", or NULL when it carries none. */
static const char *s_signature_carrier(const struct sdkc_http_request *req)
{
    static const char name[] = "X-Amz-Signature=";
    const char *q = req->query;
    if (sdkc_http_headers_get(&req->headers, "authorization"))
        return "an Authorization header";
    while (q && *q) {
        if (strncasecmp(q, name, sizeof(name) - 1) == 0)
            return "X-Amz-Signature in the query";
        q = strchr(q, '&');
        if (q)
            q++;
    }
    return NULL;
}

sdkc_result sdkc_sigv4_check_expected(const struct sdkc_http_request *req,
                                      const struct sdkc_sigv4_verify_options *opt,
                                      const struct sdkc_sigv4_expect *ex,
                                      struct sdkc_sigv4_verdict *verdict, struct sdkc_error *err)
{
    const char *carrier, *sha;
    sdkc_result result;

    if (!req || !opt || !ex || !verdict || !opt->region || !opt->service)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "check_expected: request, options, expectation and verdict are "
                              "required");
    verdict->reason = SDKC_SIGV4_OK;
    verdict->should = 0;
    if (ex->unsigned_op) {
        /* Smithy @auth([]): the operation "does not support any
         * authentication schemes"; botocore resolves it to UNSIGNED and
         * never signs. The same model form stands for @optionalAuth
         * ("callable both with and without authentication"), so a
         * signature is a SHOULD finding, never a refusal. */
        carrier = s_signature_carrier(req);
        if (!carrier)
            return SDKC_OK;
        verdict->should = 1;
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_SIGNED_UNSIGNED_OP,
                                 "this operation is unsigned (model: %s), yet the request carries "
                                 "%s (a client following the model sends none)",
                                 ex->unsigned_note ? ex->unsigned_note : "auth none", carrier);
    }
    result = sdkc_sigv4_verify(req, opt, verdict, err);
    if (result == SDKC_ERR_VERIFY) {
        switch (verdict->reason) {
        case SDKC_SIGV4_WRONG_SERVICE:
            /* aws.auth#sigv4 `name` (botocore metadata.signingName) is the
             * credential scope's service. */
            return sdkc_sigv4_reject(verdict, err, verdict->reason,
                                     "signed for service '%s', the model says '%.64s' (its "
                                     "signingName)",
                                     verdict->scope_service, opt->service);
        case SDKC_SIGV4_WRONG_REGION:
            return sdkc_sigv4_reject(verdict, err, verdict->reason,
                                     "signed for region '%s', the run's region is '%.64s'",
                                     verdict->scope_region, opt->region);
        case SDKC_SIGV4_NO_AUTHORIZATION:
            return sdkc_sigv4_reject(verdict, err, verdict->reason,
                                     "the request carries no Authorization header, but the model "
                                     "signs this operation (SigV4, service '%.64s')",
                                     opt->service);
        default: return result;
        }
    }
    if (result)
        return result;
    sha = sdkc_http_headers_get(&req->headers, "x-amz-content-sha256");
    if (sha && strcmp(sha, SDKC_SIGV4_UNSIGNED_PAYLOAD) == 0 && !ex->unsigned_payload_ok) {
        /* The signature verified over UNSIGNED-PAYLOAD, so the body is not
         * covered by it. Smithy aws-auth: "Most requests sent to AWS
         * services require that the payload of the request is signed";
         * the AWS SigV4 reference names UNSIGNED-PAYLOAD for Amazon S3, and
         * Smithy for operations with @unsignedPayload only. */
        return sdkc_sigv4_reject(verdict, err, SDKC_SIGV4_UNSIGNED_PAYLOAD_OFF,
                                 "x-amz-content-sha256 is UNSIGNED-PAYLOAD, and the model does not "
                                 "mark this operation unsignedPayload");
    }
    return SDKC_OK;
}
