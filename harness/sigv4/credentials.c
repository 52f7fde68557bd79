/* SPDX-License-Identifier: Apache-2.0
 *
 * sigv4/credentials.c: credential sources and redaction (credentials.h).
 * Values read from files are copied into struct sdkc_credentials only; the
 * file buffer is wiped before it is freed, and no error message quotes a
 * value (only line numbers and key names).
 */
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "codec/http.h"
#include "core/alloc.h"
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
            result = sdkc_error_set(err, SDKC_ERR_PARSE, (size_t)(line - file.data),
                                    "%s: line %zu: expected 'key = value' or '[profile]'", path,
                                    lineno);
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
            else if (s_key_is(k, kn, "aws_session_token") ||
                     s_key_is(k, kn, "aws_security_token"))
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
        result = sdkc_error_set(err, SDKC_ERR_NOT_FOUND, SDKC_NO_OFFSET,
                                "%s: no [%s] profile", path, profile);
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
            return result == SDKC_OK
                       ? SDKC_OK
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

/* The secrets to look for: raw and percent-encoded (up to 4 strings). */
struct s_needles {
    struct sdkc_buf enc[2];
    const char *s[4];
    size_t n[4];
    size_t count;
};

static sdkc_result s_needles_init(struct s_needles *nd, const struct sdkc_credentials *creds)
{
    const char *raw[2];
    size_t i;
    memset(nd, 0, sizeof(*nd));
    sdkc_buf_init(&nd->enc[0], 0);
    sdkc_buf_init(&nd->enc[1], 0);
    if (!creds)
        return SDKC_OK;
    raw[0] = creds->secret_access_key;
    raw[1] = creds->session_token;
    for (i = 0; i < 2; i++) {
        sdkc_result result;
        /* Very short strings would shred ordinary text; real secrets are
         * 40+ characters. */
        if (!raw[i] || strlen(raw[i]) < 8)
            continue;
        nd->s[nd->count] = raw[i];
        nd->n[nd->count++] = strlen(raw[i]);
        result = sdkc_uri_encode(&nd->enc[i], raw[i], strlen(raw[i]), 0);
        if (result)
            return result;
        if (nd->enc[i].len != strlen(raw[i])) {
            nd->s[nd->count] = nd->enc[i].data;
            nd->n[nd->count++] = nd->enc[i].len;
        }
    }
    return SDKC_OK;
}

static void s_needles_clean_up(struct s_needles *nd)
{
    size_t i;
    for (i = 0; i < 2; i++) {
        if (nd->enc[i].data)
            OPENSSL_cleanse(nd->enc[i].data, nd->enc[i].len);
        sdkc_buf_clean_up(&nd->enc[i]);
    }
}

sdkc_result sdkc_redact_append(struct sdkc_buf *out, const char *text, size_t len,
                               const struct sdkc_credentials *creds)
{
    static const char sig[] = "signature";
    static const char tok[] = "x-amz-security-token";
    struct s_needles nd;
    size_t i = 0, copied = 0, k;
    sdkc_result result;

    result = s_needles_init(&nd, creds);
    if (result)
        goto done;
    while (i < len) {
        size_t vs = 0, ve, skip_to = 0;
        int quoted = 0;
        char sep = 0;
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
            for (k = 0; k < nd.count; k++)
                if (i + nd.n[k] <= len && memcmp(text + i, nd.s[k], nd.n[k]) == 0) {
                    vs = i;
                    skip_to = i + nd.n[k];
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
            goto done;
        i = copied = skip_to;
    }
    result = sdkc_buf_append(out, text + copied, len - copied);
done:
    s_needles_clean_up(&nd);
    return result;
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
