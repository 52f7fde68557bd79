/* SPDX-License-Identifier: Apache-2.0
 *
 * core/error.h: the one error model of sdkconform (house style 2).
 *
 * Every fallible function returns an sdkc_result (SDKC_OK == 0) and, when the
 * caller passes one, fills a struct sdkc_error with a code, a message and the
 * byte offset in the input the error refers to. There is no global error
 * state: cJSON's global error pointer is never read.
 *
 * The message lives inside the struct (no allocation), so an out-of-memory
 * error can always be reported.
 *
 * Streams: a reader that hands out items one at a time
 * (sdkc_vector_reader_next, sdkc_spool_reader_next and _line) signals its
 * end by returning SDKC_OK with the item NULL, and keeps doing so on later
 * calls. An error code always means something went wrong, never "no more":
 * a reader that said SDKC_ERR_NOT_FOUND at its end could not be told apart
 * from a file that vanished mid-run. (The adapter's stdout pump in
 * impl/adapter.c is no such reader: an adapter closing its stdout before it
 * answered is a failure of the call, reported as one.)
 */
#ifndef SDKC_CORE_ERROR_H
#define SDKC_CORE_ERROR_H

#include <stddef.h>
#include <stdint.h>

typedef enum sdkc_result {
    SDKC_OK = 0,
    SDKC_ERR_NOMEM,       /* an allocation failed (real or injected) */
    SDKC_ERR_INVALID_ARG, /* a caller passed something the contract forbids */
    SDKC_ERR_PARSE,       /* input is not what its grammar allows */
    SDKC_ERR_TOO_LARGE,   /* input passed a named cap (size, count) */
    SDKC_ERR_TOO_DEEP,    /* input nested past a named cap */
    SDKC_ERR_IO,          /* a file or pipe could not be read or written */
    SDKC_ERR_NOT_FOUND,   /* a named thing (operation, shape, file) does not exist */
    SDKC_ERR_SPEC,        /* a service model is malformed or unsupported */
    SDKC_ERR_VALIDATION,  /* client-side parameter validation failed */
    SDKC_ERR_DESERIALIZE, /* a response could not be decoded against the spec */
    SDKC_ERR_UNSUPPORTED, /* valid input we do not implement (other protocols) */
    SDKC_ERR_CRYPTO,      /* libcrypto failed */
    SDKC_ERR_TIMEOUT,     /* a time cap ran out */
    SDKC_ERR_NETWORK,     /* transport failed */
    SDKC_ERR_VERIFY,      /* a signature or other check did not hold */
    SDKC_ERR_INTERRUPTED, /* SIGINT/SIGTERM arrived */
    SDKC_ERR_STATE        /* an internal invariant broke: a bug in sdkconform */
} sdkc_result;

#define SDKC_ERROR_MSG_MAX 512
#define SDKC_NO_OFFSET     SIZE_MAX

struct sdkc_error {
    sdkc_result code;
    size_t offset; /* byte offset in the input, or SDKC_NO_OFFSET */
    char msg[SDKC_ERROR_MSG_MAX];
};

/* Zero the struct: code SDKC_OK, offset SDKC_NO_OFFSET, empty message. */
void sdkc_error_init(struct sdkc_error *err);

/* Fill err (when not NULL) and return code, so callers can write
 * `return sdkc_error_set(err, SDKC_ERR_PARSE, off, "...", ...);`.
 * The message is truncated to fit; it never allocates. */
sdkc_result sdkc_error_set(struct sdkc_error *err, sdkc_result code, size_t offset, const char *fmt,
                           ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Prefix the existing message with more context ("file.json: " + msg). */
void sdkc_error_prefix(struct sdkc_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* A static, human name of a result code ("out of memory", ...). */
const char *sdkc_result_str(sdkc_result code);

#endif
