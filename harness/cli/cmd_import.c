/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/cmd_import.c: `sdkconform import`: turn official protocol-test files
 * (botocore's JSON translation of the Smithy suites) into corpus folders
 * that `replay --vectors DIR` runs (what is written: vectors/import.h).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/json.h"
#include "vectors/import.h"

/* Largest protocol-test file read (botocore's are about 0.5 MB). */
#define SDKC_IMPORT_MAX_FILE   ((size_t)64 * 1024 * 1024)
#define SDKC_IMPORT_MAX_INPUTS 64

static const char s_usage[] =
  "usage: sdkconform import --out DIR FILE...\n"
  "\n"
  "Turns protocol-test files in botocore's JSON form (its\n"
  "tests/unit/protocols/{input,output}/rest-json.json, translated from the\n"
  "Smithy restJson1 protocol tests) into corpus folders, one per suite:\n"
  "DIR/<request|response>/<NN>-<Operation>/{service-2.json,vectors.json}.\n"
  "The service-2.json binds the vectors beside it, so\n"
  "`sdkconform replay --vectors DIR --impl builtin` runs every suite against\n"
  "its own model. Each vector is MUST, cites smithy:<test id>, and is named\n"
  "smithy.request.<id> or smithy.response.<id>. The same files always give\n"
  "the same bytes.\n"
  "\n"
  "  --out DIR   output folder (created when missing)\n"
  "  FILE        a protocol-test file (JSON array of suites); repeatable\n"
  "exit: 0 written, 2 bad usage or a malformed file (named with its JSON path),\n"
  "      1 a file could not be written\n";

int sdkc_cmd_import(int argc, char **argv)
{
    const char *out_dir = NULL, *inputs[SDKC_IMPORT_MAX_INPUTS];
    size_t n_inputs = 0, k;
    struct sdkc_gen_output out;
    struct sdkc_error err;
    sdkc_result result = SDKC_OK;
    int i, rc = SDKC_EXIT_OK, dashdash = 0;

    for (i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!dashdash && (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0)) {
            fputs(s_usage, stdout);
            return SDKC_EXIT_OK;
        }
        if (!dashdash && strcmp(o, "--") == 0) {
            dashdash = 1;
            continue;
        }
        if (!dashdash && strcmp(o, "--out") == 0) {
            if (i + 1 >= argc || argv[i + 1][0] == '\0')
                return sdkc_cli_usage_error("import", "--out needs a value");
            if (out_dir)
                return sdkc_cli_usage_error("import", "--out given twice");
            out_dir = argv[++i];
            continue;
        }
        if (!dashdash && strncmp(o, "--out=", 6) == 0) {
            if (out_dir || !o[6])
                return sdkc_cli_usage_error("import", "--out given twice or empty");
            out_dir = o + 6;
            continue;
        }
        if (!dashdash && o[0] == '-' && o[1])
            return sdkc_cli_usage_error("import", "unknown argument '%s'", o);
        if (n_inputs >= SDKC_IMPORT_MAX_INPUTS)
            return sdkc_cli_usage_error("import", "more than %d files", SDKC_IMPORT_MAX_INPUTS);
        inputs[n_inputs++] = o;
    }
    if (!out_dir)
        return sdkc_cli_usage_error("import", "--out DIR is required");
    if (n_inputs == 0)
        return sdkc_cli_usage_error("import", "give at least one protocol-test FILE");

    sdkc_error_init(&err);
    sdkc_gen_output_init(&out);
    for (k = 0; k < n_inputs && !result; k++) {
        struct sdkc_json_limits lim = { SDKC_IMPORT_MAX_FILE, 256 };
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
        sdkc_cli_fprintf(stderr,
                         "sdkconform import: %zu vectors in %zu files under %s\n",
                         out.vector_count,
                         out.count,
                         out_dir);
    }
    sdkc_gen_output_clean_up(&out);
    return rc;
}
