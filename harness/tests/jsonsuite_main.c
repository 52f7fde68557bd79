/* SPDX-License-Identifier: Apache-2.0
 *
 * tests/jsonsuite_main.c: runs one JSONTestSuite file (docs/DESIGN.md) through
 * the strict JSON core. jsonsuite.cmake registers one ctest per file of
 * ${SDKC_SHARED_DIR}/testdata/json/JSONTestSuite/test_parsing/ (read in
 * place, never copied).
 *
 *   sdkc_jsonsuite FILE RECORD.md   check FILE; exit 0 pass, 1 fail, 2 usage
 *   sdkc_jsonsuite --row FILE       print FILE's JSONSUITE.md table row
 *
 * The verdict comes from the file name's prefix (house style 9):
 *   y_  sdkc_json_validate accepts, and sdkc_json_parse builds a tree that
 *       prints and parses back to an equal tree (round-trip oracle; a string
 *       holding U+0000 included: json.h SDKC_JSON_NUL);
 *   n_  both validate and parse reject it with the same code and byte
 *       offset, the offset inside the input (0..len);
 *   i_  whatever happens must be clean (no crash, no hang: ctest TIMEOUT,
 *       no leak), validate and parse must agree, and the outcome must be the
 *       one recorded in harness/tests/JSONSUITE.md, so the record cannot go
 *       stale: a behaviour change fails the test until the record is
 *       regenerated (see JSONSUITE.md).
 * Every run also checks that nothing stays allocated afterwards.
 *
 * Files are read by their byte length: several hold NUL bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/json.h"

/* Test files are at most a few hundred KB; the record well under 64 KB. */
#define S_FILE_MAX ((size_t)4 * 1024 * 1024)
#define S_ROW_MAX  1024

struct s_outcome {
    sdkc_result validate; /* sdkc_json_validate's result */
    size_t validate_off;
    sdkc_result parse; /* sdkc_json_parse's result */
    size_t parse_off;
    char msg[SDKC_ERROR_MSG_MAX]; /* parse's message (validate's when parse is OK) */
    int roundtrip_ok;             /* parse OK: print -> parse -> equal held */
};

static const char *s_base(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Print, parse the printed text, and compare: every accepted document must
 * survive a round trip through the printer (house style 13 oracle). */
static int s_roundtrip(const cJSON *tree)
{
    char *text = NULL;
    cJSON *again = NULL;
    int ok = 0;
    if (sdkc_json_print(tree, 0, &text, NULL))
        goto done;
    if (sdkc_json_parse(text, strlen(text), NULL, &again, NULL))
        goto done;
    ok = sdkc_json_equal(tree, again);
done:
    cJSON_Delete(again);
    sdkc_free(text);
    return ok;
}

static void s_run(const char *data, size_t len, struct s_outcome *o)
{
    struct sdkc_error verr, perr;
    cJSON *tree = NULL;

    memset(o, 0, sizeof(*o));
    sdkc_error_init(&verr);
    sdkc_error_init(&perr);
    o->validate = sdkc_json_validate(data, len, NULL, &verr);
    o->validate_off = verr.offset;
    o->parse = sdkc_json_parse(data, len, NULL, &tree, &perr);
    o->parse_off = perr.offset;
    snprintf(o->msg, sizeof(o->msg), "%s", o->parse ? perr.msg : verr.msg);
    if (!o->parse)
        o->roundtrip_ok = s_roundtrip(tree);
    cJSON_Delete(tree);
}

static const char *s_code_name(sdkc_result r)
{
    switch (r) {
    case SDKC_OK: return "OK";
    case SDKC_ERR_PARSE: return "PARSE";
    case SDKC_ERR_TOO_LARGE: return "TOO_LARGE";
    case SDKC_ERR_TOO_DEEP: return "TOO_DEEP";
    case SDKC_ERR_UNSUPPORTED: return "UNSUPPORTED";
    case SDKC_ERR_NOMEM: return "NOMEM";
    default: return "OTHER";
    }
}

/* The JSONSUITE.md row for a file: "| name | outcome | offset | message |".
 * Messages never hold '|' (checked) so the table stays well-formed. */
static void s_row(const char *name, const struct s_outcome *o, char *row, size_t n)
{
    if (!o->parse)
        snprintf(row, n, "| `%s` | accepted | | |", name);
    else if (o->validate == SDKC_OK)
        snprintf(row, n, "| `%s` | valid, tree refused (%s) | %zu | %s |", name,
                 s_code_name(o->parse), o->parse_off, o->msg);
    else
        snprintf(row, n, "| `%s` | rejected (%s) | %zu | %s |", name, s_code_name(o->parse),
                 o->parse_off, o->msg);
}

/* Find the line of record that starts with "| `name` |" into line. */
static int s_find_row(const char *record, const char *name, char *line, size_t n)
{
    char key[S_ROW_MAX];
    const char *p = record;
    snprintf(key, sizeof(key), "| `%s` |", name);
    while (p && *p) {
        const char *eol = strchr(p, '\n');
        size_t l = eol ? (size_t)(eol - p) : strlen(p);
        if (l >= strlen(key) && !strncmp(p, key, strlen(key))) {
            if (l >= n)
                l = n - 1;
            memcpy(line, p, l);
            line[l] = '\0';
            return 1;
        }
        p = eol ? eol + 1 : NULL;
    }
    return 0;
}

static int s_check(const char *path, const char *record_path, const char *data, size_t len)
{
    const char *name = s_base(path);
    struct s_outcome o;
    char row[S_ROW_MAX];
    int ok = 1;

    s_run(data, len, &o);
    s_row(name, &o, row, sizeof(row));
    if (strchr(o.msg, '|')) {
        fprintf(stderr, "%s: message holds '|', which breaks the record table: %s\n", name, o.msg);
        ok = 0;
    }
    /* Parse and validate must agree. */
    if (o.parse != o.validate || (o.parse && o.parse_off != o.validate_off)) {
        fprintf(stderr, "%s: validate (%s at %zu) and parse (%s at %zu) disagree\n", name,
                s_code_name(o.validate), o.validate_off, s_code_name(o.parse), o.parse_off);
        ok = 0;
    }
    if (!o.parse && !o.roundtrip_ok) {
        fprintf(stderr, "%s: accepted, but print -> parse did not give an equal tree\n", name);
        ok = 0;
    }
    if (o.parse && o.parse_off > len) {
        fprintf(stderr, "%s: error offset %zu is past the input length %zu\n", name, o.parse_off,
                len);
        ok = 0;
    }
    switch (name[0]) {
    case 'y':
        if (o.validate != SDKC_OK) {
            fprintf(stderr, "%s: valid JSON rejected: %s\n", name, o.msg);
            ok = 0;
        }
        if (o.parse != SDKC_OK) {
            fprintf(stderr, "%s: valid JSON refused by the tree parser: %s\n", name, o.msg);
            ok = 0;
        }
        printf("%s: accepted\n", name);
        break;
    case 'n':
        if (o.validate == SDKC_OK || o.parse == SDKC_OK) {
            fprintf(stderr, "%s: invalid JSON accepted (validate %s, parse %s)\n", name,
                    s_code_name(o.validate), s_code_name(o.parse));
            ok = 0;
        } else {
            printf("%s: rejected: %s\n", name, o.msg);
        }
        break;
    case 'i': {
        char want[S_ROW_MAX];
        char *record = NULL;
        struct sdkc_buf rb;
        struct sdkc_error err;
        printf("%s: %s\n", name, row);
        sdkc_buf_init(&rb, 0);
        sdkc_error_init(&err);
        if (sdkc_buf_read_file(&rb, record_path, &err)) {
            fprintf(stderr, "%s\n", err.msg);
            ok = 0;
        } else {
            record = rb.data;
            if (!s_find_row(record ? record : "", name, want, sizeof(want))) {
                fprintf(stderr, "%s: no row in %s; add:\n%s\n", name, record_path, row);
                ok = 0;
            } else if (strcmp(want, row) != 0) {
                fprintf(stderr,
                        "%s: outcome differs from %s\n  recorded: %s\n  now:      %s\n"
                        "regenerate the record (see JSONSUITE.md) if the change is intended\n",
                        name, record_path, want, row);
                ok = 0;
            }
        }
        sdkc_buf_clean_up(&rb);
        break;
    }
    default: fprintf(stderr, "%s: name has no y_/n_/i_ prefix\n", name); ok = 0;
    }
    return ok;
}

int main(int argc, char **argv)
{
    struct sdkc_buf b;
    struct sdkc_error err;
    struct sdkc_alloc_stats st;
    uint64_t baseline;
    int row_mode = argc == 3 && !strcmp(argv[1], "--row");
    const char *path;
    int rc = 0;

    if (argc != 3) {
        fprintf(stderr, "usage: %s FILE RECORD.md | --row FILE\n", argv[0]);
        return 2;
    }
    path = row_mode ? argv[2] : argv[1];
    if (sdkc_alloc_global_init()) {
        fprintf(stderr, "allocator hooks could not be installed\n");
        return 2;
    }
    /* libcurl and OpenSSL keep blocks from their global init: count from here. */
    sdkc_alloc_stats(&st);
    baseline = st.live_blocks;
    sdkc_buf_init(&b, S_FILE_MAX);
    sdkc_error_init(&err);
    if (sdkc_buf_read_file(&b, path, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        sdkc_buf_clean_up(&b);
        return 2;
    }
    if (row_mode) {
        struct s_outcome o;
        char row[S_ROW_MAX];
        s_run(b.data ? b.data : "", b.len, &o);
        s_row(s_base(path), &o, row, sizeof(row));
        printf("%s\n", row);
    } else {
        rc = s_check(path, argv[2], b.data ? b.data : "", b.len) ? 0 : 1;
    }
    sdkc_buf_clean_up(&b);
    sdkc_alloc_stats(&st);
    if (st.live_blocks != baseline) {
        fprintf(stderr, "%s: %llu blocks still allocated at exit (leak)\n", path,
                (unsigned long long)(st.live_blocks - baseline));
        rc = 1;
    }
    sdkc_alloc_global_clean_up();
    return rc;
}
