/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/cmd_encode.c: `sdkconform encode`: params JSON -> the rest-json HTTP
 * request a conformant client sends (docs/DESIGN.md), printed as
 * {"method","host","path","query","rawQuery","headers","body"}; or, when the params fail
 * client-side validation, the result document a validating SDK gives:
 * {"clientError":{"kind":"validation","message":...}}. Both exit 0: a
 * document was produced. Bad usage and unreadable or malformed --params
 * exit 2 with a message naming the file or the byte offset.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/spec_arg.h"
#include "codec/codec.h"
#include "core/alloc.h"
#include "core/json.h"

enum { S_SPEC = 1, S_OPERATION, S_PARAMS, S_TOKEN_SEQ, S_HOST, S_ENDPOINT, S_COMPACT };

static const struct sdkc_cli_opt s_opts[] = {
    {S_SPEC, "--spec", 0, "FILE", 1,
     "service model (botocore service-2.json, plain or gzip);\n"
     "default: the bundled DataZone CreateUserProfile"},
    {S_OPERATION, "--operation", 0, "NAME", 1, "operation to encode"},
    {S_PARAMS, "--params", 0, "JSON|@FILE", 1,
     "params as JSON text, or @FILE to read them from a file"},
    {S_TOKEN_SEQ, "--token-seq", 0, NULL, 1,
     "idempotency tokens from the deterministic sequence\n"
     "(00000000-0000-4000-8000-000000000000, ...001, ...)\n"
     "instead of fresh random UUID v4s: reproducible output"},
    {S_HOST, "--host", 0, "HOST", 1,
     "the authority to send to: sets host and a Host header\n"
     "(overrides the authority of --endpoint)"},
    {S_ENDPOINT, "--endpoint", 0, "URL", 1,
     "the client endpoint, scheme://host[:port][/path]: its\n"
     "authority as for --host, its path prefixed to the\n"
     "request path"},
    {S_COMPACT, "--compact", 0, NULL, 1, "one line of JSON instead of indented output"},
};

const struct sdkc_cli_syntax sdkc_cmd_encode_syntax = {
    "encode",
    "sdkconform encode [--spec FILE] --operation NAME --params JSON|@FILE\n"
    "                         [--token-seq] [--host HOST] [--endpoint URL]\n"
    "                         [--compact]",
    "Encodes the operation's params (a JSON object, inline or @FILE, @- for\n"
    "stdin) as the rest-json HTTP request a conformant client sends, and prints\n"
    "{\"method\",\"host\",\"path\",\"query\",\"rawQuery\",\"headers\",\"body\"}: host only\n"
    "when --host or --endpoint gives one (with the operation's host prefix);\n"
    "query as an object (repeated keys as arrays) and rawQuery as sent, both\n"
    "null when there is none; body as parsed JSON, else as text, else null\n"
    "with \"bodyBase64\" (for instance a gzip-compressed body); null when there\n"
    "is no body.\n"
    "Params that fail client-side validation (missing required member, empty\n"
    "label, wrong JSON type, unknown member) print\n"
    "{\"clientError\":{\"kind\":\"validation\",\"message\":...}} instead; an\n"
    "operation the codec cannot send (an event stream) prints kind\n"
    "\"unsupported\".",
    s_opts,
    sizeof(s_opts) / sizeof(s_opts[0]),
    "exit: 0 a request or a result document was printed, 2 bad usage or input"};

struct s_args {
    const char *spec, *operation, *params, *host, *endpoint;
    int token_seq, compact;
};

/* 0, -1 after --help, or an exit code. */
static int s_parse_args(int argc, char **argv, struct s_args *a)
{
    struct sdkc_cli_opts p;
    struct sdkc_cli_arg arg;
    int step;
    memset(a, 0, sizeof(*a));
    sdkc_cli_opts_init(&p, &sdkc_cmd_encode_syntax, argc, argv);
    while ((step = sdkc_cli_opts_next(&p, &arg)) == SDKC_CLI_OPTS_NEXT) {
        switch (arg.id) {
        case S_SPEC: a->spec = arg.value; break;
        case S_OPERATION: a->operation = arg.value; break;
        case S_PARAMS: a->params = arg.value; break;
        case S_TOKEN_SEQ: a->token_seq = 1; break;
        case S_HOST: a->host = arg.value; break;
        case S_ENDPOINT: a->endpoint = arg.value; break;
        default: a->compact = 1; break;
        }
    }
    if (step != SDKC_CLI_OPTS_END)
        return step;
    if (sdkc_cli_opts_require(&p, S_OPERATION) || sdkc_cli_opts_require(&p, S_PARAMS))
        return SDKC_EXIT_USAGE;
    return 0;
}

/* --params: inline JSON text, or @FILE. Errors name the byte offset and,
 * for a file, the file. */
static int s_load_params(const char *arg, cJSON **out)
{
    struct sdkc_error err;
    sdkc_result result;
    sdkc_error_init(&err);
    if (arg[0] == '@') {
        if (!arg[1])
            return sdkc_cli_usage_error("encode", "--params @FILE needs a file name");
        result = sdkc_json_parse_file(arg + 1, NULL, out, &err);
    } else {
        result = sdkc_json_parse(arg, strlen(arg), NULL, out, &err);
        if (result)
            sdkc_error_prefix(&err, "--params: ");
    }
    if (result) {
        /* the JSON layer's messages already say "at byte N" */
        if (strstr(err.msg, "byte"))
            err.offset = SDKC_NO_OFFSET;
        sdkc_cli_print_error("encode", &err);
        return SDKC_EXIT_USAGE;
    }
    return 0;
}

static int s_print(const cJSON *doc, int compact)
{
    char *text = NULL;
    struct sdkc_error err;
    sdkc_error_init(&err);
    if (sdkc_json_print(doc, !compact, &text, &err)) {
        sdkc_cli_print_error("encode", &err);
        return SDKC_EXIT_USAGE;
    }
    fputs(text, stdout);
    fputc('\n', stdout);
    sdkc_free(text);
    if (fflush(stdout) != 0) {
        sdkc_cli_fprintf(stderr, "sdkconform encode: could not write the output\n");
        return SDKC_EXIT_USAGE;
    }
    return SDKC_EXIT_OK;
}

int sdkc_cmd_encode(int argc, char **argv)
{
    struct s_args a;
    struct sdkc_spec *spec = NULL;
    const struct sdkc_operation *op = NULL;
    struct sdkc_codec_options opts;
    struct sdkc_http_request req;
    struct sdkc_error err;
    cJSON *params = NULL, *doc = NULL;
    uint64_t counter = 0;
    sdkc_result result;
    int rc;

    sdkc_http_request_init(&req);
    sdkc_error_init(&err);
    rc = s_parse_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? SDKC_EXIT_OK : rc;
    if ((rc = sdkc_cli_load_spec("encode", a.spec, &spec)) ||
        (rc = sdkc_cli_find_operation("encode", spec, a.operation, &op)) ||
        (rc = s_load_params(a.params, &params)))
        goto done;

    memset(&opts, 0, sizeof(opts));
    opts.host = a.host;
    opts.endpoint = a.endpoint;
    if (a.token_seq) {
        opts.uuid = sdkc_uuid_sequence;
        opts.uuid_ctx = &counter;
    } else {
        opts.uuid = sdkc_uuid_random;
    }
    result = sdkc_codec_encode(spec, op, params, &opts, &req, &err);
    switch (result) {
    case SDKC_OK: result = sdkc_codec_request_to_json(&req, &doc, &err); break;
    case SDKC_ERR_VALIDATION:
    case SDKC_ERR_TOO_DEEP:
    case SDKC_ERR_TOO_LARGE:
        /* the params are what an SDK would refuse before sending anything
         * (a value past one of our caps included): a result document */
        doc = sdkc_result_client_error("validation", err.msg);
        result = doc ? SDKC_OK : SDKC_ERR_NOMEM;
        break;
    case SDKC_ERR_UNSUPPORTED:
        doc = sdkc_result_client_error("unsupported", err.msg);
        result = doc ? SDKC_OK : SDKC_ERR_NOMEM;
        break;
    default: break;
    }
    if (result) {
        if (!err.msg[0])
            sdkc_error_set(&err, result, SDKC_NO_OFFSET, "%s", sdkc_result_str(result));
        sdkc_cli_print_error("encode", &err);
        rc = SDKC_EXIT_USAGE;
        goto done;
    }
    rc = s_print(doc, a.compact);

done:
    cJSON_Delete(doc);
    cJSON_Delete(params);
    sdkc_http_request_clean_up(&req);
    sdkc_spec_destroy(spec);
    return rc;
}
