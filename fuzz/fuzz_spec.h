/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz/fuzz_spec.h: the bundled CreateUserProfile spec for the targets that
 * decode or load against it (decode, errors, vector). Loaded once, in
 * LLVMFuzzerInitialize, and kept for the process: it is fixture, not input,
 * so it is outside every per-input leak baseline. A spec that cannot load
 * is a broken build, not a finding: abort with the reason. */
#ifndef SDKC_FUZZ_SPEC_H
#define SDKC_FUZZ_SPEC_H

#include <stdio.h>
#include <stdlib.h>

#include "spec/spec.h"

/* The bundled spec, and its CreateUserProfile operation in *op when op is
 * not NULL. target names the fuzz target in the abort message. */
static inline struct sdkc_spec *sdkc_fuzz_bundled_spec(const char *target,
                                                       const struct sdkc_operation **op)
{
    static struct sdkc_spec *spec;
    struct sdkc_error err;
    if (!spec) {
        sdkc_error_init(&err);
        if (sdkc_spec_load_default(&spec, &err) != SDKC_OK) {
            fprintf(stderr, "fuzz %s: bundled spec: %s\n", target, err.msg);
            abort();
        }
    }
    if (op && !(*op = sdkc_spec_find_operation(spec, "CreateUserProfile"))) {
        fprintf(stderr, "fuzz %s: bundled spec has no CreateUserProfile\n", target);
        abort();
    }
    return spec;
}

#endif
