/* SPDX-License-Identifier: Apache-2.0
 *
 * core/buf.h: a growable byte buffer with a hard cap (house style 7, after
 * curl's dynbuf). The caller owns the struct; the buffer owns `data`.
 * `data` is always NUL-terminated when non-NULL, so text can be used as a C
 * string, but `len` is authoritative: bodies may hold NUL bytes.
 */
#ifndef SDKC_CORE_BUF_H
#define SDKC_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "core/error.h"

/* Default cap for buffers whose size input controls: 64 MiB. */
#define SDKC_BUF_DEFAULT_MAX ((size_t)64 * 1024 * 1024)

struct sdkc_buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max; /* appends that would pass this fail with SDKC_ERR_TOO_LARGE */
    /* SDKC_BUF_MAGIC once sdkc_buf_init has run: every function but
     * sdkc_buf_clean_up (which takes a zeroed buf too) asserts it
     * (core/assert.h), so a buf used before init aborts in debug builds
     * instead of failing its first append with SDKC_ERR_TOO_LARGE (max 0). */
    unsigned magic;
};
#define SDKC_BUF_MAGIC 0x62554621u

void sdkc_buf_init(struct sdkc_buf *b, size_t max); /* max 0 = SDKC_BUF_DEFAULT_MAX */
void sdkc_buf_clean_up(struct sdkc_buf *b);         /* accepts a zeroed or NULL buf */
void sdkc_buf_reset(struct sdkc_buf *b);            /* len = 0, keeps memory */
sdkc_result sdkc_buf_reserve(struct sdkc_buf *b, size_t extra);
sdkc_result sdkc_buf_append(struct sdkc_buf *b, const void *p, size_t n);
sdkc_result sdkc_buf_append_str(struct sdkc_buf *b, const char *s);
sdkc_result sdkc_buf_append_byte(struct sdkc_buf *b, char c);
sdkc_result sdkc_buf_appendf(struct sdkc_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
sdkc_result sdkc_buf_vappendf(struct sdkc_buf *b, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;
/* Hand the data to the caller (free with sdkc_free) and reset the buffer. */
char *sdkc_buf_steal(struct sdkc_buf *b, size_t *len_out);

/* Read a whole file (path "-" = stdin) into b, failing past b->max with
 * SDKC_ERR_TOO_LARGE. Error messages name the path. A path given by name
 * must be a regular file (or a character device such as /dev/null): a
 * folder is SDKC_ERR_IO "<path>: is a directory", a FIFO, socket or block
 * device is refused without blocking. */
sdkc_result sdkc_buf_read_file(struct sdkc_buf *b, const char *path, struct sdkc_error *err);

/* Open path for reading as a regular file (the check sdkc_buf_read_file
 * makes): never blocks on a FIFO, refuses what is not a regular file with
 * SDKC_ERR_IO naming the path and what it is. *fd is blocking again on
 * success; the caller closes it. */
sdkc_result sdkc_buf_open_regular(const char *path, int *fd, struct sdkc_error *err);

/* If data starts with the gzip magic, inflate it into out (capped by
 * out->max); otherwise copy it. */
sdkc_result sdkc_buf_gunzip(struct sdkc_buf *out, const void *data, size_t len,
                            struct sdkc_error *err);

/* Compress data[0..len) into a gzip member (RFC 1952, deflate at zlib's
 * default level, MTIME 0, so the output is reproducible) appended to out
 * (capped by out->max). */
sdkc_result sdkc_buf_gzip(struct sdkc_buf *out, const void *data, size_t len,
                          struct sdkc_error *err);

/* Write data to path atomically: a temp file in the same folder, fsync,
 * then rename(2), so readers see the old file or the new, never a torn one.
 * Creates missing parent folders. */
sdkc_result sdkc_write_file_atomic(const char *path, const void *data, size_t len,
                                   struct sdkc_error *err);
/* mkdir -p */
sdkc_result sdkc_mkdirs(const char *path, struct sdkc_error *err);

/* Make the folder path (as sdkc_mkdirs) and check a file can be created in
 * it, so that a run refuses an unusable report folder before it starts.
 * SDKC_ERR_IO naming the path otherwise. */
sdkc_result sdkc_dir_check_writable(const char *path, struct sdkc_error *err);

#endif
