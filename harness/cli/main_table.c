/* SPDX-License-Identifier: Apache-2.0
 * cli/main_table.c: the command table. One line per command, in the order
 * a new user meets them. */
#include "cli/cli.h"

#include <stddef.h>

const struct sdkc_command sdkc_commands[] = {
    {"decode", "decode an HTTP response into a result document (or --syntax-only)", sdkc_cmd_decode,
     &sdkc_cmd_decode_syntax},
    {"encode", "encode operation params as the rest-json HTTP request a client sends",
     sdkc_cmd_encode, &sdkc_cmd_encode_syntax},
    {"sign", "sign (or --verify) a raw HTTP request with AWS SigV4", sdkc_cmd_sign,
     &sdkc_cmd_sign_syntax},
    {"live", "safe SigV4 probes of a live endpoint (or --simulate)", sdkc_cmd_live,
     &sdkc_cmd_live_syntax},
    {"replay", "replay conformance vectors against client implementations and report",
     sdkc_cmd_replay, &sdkc_cmd_replay_syntax},
    {"fuzz-client", "fuzz client implementations with model-driven responses; findings as vectors",
     sdkc_cmd_fuzz_client, &sdkc_cmd_fuzz_client_syntax},
    {"serve", "run the mock endpoint alone, answering with one vector's response", sdkc_cmd_serve,
     &sdkc_cmd_serve_syntax},
    {"gen", "generate the systematic vectors of a corpus from a service model", sdkc_cmd_gen,
     &sdkc_cmd_gen_syntax},
    {"import", "turn official protocol-test files into corpus folders", sdkc_cmd_import,
     &sdkc_cmd_import_syntax},
    {NULL, NULL, NULL, NULL}};
