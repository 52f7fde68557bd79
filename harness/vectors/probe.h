/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/probe.h: probe vectors for `sdkconform live` (docs/DESIGN.md
 * "Live probes"), derived from any model: which operations are safe to call
 * against a real account, and for each a handful of calls whose answer is
 * due to be an error. No operation name appears in this code; everything
 * comes from the model.
 *
 * Safety (the model says so; botocore models carry no Smithy `readonly`
 * trait, so the loader cannot see one, and these heuristics stand in):
 *   read-only      HTTP GET or HEAD; or a name that reads (Get, List,
 *                  Describe, BatchGet followed by an upper-case letter) sent
 *                  with GET, HEAD or POST. Every probe applies.
 *   parent-scoped  a POST, PUT or PATCH whose request URI has a required
 *                  label followed by a literal path segment
 *                  ("/v2/domains/{domainIdentifier}/user-profiles"): the
 *                  label names the parent the call would add to, and a
 *                  parent that does not exist cannot gain anything. Only
 *                  probes that keep that parent nonexistent (or
 *                  malformed) apply.
 *   unsafe         anything else (DELETE, PUT /{Bucket}, ...): no probe,
 *                  noted; with allow_writes, the write probe only.
 *
 * Probes of one operation, ids "live.<Operation>.<probe>", each
 * level MUST with "probe": {"expect": "error", "undeclared": "SHOULD"}:
 *   nonexistent-id   params from gen (sdkc_gen_params: every required
 *                    member within its pattern, length and enum), so the
 *                    identifying label is well formed but names nothing
 *                    (only when the operation has a required URI label);
 *   bad-<member>     one member's value breaks its pattern, length or enum
 *                    (the identifying label first, else the first
 *                    constrained top-level member): an error is due;
 *   wrong-signature  the nonexistent-id call with one signature digit
 *                    changed: 403 is due;
 *   stale-date       the nonexistent-id call signed SDKC_VECTOR_STALE_S ago:
 *                    403 is due (not for operations sent unsigned).
 * With allow_writes, for each selected operation that is not read-only,
 * "write": the gen params with the first required URI label set to
 * existing_id and write_params merged over them; a success is due.
 */
#ifndef SDKC_VECTORS_PROBE_H
#define SDKC_VECTORS_PROBE_H

#include <cjson/cJSON.h>

#include "core/error.h"
#include "spec/spec.h"
#include "vectors/gen.h"

#define SDKC_PROBE_MAX_OPERATIONS 2000 /* operations probed in one run */
#define SDKC_PROBE_MAX_BAD_LEN    1024 /* longest value made to break a length limit */

enum sdkc_probe_safety { SDKC_PROBE_UNSAFE = 0, SDKC_PROBE_READ_ONLY, SDKC_PROBE_PARENT_SCOPED };

/* How safe op is to probe (rules above); "read-only", "parent-scoped",
 * "unsafe" by sdkc_probe_safety_name. */
enum sdkc_probe_safety sdkc_probe_safety_of(const struct sdkc_operation *op);
const char *sdkc_probe_safety_name(enum sdkc_probe_safety s);

struct sdkc_probe_options {
    const char *operation;     /* fnmatch(3) glob on operation names; NULL = every one */
    int allow_writes;          /* add the write probe (needs existing_id or write_params) */
    const char *existing_id;   /* the write probe's first required URI label */
    const cJSON *write_params; /* object merged over the write probe's params */
};

/* Append one "<Operation>/probes.json" ({"vectors":[...]}) per operation
 * with probes to out (gen.h), a note per operation left out and why, and
 * count those in out->skipped. SDKC_OK (possibly with no vectors: the
 * caller says so); SDKC_ERR_INVALID_ARG for bad options; SDKC_ERR_TOO_LARGE
 * past SDKC_PROBE_MAX_OPERATIONS; SDKC_ERR_NOMEM. */
sdkc_result sdkc_probe_generate(const struct sdkc_spec *spec, const struct sdkc_probe_options *opts,
                                struct sdkc_gen_output *out, struct sdkc_error *err);

#endif
