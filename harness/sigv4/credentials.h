/* SPDX-License-Identifier: Apache-2.0
 *
 * sigv4/credentials.h: where credentials come from (environment, the shared
 * credentials file) and the redaction every layer applies to text it logs
 * or reports (docs/DESIGN.md: secrets are never printed).
 *
 * The struct sdkc_credentials itself is in sigv4/sigv4.h.
 */
#ifndef SDKC_SIGV4_CREDENTIALS_H
#define SDKC_SIGV4_CREDENTIALS_H

#include <stddef.h>

#include "http/http.h"
#include "core/buf.h"
#include "core/error.h"
#include "sigv4/sigv4.h"

/* The shared credentials file is small; anything bigger is not one. */
#define SDKC_CREDENTIALS_FILE_MAX        ((size_t)1024 * 1024)
#define SDKC_CREDENTIALS_MAX_LINE        8192
#define SDKC_CREDENTIALS_DEFAULT_PROFILE "default"

/* AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and (optional) AWS_SESSION_TOKEN.
 * SDKC_ERR_NOT_FOUND when the first two are not both set (non-empty). */
sdkc_result sdkc_credentials_from_env(struct sdkc_credentials *out, struct sdkc_error *err);

/* An INI file as the AWS CLI writes it: "[profile]" sections with
 * aws_access_key_id / aws_secret_access_key / aws_session_token (keys
 * case-insensitive, "key = value", '#' and ';' comment lines).
 * SDKC_ERR_NOT_FOUND when the profile is absent or lacks a key or secret;
 * SDKC_ERR_IO when the file cannot be read; SDKC_ERR_PARSE (naming the line)
 * for a line that is neither. Error messages never contain values. */
sdkc_result sdkc_credentials_from_file(struct sdkc_credentials *out, const char *path,
                                       const char *profile, struct sdkc_error *err);

/* The resolution order of the AWS CLI and SDKs, reduced to static keys:
 *   profile given (--profile)  -> that profile of the shared file only;
 *   else the environment keys when set;
 *   else the shared file, profile AWS_PROFILE or "default".
 * The shared file is AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials. */
sdkc_result sdkc_credentials_load(struct sdkc_credentials *out, const char *profile,
                                  struct sdkc_error *err);

/* ---- redaction ------------------------------------------------------------------
 * Replaces with SDKC_REDACTED, case-insensitively:
 *   - the value after "Signature" / "X-Amz-Signature" ("=" or ":", quoted or
 *     not): the hex digits of an Authorization header or a presigned URL;
 *   - the value after "X-Amz-Security-Token" (header line, query parameter or
 *     JSON member);
 *   - every occurrence of creds' secret key and session token (creds may
 *     be NULL) in each form it travels in: raw; percent-encoded with upper-
 *     or lower-case hex; form-encoded ('+' for a space); base64, standard
 *     and URL-safe, alone or inside a longer encoded text; hex, either case.
 * Everything else is copied unchanged. */
#define SDKC_REDACTED "[REDACTED]"

sdkc_result sdkc_redact_append(struct sdkc_buf *out, const char *text, size_t len,
                               const struct sdkc_credentials *creds);
/* The same for up to SDKC_REDACTOR_MAX_SECRETS secrets at once (each as
 * creds' secret key above; NULL entries skipped), with their encoded forms
 * built once: a report of 100,000 results scrubs every piece of text it
 * writes, in one pass. _new copies the secrets; _destroy accepts NULL. */
#define SDKC_REDACTOR_MAX_SECRETS 5
struct sdkc_redactor;
sdkc_result sdkc_redactor_new(const char *const *secrets, size_t count, struct sdkc_redactor **out);
sdkc_result sdkc_redactor_append(const struct sdkc_redactor *r, struct sdkc_buf *out,
                                 const char *text, size_t len);
void sdkc_redactor_destroy(struct sdkc_redactor *r);

/* Redacted copy of a C string (free with sdkc_free), NULL on out-of-memory. */
char *sdkc_redact_str(const char *text, const struct sdkc_credentials *creds);
/* Redact header values in place: Authorization keeps Credential and
 * SignedHeaders but loses its signature; X-Amz-Security-Token and any
 * value holding a secret become SDKC_REDACTED. */
sdkc_result sdkc_redact_headers(struct sdkc_http_headers *h, const struct sdkc_credentials *creds);

#endif
