/* SPDX-License-Identifier: Apache-2.0
 * core/assert.c: see assert.h. */
#include "core/assert.h"

#include <stdio.h>
#include <stdlib.h>

_Noreturn void sdkc_assert_fail(const char *expr, const char *file, int line, const char *func)
{
    fprintf(stderr, "%s:%d: %s: assertion failed: %s\n", file, line, func, expr);
    fflush(stderr);
    abort();
}
