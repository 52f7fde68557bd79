/* SPDX-License-Identifier: Apache-2.0
 *
 * sigv4/credentials.c: credential sources and redaction (credentials.h).
 * Values read from files are copied into struct sdkc_credentials only; the
 * file buffer is wiped before it is freed, and no error message quotes a
 * value (only line numbers and key names).
 */
#include <ctype.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "core/alloc.h"
#include "core/base64.h"
#include "sigv4/credentials.h"

sdkc_result sdkc_credentials_from_env(struct sdkc_credentials *out, struct sdkc_error *err)
{
    const char *ak = getenv("AWS_ACCESS_KEY_ID");
    const char *sk = getenv("AWS_SECRET_ACCESS_KEY");
    const char *tok = getenv("AWS_SESSION_TOKEN");
    if (!ak || !*ak || !sk || !*sk)
        return sdkc_error_set(err, SDKC_ERR_NOT_FOUND, SDKC_NO_OFFSET,
                              "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set");
    return sdkc_credentials_set(out, ak, sk, tok, err);
}

static void s_trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r'))
        (*n)--;
}

static int s_key_is(const char *k, size_t kn, const char *want)
{
    return kn == strlen(want) && strncasecmp(k, want, kn) == 0;
}

sdkc_result sdkc_credentials_from_file(struct sdkc_credentials *out, const char *path,
                                       const char *profile, struct sdkc_error *err)
{
    struct sdkc_buf file;
    char *ak = NULL, *sk = NULL, *tok = NULL;
    size_t pos = 0, lineno = 0;
    int in_profile = 0, seen_profile = 0;
    sdkc_result result = SDKC_OK;

    if (!path || !profile || !*profile)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "credentials file: path and profile are required");
    sdkc_buf_init(&file, SDKC_CREDENTIALS_FILE_MAX);
    result = sdkc_buf_read_file(&file, path, err);
    if (result)
        goto done;
    while (pos < file.len) {
        const char *line = file.data + pos, *eq;
        size_t n = 0;
        while (pos + n < file.len && line[n] != '\n')
            n++;
        pos += n + 1;
        lineno++;
        if (n > SDKC_CREDENTIALS_MAX_LINE) {
            result = sdkc_error_set(err, SDKC_ERR_TOO_LARGE, (size_t)(line - file.data),
                                    "%s: line %zu is longer than %d bytes", path, lineno,
                                    SDKC_CREDENTIALS_MAX_LINE);
            goto done;
        }
        s_trim(&line, &n);
        if (n == 0 || line[0] == '#' || line[0] == ';')
            continue;
        if (line[0] == '[') {
            const char *name = line + 1;
            size_t nn = n - 1;
            if (line[n - 1] != ']') {
                result = sdkc_error_set(err, SDKC_ERR_PARSE, (size_t)(line - file.data),
                                        "%s: line %zu: unterminated [section]", path, lineno);
                goto done;
            }
            nn--;
            s_trim(&name, &nn);
            /* ~/.aws/config writes "[profile x]"; accept it here too. */
            if (nn > 8 && strncmp(name, "profile ", 8) == 0) {
                name += 8;
                nn -= 8;
                s_trim(&name, &nn);
            }
            in_profile = nn == strlen(profile) && strncmp(name, profile, nn) == 0;
            seen_profile |= in_profile;
            continue;
        }
        eq = memchr(line, '=', n);
        if (!eq) {
            result =
                sdkc_error_set(err, SDKC_ERR_PARSE, (size_t)(line - file.data),
                               "%s: line %zu: expected 'key = value' or '[profile]'", path, lineno);
            goto done;
        }
        if (!in_profile)
            continue;
        {
            const char *k = line, *v = eq + 1;
            size_t kn = (size_t)(eq - line), vn = n - kn - 1;
            char **slot = NULL;
            s_trim(&k, &kn);
            s_trim(&v, &vn);
            if (s_key_is(k, kn, "aws_access_key_id"))
                slot = &ak;
            else if (s_key_is(k, kn, "aws_secret_access_key"))
                slot = &sk;
            else if (s_key_is(k, kn, "aws_session_token") || s_key_is(k, kn, "aws_security_token"))
                slot = &tok;
            if (!slot)
                continue;
            if (*slot) {
                OPENSSL_cleanse(*slot, strlen(*slot));
                sdkc_free(*slot);
            }
            *slot = sdkc_strndup(v, vn);
            if (!*slot) {
                result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
                goto done;
            }
        }
    }
    if (!seen_profile) {
        result = sdkc_error_set(err, SDKC_ERR_NOT_FOUND, SDKC_NO_OFFSET, "%s: no [%s] profile",
                                path, profile);
        goto done;
    }
    if (!ak || !*ak || !sk || !*sk) {
        result = sdkc_error_set(err, SDKC_ERR_NOT_FOUND, SDKC_NO_OFFSET,
                                "%s: profile [%s] lacks aws_access_key_id or "
                                "aws_secret_access_key",
                                path, profile);
        goto done;
    }
    result = sdkc_credentials_set(out, ak, sk, tok, err);
done:
    if (file.data)
        OPENSSL_cleanse(file.data, file.len);
    sdkc_buf_clean_up(&file);
    if (ak)
        sdkc_free(ak);
    if (sk) {
        OPENSSL_cleanse(sk, strlen(sk));
        sdkc_free(sk);
    }
    if (tok) {
        OPENSSL_cleanse(tok, strlen(tok));
        sdkc_free(tok);
    }
    return result;
}

sdkc_result sdkc_credentials_load(struct sdkc_credentials *out, const char *profile,
                                  struct sdkc_error *err)
{
    struct sdkc_buf path;
    const char *file = getenv("AWS_SHARED_CREDENTIALS_FILE");
    sdkc_result result;

    if (!profile || !*profile) {
        result = sdkc_credentials_from_env(out, NULL);
        if (result != SDKC_ERR_NOT_FOUND)
            return result == SDKC_OK ? SDKC_OK
                                     : sdkc_error_set(err, result, SDKC_NO_OFFSET,
                                                      "credentials from the environment: %s",
                                                      sdkc_result_str(result));
        profile = getenv("AWS_PROFILE");
        if (!profile || !*profile)
            profile = SDKC_CREDENTIALS_DEFAULT_PROFILE;
    }
    sdkc_buf_init(&path, 4096);
    if (file && *file) {
        result = sdkc_buf_append_str(&path, file);
    } else {
        const char *home = getenv("HOME");
        if (!home || !*home)
            return sdkc_error_set(err, SDKC_ERR_NOT_FOUND, SDKC_NO_OFFSET,
                                  "no credentials: the environment has none and HOME is unset");
        result = sdkc_buf_appendf(&path, "%s/.aws/credentials", home);
    }
    if (result) {
        sdkc_buf_clean_up(&path);
        return sdkc_error_set(err, result, SDKC_NO_OFFSET, "credentials file path: %s",
                              sdkc_result_str(result));
    }
    result = sdkc_credentials_from_file(out, path.data, profile, err);
    sdkc_buf_clean_up(&path);
    return result;
}

/* ---- redaction ------------------------------------------------------------------------ */

/* After a name: optional quote, spaces, '=' or ':', spaces, optional quote.
 * Returns the offset where the value starts, or 0 when this is not a
 * name/value pair; *quoted tells whether the value is a quoted string. */
static size_t s_value_start(const char *t, size_t len, size_t i, int *quoted, char *sep)
{
    if (i < len && (t[i] == '"' || t[i] == '\''))
        i++;
    while (i < len && (t[i] == ' ' || t[i] == '\t'))
        i++;
    if (i >= len || (t[i] != '=' && t[i] != ':'))
        return 0;
    *sep = t[i++];
    while (i < len && (t[i] == ' ' || t[i] == '\t'))
        i++;
    *quoted = i < len && (t[i] == '"' || t[i] == '\'');
    if (*quoted)
        i++;
    return i;
}

static int s_match_ci(const char *t, size_t len, size_t i, const char *word, size_t wn)
{
    return i + wn <= len && strncasecmp(t + i, word, wn) == 0;
}

/* Forms of one secret looked for. A secret leaves the process in more
 * shapes than its raw bytes: percent-encoded with upper- or lower-case hex
 * (RFC 3986 §2.1: both are the same octet), form-encoded with '+' for a
 * space (HTML application/x-www-form-urlencoded), base64 (RFC 4648 §4 and
 * the URL-safe §5 alphabet; the three alignments inside a longer encoded
 * text, e.g. a Basic Authorization "user:secret", less their edge
 * characters) and hex (RFC 4648 §8, both cases). */
#define S_FORMS_PER_SECRET 14
#define S_MAX_NEEDLES      (SDKC_REDACTOR_MAX_SECRETS * (S_FORMS_PER_SECRET + 1))
/* Encoded forms shorter than this would shred ordinary text. */
#define S_MIN_NEEDLE 8

struct s_needles {
    struct sdkc_buf enc[S_MAX_NEEDLES];
    size_t used; /* enc[0..used) initialised */
    const char *s[S_MAX_NEEDLES];
    size_t n[S_MAX_NEEDLES];
    size_t count;
    unsigned char first[256]; /* 1: some needle starts with this byte */
};

/* Add b's text as a needle unless it is too short or already there. */
static void s_needle_add(struct s_needles *nd, const char *p, size_t n)
{
    size_t k;
    if (n < S_MIN_NEEDLE || nd->count >= S_MAX_NEEDLES)
        return;
    for (k = 0; k < nd->count; k++)
        if (nd->n[k] == n && memcmp(nd->s[k], p, n) == 0)
            return;
    nd->s[nd->count] = p;
    nd->n[nd->count++] = n;
    nd->first[(unsigned char)p[0]] = 1;
}

static struct sdkc_buf *s_needle_buf(struct s_needles *nd)
{
    struct sdkc_buf *b = &nd->enc[nd->used++];
    sdkc_buf_init(b, 0);
    return b;
}

static sdkc_result s_needles_forms(struct s_needles *nd, const char *raw)
{
    static const char hex_lo[] = "0123456789abcdef", hex_up[] = "0123456789ABCDEF";
    size_t len = strlen(raw), i, k;
    struct sdkc_buf *up, *lo, *b;
    sdkc_result result;

    s_needle_add(nd, raw, len);
    /* percent-encoded, upper- then lower-case hex; then '+' for space */
    up = s_needle_buf(nd);
    if ((result = sdkc_uri_encode(up, raw, len, 0)) || (result = sdkc_buf_reserve(up, 0)))
        return result;
    lo = s_needle_buf(nd);
    if ((result = sdkc_buf_append(lo, up->data, up->len)) || (result = sdkc_buf_reserve(lo, 0)))
        return result;
    for (i = 0; i + 2 < lo->len; i++)
        if (lo->data[i] == '%') {
            lo->data[i + 1] = (char)tolower((unsigned char)lo->data[i + 1]);
            lo->data[i + 2] = (char)tolower((unsigned char)lo->data[i + 2]);
        }
    s_needle_add(nd, up->data, up->len);
    s_needle_add(nd, lo->data, lo->len);
    for (k = 0; k < 2 && strchr(raw, ' '); k++) {
        const struct sdkc_buf *from = k ? lo : up;
        b = s_needle_buf(nd);
        for (i = 0; i < from->len && !result; i++) {
            if (from->len - i >= 3 && memcmp(from->data + i, "%20", 3) == 0) {
                result = sdkc_buf_append_byte(b, '+');
                i += 2;
            } else {
                result = sdkc_buf_append_byte(b, from->data[i]);
            }
        }
        if (result || (result = sdkc_buf_reserve(b, 0)))
            return result;
        s_needle_add(nd, b->data, b->len);
    }
    /* base64 at the three alignments: with k bytes before it, the secret
     * decides characters ceil(8k/6) .. floor(8(k+len)/6) of the encoding */
    for (k = 0; k < 3; k++) {
        struct sdkc_buf in, *url;
        size_t from = (8 * k + 5) / 6, to = 8 * (k + len) / 6;
        sdkc_buf_init(&in, 0);
        b = s_needle_buf(nd);
        if (!(result = sdkc_buf_append(&in, "\0\0", k)) &&
            !(result = sdkc_buf_append(&in, raw, len)))
            result = sdkc_base64_encode(b, in.data, in.len);
        if (in.data)
            OPENSSL_cleanse(in.data, in.len);
        sdkc_buf_clean_up(&in);
        if (result || (result = sdkc_buf_reserve(b, 0)))
            return result;
        if (to > b->len)
            to = b->len;
        if (to <= from)
            continue;
        s_needle_add(nd, b->data + from, to - from);
        url = s_needle_buf(nd);
        if ((result = sdkc_buf_append(url, b->data + from, to - from)) ||
            (result = sdkc_buf_reserve(url, 0)))
            return result;
        for (i = 0; i < url->len; i++)
            url->data[i] = url->data[i] == '+' ? '-' : url->data[i] == '/' ? '_' : url->data[i];
        s_needle_add(nd, url->data, url->len);
    }
    for (k = 0; k < 2; k++) {
        const char *digits = k ? hex_up : hex_lo;
        b = s_needle_buf(nd);
        for (i = 0; i < len && !result; i++) {
            unsigned char c = (unsigned char)raw[i];
            if (!(result = sdkc_buf_append_byte(b, digits[c >> 4])))
                result = sdkc_buf_append_byte(b, digits[c & 15]);
        }
        if (result || (result = sdkc_buf_reserve(b, 0)))
            return result;
        s_needle_add(nd, b->data, b->len);
    }
    return SDKC_OK;
}

static void s_needles_clean_up(struct s_needles *nd)
{
    size_t i;
    for (i = 0; i < nd->used; i++) {
        if (nd->enc[i].data)
            OPENSSL_cleanse(nd->enc[i].data, nd->enc[i].len);
        sdkc_buf_clean_up(&nd->enc[i]);
    }
    nd->used = 0;
}

/* The needles of each secret given (NULL ones skipped). */
static sdkc_result s_needles_init(struct s_needles *nd, const char *const *secrets, size_t count)
{
    size_t i;
    memset(nd, 0, sizeof(*nd));
    for (i = 0; i < count && i < SDKC_REDACTOR_MAX_SECRETS; i++) {
        sdkc_result result;
        /* Very short strings would shred ordinary text; real secrets are
         * 40+ characters. */
        if (!secrets[i] || strlen(secrets[i]) < 8)
            continue;
        if ((result = s_needles_forms(nd, secrets[i])))
            return result;
    }
    return SDKC_OK;
}

/* The redaction proper, with the needles of the secrets built. */
static sdkc_result s_redact(const struct s_needles *nd, struct sdkc_buf *out, const char *text,
                            size_t len)
{
    static const char sig[] = "signature";
    static const char tok[] = "x-amz-security-token";
    size_t i = 0, copied = 0, k;
    sdkc_result result;

    while (i < len) {
        size_t vs = 0, ve, skip_to = 0;
        int quoted = 0;
        char sep = 0;
        unsigned char b = (unsigned char)text[i];
        /* Most bytes start neither word nor any needle: one look each. */
        if ((b | 0x20) != 's' && (b | 0x20) != 'x' && !nd->first[b]) {
            i++;
            continue;
        }
        if (s_match_ci(text, len, i, sig, sizeof(sig) - 1)) {
            vs = s_value_start(text, len, i + sizeof(sig) - 1, &quoted, &sep);
            for (ve = vs; vs && ve < len && sdkc_uri_hex_digit(text[ve]) >= 0; ve++)
                ;
            if (vs && ve - vs >= 16)
                skip_to = ve;
        } else if (s_match_ci(text, len, i, tok, sizeof(tok) - 1)) {
            vs = s_value_start(text, len, i + sizeof(tok) - 1, &quoted, &sep);
            for (ve = vs; vs && ve < len; ve++) {
                char c = text[ve];
                /* No session token holds a backslash (they are base64):
                 * stopping there keeps JSON-escaped text ("\\n" is two
                 * bytes) from being swallowed to the end of the string. */
                if (c == '\n' || c == '\r' || c == '\\' || (quoted && (c == '"' || c == '\'')) ||
                    (!quoted && sep == '=' && (c == '&' || c == ' ' || c == '"' || c == ',')) ||
                    (!quoted && sep == ':' && c == '"'))
                    break;
            }
            if (vs && ve > vs)
                skip_to = ve;
        }
        if (!skip_to) {
            for (k = 0; nd->first[b] && k < nd->count; k++)
                if (i + nd->n[k] <= len && memcmp(text + i, nd->s[k], nd->n[k]) == 0) {
                    vs = i;
                    skip_to = i + nd->n[k];
                    break;
                }
        }
        if (!skip_to) {
            i++;
            continue;
        }
        result = sdkc_buf_append(out, text + copied, vs - copied);
        if (!result)
            result = sdkc_buf_append_str(out, SDKC_REDACTED);
        if (result)
            return result;
        i = copied = skip_to;
    }
    return sdkc_buf_append(out, text + copied, len - copied);
}

sdkc_result sdkc_redact_append(struct sdkc_buf *out, const char *text, size_t len,
                               const struct sdkc_credentials *creds)
{
    struct s_needles nd;
    const char *secrets[2];
    sdkc_result result;
    secrets[0] = creds ? creds->secret_access_key : NULL;
    secrets[1] = creds ? creds->session_token : NULL;
    result = s_needles_init(&nd, secrets, 2);
    if (!result)
        result = s_redact(&nd, out, text, len);
    s_needles_clean_up(&nd);
    return result;
}

/* The needles point into their own buffers or into the copied secrets. */
struct sdkc_redactor {
    char *secrets[SDKC_REDACTOR_MAX_SECRETS]; /* copies; NULL when absent */
    struct s_needles nd;
};

static void s_free_secret(char *p)
{
    if (p) {
        OPENSSL_cleanse(p, strlen(p));
        sdkc_free(p);
    }
}

sdkc_result sdkc_redactor_new(const char *const *secrets, size_t count, struct sdkc_redactor **out)
{
    struct sdkc_redactor *r;
    size_t i;
    *out = NULL;
    if (count > SDKC_REDACTOR_MAX_SECRETS)
        return SDKC_ERR_INVALID_ARG;
    if (!(r = sdkc_calloc(1, sizeof(*r))))
        return SDKC_ERR_NOMEM;
    for (i = 0; i < count; i++)
        if (secrets[i] && !(r->secrets[i] = sdkc_strdup(secrets[i])))
            goto nomem;
    if (s_needles_init(&r->nd, (const char *const *)r->secrets, count))
        goto nomem;
    *out = r;
    return SDKC_OK;
nomem:
    sdkc_redactor_destroy(r);
    return SDKC_ERR_NOMEM;
}

sdkc_result sdkc_redactor_append(const struct sdkc_redactor *r, struct sdkc_buf *out,
                                 const char *text, size_t len)
{
    return s_redact(&r->nd, out, text, len);
}

void sdkc_redactor_destroy(struct sdkc_redactor *r)
{
    size_t i;
    if (!r)
        return;
    s_needles_clean_up(&r->nd);
    for (i = 0; i < SDKC_REDACTOR_MAX_SECRETS; i++)
        s_free_secret(r->secrets[i]);
    sdkc_free(r);
}

char *sdkc_redact_str(const char *text, const struct sdkc_credentials *creds)
{
    struct sdkc_buf b;
    sdkc_buf_init(&b, 0);
    if (!text)
        text = "";
    if (sdkc_redact_append(&b, text, strlen(text), creds) != SDKC_OK) {
        sdkc_buf_clean_up(&b);
        return NULL;
    }
    return sdkc_buf_steal(&b, NULL);
}

sdkc_result sdkc_redact_headers(struct sdkc_http_headers *h, const struct sdkc_credentials *creds)
{
    size_t i;
    for (i = 0; h && i < h->count; i++) {
        struct sdkc_buf b;
        char *v;
        sdkc_result result;
        sdkc_buf_init(&b, 0);
        if (strcasecmp(h->items[i].name, "x-amz-security-token") == 0)
            result = sdkc_buf_append_str(&b, SDKC_REDACTED);
        else
            result = sdkc_redact_append(&b, h->items[i].value, strlen(h->items[i].value), creds);
        if (result) {
            sdkc_buf_clean_up(&b);
            return result;
        }
        if (strcmp(b.data, h->items[i].value) == 0) {
            sdkc_buf_clean_up(&b);
            continue;
        }
        v = sdkc_buf_steal(&b, NULL);
        OPENSSL_cleanse(h->items[i].value, strlen(h->items[i].value));
        sdkc_free(h->items[i].value);
        h->items[i].value = v;
    }
    return SDKC_OK;
}
