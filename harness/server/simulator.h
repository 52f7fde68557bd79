/* SPDX-License-Identifier: Apache-2.0
 *
 * server/simulator.h: a loopback stand-in for the DataZone endpoint that
 * `sdkconform live` is tested against (docs/DESIGN.md): it verifies SigV4 on
 * every request (sigv4/sigv4.h) and answers CreateUserProfile as the
 * service would, auth failures included. It is the replay runner's mock
 * endpoint (server/server.h) with an answering hook, so capture, caps and
 * the loopback-only bind are the endpoint's.
 *
 * Answers, in order of the checks the service makes:
 *   no/malformed Authorization, or X-Amz-Date problems  403 IncompleteSignatureException
 *   unknown access key id                               403 UnrecognizedClientException
 *   stale date                                          403 InvalidSignatureException "Signature expired"
 *   any other signature failure                         403 InvalidSignatureException
 *   not POST /v2/domains/{id}/user-profiles             404 UnknownOperationException
 *   id not matching ^dzd[-_][a-zA-Z0-9_-]{1,36}$        400 ValidationException
 *   body not a JSON object with userIdentifier          400 ValidationException
 *   id other than the known domain                      404 ResourceNotFoundException
 *   otherwise                                           201 with a UserProfile (IAM details)
 * Error bodies are {"message": ...} with X-Amzn-Errortype, as DataZone sends.
 */
#ifndef SDKC_SERVER_SIMULATOR_H
#define SDKC_SERVER_SIMULATOR_H

#include <stdint.h>

#include "core/error.h"
#include "sigv4/sigv4.h"

#define SDKC_SIMULATOR_MAX_BODY ((size_t)1024 * 1024) /* request body bytes accepted */
#define SDKC_SIMULATOR_TIMEOUT_S 10 /* idle seconds before a connection is dropped */

struct sdkc_simulator_options {
    const struct sdkc_credentials *creds; /* required: the only valid key pair (copied) */
    const char *region;                   /* required */
    const char *service;                  /* NULL = "datazone" */
    const char *known_domain;             /* the one domain that exists; NULL = none */
    int64_t max_skew_s;                   /* <= 0: SDKC_SIGV4_DEFAULT_SKEW_S */
};

struct sdkc_simulator_stats {
    uint64_t requests;
    uint64_t verified;     /* signatures that verified */
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
