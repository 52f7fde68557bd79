/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/cmd_decode.c: `sdkconform decode` (docs/DESIGN.md, a contract scripts
 * depend on exactly):
 *
 *   sdkconform decode [--spec FILE] --operation NAME --status CODE
 *                     [--header 'Name: value']... [--pretty] [BODY_FILE|-]
 *       prints one result document (DESIGN.md) on stdout; exit 0 whenever
 *       a document was produced, error and clientError results included.
 *   sdkconform decode --syntax-only [FILE|-]
 *       prints {"valid":true} (exit 0) or
 *       {"valid":false,"offset":N,"message":"..."} (exit 1).
 *
 * Exit 2 on usage errors: unknown option, missing --operation or --status,
 * a status that is not three digits from 100 to 999, a header without
 * "Name:" syntax, an unreadable file (the message names it), a bad --spec.
 * A body over the codec's size cap is data from the thing under test, so it
 * is a clientError document, not a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/spec_arg.h"
#include "codec/codec.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/json.h"

#define S_CMD "decode"

enum { S_SPEC = 1, S_OPERATION, S_STATUS, S_HEADER, S_PRETTY, S_BODY, S_SYNTAX_ONLY };

static const struct sdkc_cli_opt s_opts[] = {
    {S_SPEC, "--spec", 0, "FILE", 1,
     "service model (plain or .gz); default: the bundled\nDataZone CreateUserProfile model"},
    {S_OPERATION, "--operation", 0, "NAME", 1, "the operation the response answers"},
    {S_STATUS, "--status", 0, "CODE", 1, "HTTP status, 100-999"},
    {S_HEADER, "--header", 0, "'N: v'", SDKC_HTTP_MAX_HEADERS,
     "a response header; repeat for more"},
    {S_PRETTY, "--pretty", 0, NULL, 1, "indent the document"},
    {S_BODY, NULL, 0, "BODY_FILE | -", 1, "the response body (- = stdin); none = an empty body"},
    {S_SYNTAX_ONLY, "--syntax-only", 0, NULL, 1,
     "only check that FILE (default stdin) is strict JSON\n(RFC 8259): {\"valid\":true} or\n"
     "{\"valid\":false,\"offset\":N,\"message\":\"...\"}"},
};

const struct sdkc_cli_syntax sdkc_cmd_decode_syntax = {
    S_CMD,
    "sdkconform decode [--spec FILE] --operation NAME --status CODE\n"
    "                         [--header 'Name: value']... [--pretty] [BODY_FILE|-]\n"
    "       sdkconform decode --syntax-only [FILE|-]",
    "Decode one HTTP response of an operation the way a rest-json client must, and\n"
    "print the result document: {\"output\":{...}}, {\"error\":{...}} or\n"
    "{\"clientError\":{...}}.",
    s_opts,
    sizeof(s_opts) / sizeof(s_opts[0]),
    "exit: 0 a document was printed (any result kind) or the JSON is valid;\n"
    "      1 --syntax-only found invalid JSON; 2 bad usage or unreadable input"};

/* RFC 9110 §5.6.2 token characters (a header field name). */
static int s_is_tchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* "Name: value" -> headers. 0 or an exit code. */
static int s_add_header(struct sdkc_http_headers *h, const char *arg)
{
    const char *colon = strchr(arg, ':'), *v, *end;
    const char *p;

    if (!colon || colon == arg)
        return sdkc_cli_usage_error(S_CMD, "--header '%s': expected 'Name: value'", arg);
    for (p = arg; p < colon; p++)
        if (!s_is_tchar((unsigned char)*p))
            return sdkc_cli_usage_error(S_CMD,
                                        "--header '%s': the name may hold only RFC 9110 token "
                                        "characters",
                                        arg);
    v = colon + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    end = v + strlen(v);
    while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    for (p = v; p < end; p++)
        if ((unsigned char)*p < 0x20 && *p != '\t')
            return sdkc_cli_usage_error(S_CMD, "--header '%s': control character in the value",
                                        arg);
    switch (sdkc_http_headers_addn(h, arg, (size_t)(colon - arg), v, (size_t)(end - v))) {
    case SDKC_OK: return 0;
    case SDKC_ERR_TOO_LARGE:
        return sdkc_cli_usage_error(S_CMD, "more than %d --header options", SDKC_HTTP_MAX_HEADERS);
    default:
        sdkc_cli_fprintf(stderr, "sdkconform %s: out of memory\n", S_CMD);
        return SDKC_EXIT_USAGE;
    }
}

static int s_parse_status(const char *arg, int *out)
{
    if (strlen(arg) != 3 || arg[0] < '1' || arg[0] > '9' || arg[1] < '0' || arg[1] > '9' ||
        arg[2] < '0' || arg[2] > '9')
        return sdkc_cli_usage_error(S_CMD, "--status '%s': expected an HTTP status 100-999", arg);
    *out = (arg[0] - '0') * 100 + (arg[1] - '0') * 10 + (arg[2] - '0');
    return 0;
}

/* Print a document on stdout, one line (or indented). */
static int s_print(const cJSON *doc, int pretty)
{
    char *text = NULL;
    struct sdkc_error err;

    sdkc_error_init(&err);
    if (sdkc_json_print(doc, pretty, &text, &err) != SDKC_OK) {
        sdkc_cli_print_error(S_CMD, &err);
        return SDKC_EXIT_USAGE;
    }
    fputs(text, stdout);
    fputc('\n', stdout);
    sdkc_free(text);
    return fflush(stdout) == 0 ? SDKC_EXIT_OK : SDKC_EXIT_USAGE;
}

static int s_syntax_only(const char *path, int pretty)
{
    struct sdkc_buf b;
    struct sdkc_error err;
    sdkc_result result;
    cJSON *doc = NULL;
    int rc;

    /* Read one byte past the cap so that an oversized input reaches the
     * validator's own TOO_LARGE verdict with its offset. */
    sdkc_buf_init(&b, SDKC_JSON_MAX_BYTES_DEFAULT + 1);
    sdkc_error_init(&err);
    result = sdkc_buf_read_file(&b, path, &err);
    if (result == SDKC_ERR_TOO_LARGE) {
        sdkc_error_set(&err, SDKC_ERR_TOO_LARGE, SDKC_JSON_MAX_BYTES_DEFAULT,
                       "input is larger than %zu bytes", (size_t)SDKC_JSON_MAX_BYTES_DEFAULT);
    } else if (result) {
        sdkc_cli_print_error(S_CMD, &err);
        sdkc_buf_clean_up(&b);
        return SDKC_EXIT_USAGE;
    } else {
        result = sdkc_json_validate(b.data ? b.data : "", b.len, NULL, &err);
    }
    sdkc_buf_clean_up(&b);
    if (result == SDKC_ERR_NOMEM) {
        sdkc_cli_print_error(S_CMD, &err);
        return SDKC_EXIT_USAGE;
    }
    doc = cJSON_CreateObject();
    if (!doc || !cJSON_AddBoolToObject(doc, "valid", result == SDKC_OK))
        goto nomem;
    if (result) {
        if (err.offset != SDKC_NO_OFFSET &&
            !cJSON_AddNumberToObject(doc, "offset", (double)err.offset))
            goto nomem;
        if (!cJSON_AddStringToObject(doc, "message", err.msg))
            goto nomem;
    }
    rc = s_print(doc, pretty);
    cJSON_Delete(doc);
    if (rc)
        return rc;
    return result == SDKC_OK ? SDKC_EXIT_OK : SDKC_EXIT_FAIL;
nomem:
    cJSON_Delete(doc);
    sdkc_cli_fprintf(stderr, "sdkconform %s: out of memory\n", S_CMD);
    return SDKC_EXIT_USAGE;
}

int sdkc_cmd_decode(int argc, char **argv)
{
    const char *spec_path = NULL, *op_name = NULL, *status_arg = NULL, *body_path = NULL;
    int rc = SDKC_EXIT_USAGE, syntax_only = 0, pretty = 0, status = 0, step;
    struct sdkc_cli_opts p;
    struct sdkc_cli_arg arg;
    struct sdkc_http_response resp;
    struct sdkc_spec *spec = NULL;
    const struct sdkc_operation *op = NULL;
    struct sdkc_error err;
    struct sdkc_buf body;
    cJSON *doc = NULL;

    sdkc_http_response_init(&resp);
    sdkc_buf_init(&body, SDKC_CODEC_MAX_BODY + 1);
    sdkc_error_init(&err);
    sdkc_cli_opts_init(&p, &sdkc_cmd_decode_syntax, argc, argv);
    while ((step = sdkc_cli_opts_next(&p, &arg)) == SDKC_CLI_OPTS_NEXT) {
        switch (arg.id) {
        case S_SPEC: spec_path = arg.value; break;
        case S_OPERATION: op_name = arg.value; break;
        case S_STATUS: status_arg = arg.value; break;
        case S_HEADER:
            if ((rc = s_add_header(&resp.headers, arg.value)) != 0)
                goto done;
            rc = SDKC_EXIT_USAGE;
            break;
        case S_PRETTY: pretty = 1; break;
        case S_SYNTAX_ONLY: syntax_only = 1; break;
        default: body_path = arg.value; break;
        }
    }
    if (step != SDKC_CLI_OPTS_END) {
        rc = step == SDKC_CLI_OPTS_HELP ? SDKC_EXIT_OK : SDKC_EXIT_USAGE;
        goto done;
    }

    if (syntax_only) {
        if (sdkc_cli_opts_count(&p, S_SPEC) || sdkc_cli_opts_count(&p, S_OPERATION) ||
            sdkc_cli_opts_count(&p, S_STATUS) || sdkc_cli_opts_count(&p, S_HEADER)) {
            sdkc_cli_usage_error(S_CMD, "--syntax-only takes only a FILE (or stdin)");
            goto done;
        }
        rc = s_syntax_only(body_path ? body_path : "-", pretty);
        goto done;
    }
    if (sdkc_cli_opts_require(&p, S_OPERATION) || sdkc_cli_opts_require(&p, S_STATUS))
        goto done;
    if ((rc = s_parse_status(status_arg, &status)) != 0)
        goto done;
    rc = SDKC_EXIT_USAGE;
    resp.status = status;

    if (body_path) {
        sdkc_result result = sdkc_buf_read_file(&body, body_path, &err);
        if (result == SDKC_ERR_TOO_LARGE) {
            char msg[160];
            snprintf(msg, sizeof(msg), "response body is over the %zu-byte cap",
                     (size_t)SDKC_CODEC_MAX_BODY);
            doc = sdkc_result_client_error("deserialization", msg);
            if (!doc) {
                sdkc_cli_fprintf(stderr, "sdkconform %s: out of memory\n", S_CMD);
                goto done;
            }
            rc = s_print(doc, pretty);
            goto done;
        }
        if (result) {
            sdkc_cli_print_error(S_CMD, &err);
            goto done;
        }
        resp.body = sdkc_buf_steal(&body, &resp.body_len);
    }

    if ((rc = sdkc_cli_load_spec(S_CMD, spec_path, &spec)) != 0)
        goto done;
    if ((rc = sdkc_cli_find_operation(S_CMD, spec, op_name, &op)) != 0)
        goto done;
    rc = SDKC_EXIT_USAGE;
    if (sdkc_codec_decode(spec, op, &resp, &doc, &err) != SDKC_OK) {
        sdkc_cli_print_error(S_CMD, &err);
        goto done;
    }
    rc = s_print(doc, pretty);
done:
    cJSON_Delete(doc);
    sdkc_spec_destroy(spec);
    sdkc_buf_clean_up(&body);
    sdkc_http_response_clean_up(&resp);
    return rc;
}
