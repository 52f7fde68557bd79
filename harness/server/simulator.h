/* SPDX-License-Identifier: Apache-2.0
 *
 * server/simulator.h: a loopback stand-in for the service of any rest-json
 * model, that `sdkconform live --simulate` is tested against
 * (docs/DESIGN.md): it verifies SigV4 on every request (sigv4/sigv4.h) and
 * answers per the model, auth failures included. It is the replay runner's
 * mock endpoint (server/server.h) with an answering hook, so capture, caps
 * and the loopback-only bind are the endpoint's. No operation name is
 * known to it: everything comes from the model.
 *
 * Answers, in order of the checks a service makes:
 *   no/malformed Authorization, or X-Amz-Date problems  403 IncompleteSignatureException
 *   unknown access key id                               403 UnrecognizedClientException
 *   stale date                                          403 InvalidSignatureException "Signature
 * expired" any other signature failure                         403 InvalidSignatureException no
 * operation's method and requestUri match          404 UnknownOperationException a label, query or
 * top-level body string breaking    400 ValidationException its pattern, length or enum; a body
 * that is not a JSON object; a required body member missing the identifying label (the first
 * required label of  the operation's declared error whose the request URI) other than known_id code
 * ends in "NotFound" or "NotFoundException" (its status, else 404); if none, 400
 *                                                       ResourceNotFoundException (undeclared)
 *   otherwise                                           the modeled success status with "{}"
 *                                                       (no body for 204 or a payload output)
 * Error bodies are {"message": ...} with X-Amzn-Errortype, as rest-json
 * services send them. Operations sent unsigned skip the signature checks.
 */
#ifndef SDKC_SERVER_SIMULATOR_H
#define SDKC_SERVER_SIMULATOR_H

#include <stdint.h>

#include "core/error.h"
#include "sigv4/sigv4.h"
#include "spec/spec.h"

#define SDKC_SIMULATOR_MAX_BODY     ((size_t)1024 * 1024) /* request body bytes accepted */
#define SDKC_SIMULATOR_TIMEOUT_S    10 /* idle seconds before a connection is dropped */
#define SDKC_SIMULATOR_MAX_SEGMENTS 64 /* path segments matched against a requestUri */

struct sdkc_simulator_options {
    const struct sdkc_credentials *creds; /* required: the only valid key pair (copied) */
    const char *region;                   /* required */
    const struct sdkc_spec *spec;         /* required; borrowed: must outlive the simulator */
    const char *service;                  /* NULL = the spec's signingName */
    const char *known_id;                 /* the one identifying label value that exists */
    int64_t max_skew_s;                   /* <= 0: SDKC_SIGV4_DEFAULT_SKEW_S */
};

struct sdkc_simulator_stats {
    uint64_t requests;
    uint64_t verified; /* signatures that verified */
    uint64_t auth_failures;
};

struct sdkc_simulator;

/* Start on 127.0.0.1 at an ephemeral port (never another address). */
sdkc_result sdkc_simulator_new(const struct sdkc_simulator_options *opt,
                               struct sdkc_simulator **out, struct sdkc_error *err);
void sdkc_simulator_destroy(struct sdkc_simulator *sim); /* accepts NULL */
/* "http://127.0.0.1:PORT" (owned by sim). */
const char *sdkc_simulator_url(const struct sdkc_simulator *sim);
void sdkc_simulator_stats(struct sdkc_simulator *sim, struct sdkc_simulator_stats *out);

#endif
