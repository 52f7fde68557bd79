/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/cmd_sign.c: `sdkconform sign`: sign a raw HTTP/1.1 request (the SigV4
 * suite's request.txt format) and print it, or with --verify check a signed
 * one (the hook the botocore cross-check in tests/sign_cli.sh uses).
 *
 * Secrets: the secret key never appears in the output; the session token
 * is printed as SDKC_REDACTED wherever it would appear (signed request,
 * canonical request). The signature itself is printed: it is the product.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "sigv4/credentials.h"
#include "sigv4/sigv4.h"

/* --skew cap, 31 days: a month of clock difference is already no check. */
#define S_MAX_SKEW_S 2678400

enum {
    S_REGION = 1,
    S_SERVICE,
    S_DATE,
    S_ACCESS_KEY,
    S_SECRET_KEY,
    S_SESSION_TOKEN,
    S_PROFILE,
    S_QUERY,
    S_EXPIRES,
    S_VERBOSE,
    S_NO_NORMALIZE,
    S_UNSIGNED_PAYLOAD,
    S_CONTENT_SHA256,
    S_VERIFY,
    S_NOW,
    S_SKEW,
    S_FILE
};

#define S_STR2(x) #x
#define S_STR(x)  S_STR2(x)

static const struct sdkc_cli_opt s_opts[] = {
    {S_REGION, "--region", 0, "R", 1, "the signing region"},
    {S_SERVICE, "--service", 0, "SVC", 1, "the signing name of the service"},
    {S_DATE, "--date", 0, "YYYYMMDDTHHMMSSZ", 1, "the signing time (default: now)"},
    {S_ACCESS_KEY, "--access-key", 0, "K", 1,
     "access key id (with --secret-key); without it the\n"
     "credentials come from the environment or the shared\n"
     "credentials file"},
    {S_SECRET_KEY, "--secret-key", 0, "S", 1, "secret access key; never printed"},
    {S_SESSION_TOKEN, "--session-token", 0, "T", 1,
     "session token (needs --access-key); printed redacted"},
    {S_PROFILE, "--profile", 0, "P", 1, "the shared credentials profile (default: AWS_PROFILE)"},
    {S_QUERY, "--query", 0, NULL, 1, "presign: the signature in the query string"},
    {S_EXPIRES, "--expires", 0, "SECONDS", 1,
     "with --query: X-Amz-Expires, 1.." S_STR(SDKC_SIGV4_MAX_EXPIRES) " (default 3600)"},
    {S_VERBOSE, "--verbose", 'v', NULL, 1,
     "also print the canonical request and the string to sign"},
    {S_NO_NORMALIZE, "--no-normalize", 0, NULL, 1,
     "neither normalize nor double-encode the path (as S3)"},
    {S_UNSIGNED_PAYLOAD, "--unsigned-payload", 0, NULL, 1,
     "sign UNSIGNED-PAYLOAD instead of the body's hash"},
    {S_CONTENT_SHA256, "--content-sha256", 0, NULL, 1, "add an X-Amz-Content-Sha256 header"},
    {S_VERIFY, "--verify", 0, NULL, 1, "check the request's signature instead of signing it"},
    {S_NOW, "--now", 0, "YYYYMMDDTHHMMSSZ", 1,
     "with --verify: the clock (default: --date, else now)"},
    {S_SKEW, "--skew", 0, "SECONDS", 1,
     "with --verify: the clock skew allowed, 1.." S_STR(S_MAX_SKEW_S) "\n(default " S_STR(
         SDKC_SIGV4_DEFAULT_SKEW_S) ")"},
    {S_FILE, NULL, 0, "REQUEST_FILE | -", 1, "the raw HTTP/1.1 request (none or -: stdin)"},
};

const struct sdkc_cli_syntax sdkc_cmd_sign_syntax = {
    "sign",
    "sdkconform sign --region R --service SVC [--date YYYYMMDDTHHMMSSZ]\n"
    "                       [--access-key K --secret-key S [--session-token T]\n"
    "                        | --profile P] [--query [--expires SECONDS]]\n"
    "                       [--verbose] [--no-normalize] [--unsigned-payload]\n"
    "                       [--content-sha256] [REQUEST_FILE|-]\n"
    "       sdkconform sign --verify --region R --service SVC [credentials as above]\n"
    "                       [--now YYYYMMDDTHHMMSSZ] [--skew SECONDS]\n"
    "                       [REQUEST_FILE|-]",
    "Reads a raw HTTP/1.1 request (request line, Name:value headers, empty line,\n"
    "body) and prints it signed with AWS SigV4 (Authorization header, or a\n"
    "presigned query with --query). --verbose also prints the canonical request\n"
    "and the string to sign. Without --access-key the credentials come from the\n"
    "environment or the shared credentials file (--profile / AWS_PROFILE).\n"
    "--verify checks the request's signature instead: exit 0 verified, 1 not\n"
    "(the reason and the canonical request we computed are printed).\n"
    "The secret key and the session token are never printed.",
    s_opts,
    sizeof(s_opts) / sizeof(s_opts[0]),
    "exit: 0 ok, 1 verification failed, 2 bad usage or bad request file"};

struct s_args {
    const char *access_key, *secret_key, *token, *profile;
    const char *region, *service, *date, *now, *file;
    long expires, skew;
    int query, verbose, verify, no_normalize, unsigned_payload, content_sha256;
};

static int s_long(const char *cmd, const char *opt, const char *v, long max, long *out)
{
    unsigned long n;
    if (sdkc_cli_parse_ulong(v, (unsigned long)max, &n) || n < 1)
        return sdkc_cli_usage_error(cmd, "%s wants an integer 1..%ld, got '%s'", opt, max, v);
    *out = (long)n;
    return 0;
}

/* 0, -1 after --help, or an exit code. */
static int s_parse_args(int argc, char **argv, struct s_args *a)
{
    struct sdkc_cli_opts p;
    struct sdkc_cli_arg arg;
    int step;
    memset(a, 0, sizeof(*a));
    a->expires = 3600;
    sdkc_cli_opts_init(&p, &sdkc_cmd_sign_syntax, argc, argv);
    while ((step = sdkc_cli_opts_next(&p, &arg)) == SDKC_CLI_OPTS_NEXT) {
        const char *v = arg.value;
        switch (arg.id) {
        case S_REGION: a->region = v; break;
        case S_SERVICE: a->service = v; break;
        case S_DATE: a->date = v; break;
        case S_ACCESS_KEY: a->access_key = v; break;
        case S_SECRET_KEY: a->secret_key = v; break;
        case S_SESSION_TOKEN: a->token = v; break;
        case S_PROFILE: a->profile = v; break;
        case S_QUERY: a->query = 1; break;
        case S_EXPIRES:
            if (s_long("sign", arg.name, v, SDKC_SIGV4_MAX_EXPIRES, &a->expires))
                return SDKC_EXIT_USAGE;
            break;
        case S_VERBOSE: a->verbose = 1; break;
        case S_NO_NORMALIZE: a->no_normalize = 1; break;
        case S_UNSIGNED_PAYLOAD: a->unsigned_payload = 1; break;
        case S_CONTENT_SHA256: a->content_sha256 = 1; break;
        case S_VERIFY: a->verify = 1; break;
        case S_NOW: a->now = v; break;
        case S_SKEW:
            if (s_long("sign", arg.name, v, S_MAX_SKEW_S, &a->skew))
                return SDKC_EXIT_USAGE;
            break;
        default: a->file = v; break;
        }
    }
    if (step != SDKC_CLI_OPTS_END)
        return step;
    if (sdkc_cli_opts_require(&p, S_REGION) || sdkc_cli_opts_require(&p, S_SERVICE))
        return SDKC_EXIT_USAGE;
    if (!a->access_key != !a->secret_key)
        return sdkc_cli_usage_error("sign", "--access-key and --secret-key go together");
    if (a->access_key && a->profile)
        return sdkc_cli_usage_error("sign", "--profile and --access-key exclude each other");
    if (a->token && !a->access_key)
        return sdkc_cli_usage_error("sign", "--session-token needs --access-key");
    if (!a->file)
        a->file = "-";
    return 0;
}

/* Print text with the secret key and the session token (raw and
 * percent-encoded) replaced by SDKC_REDACTED. sdkc_redact_append is not
 * used because it also strips signatures, and the signature is what this
 * command exists to print. */
static int s_print_redacted(FILE *f, const char *text, size_t len, const struct sdkc_credentials *c)
{
    struct sdkc_buf b, enc;
    const char *s[3];
    size_t n[3], i = 0, copied = 0, k;
    int rc = 0;

    sdkc_buf_init(&b, 0);
    sdkc_buf_init(&enc, 0);
    s[0] = c->secret_access_key;
    s[1] = c->session_token;
    s[2] = NULL;
    if (c->session_token &&
        sdkc_uri_encode(&enc, c->session_token, strlen(c->session_token), 0) == SDKC_OK)
        s[2] = enc.data;
    for (k = 0; k < 3; k++)
        n[k] = s[k] ? strlen(s[k]) : 0;
    while (i < len) {
        size_t hit = 0;
        for (k = 0; k < 3 && !hit; k++)
            if (n[k] && i + n[k] <= len && memcmp(text + i, s[k], n[k]) == 0)
                hit = n[k];
        if (!hit) {
            i++;
            continue;
        }
        if (sdkc_buf_append(&b, text + copied, i - copied) ||
            sdkc_buf_append_str(&b, SDKC_REDACTED)) {
            rc = -1;
            break;
        }
        i = copied = i + hit;
    }
    if (!rc && sdkc_buf_append(&b, text + copied, len - copied))
        rc = -1;
    if (!rc)
        fwrite(b.data, 1, b.len, f);
    sdkc_buf_clean_up(&b);
    sdkc_buf_clean_up(&enc);
    return rc;
}

static int s_load_creds(const struct s_args *a, struct sdkc_credentials *c)
{
    struct sdkc_error err;
    sdkc_error_init(&err);
    if (a->access_key) {
        if (sdkc_credentials_set(c, a->access_key, a->secret_key, a->token, &err) != SDKC_OK) {
            sdkc_cli_print_error("sign", &err);
            return SDKC_EXIT_USAGE;
        }
        return 0;
    }
    if (sdkc_credentials_load(c, a->profile, &err) != SDKC_OK) {
        sdkc_cli_print_error("sign", &err);
        return SDKC_EXIT_USAGE;
    }
    return 0;
}

int sdkc_cmd_sign(int argc, char **argv)
{
    struct s_args a;
    struct sdkc_credentials c;
    struct sdkc_http_request req;
    struct sdkc_buf text, out;
    struct sdkc_error err;
    struct sdkc_sigv4_trace tr;
    struct sdkc_sigv4_verdict v;
    char date[17];
    int rc;

    rc = s_parse_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? SDKC_EXIT_OK : rc;
    sdkc_credentials_init(&c);
    sdkc_http_request_init(&req);
    sdkc_buf_init(&text, SDKC_SIGV4_MAX_REQUEST_TEXT);
    sdkc_buf_init(&out, 0);
    sdkc_sigv4_trace_init(&tr);
    sdkc_sigv4_verdict_init(&v);
    sdkc_error_init(&err);

    rc = s_load_creds(&a, &c);
    if (rc)
        goto done;
    if (a.date || a.now) {
        time_t t;
        const char *d = a.verify ? (a.now ? a.now : a.date) : (a.date ? a.date : a.now);
        if (sdkc_sigv4_parse_date(d, &t, &err) != SDKC_OK) {
            rc = sdkc_cli_usage_error("sign", "%s", err.msg);
            goto done;
        }
        snprintf(date, sizeof(date), "%s", d);
    } else {
        sdkc_sigv4_format_date(time(NULL), date);
    }
    if (sdkc_buf_read_file(&text, a.file, &err) != SDKC_OK) {
        sdkc_cli_print_error("sign", &err);
        rc = SDKC_EXIT_USAGE;
        goto done;
    }
    if (sdkc_sigv4_request_parse(&req, text.data ? text.data : "", text.len, &err) != SDKC_OK) {
        sdkc_error_prefix(&err, "%s: ", strcmp(a.file, "-") == 0 ? "(stdin)" : a.file);
        sdkc_cli_print_error("sign", &err);
        rc = SDKC_EXIT_USAGE;
        goto done;
    }
    if (a.verify) {
        struct sdkc_sigv4_verify_options vo;
        sdkc_result result;
        memset(&vo, 0, sizeof(vo));
        vo.creds = &c;
        vo.region = a.region;
        vo.service = a.service;
        sdkc_sigv4_parse_date(date, &vo.now, NULL);
        vo.max_skew_s = a.skew;
        vo.normalize_path = !a.no_normalize;
        vo.double_encode_path = !a.no_normalize;
        result = sdkc_sigv4_verify(&req, &vo, &v, &err);
        if (result == SDKC_OK) {
            printf("verified\n");
            rc = SDKC_EXIT_OK;
        } else if (result == SDKC_ERR_VERIFY) {
            printf("not verified: %s\n", err.msg);
            if (v.trace.canonical_request.len) {
                printf("--- canonical request (computed)\n");
                s_print_redacted(stdout, v.trace.canonical_request.data,
                                 v.trace.canonical_request.len, &c);
                printf("\n--- string to sign (computed)\n%s\n", v.trace.string_to_sign.data);
            }
            rc = SDKC_EXIT_FAIL;
        } else {
            sdkc_cli_print_error("sign", &err);
            rc = SDKC_EXIT_USAGE;
        }
        goto done;
    }
    {
        struct sdkc_sigv4_options so;
        memset(&so, 0, sizeof(so));
        so.creds = &c;
        so.region = a.region;
        so.service = a.service;
        so.amz_date = date;
        so.form = a.query ? SDKC_SIGV4_FORM_QUERY : SDKC_SIGV4_FORM_HEADER;
        so.expires_s = (uint32_t)a.expires;
        so.normalize_path = !a.no_normalize;
        so.double_encode_path = !a.no_normalize;
        so.payload_hash = a.unsigned_payload ? SDKC_SIGV4_UNSIGNED_PAYLOAD : NULL;
        so.add_content_sha256 = a.content_sha256;
        if (sdkc_sigv4_sign(&req, &so, &tr, &err) != SDKC_OK) {
            sdkc_cli_print_error("sign", &err);
            rc = SDKC_EXIT_USAGE;
            goto done;
        }
    }
    if (sdkc_sigv4_request_print(&out, &req) != SDKC_OK) {
        sdkc_cli_fprintf(stderr, "sdkconform sign: out of memory\n");
        rc = SDKC_EXIT_USAGE;
        goto done;
    }
    if (a.verbose) {
        printf("--- canonical request\n");
        s_print_redacted(stdout, tr.canonical_request.data, tr.canonical_request.len, &c);
        printf("\n--- string to sign\n%s\n--- signed request\n", tr.string_to_sign.data);
    }
    s_print_redacted(stdout, out.data, out.len, &c);
    rc = fflush(stdout) == 0 ? SDKC_EXIT_OK : SDKC_EXIT_USAGE;
done:
    sdkc_sigv4_verdict_clean_up(&v);
    sdkc_sigv4_trace_clean_up(&tr);
    sdkc_buf_clean_up(&out);
    sdkc_buf_clean_up(&text);
    sdkc_http_request_clean_up(&req);
    sdkc_credentials_clean_up(&c);
    return rc;
}
