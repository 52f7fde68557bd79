/* SPDX-License-Identifier: Apache-2.0
 * core/error.c: see error.h. */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void sdkc_error_init(struct sdkc_error *err)
{
    if (!err)
        return;
    err->code = SDKC_OK;
    err->offset = SDKC_NO_OFFSET;
    err->msg[0] = '\0';
}

sdkc_result sdkc_error_set(struct sdkc_error *err, sdkc_result code, size_t offset, const char *fmt,
                           ...)
{
    va_list ap;
    if (!err)
        return code;
    err->code = code;
    err->offset = offset;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    return code;
}

void sdkc_error_prefix(struct sdkc_error *err, const char *fmt, ...)
{
    char head[SDKC_ERROR_MSG_MAX];
    char old[SDKC_ERROR_MSG_MAX];
    va_list ap;
    if (!err)
        return;
    va_start(ap, fmt);
    vsnprintf(head, sizeof(head), fmt, ap);
    va_end(ap);
    size_t hl = strlen(head), ol;
    memcpy(old, err->msg, sizeof(old));
    old[sizeof(old) - 1] = '\0';
    ol = strlen(old);
    /* Keep the head whole and truncate the old message to fit. */
    if (hl > sizeof(err->msg) - 1)
        hl = sizeof(err->msg) - 1;
    if (ol > sizeof(err->msg) - 1 - hl)
        ol = sizeof(err->msg) - 1 - hl;
    memcpy(err->msg, head, hl);
    memcpy(err->msg + hl, old, ol);
    err->msg[hl + ol] = '\0';
}

const char *sdkc_result_str(sdkc_result code)
{
    switch (code) {
    case SDKC_OK: return "ok";
    case SDKC_ERR_NOMEM: return "out of memory";
    case SDKC_ERR_INVALID_ARG: return "invalid argument";
    case SDKC_ERR_PARSE: return "parse error";
    case SDKC_ERR_TOO_LARGE: return "too large";
    case SDKC_ERR_TOO_DEEP: return "nested too deeply";
    case SDKC_ERR_IO: return "i/o error";
    case SDKC_ERR_NOT_FOUND: return "not found";
    case SDKC_ERR_SPEC: return "bad service model";
    case SDKC_ERR_VALIDATION: return "validation failed";
    case SDKC_ERR_DESERIALIZE: return "deserialization failed";
    case SDKC_ERR_UNSUPPORTED: return "unsupported";
    case SDKC_ERR_CRYPTO: return "crypto failure";
    case SDKC_ERR_TIMEOUT: return "timed out";
    case SDKC_ERR_NETWORK: return "network error";
    case SDKC_ERR_VERIFY: return "verification failed";
    case SDKC_ERR_INTERRUPTED: return "interrupted";
    case SDKC_ERR_STATE: return "internal error";
    }
    return "unknown error";
}
