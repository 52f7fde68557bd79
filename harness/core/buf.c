/* SPDX-License-Identifier: Apache-2.0
 * core/buf.c: see buf.h. */
#include "core/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "core/alloc.h"
#include "core/assert.h"

/* The invariants of an initialized buf (buf.h): data is NUL-terminated at
 * len when non-NULL, len < cap whenever memory is held, len <= max. */
#define S_BUF_OK(b)                                                                                \
    ((b) && (b)->magic == SDKC_BUF_MAGIC && (b)->len <= (b)->max &&                                \
     ((b)->data ? (b)->len < (b)->cap : (b)->len == 0 && (b)->cap == 0))

void sdkc_buf_init(struct sdkc_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max ? max : SDKC_BUF_DEFAULT_MAX;
    b->magic = SDKC_BUF_MAGIC;
}

void sdkc_buf_clean_up(struct sdkc_buf *b)
{
    if (!b)
        return;
    /* buf.h: a zeroed buf (never initialized, nothing held) is accepted. */
    SDKC_ASSERT(b->magic == SDKC_BUF_MAGIC || (b->magic == 0 && !b->data));
    sdkc_free(b->data);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void sdkc_buf_reset(struct sdkc_buf *b)
{
    SDKC_ASSERT(S_BUF_OK(b));
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

sdkc_result sdkc_buf_reserve(struct sdkc_buf *b, size_t extra)
{
    size_t need, ncap;
    char *nd;
    SDKC_ASSERT(S_BUF_OK(b));
    if (extra > b->max || b->len > b->max - extra)
        return SDKC_ERR_TOO_LARGE;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return SDKC_OK;
    ncap = b->cap ? b->cap : 64;
    while (ncap < need)
        ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
    if (ncap > b->max + 1)
        ncap = b->max + 1;
    nd = sdkc_realloc(b->data, ncap);
    if (!nd)
        return SDKC_ERR_NOMEM;
    /* buf.h promises data is NUL-terminated whenever it is non-NULL; a
     * first allocation (reserve before any append) must keep that promise,
     * or a caller reading an empty buffer as a C string reads heap bytes. */
    nd[b->len] = '\0';
    b->data = nd;
    b->cap = ncap;
    return SDKC_OK;
}

sdkc_result sdkc_buf_append(struct sdkc_buf *b, const void *p, size_t n)
{
    sdkc_result result;
    SDKC_ASSERT(p || n == 0);
    result = sdkc_buf_reserve(b, n);
    if (result)
        return result;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return SDKC_OK;
}

sdkc_result sdkc_buf_append_str(struct sdkc_buf *b, const char *s)
{
    SDKC_ASSERT(s);
    return sdkc_buf_append(b, s, strlen(s));
}

sdkc_result sdkc_buf_append_byte(struct sdkc_buf *b, char c)
{
    return sdkc_buf_append(b, &c, 1);
}

sdkc_result sdkc_buf_vappendf(struct sdkc_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    int n;
    sdkc_result result;
    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return SDKC_ERR_INVALID_ARG;
    result = sdkc_buf_reserve(b, (size_t)n);
    if (result)
        return result;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    SDKC_ASSERT(b->data[b->len] == '\0');
    return SDKC_OK;
}

sdkc_result sdkc_buf_appendf(struct sdkc_buf *b, const char *fmt, ...)
{
    va_list ap;
    sdkc_result result;
    va_start(ap, fmt);
    result = sdkc_buf_vappendf(b, fmt, ap);
    va_end(ap);
    return result;
}

char *sdkc_buf_steal(struct sdkc_buf *b, size_t *len_out)
{
    char *d;
    SDKC_ASSERT(S_BUF_OK(b));
    d = b->data;
    if (!d) {
        /* Callers expect a string even for empty content. */
        d = sdkc_malloc(1);
        if (d)
            d[0] = '\0';
    }
    if (len_out)
        *len_out = b->len;
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    return d;
}

/* What a non-regular file is, for the refusal below. */
static const char *s_file_kind(mode_t mode)
{
    if (S_ISDIR(mode))
        return "is a directory";
    if (S_ISFIFO(mode))
        return "is a FIFO, not a regular file";
    if (S_ISSOCK(mode))
        return "is a socket, not a regular file";
    if (S_ISBLK(mode))
        return "is a block device, not a regular file";
    return "is not a regular file";
}

sdkc_result sdkc_buf_open_regular(const char *path, int *fd_out, struct sdkc_error *err)
{
    struct stat st;
    int fd, flags;
    *fd_out = -1;
    /* O_NONBLOCK so that opening a FIFO nobody writes returns at once
     * instead of blocking forever; fstat on the opened descriptor (not a
     * stat of the name) so nothing can swap the file in between. */
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        if (errno == EISDIR)
            return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: is a directory", path);
        return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: cannot open: %s", path,
                              strerror(errno));
    }
    if (fstat(fd, &st) != 0) {
        sdkc_result result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: cannot stat: %s",
                                            path, strerror(errno));
        close(fd);
        return result;
    }
    /* Character devices stay allowed: "/dev/null" is the usual empty
     * input, and reads are capped by the buffer's max anyway. */
    if (!S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode)) {
        close(fd);
        return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: %s", path,
                              s_file_kind(st.st_mode));
    }
    if ((flags = fcntl(fd, F_GETFL)) >= 0)
        (void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    *fd_out = fd;
    return SDKC_OK;
}

sdkc_result sdkc_buf_read_file(struct sdkc_buf *b, const char *path, struct sdkc_error *err)
{
    FILE *f = NULL;
    char chunk[65536];
    size_t n;
    sdkc_result result = SDKC_OK;
    int is_stdin;

    SDKC_ASSERT(S_BUF_OK(b) && path);
    is_stdin = strcmp(path, "-") == 0;
    if (is_stdin) {
        f = stdin;
    } else {
        /* A file given by name must be a regular file: a FIFO blocked the
         * run forever and a folder read as "read error". */
        int fd;
        if ((result = sdkc_buf_open_regular(path, &fd, err)))
            return result;
        if (!(f = fdopen(fd, "rb"))) {
            result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: cannot open: %s", path,
                                    strerror(errno));
            close(fd);
            return result;
        }
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        result = sdkc_buf_append(b, chunk, n);
        if (result == SDKC_ERR_TOO_LARGE) {
            sdkc_error_set(err, result, b->len, "%s: larger than the cap of %zu bytes", path,
                           b->max);
            goto fail;
        }
        if (result) {
            sdkc_error_set(err, result, SDKC_NO_OFFSET, "%s: %s", path, sdkc_result_str(result));
            goto fail;
        }
    }
    if (ferror(f)) {
        result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: read error: %s", path,
                                strerror(errno));
        goto fail;
    }
    /* An empty file still yields a valid (empty) string. */
    result = sdkc_buf_reserve(b, 0);
    if (result) {
        sdkc_error_set(err, result, SDKC_NO_OFFSET, "%s: %s", path, sdkc_result_str(result));
        goto fail;
    }
    b->data[b->len] = '\0';
fail:
    if (!is_stdin)
        fclose(f);
    return result;
}

static voidpf s_z_alloc(voidpf opaque, uInt items, uInt size)
{
    (void)opaque;
    return sdkc_calloc(items, size);
}

static void s_z_free(voidpf opaque, voidpf address)
{
    (void)opaque;
    sdkc_free(address);
}

sdkc_result sdkc_buf_gunzip(struct sdkc_buf *out, const void *data, size_t len,
                            struct sdkc_error *err)
{
    z_stream zs;
    unsigned char chunk[65536];
    sdkc_result result = SDKC_OK;
    int zr;
    const unsigned char *in = data;

    SDKC_ASSERT(S_BUF_OK(out) && (data || len == 0));
    if (len < 2 || in[0] != 0x1f || in[1] != 0x8b)
        return sdkc_buf_append(out, data, len);
    memset(&zs, 0, sizeof(zs));
    zs.zalloc = s_z_alloc;
    zs.zfree = s_z_free;
    /* 15 + 16: zlib window with a gzip header (RFC 1952). */
    if (inflateInit2(&zs, 15 + 16) != Z_OK)
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "gzip: cannot start inflate");
    zs.next_in = (Bytef *)in;
    zs.avail_in = (uInt)len;
    do {
        zs.next_out = chunk;
        zs.avail_out = sizeof(chunk);
        zr = inflate(&zs, Z_NO_FLUSH);
        if (zr != Z_OK && zr != Z_STREAM_END) {
            result = sdkc_error_set(err, zr == Z_MEM_ERROR ? SDKC_ERR_NOMEM : SDKC_ERR_PARSE,
                                    zs.total_in, "gzip: corrupt stream at byte %lu",
                                    (unsigned long)zs.total_in);
            goto fail;
        }
        result = sdkc_buf_append(out, chunk, sizeof(chunk) - zs.avail_out);
        if (result) {
            sdkc_error_set(err, result, SDKC_NO_OFFSET, "gzip: inflated data %s",
                           sdkc_result_str(result));
            goto fail;
        }
        if (zr != Z_STREAM_END && zs.avail_in == 0 && zs.avail_out != 0) {
            result = sdkc_error_set(err, SDKC_ERR_PARSE, zs.total_in, "gzip: truncated stream");
            goto fail;
        }
    } while (zr != Z_STREAM_END);
fail:
    inflateEnd(&zs);
    return result;
}

sdkc_result sdkc_buf_gzip(struct sdkc_buf *out, const void *data, size_t len,
                          struct sdkc_error *err)
{
    z_stream zs;
    unsigned char chunk[16384];
    sdkc_result result = SDKC_OK;
    int zr;

    if (!out || (!data && len))
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "gzip: bad arguments");
    SDKC_ASSERT(S_BUF_OK(out));
    if (len > (size_t)UINT_MAX)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                              "gzip: input longer than %u bytes", UINT_MAX);
    memset(&zs, 0, sizeof(zs));
    zs.zalloc = s_z_alloc;
    zs.zfree = s_z_free;
    /* 15 + 16: a gzip wrapper (RFC 1952) with zlib's default header: no
     * file name, MTIME 0, so the same input always gives the same bytes. */
    zr = deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    if (zr != Z_OK)
        return sdkc_error_set(err, zr == Z_MEM_ERROR ? SDKC_ERR_NOMEM : SDKC_ERR_STATE,
                              SDKC_NO_OFFSET, "gzip: cannot start deflate");
    zs.next_in = (Bytef *)(uintptr_t)data;
    zs.avail_in = (uInt)len;
    do {
        zs.next_out = chunk;
        zs.avail_out = sizeof(chunk);
        zr = deflate(&zs, Z_FINISH);
        if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
            result = sdkc_error_set(err, zr == Z_MEM_ERROR ? SDKC_ERR_NOMEM : SDKC_ERR_STATE,
                                    SDKC_NO_OFFSET, "gzip: deflate failed (%d)", zr);
            goto fail;
        }
        result = sdkc_buf_append(out, chunk, sizeof(chunk) - zs.avail_out);
        if (result) {
            sdkc_error_set(err, result, SDKC_NO_OFFSET, "gzip: compressed data %s",
                           sdkc_result_str(result));
            goto fail;
        }
    } while (zr != Z_STREAM_END);
fail:
    deflateEnd(&zs);
    return result;
}

sdkc_result sdkc_mkdirs(const char *path, struct sdkc_error *err)
{
    char tmp[4096];
    struct stat st;
    size_t n = strlen(path);
    size_t i;
    if (n == 0 || n >= sizeof(tmp))
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "%s: bad folder path",
                              path);
    memcpy(tmp, path, n + 1);
    for (i = 1; i <= n; i++) {
        if (tmp[i] == '/' || tmp[i] == '\0') {
            char c = tmp[i];
            tmp[i] = '\0';
            if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
                return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: cannot create: %s",
                                      tmp, strerror(errno));
            tmp[i] = c;
        }
    }
    /* mkdir's EEXIST also covers a plain file of that name. */
    if (stat(path, &st) != 0)
        return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: %s", path, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: exists and is not a folder",
                              path);
    return SDKC_OK;
}

sdkc_result sdkc_dir_check_writable(const char *path, struct sdkc_error *err)
{
    char probe[4096];
    int fd;
    sdkc_result result = sdkc_mkdirs(path, err);
    if (result)
        return result;
    /* Creating a file is the only test that sees read-only mounts, ACLs
     * and the effective (not the real) user, which access(2) does not. */
    if (snprintf(probe, sizeof(probe), "%s/.sdkconform-probe-XXXXXX", path) >= (int)sizeof(probe))
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "%s: path too long", path);
    fd = mkstemp(probe);
    if (fd < 0)
        return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: cannot write there: %s", path,
                              strerror(errno));
    close(fd);
    unlink(probe);
    return SDKC_OK;
}

sdkc_result sdkc_write_file_atomic(const char *path, const void *data, size_t len,
                                   struct sdkc_error *err)
{
    char tmp[4096];
    char dir[4096];
    const char *slash;
    int fd = -1;
    size_t off = 0;
    sdkc_result result = SDKC_OK;

    if (snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", path) >= (int)sizeof(tmp))
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "%s: path too long", path);
    slash = strrchr(path, '/');
    if (slash && slash != path) {
        size_t dl = (size_t)(slash - path);
        memcpy(dir, path, dl);
        dir[dl] = '\0';
        result = sdkc_mkdirs(dir, err);
        if (result)
            return result;
    }
    /* A fresh name created with O_EXCL (mkstemp), as the report writer
     * does: a predictable "<path>.tmp.<pid>" let anyone who can write the
     * folder plant a symlink there and have the write follow it
     * (CWE-59). */
    fd = mkstemp(tmp);
    if (fd < 0)
        return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET,
                              "%s: cannot create (in its folder): %s", path, strerror(errno));
    /* mkstemp makes 0600; generated vectors and live.json are shared
     * artifacts. */
    (void)fchmod(fd, 0644);
    while (off < len) {
        ssize_t w = write(fd, (const char *)data + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: write failed: %s", path,
                                    strerror(errno));
            goto fail;
        }
        off += (size_t)w;
    }
    if (fsync(fd) != 0 && errno != EINVAL) {
        result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: fsync failed: %s", path,
                                strerror(errno));
        goto fail;
    }
    close(fd);
    fd = -1;
    if (rename(tmp, path) != 0) {
        result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: rename failed: %s", path,
                                strerror(errno));
        goto fail;
    }
    return SDKC_OK;
fail:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    return result;
}
