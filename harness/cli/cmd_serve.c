/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/cmd_serve.c: `sdkconform serve --vector ID` (docs/DESIGN.md). Runs the
 * loopback mock endpoint alone, for debugging a client by hand: every
 * request is answered with that vector's canned response, and how each
 * request compared with the vector's request expectations is printed.
 *
 * Output (stdout, line-buffered so a script can read the URL at once):
 *   listening on http://127.0.0.1:PORT (vector ID)
 *   request 1: POST /v2/domains/dzd_1/user-profiles
 *     matches the vector's request expectations
 *   request 2: POST /v2/domains/x/user-profiles
 *     differs from the vector's request expectations:
 *       $.path: wanted "...", got "..."
 *   refused 1 request for ambiguous framing (400): POST /x: Content-Length ...
 *
 * Exit codes: 0 stopped (SIGINT/SIGTERM, or --count requests served);
 * 2 bad usage, a vector file that does not load, an unknown id, or an
 * address that cannot be bound.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "core/alloc.h"
#include "core/json.h"
#include "server/server.h"
#include "vectors/vector.h"

#define S_CMD              "serve"
#define S_MAX_VECTOR_PATHS 256
#define S_POLL_MS          200     /* how often a stop request is noticed */
#define S_MAX_COUNT        1000000 /* --count cap */

static volatile sig_atomic_t g_serve_stop;

static void s_on_signal(int sig)
{
    (void)sig;
    g_serve_stop = 1;
}

enum { S_VECTOR = 1, S_VECTORS, S_PORT, S_BIND, S_COUNT };

static const struct sdkc_cli_opt s_opts[] = {
    {S_VECTOR, "--vector", 0, "ID", 1, "the vector to serve"},
    {S_VECTORS, "--vectors", 0, "PATH", S_MAX_VECTOR_PATHS,
     "vector file or folder; repeatable. Default: the bundled corpus\n"
     "($SDKC_CORPUS, else the installed share/sdkconform/corpus,\n"
     "else the source tree's)"},
    {S_PORT, "--port", 0, "N", 1, "port to listen on (default: an ephemeral port, printed)"},
    {S_BIND, "--bind", 0, "ADDR", 1,
     "numeric address to bind (default 127.0.0.1; anything else\n"
     "exposes the endpoint beyond this machine)"},
    {S_COUNT, "--count", 0, "N", 1, "exit after N requests (default: until SIGINT/SIGTERM)"},
};

const struct sdkc_cli_syntax sdkc_cmd_serve_syntax = {
    S_CMD,
    "sdkconform serve --vector ID [--vectors PATH]... [--port N] [--bind ADDR]\n"
    "                        [--count N]",
    "Run the mock endpoint alone: answer every request with vector ID's canned\n"
    "response and print how each request compared with its request expectations.",
    s_opts,
    sizeof(s_opts) / sizeof(s_opts[0]),
    "exit: 0 stopped, 2 bad usage, bad vector files or unknown id, or the address\n"
    "      cannot be bound"};

/* Find the vector with this id; exit code 0 / 2 (message printed). */
static int s_find_vector(const char *const *paths, size_t n, const char *id,
                         struct sdkc_vector **out)
{
    struct sdkc_vector_reader *rd = NULL;
    struct sdkc_error err;
    sdkc_result result;
    int rc = SDKC_EXIT_USAGE;
    *out = NULL;
    sdkc_error_init(&err);
    result = sdkc_vector_reader_new(paths, n, NULL, &rd, &err);
    if (result) {
        sdkc_cli_print_error(S_CMD, &err);
        goto done;
    }
    for (;;) {
        struct sdkc_vector *v = NULL;
        result = sdkc_vector_reader_next(rd, &v, &err);
        if (!result && !v) {
            sdkc_cli_fprintf(stderr, "sdkconform %s: no vector with id \"%s\" in %s%s\n", S_CMD, id,
                             paths[0], n > 1 ? " and the other --vectors paths" : "");
            goto done;
        }
        if (result) {
            sdkc_cli_print_error(S_CMD, &err);
            goto done;
        }
        if (strcmp(v->id, id) == 0) {
            *out = v;
            rc = 0;
            goto done;
        }
        sdkc_vector_destroy(v);
    }
done:
    sdkc_vector_reader_destroy(rd);
    return rc;
}

/* Print one captured request and how it compared. */
static int s_report(const struct sdkc_vector *v, const struct sdkc_http_request *req,
                    unsigned long n, int captured)
{
    struct sdkc_json_diff d;
    struct sdkc_buf text;
    struct sdkc_error err;
    int ok = 0;
    sdkc_result result;
    sdkc_json_diff_init(&d);
    sdkc_buf_init(&text, 0);
    sdkc_error_init(&err);
    sdkc_cli_fprintf(stdout, "request %lu: %s %s%s%s", n, req->method ? req->method : "?",
                     req->path ? req->path : "?", req->query ? "?" : "",
                     req->query ? req->query : "");
    if (captured > 1)
        sdkc_cli_fprintf(stdout, "  (%d requests arrived together; the last is shown)", captured);
    sdkc_cli_fprintf(stdout, "\n");
    if (!v->has_request) {
        sdkc_cli_fprintf(stdout, "  the vector has no request expectations\n");
        result = SDKC_OK;
        goto done;
    }
    result = sdkc_vector_check_request(v, req, NULL, &d, &ok, &err);
    if (result)
        goto done;
    if (ok) {
        sdkc_cli_fprintf(stdout, "  matches the vector's request expectations\n");
    } else {
        result = sdkc_json_diff_format(&d, &text);
        if (result)
            goto done;
        sdkc_cli_fprintf(stdout, "  differs from the vector's request expectations:\n%s",
                         text.data ? text.data : "");
    }
done:
    if (result)
        sdkc_cli_print_error(S_CMD, &err);
    fflush(stdout);
    sdkc_json_diff_clean_up(&d);
    sdkc_buf_clean_up(&text);
    return result ? -1 : 0;
}

int sdkc_cmd_serve(int argc, char **argv)
{
    const char *paths[S_MAX_VECTOR_PATHS];
    size_t npaths = 0;
    const char *id = NULL;
    char corpus[PATH_MAX];
    struct sdkc_server_options so;
    struct sdkc_server *srv = NULL;
    struct sdkc_vector *v = NULL;
    struct sdkc_http_request req;
    struct sdkc_error err;
    struct sigaction sa, old_int, old_term;
    unsigned long count = 0, served = 0, port = 0;
    int rc = SDKC_EXIT_USAGE, have_signals = 0, step;
    struct sdkc_cli_opts p;
    struct sdkc_cli_arg arg;

    memset(&so, 0, sizeof(so));
    sdkc_http_request_init(&req);
    sdkc_error_init(&err);
    sdkc_cli_opts_init(&p, &sdkc_cmd_serve_syntax, argc, argv);
    while ((step = sdkc_cli_opts_next(&p, &arg)) == SDKC_CLI_OPTS_NEXT) {
        const char *val = arg.value;
        switch (arg.id) {
        case S_VECTOR: id = val; break;
        case S_VECTORS:
            paths[npaths++] = val; /* the table caps them at the array's size */
            break;
        case S_PORT:
            if (sdkc_cli_parse_ulong(val, 65535, &port))
                return sdkc_cli_usage_error(S_CMD, "--port %s: expected 0-65535", val);
            so.port = (unsigned)port;
            break;
        case S_BIND: so.bind_address = val; break;
        default:
            if (sdkc_cli_parse_ulong(val, S_MAX_COUNT, &count) || count == 0)
                return sdkc_cli_usage_error(S_CMD, "--count %s: expected 1-%d", val, S_MAX_COUNT);
            break;
        }
    }
    if (step != SDKC_CLI_OPTS_END)
        return step == SDKC_CLI_OPTS_HELP ? SDKC_EXIT_OK : step;
    if ((rc = sdkc_cli_opts_require(&p, S_VECTOR)))
        return rc;
    if (npaths == 0) {
        sdkc_cli_default_corpus(corpus, sizeof(corpus));
        paths[npaths++] = corpus;
    }
    rc = s_find_vector(paths, npaths, id, &v);
    if (rc)
        goto done;
    rc = SDKC_EXIT_USAGE;
    if (sdkc_server_new(&so, &srv, &err)) {
        sdkc_cli_print_error(S_CMD, &err);
        goto done;
    }
    if (sdkc_server_set_response(srv, sdkc_vector_response(v), &err)) {
        sdkc_error_prefix(&err, "%s: vector %s: response: ", v->file, v->id);
        sdkc_cli_print_error(S_CMD, &err);
        goto done;
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = s_on_signal;
    sigemptyset(&sa.sa_mask);
    g_serve_stop = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    have_signals = 1;

    sdkc_cli_fprintf(stdout, "listening on %s (vector %s)\n", sdkc_server_url(srv), v->id);
    if (!sdkc_vector_response(v))
        sdkc_cli_fprintf(stdout, "  the vector has no canned response: every request gets a 500\n");
    if (so.bind_address && strcmp(so.bind_address, "127.0.0.1") && strcmp(so.bind_address, "::1"))
        sdkc_cli_fprintf(stderr, "sdkconform %s: warning: bound to %s, reachable beyond loopback\n",
                         S_CMD, so.bind_address);
    fflush(stdout);
    while (!g_serve_stop && (count == 0 || served < count)) {
        struct sdkc_server_capture cap;
        int captured;
        if (sdkc_server_take(srv, S_POLL_MS, &req, &cap, &err)) {
            sdkc_cli_print_error(S_CMD, &err);
            goto done;
        }
        /* What the endpoint refused (ambiguous framing, a cap) is shown
         * too: "nothing arrived" would hide it (server.h). */
        if (cap.refused)
            printf("refused %u request%s%s: %s\n", cap.refused, cap.refused == 1 ? "" : "s",
                   cap.framing ? " for ambiguous framing (400)" : "", cap.reason);
        captured = (int)cap.requests;
        if (captured == 0)
            continue;
        served += (unsigned long)captured;
        if (s_report(v, &req, served, captured))
            goto done;
    }
    rc = SDKC_EXIT_OK;
done:
    if (have_signals) {
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGTERM, &old_term, NULL);
    }
    sdkc_http_request_clean_up(&req);
    sdkc_server_destroy(srv);
    sdkc_vector_destroy(v);
    return rc;
}
