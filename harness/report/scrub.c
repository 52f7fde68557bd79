/* SPDX-License-Identifier: Apache-2.0
 *
 * report/scrub.c: the one gate every piece of report and console text
 * passes (DESIGN.md: "secrets never written anywhere"). Two jobs:
 *
 *  1. Redact credentials and signatures. Adapters are handed fixed fake
 *     credentials, but a live run or a misbehaving adapter could echo real
 *     ones into a message or a captured request; reports are CI artifacts,
 *     so anything that looks like a secret is cut before it is written:
 *       - AWS access key ids (AKIA/ASIA + 16 upper-case alphanumerics);
 *       - the value after a secret-bearing name (Signature=, Credential=,
 *         Authorization, X-Amz-Security-Token, secretAccessKey,
 *         sessionToken, aws_secret_access_key, X-Amz-Signature).
 *     Before that, the sigv4 layer's sdkc_redact_append runs (signatures,
 *     security tokens, and the registered secrets: the adapters' fixed test
 *     credentials, which the caller got from impl and registers with
 *     sdkc_report_scrub_set_test_credentials, and the run's secret key,
 *     session token and access key id, in every encoding: raw,
 *     %XX, %xx, '+' for space, base64, hex), so both rule sets apply, with
 *     one marker, SDKC_REDACTED.
 *  2. Make the text valid UTF-8 (each invalid byte -> U+FFFD), so that JSON,
 *     XML and HTML writers can rely on it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/text.h"
#include "report/report.h"
#include "sigv4/credentials.h"

/* One marker for every redaction, the sigv4 layer's. */
#define S_REDACTED SDKC_REDACTED
/* Shorter values are words of a diff, not secrets (the shortest AWS
 * secrets: 20-byte key ids, 40-byte secret keys, 64-hex signatures). */
#define S_MIN_SECRET 12

/* Names whose following value is a secret. Matched case-insensitively,
 * anywhere (as a header name, a JSON key, a query parameter). */
static const char *const s_secret_names[] = {"x-amz-security-token",
                                             "x-amz-signature",
                                             "authorization",
                                             "signature=",
                                             "credential=",
                                             "secretaccesskey",
                                             "secret_access_key",
                                             "sessiontoken",
                                             "session_token",
                                             "securitytoken",
                                             NULL};

static int s_is_upper_alnum(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int s_is_alnum(unsigned char c)
{
    return s_is_upper_alnum(c) || (c >= 'a' && c <= 'z');
}

/* Bytes that separate a secret's name from its value. */
static int s_is_sep(unsigned char c)
{
    return c == '"' || c == '\\' || c == ':' || c == '=' || c == ' ' || c == '\t' || c == '\'';
}

/* Bytes that end a secret value. */
static int s_ends_value(unsigned char c)
{
    return c == '"' || c == '\\' || c == ',' || c == '&' || c == ' ' || c == '\t' || c == '\n' ||
           c == '\r' || c == ';' || c == '}' || c == ']' || c == '<' || c == '>' || c == '\'';
}

static sdkc_result s_scrub(struct sdkc_buf *out, const char *text, size_t n);

/* The run's credentials (sdkc_report_scrub_set_credentials) and the
 * adapters' test credentials (sdkc_report_scrub_set_test_credentials),
 * borrowed. */
static const struct sdkc_credentials *g_run_creds;
static const struct sdkc_credentials *g_test_creds;

/* Every registered secret as one redactor, rebuilt when a registration
 * changes (every piece of report text passes it, and building the encoded
 * forms costs more than the scan): the test secret key and session token,
 * the run's secret key and session token, and the run's access key id
 * (every report cuts AKIA/ASIA ids; a run's own id, whatever its shape, in
 * any encoding goes the same way, so live.json and the console agree with
 * report.json). NULL when none is registered or building failed (out of
 * memory): each text then builds its own. Owned here. */
static struct sdkc_redactor *g_red;

/* The secrets of the registrations, in a fixed order. */
static size_t s_secrets(const char *out[SDKC_REDACTOR_MAX_SECRETS])
{
    out[0] = g_test_creds ? g_test_creds->secret_access_key : NULL;
    out[1] = g_test_creds ? g_test_creds->session_token : NULL;
    out[2] = g_run_creds ? g_run_creds->secret_access_key : NULL;
    out[3] = g_run_creds ? g_run_creds->session_token : NULL;
    out[4] = g_run_creds ? g_run_creds->access_key_id : NULL;
    return 5;
}

static void s_rebuild(void)
{
    const char *secrets[SDKC_REDACTOR_MAX_SECRETS];
    size_t n = s_secrets(secrets);
    sdkc_redactor_destroy(g_red);
    g_red = NULL;
    if ((g_test_creds || g_run_creds) && sdkc_redactor_new(secrets, n, &g_red) != SDKC_OK)
        g_red = NULL;
}

void sdkc_report_scrub_set_test_credentials(const struct sdkc_credentials *creds)
{
    g_test_creds = creds;
    s_rebuild();
}

void sdkc_report_scrub_set_credentials(const struct sdkc_credentials *creds)
{
    g_run_creds = creds;
    s_rebuild();
}

/* Bytes of a secret compared by the pre-check: its percent-encoded form
 * shares them with the raw one as long as they are unreserved (RFC 3986
 * §2.3), which the first byte of every AWS secret and token is. */
#define S_PREFIX 4

/* 1 when text holds the first S_PREFIX bytes of secret, raw or with its
 * first byte percent-encoded. */
static int s_has_prefix(const char *text, size_t n, const char *secret)
{
    size_t len = secret ? strlen(secret) : 0, i, k;
    if (len == 0)
        return 0;
    k = len < S_PREFIX ? len : S_PREFIX;
    for (i = 0; i + k <= n; i++) {
        const char *p = memchr(text + i, secret[0], n - i);
        if (!p)
            return 0;
        i = (size_t)(p - text);
        if (i + k <= n && memcmp(p, secret, k) == 0)
            return 1;
    }
    /* A secret whose first byte is reserved appears encoded as %XX. */
    return memchr(text, '%', n) != NULL;
}

/* Bytes of the test secret compared by the pre-check: its raw and
 * percent-encoded forms share them as long as they are unreserved (RFC 3986
 * §2.3), as the adapters' fixed secret's first 13 are. */
#define S_TEST_PREFIX 13

/* 1 when sdkc_redact_append could change text: it only acts after
 * "signature" / "x-amz-security-token" (any case) and on the secrets we
 * pass. Checking first keeps a 100,000-line report from paying for a
 * second copy. */
static int s_sigv4_may_redact(const char *text, size_t n)
{
    const char *secret = g_test_creds ? g_test_creds->secret_access_key : NULL;
    size_t i, k = secret ? strlen(secret) : 0;
    if (k > S_TEST_PREFIX)
        k = S_TEST_PREFIX;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i] | 0x20;
        if (c == 's' && i + 1 < n) {
            unsigned char d = (unsigned char)text[i + 1] | 0x20;
            if (d == 'i' && n - i >= 9 && strncasecmp(text + i, "signature", 9) == 0)
                return 1;
            if (d == 'e' && n - i >= 14 && strncasecmp(text + i, "security-token", 14) == 0)
                return 1;
        }
        if (k && text[i] == secret[0] && n - i >= k && memcmp(text + i, secret, k) == 0)
            return 1;
    }
    if (g_test_creds && g_test_creds->session_token &&
        s_has_prefix(text, n, g_test_creds->session_token))
        return 1;
    if (g_run_creds && (s_has_prefix(text, n, g_run_creds->secret_access_key) ||
                        s_has_prefix(text, n, g_run_creds->session_token)))
        return 1;
    return 0;
}

sdkc_result sdkc_report_scrub(struct sdkc_buf *out, const char *text, size_t n)
{
    struct sdkc_redactor *red = g_red;
    struct sdkc_buf a;
    sdkc_result result;
    if (!text)
        return SDKC_OK;
    /* With run credentials (live: the user's real ones) every text is
     * redacted: their encoded forms (base64, hex) share no prefix with
     * them for a cheap pre-check to find. */
    if (!g_run_creds && !s_sigv4_may_redact(text, n))
        return s_scrub(out, text, n);
    /* Signatures and security tokens are cut even with no secret
     * registered (an empty redactor). */
    if (!red) {
        const char *secrets[SDKC_REDACTOR_MAX_SECRETS];
        if ((result = sdkc_redactor_new(secrets, s_secrets(secrets), &red)))
            return result;
    }
    sdkc_buf_init(&a, 0);
    result = sdkc_redactor_append(red, &a, text, n);
    if (!result)
        result = s_scrub(out, a.data ? a.data : "", a.len);
    sdkc_buf_clean_up(&a);
    if (red != g_red)
        sdkc_redactor_destroy(red);
    return result;
}

static sdkc_result s_scrub(struct sdkc_buf *out, const char *text, size_t n)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0, run = 0; /* [run, i) is pending plain text */
    sdkc_result result = SDKC_OK;

    if (!text)
        return SDKC_OK;
    while (i < n) {
        unsigned char c = p[i];
        size_t k;
        /* An access key id, on a word boundary. */
        if ((c == 'A') && i + 20 <= n && (p[i + 1] == 'K' || p[i + 1] == 'S') && p[i + 2] == 'I' &&
            p[i + 3] == 'A' && (i == 0 || !s_is_alnum(p[i - 1]))) {
            for (k = 4; k < 20 && s_is_upper_alnum(p[i + k]); k++)
                ;
            if (k == 20 && (i + 20 == n || !s_is_alnum(p[i + 20]))) {
                if ((result = sdkc_buf_append(out, text + run, i - run)))
                    return result;
                if ((result = sdkc_buf_append(out, text + i, 4)) ||
                    (result = sdkc_buf_append_str(out, S_REDACTED)))
                    return result;
                i += 20;
                run = i;
                continue;
            }
        }
        switch (c | 0x20) {
        case 'x':
        case 'a':
        case 's':
        case 'c': {
            const char *const *name;
            for (name = s_secret_names; *name; name++) {
                size_t len, v, e;
                /* Cheap rejects first: this runs on every a/c/s/x byte. */
                if ((c | 0x20) != (*name)[0] || i + 1 >= n ||
                    (p[i + 1] | 0x20) != (unsigned char)(*name)[1])
                    continue;
                len = strlen(*name);
                if (i + len > n || strncasecmp(text + i, *name, len) != 0)
                    continue;
                for (v = i + len; v < n && s_is_sep(p[v]); v++)
                    ;
                for (e = v; e < n && !s_ends_value(p[e]); e++)
                    ;
                if (e - v < S_MIN_SECRET || p[v] == '(')
                    break; /* "authorization: wanted (absent)" is prose, not a secret */
                if ((result = sdkc_buf_append(out, text + run, v - run)) ||
                    (result = sdkc_buf_append_str(out, S_REDACTED)))
                    return result;
                i = e;
                run = i;
                goto next;
            }
            break;
        }
        default: break;
        }
        if (c < 0x80) {
            i++;
        } else {
            size_t len = sdkc_utf8_len(p + i, n - i, NULL);
            if (len) {
                i += len;
            } else {
                if ((result = sdkc_buf_append(out, text + run, i - run)) ||
                    (result = sdkc_buf_append(out, "\xEF\xBF\xBD", 3)))
                    return result;
                i++;
                run = i;
            }
        }
    next:;
    }
    return sdkc_buf_append(out, text + run, n - run);
}

/* Write already formatted text scrubbed, then neutralised; falls back to
 * neutralising alone when memory runs out. */
static void s_emit(FILE *f, const char *text, size_t n)
{
    struct sdkc_buf b;
    sdkc_buf_init(&b, 0);
    if (sdkc_report_scrub(&b, text, n) == SDKC_OK && b.data)
        sdkc_text_fwrite(f, b.data, b.len, SDKC_TEXT_KEEP_LINES);
    else
        sdkc_text_fwrite(f, text, n, SDKC_TEXT_KEEP_LINES);
    sdkc_buf_clean_up(&b);
}

void sdkc_report_vfprintf(FILE *f, const char *fmt, va_list ap)
{
    char small[1024];
    va_list aq;
    int n;
    va_copy(aq, ap);
    n = vsnprintf(small, sizeof(small), fmt, aq);
    va_end(aq);
    if (n < 0)
        return;
    if ((size_t)n < sizeof(small)) {
        s_emit(f, small, (size_t)n);
    } else {
        struct sdkc_buf b;
        sdkc_buf_init(&b, 0);
        if (sdkc_buf_vappendf(&b, fmt, ap) == SDKC_OK && b.data)
            s_emit(f, b.data, b.len);
        else
            s_emit(f, small, sizeof(small) - 1);
        sdkc_buf_clean_up(&b);
    }
}

void sdkc_report_fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sdkc_report_vfprintf(f, fmt, ap);
    va_end(ap);
}

void sdkc_report_say(FILE *f, const char *cmd, const char *fmt, ...)
{
    va_list ap;
    if (!f)
        return;
    fprintf(f, "sdkconform %s: ", cmd);
    va_start(ap, fmt);
    sdkc_report_vfprintf(f, fmt, ap);
    va_end(ap);
}
