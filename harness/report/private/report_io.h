/* SPDX-License-Identifier: Apache-2.0
 *
 * report/private/report_io.h: private plumbing of the report writers: a streaming
 * atomic file, the spool reader and the escapers. Not part of the public
 * API (report.h).
 */
#ifndef SDKC_REPORT_REPORT_IO_H
#define SDKC_REPORT_REPORT_IO_H

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/error.h"

/* A file written in place of `path` only when committed: the bytes go to
 * "<path>.tmp.XXXXXX" in the same folder, which is fsynced and renamed over
 * path (rename(2) is atomic within a file system), exactly the contract of
 * sdkc_write_file_atomic, but streamed so that a large report never sits
 * in memory whole. The caller owns the struct. */
struct sdkc_afile {
    FILE *f;
    char *path;
    char *tmp;
    struct sdkc_buf out; /* staging buffer, flushed past 64 KiB */
    sdkc_result failed;  /* the first staging or write error, sticky */
};

sdkc_result sdkc_afile_open(struct sdkc_afile *a, const char *path, struct sdkc_error *err);
/* Stage bytes; errors are sticky and reported by commit. */
void sdkc_afile_write(struct sdkc_afile *a, const void *p, size_t n);
void sdkc_afile_puts(struct sdkc_afile *a, const char *s);
void sdkc_afile_printf(struct sdkc_afile *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Append text scrubbed and escaped for XML/HTML content and attributes. */
void sdkc_afile_xml(struct sdkc_afile *a, const char *text);
/* Append text scrubbed (no other escaping). */
void sdkc_afile_scrubbed(struct sdkc_afile *a, const char *text, size_t n);
/* Append text scrubbed, as a JSON string literal. */
void sdkc_afile_json_str(struct sdkc_afile *a, const char *text);
sdkc_result sdkc_afile_commit(struct sdkc_afile *a, struct sdkc_error *err);
void sdkc_afile_clean_up(struct sdkc_afile *a); /* removes the temp file if not committed */

/* Reads the runner's spool back, one JSON object per line. */
struct sdkc_spool_reader {
    FILE *f;
    const char *path;
    char *chunk;
    size_t chunk_len, chunk_pos;
    struct sdkc_buf line;
    size_t line_no;
    uint64_t pos;         /* bytes of the file consumed */
    uint64_t line_offset; /* where the line last returned starts */
    int eof;
};

sdkc_result sdkc_spool_reader_open(struct sdkc_spool_reader *r, const char *path,
                                   struct sdkc_error *err);
/* *rec = the next record (caller frees with cJSON_Delete), or NULL at the
 * end. Bad lines are SDKC_ERR_PARSE naming the spool and line. */
sdkc_result sdkc_spool_reader_next(struct sdkc_spool_reader *r, cJSON **rec,
                                   struct sdkc_error *err);
void sdkc_spool_reader_clean_up(struct sdkc_spool_reader *r);

/* The next raw line (without its newline; *line NULL at the end). The
 * pointer is valid until the next call. */
sdkc_result sdkc_spool_reader_line(struct sdkc_spool_reader *r, const char **line, size_t *len,
                                   struct sdkc_error *err);
/* The line of path that starts at offset (a reader's line_offset), into
 * line (without its newline, at most SDKC_REPORT_MAX_LINE bytes): report
 * sections that list results in another order than the spool's seek back to
 * them instead of holding them. f is the spool opened for reading. */
sdkc_result sdkc_spool_read_at(FILE *f, const char *path, uint64_t offset, struct sdkc_buf *line,
                               struct sdkc_error *err);
/* Parse one raw spool line; NULL with err filled (SDKC_ERR_NOMEM or
 * SDKC_ERR_PARSE naming path:line) on failure. */
cJSON *sdkc_spool_parse(const char *line, size_t len, const char *path, size_t line_no,
                        struct sdkc_error *err);
/* 1 when a raw spool line is a `pass` result (cheap: no parse). */
int sdkc_spool_line_is_pass(const char *line, size_t len);

/* Fast field access on a raw spool line, without a parse (for the many
 * `pass` lines): the decoded string value of top-level member key into out
 * (1 found, 0 absent or not a string, -1 malformed or NOMEM), and a
 * non-negative number member (0 when absent). */
int sdkc_spool_field_str(const char *line, size_t len, const char *key, struct sdkc_buf *out);
double sdkc_spool_field_num(const char *line, size_t len, const char *key);

/* Field access on a spool record: the string, or "" when absent. */
const char *sdkc_spool_str(const cJSON *rec, const char *key);

/* XML 1.0 text: & < > " ' escaped, the control characters XML forbids
 * (everything below U+0020 except TAB, LF, CR) and U+FFFE/U+FFFF written
 * as U+FFFD, so importers never reject the file. Input must be UTF-8. */
sdkc_result sdkc_xml_escape(struct sdkc_buf *out, const char *text, size_t n);

#endif
