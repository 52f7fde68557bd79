/* SPDX-License-Identifier: Apache-2.0
 *
 * impl/builtin.h: the built-in reference client. It runs in-process on the
 * rest-json codec of this repository: params are encoded into an HTTP
 * request (which the runner checks directly: nothing goes over a socket),
 * and the vector's canned response is decoded into a result document.
 *
 * Client-side validation failures (a missing required member, a label that
 * would be empty) become {"clientError":{"kind":"validation",...}} with no
 * request, which is what the vectors expect of any SDK that validates.
 *
 * Idempotency tokens (Smithy idempotencyToken trait) are random UUID v4 by
 * default, as a real client makes them. Tests and golden runs may ask for a
 * deterministic generator instead (see enum sdkc_builtin_uuid).
 *
 * Threading: the implementation holds only immutable state (the spec is
 * shared, read-only) plus an atomic counter, so one instance may serve
 * several runner threads at once.
 */
#ifndef SDKC_IMPL_BUILTIN_H
#define SDKC_IMPL_BUILTIN_H

#include "impl/impl.h"

enum sdkc_builtin_uuid {
    SDKC_BUILTIN_UUID_RANDOM = 0, /* getrandom(2): different on every call */
    /* 00000000-0000-4000-8000-000000000000 for the first token of every
     * call: the Smithy/botocore conformance-test convention, so a vector
     * may pin the exact value. */
    SDKC_BUILTIN_UUID_FIXED,
    /* ...-000000000000, ...-000000000001, ... across the life of the
     * instance (deterministic for a single-threaded run). */
    SDKC_BUILTIN_UUID_SEQUENCE
};

struct sdkc_builtin_options {
    enum sdkc_builtin_uuid uuid;
    const char *host; /* when set, the request carries this Host header */
};

/* Create the builtin client over `spec` (borrowed: it must outlive the
 * impl). opts may be NULL (random tokens, no Host). Free with
 * sdkc_impl_destroy(). */
sdkc_result sdkc_impl_builtin_new(const struct sdkc_spec *spec,
                                  const struct sdkc_builtin_options *opts, struct sdkc_impl **out,
                                  struct sdkc_error *err);

#endif
