/* SPDX-License-Identifier: Apache-2.0
 * cli/main.c: process entry. Installs the allocator hooks before anything
 * else can allocate (OpenSSL refuses them afterwards), then dispatches. */
#include <stdio.h>

#include "cli/cli.h"
#include "core/alloc.h"

int main(int argc, char **argv)
{
    int rc;
    if (sdkc_alloc_global_init() != SDKC_OK) {
        fprintf(stderr, "sdkconform: cannot install allocator hooks\n");
        return SDKC_EXIT_IMPL;
    }
    rc = sdkc_cli_main(argc, argv);
    sdkc_alloc_global_clean_up();
    return rc;
}
