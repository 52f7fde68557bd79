/* SPDX-License-Identifier: Apache-2.0
 *
 * report/report_io.c: streaming atomic files, the spool reader, escapers
 * (see report_io.h).
 */
#include "report/private/report_io.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/json.h"
#include "report/report.h"

#define S_FLUSH_AT ((size_t)64 * 1024)
#define S_CHUNK    ((size_t)64 * 1024)

/* ---- atomic streaming file ---------------------------------------------- */

sdkc_result sdkc_afile_open(struct sdkc_afile *a, const char *path, struct sdkc_error *err)
{
    const char *slash;
    int fd;
    sdkc_result result;

    memset(a, 0, sizeof(*a));
    sdkc_buf_init(&a->out, 0);
    slash = strrchr(path, '/');
    if (slash && slash != path) {
        char *dir = sdkc_strndup(path, (size_t)(slash - path));
        if (!dir)
            return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        result = sdkc_mkdirs(dir, err);
        sdkc_free(dir);
        if (result)
            return result;
    }
    a->path = sdkc_strdup(path);
    a->tmp = sdkc_malloc(strlen(path) + sizeof(".tmp.XXXXXX"));
    if (!a->path || !a->tmp) {
        /* a->tmp holds no name yet (uninitialized bytes): clean-up must not
         * unlink it, or it removes whatever file those bytes name. */
        sdkc_free(a->tmp);
        a->tmp = NULL;
        sdkc_afile_clean_up(a);
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    }
    memcpy(a->tmp, path, strlen(path));
    memcpy(a->tmp + strlen(path), ".tmp.XXXXXX", sizeof(".tmp.XXXXXX"));
    fd = mkstemp(a->tmp);
    if (fd < 0) {
        result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: cannot create: %s", path,
                                strerror(errno));
        sdkc_free(a->tmp);
        a->tmp = NULL;
        sdkc_afile_clean_up(a);
        return result;
    }
    /* mkstemp makes 0600; reports are meant to be shared artifacts. */
    (void)fchmod(fd, 0644);
    a->f = fdopen(fd, "wb");
    if (!a->f) {
        close(fd);
        result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: %s", path, strerror(errno));
        sdkc_afile_clean_up(a);
        return result;
    }
    return SDKC_OK;
}

static void s_flush(struct sdkc_afile *a)
{
    if (a->out.len && a->f && !a->failed) {
        if (fwrite(a->out.data, 1, a->out.len, a->f) != a->out.len)
            a->failed = SDKC_ERR_IO;
    }
    sdkc_buf_reset(&a->out);
}

static void s_staged(struct sdkc_afile *a, sdkc_result result)
{
    if (result && !a->failed)
        a->failed = result;
    if (a->out.len >= S_FLUSH_AT)
        s_flush(a);
}

void sdkc_afile_write(struct sdkc_afile *a, const void *p, size_t n)
{
    s_staged(a, sdkc_buf_append(&a->out, p, n));
}

void sdkc_afile_puts(struct sdkc_afile *a, const char *s)
{
    s_staged(a, sdkc_buf_append_str(&a->out, s));
}

void sdkc_afile_printf(struct sdkc_afile *a, const char *fmt, ...)
{
    va_list ap;
    sdkc_result result;
    va_start(ap, fmt);
    result = sdkc_buf_vappendf(&a->out, fmt, ap);
    va_end(ap);
    s_staged(a, result);
}

void sdkc_afile_xml(struct sdkc_afile *a, const char *text)
{
    struct sdkc_buf clean;
    sdkc_result result;
    if (!text)
        return;
    sdkc_buf_init(&clean, 0);
    result = sdkc_report_scrub(&clean, text, strlen(text));
    if (!result)
        result = sdkc_xml_escape(&a->out, clean.data ? clean.data : "", clean.len);
    sdkc_buf_clean_up(&clean);
    s_staged(a, result);
}

void sdkc_afile_scrubbed(struct sdkc_afile *a, const char *text, size_t n)
{
    s_staged(a, sdkc_report_scrub(&a->out, text, n));
}

void sdkc_afile_json_str(struct sdkc_afile *a, const char *text)
{
    struct sdkc_buf clean;
    sdkc_result result;
    sdkc_buf_init(&clean, 0);
    result = sdkc_report_scrub(&clean, text ? text : "", text ? strlen(text) : 0);
    if (!result)
        result = sdkc_json_quote(&a->out, clean.data ? clean.data : "", clean.len);
    sdkc_buf_clean_up(&clean);
    s_staged(a, result);
}

sdkc_result sdkc_afile_commit(struct sdkc_afile *a, struct sdkc_error *err)
{
    sdkc_result result = SDKC_OK;
    s_flush(a);
    if (a->failed) {
        result = sdkc_error_set(err, a->failed, SDKC_NO_OFFSET, "%s: %s", a->path,
                                a->failed == SDKC_ERR_NOMEM ? "out of memory" : "write failed");
        goto done;
    }
    if (fflush(a->f) != 0 || fsync(fileno(a->f)) != 0) {
        result =
            sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: %s", a->path, strerror(errno));
        goto done;
    }
    if (fclose(a->f) != 0) {
        a->f = NULL;
        result =
            sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: %s", a->path, strerror(errno));
        goto done;
    }
    a->f = NULL;
    if (rename(a->tmp, a->path) != 0) {
        result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: rename: %s", a->path,
                                strerror(errno));
        goto done;
    }
    sdkc_free(a->tmp);
    a->tmp = NULL;
done:
    sdkc_afile_clean_up(a);
    return result;
}

void sdkc_afile_clean_up(struct sdkc_afile *a)
{
    if (!a)
        return;
    if (a->f)
        fclose(a->f);
    if (a->tmp)
        unlink(a->tmp);
    sdkc_free(a->tmp);
    sdkc_free(a->path);
    sdkc_buf_clean_up(&a->out);
    memset(a, 0, sizeof(*a));
}

/* ---- spool reader ------------------------------------------------------- */

sdkc_result sdkc_spool_reader_open(struct sdkc_spool_reader *r, const char *path,
                                   struct sdkc_error *err)
{
    memset(r, 0, sizeof(*r));
    r->path = path;
    sdkc_buf_init(&r->line, SDKC_REPORT_MAX_LINE);
    r->chunk = sdkc_malloc(S_CHUNK);
    if (!r->chunk)
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    r->f = fopen(path, "rb");
    if (!r->f) {
        sdkc_result result =
            sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: %s", path, strerror(errno));
        sdkc_spool_reader_clean_up(r);
        return result;
    }
    return SDKC_OK;
}

sdkc_result sdkc_spool_reader_line(struct sdkc_spool_reader *r, const char **line, size_t *len,
                                   struct sdkc_error *err)
{
    sdkc_result result;
    *line = NULL;
    *len = 0;
    for (;;) {
        int have_line = 0;
        sdkc_buf_reset(&r->line);
        r->line_offset = r->pos;
        for (;;) {
            char *nl;
            size_t take;
            if (r->chunk_pos == r->chunk_len) {
                if (r->eof)
                    break;
                r->chunk_len = fread(r->chunk, 1, S_CHUNK, r->f);
                r->chunk_pos = 0;
                if (r->chunk_len == 0) {
                    if (ferror(r->f))
                        return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: read error",
                                              r->path);
                    r->eof = 1;
                    break;
                }
            }
            nl = memchr(r->chunk + r->chunk_pos, '\n', r->chunk_len - r->chunk_pos);
            take = nl ? (size_t)(nl - (r->chunk + r->chunk_pos)) : r->chunk_len - r->chunk_pos;
            if ((result = sdkc_buf_append(&r->line, r->chunk + r->chunk_pos, take)))
                return sdkc_error_set(err, result, SDKC_NO_OFFSET, "%s:%zu: line too long", r->path,
                                      r->line_no + 1);
            have_line = 1;
            r->chunk_pos += take;
            r->pos += take;
            if (nl) {
                r->chunk_pos++;
                r->pos++;
                break;
            }
        }
        if (!have_line && r->eof)
            return SDKC_OK; /* end */
        r->line_no++;
        if (r->line.len == 0)
            continue;
        *line = r->line.data;
        *len = r->line.len;
        return SDKC_OK;
    }
}

sdkc_result sdkc_spool_read_at(FILE *f, const char *path, uint64_t offset, struct sdkc_buf *line,
                               struct sdkc_error *err)
{
    char chunk[4096];
    sdkc_result result;
    sdkc_buf_reset(line);
    if (fseeko(f, (off_t)offset, SEEK_SET) != 0)
        return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: seek: %s", path,
                              strerror(errno));
    for (;;) {
        size_t n = fread(chunk, 1, sizeof(chunk), f), take;
        char *nl;
        if (n == 0) {
            if (ferror(f))
                return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: read error", path);
            return SDKC_OK;
        }
        nl = memchr(chunk, '\n', n);
        take = nl ? (size_t)(nl - chunk) : n;
        if (line->len + take > SDKC_REPORT_MAX_LINE)
            return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                                  "%s: line too long at byte %llu", path,
                                  (unsigned long long)offset);
        if ((result = sdkc_buf_append(line, chunk, take)))
            return sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
        if (nl)
            return SDKC_OK;
    }
}

cJSON *sdkc_spool_parse(const char *line, size_t len, const char *path, size_t line_no,
                        struct sdkc_error *err)
{
    struct sdkc_error verr;
    cJSON *rec = cJSON_ParseWithLength(line, len);
    if (rec)
        return rec;
    /* cJSON says NULL for both bad syntax and no memory; the validator
     * (which allocates nothing) tells them apart. */
    sdkc_error_init(&verr);
    if (sdkc_json_validate(line, len, NULL, &verr) == SDKC_OK)
        sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    else
        sdkc_error_set(err, SDKC_ERR_PARSE, verr.offset, "%s:%zu: bad spool line: %s", path,
                       line_no, verr.msg);
    return NULL;
}

sdkc_result sdkc_spool_reader_next(struct sdkc_spool_reader *r, cJSON **rec, struct sdkc_error *err)
{
    const char *line;
    size_t len;
    sdkc_result result;
    *rec = NULL;
    if ((result = sdkc_spool_reader_line(r, &line, &len, err)) || !line)
        return result;
    /* The spool is this process's own output (runner.c writes it with the
     * strict JSON quoting of core/json.h), so plain cJSON parses it: the
     * strict validator would only cost a second pass per report file. */
    {
        struct sdkc_error perr;
        sdkc_error_init(&perr);
        *rec = sdkc_spool_parse(line, len, r->path, r->line_no, &perr);
        if (*rec)
            return SDKC_OK;
        if (err)
            *err = perr;
        return perr.code;
    }
}

/* Where the value of top-level member `key` starts, or NULL. A raw '"'
 * cannot occur inside a JSON string and the spool's only array holds
 * strings, so `{"key":` / `,"key":` occurs nowhere else. */
static const char *s_field(const char *line, size_t len, const char *key)
{
    char pat[64];
    size_t klen = strlen(key), i;
    if (klen + 4 > sizeof(pat))
        return NULL;
    pat[0] = '"';
    memcpy(pat + 1, key, klen);
    pat[klen + 1] = '"';
    pat[klen + 2] = ':';
    for (i = 1; i + klen + 3 <= len; i++) {
        const char *at = memchr(line + i, '"', len - i);
        if (!at)
            return NULL;
        i = (size_t)(at - line);
        if (i + klen + 3 <= len && (line[i - 1] == '{' || line[i - 1] == ',') &&
            memcmp(at, pat, klen + 3) == 0)
            return at + klen + 3;
    }
    return NULL;
}

static int s_hex4(const char *p, const char *end, unsigned *out)
{
    unsigned v = 0;
    int i;
    if (end - p < 4)
        return -1;
    for (i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

int sdkc_spool_field_str(const char *line, size_t len, const char *key, struct sdkc_buf *out)
{
    const char *p = s_field(line, len, key), *end = line + len;
    sdkc_buf_reset(out);
    if (!p || p >= end || *p != '"')
        return 0;
    for (p++; p < end && *p != '"'; p++) {
        char c = *p;
        unsigned cp, lo;
        char u[4];
        size_t n;
        if (c != '\\') {
            const char *q = p;
            while (q < end && *q != '"' && *q != '\\')
                q++;
            if (sdkc_buf_append(out, p, (size_t)(q - p)))
                return -1;
            p = q - 1;
            continue;
        }
        if (++p >= end)
            return -1;
        switch (*p) {
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u':
            if (s_hex4(p + 1, end, &cp))
                return -1;
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && end - p > 6 && p[1] == '\\' && p[2] == 'u' &&
                !s_hex4(p + 3, end, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 0xFFFD; /* a lone surrogate: not encodable in UTF-8 */
            }
            if (cp < 0x80) {
                u[0] = (char)cp;
                n = 1;
            } else if (cp < 0x800) {
                u[0] = (char)(0xC0 | (cp >> 6));
                u[1] = (char)(0x80 | (cp & 0x3F));
                n = 2;
            } else if (cp < 0x10000) {
                u[0] = (char)(0xE0 | (cp >> 12));
                u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
                u[2] = (char)(0x80 | (cp & 0x3F));
                n = 3;
            } else {
                u[0] = (char)(0xF0 | (cp >> 18));
                u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
                u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
                u[3] = (char)(0x80 | (cp & 0x3F));
                n = 4;
            }
            if (sdkc_buf_append(out, u, n))
                return -1;
            continue;
        default: c = *p; break; /* \" \\ \/ */
        }
        if (sdkc_buf_append_byte(out, c))
            return -1;
    }
    if (!out->data && sdkc_buf_append(out, "", 0))
        return -1;
    return p < end ? 1 : -1;
}

double sdkc_spool_field_num(const char *line, size_t len, const char *key)
{
    const char *p = s_field(line, len, key), *end = line + len;
    double v = 0, scale = 0;
    if (!p)
        return 0;
    for (; p < end; p++) {
        if (*p >= '0' && *p <= '9') {
            v = v * 10 + (*p - '0');
            if (scale > 0)
                scale *= 10;
        } else if (*p == '.' && scale == 0) {
            scale = 1;
        } else {
            break;
        }
    }
    return scale > 0 ? v / scale : v;
}

int sdkc_spool_line_is_pass(const char *line, size_t len)
{
    /* A raw '"' cannot occur inside a JSON string, so this text occurs only
     * as the record's own status member. */
    static const char pat[] = ",\"status\":\"pass\",";
    return memmem(line, len, pat, sizeof(pat) - 1) != NULL;
}

void sdkc_spool_reader_clean_up(struct sdkc_spool_reader *r)
{
    if (!r)
        return;
    if (r->f)
        fclose(r->f);
    sdkc_free(r->chunk);
    sdkc_buf_clean_up(&r->line);
    memset(r, 0, sizeof(*r));
}

const char *sdkc_spool_str(const cJSON *rec, const char *key)
{
    const cJSON *v = sdkc_json_get(rec, key);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : "";
}

/* ---- XML ---------------------------------------------------------------- */

sdkc_result sdkc_xml_escape(struct sdkc_buf *out, const char *text, size_t n)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i, run = 0;
    sdkc_result result;
    for (i = 0; i < n; i++) {
        const char *rep = NULL;
        size_t skip = 1;
        unsigned char c = p[i];
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        case '\t':
        case '\n':
        case '\r': break;
        default:
            if (c < 0x20 || c == 0x7F)
                rep = "\xEF\xBF\xBD"; /* XML 1.0 §2.2 Char excludes C0 controls */
            else if (c == 0xEF && i + 2 < n && p[i + 1] == 0xBF &&
                     (p[i + 2] == 0xBE || p[i + 2] == 0xBF)) {
                rep = "\xEF\xBF\xBD"; /* U+FFFE, U+FFFF: not XML characters */
                skip = 3;
            }
            break;
        }
        if (rep) {
            if ((result = sdkc_buf_append(out, text + run, i - run)) ||
                (result = sdkc_buf_append_str(out, rep)))
                return result;
            i += skip - 1;
            run = i + 1;
        }
    }
    return sdkc_buf_append(out, text + run, n - run);
}
