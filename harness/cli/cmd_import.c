/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/cmd_import.c: `sdkconform import`: turn official protocol-test files
 * (botocore's JSON translation of the Smithy suites) into corpus folders
 * that `replay --vectors DIR` runs (what is written: vectors/import.h).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "core/alloc.h"
#include "core/json.h"
#include "vectors/import.h"

/* Largest protocol-test file read (botocore's are about 0.5 MB). */
#define SDKC_IMPORT_MAX_FILE   ((size_t)64 * 1024 * 1024)
#define SDKC_IMPORT_MAX_INPUTS 64

enum { S_OUT = 1, S_FILE };

static const struct sdkc_cli_opt s_opts[] = {
    {S_OUT, "--out", 0, "DIR", 1, "output folder (created when missing)"},
    {S_FILE, NULL, 0, "FILE", SDKC_IMPORT_MAX_INPUTS,
     "a protocol-test file (JSON array of suites); repeatable"},
};

const struct sdkc_cli_syntax sdkc_cmd_import_syntax = {
    "import",
    "sdkconform import --out DIR [--] FILE...",
    "Turns protocol-test files in botocore's JSON form (its\n"
    "tests/unit/protocols/{input,output}/rest-json.json, translated from the\n"
    "Smithy restJson1 protocol tests) into corpus folders, one per suite:\n"
    "DIR/<request|response>/<NN>-<Operation>/{service-2.json,vectors.json}.\n"
    "The service-2.json binds the vectors beside it, so\n"
    "`sdkconform replay --vectors DIR --impl builtin` runs every suite against\n"
    "its own model. Each vector is MUST, cites smithy:<test id>, and is named\n"
    "smithy.request.<id> or smithy.response.<id>. The same files always give\n"
    "the same bytes.",
    s_opts,
    sizeof(s_opts) / sizeof(s_opts[0]),
    "exit: 0 written, 2 bad usage or a malformed file (named with its JSON path),\n"
    "      1 a file could not be written"};

int sdkc_cmd_import(int argc, char **argv)
{
    const char *out_dir = NULL, *inputs[SDKC_IMPORT_MAX_INPUTS];
    size_t n_inputs = 0, k;
    struct sdkc_gen_output out;
    struct sdkc_error err;
    sdkc_result result = SDKC_OK;
    int rc;
    struct sdkc_cli_opts p;
    struct sdkc_cli_arg arg;

    sdkc_cli_opts_init(&p, &sdkc_cmd_import_syntax, argc, argv);
    while ((rc = sdkc_cli_opts_next(&p, &arg)) == SDKC_CLI_OPTS_NEXT) {
        if (arg.id == S_OUT)
            out_dir = arg.value;
        else
            inputs[n_inputs++] = arg.value; /* the table caps them at the array's size */
    }
    if (rc != SDKC_CLI_OPTS_END)
        return rc == SDKC_CLI_OPTS_HELP ? SDKC_EXIT_OK : rc;
    if ((rc = sdkc_cli_opts_require(&p, S_OUT)) || (rc = sdkc_cli_opts_require(&p, S_FILE)))
        return rc;

    sdkc_error_init(&err);
    sdkc_gen_output_init(&out);
    for (k = 0; k < n_inputs && !result; k++) {
        struct sdkc_json_limits lim = {SDKC_IMPORT_MAX_FILE, 256};
        cJSON *root = NULL;
        const char *base = strrchr(inputs[k], '/');
        if ((result = sdkc_json_parse_file(inputs[k], &lim, &root, &err)))
            break; /* the message names the file and the byte offset */
        result = sdkc_import_protocol_tests(root, base ? base + 1 : inputs[k], &out, &err);
        cJSON_Delete(root);
    }
    if (!result)
        result = sdkc_gen_write(&out, out_dir, &err);
    if (result) {
        sdkc_cli_print_error("import", &err);
        rc = result == SDKC_ERR_IO || result == SDKC_ERR_NOMEM ? SDKC_EXIT_FAIL : SDKC_EXIT_USAGE;
    } else {
        sdkc_cli_fprintf(stderr, "sdkconform import: %zu vectors in %zu files under %s\n",
                         out.vector_count, out.count, out_dir);
    }
    sdkc_gen_output_clean_up(&out);
    return rc;
}
