/* SPDX-License-Identifier: Apache-2.0
 * cli/main.c: process entry. Installs the allocator hooks before anything
 * else can allocate (OpenSSL refuses them afterwards), then dispatches. */
#include <stdio.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "impl/adapter.h"
#include "report/report.h"

/* The fake credentials every adapter is handed (impl/adapter.h): the report
 * scrub cuts them wherever an adapter echoes them. */
static char s_adapter_key_id[] = SDKC_ADAPTER_DEFAULT_ACCESS_KEY;
static char s_adapter_secret[] = SDKC_ADAPTER_DEFAULT_SECRET_KEY;
static const struct sdkc_credentials s_adapter_test_creds = {s_adapter_key_id, s_adapter_secret,
                                                             NULL};

int main(int argc, char **argv)
{
    int rc;
    if (sdkc_alloc_global_init() != SDKC_OK) {
        fprintf(stderr, "sdkconform: cannot install allocator hooks\n");
        return SDKC_EXIT_IMPL;
    }
    sdkc_report_scrub_set_test_credentials(&s_adapter_test_creds);
    rc = sdkc_cli_main(argc, argv);
    sdkc_report_scrub_set_test_credentials(NULL); /* frees what scrub built for it */
    sdkc_alloc_global_clean_up();
    return rc;
}
