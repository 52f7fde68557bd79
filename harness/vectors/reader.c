/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/reader.c: the streaming vector reader (see vector.h).
 *
 * Memory: the file list, one file's tree (.json) or one line plus a read
 * chunk (.jsonl), and the duplicate-id table: one 64-bit hash per id (open
 * addressing, load <= 0.8), so 100,000 vectors cost 1 MiB of table. Ids are
 * not kept: when a hash repeats, the files read so far are scanned again
 * to find the earlier vector with that exact id, which confirms the
 * duplicate (a mere 64-bit collision is then ignored) and names the file it
 * came from. That rescan happens only on the way to an exit-2 error.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/hash.h"
#include "vectors/vector.h"
#include "vectors/private/vector_internal.h"

#define S_READ_CHUNK 65536

#define S_NO_MODEL ((size_t)-1)

struct sdkc_vector_reader {
    char **files;
    size_t *file_model; /* per file: index into models, or S_NO_MODEL */
    size_t file_count;
    size_t file_cap;
    char **models; /* model files bound to folders (vector.h), in discovery order */
    size_t model_count;
    size_t model_cap;
    size_t next_file; /* index of the next file to open */
    size_t cur_file;  /* file being read */
    int no_dup;

    /* .json state */
    cJSON *tree;  /* the file's tree while its vectors are handed out */
    cJSON *array; /* tree's "vectors" array, or NULL for a single vector */
    size_t index; /* index of the next array element */

    /* .jsonl state */
    int fd;                  /* -1 when no .jsonl is open */
    struct sdkc_buf pending; /* bytes read but not consumed */
    size_t consumed;         /* bytes of pending already handed out */
    size_t file_offset;      /* file offset of pending.data[0] */
    size_t line;             /* lines consumed so far */
    int eof;

    struct sdkc_digest_set ids; /* FNV-1a 64 of every id read so far */

    size_t vectors_out;
    sdkc_result sticky; /* first error: every later call returns it */
};

/* MARK: - file list */

static sdkc_result s_add_file(struct sdkc_vector_reader *r, const char *path, size_t model,
                              struct sdkc_error *err)
{
    if (r->file_count >= SDKC_VECTOR_MAX_FILES)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET, "more than %d vector files",
                              SDKC_VECTOR_MAX_FILES);
    if (r->file_count == r->file_cap) {
        size_t ncap = r->file_cap ? r->file_cap * 2 : 16;
        char **nf = sdkc_realloc(r->files, ncap * sizeof(*nf));
        size_t *nm;
        if (!nf)
            return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        r->files = nf;
        nm = sdkc_realloc(r->file_model, ncap * sizeof(*nm));
        if (!nm)
            return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        r->file_model = nm;
        r->file_cap = ncap;
    }
    r->files[r->file_count] = sdkc_strdup(path);
    if (!r->files[r->file_count])
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    r->file_model[r->file_count] = model;
    r->file_count++;
    return SDKC_OK;
}

/* The model file a folder holds (vector.h "Models in the corpus"), as a
 * new string in *out, or *out = NULL when it holds none. */
static sdkc_result s_folder_model(const char *dir, char **out)
{
    static const char *const names[] = {SDKC_VECTOR_MODEL_FILE, SDKC_VECTOR_MODEL_FILE_GZ};
    struct sdkc_buf p;
    size_t i;
    sdkc_result result = SDKC_OK;
    *out = NULL;
    sdkc_buf_init(&p, 0);
    for (i = 0; i < 2 && !*out && !result; i++) {
        struct stat st;
        sdkc_buf_reset(&p);
        if ((result = sdkc_buf_appendf(&p, "%s%s%s", dir,
                                       dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", names[i])))
            break;
        if (stat(p.data, &st) == 0 && S_ISREG(st.st_mode))
            *out = sdkc_buf_steal(&p, NULL);
    }
    sdkc_buf_clean_up(&p);
    return result;
}

/* Keep model path m (taken over) and return its index in *idx. */
static sdkc_result s_add_model(struct sdkc_vector_reader *r, char *m, size_t *idx,
                               struct sdkc_error *err)
{
    size_t i;
    for (i = 0; i < r->model_count; i++) {
        if (strcmp(r->models[i], m) == 0) {
            sdkc_free(m);
            *idx = i;
            return SDKC_OK;
        }
    }
    if (r->model_count >= SDKC_VECTOR_MAX_MODELS) {
        sdkc_free(m);
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                              "more than %d model files in the vector folders",
                              SDKC_VECTOR_MAX_MODELS);
    }
    if (r->model_count == r->model_cap) {
        size_t ncap = r->model_cap ? r->model_cap * 2 : 8;
        char **nm = sdkc_realloc(r->models, ncap * sizeof(*nm));
        if (!nm) {
            sdkc_free(m);
            return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        }
        r->models = nm;
        r->model_cap = ncap;
    }
    r->models[r->model_count] = m;
    *idx = r->model_count++;
    return SDKC_OK;
}

/* The model binding dir itself, else the nearest folder named above it in
 * the path (textually: "a/b" looks at "a/b", then "a"). */
static sdkc_result s_model_above(struct sdkc_vector_reader *r, const char *dir, size_t *idx,
                                 struct sdkc_error *err)
{
    char *d = sdkc_strdup(dir), *m = NULL;
    int level;
    sdkc_result result = SDKC_OK;
    *idx = S_NO_MODEL;
    if (!d)
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    for (level = 0; level <= SDKC_VECTOR_MAX_DIR_DEPTH && d[0]; level++) {
        char *slash;
        size_t n = strlen(d);
        while (n > 1 && d[n - 1] == '/')
            d[--n] = '\0';
        if ((result = s_folder_model(d, &m)))
            break;
        if (m) {
            result = s_add_model(r, m, idx, err);
            break;
        }
        slash = strrchr(d, '/');
        if (!slash || slash == d)
            break;
        *slash = '\0';
    }
    sdkc_free(d);
    if (result == SDKC_ERR_NOMEM)
        return sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
    return result;
}

static int s_has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static sdkc_result s_walk(struct sdkc_vector_reader *r, const char *dir, int depth, size_t model,
                          struct sdkc_error *err)
{
    DIR *dh;
    struct dirent *de;
    struct sdkc_buf p;
    char *here = NULL;
    sdkc_result result = SDKC_OK;

    if (depth > SDKC_VECTOR_MAX_DIR_DEPTH)
        return sdkc_error_set(err, SDKC_ERR_TOO_DEEP, SDKC_NO_OFFSET,
                              "%s: folders nested deeper than %d", dir, SDKC_VECTOR_MAX_DIR_DEPTH);
    if ((result = s_folder_model(dir, &here)))
        return sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
    if (here && (result = s_add_model(r, here, &model, err)))
        return result;
    dh = opendir(dir);
    if (!dh)
        return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: cannot open folder: %s", dir,
                              strerror(errno));
    sdkc_buf_init(&p, 0);
    while (!result && (de = readdir(dh)) != NULL) {
        struct stat st;
        if (de->d_name[0] == '.')
            continue; /* ".", "..", and hidden files (editor swap files) */
        sdkc_buf_reset(&p);
        if ((result = sdkc_buf_appendf(&p, "%s%s%s", dir, s_has_suffix(dir, "/") ? "" : "/",
                                       de->d_name))) {
            result =
                sdkc_error_set(err, result, SDKC_NO_OFFSET, "%s: %s", dir, sdkc_result_str(result));
            break;
        }
        if (stat(p.data, &st) != 0) {
            result =
                sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: %s", p.data, strerror(errno));
            break;
        }
        if (S_ISDIR(st.st_mode))
            result = s_walk(r, p.data, depth + 1, model, err);
        else if (S_ISREG(st.st_mode) && strcmp(de->d_name, SDKC_VECTOR_MODEL_FILE) != 0 &&
                 (s_has_suffix(de->d_name, ".json") || s_has_suffix(de->d_name, ".jsonl")))
            result = s_add_file(r, p.data, model, err);
    }
    closedir(dh);
    sdkc_buf_clean_up(&p);
    return result;
}

struct s_sorted_file {
    char *path;
    size_t model;
};

static int s_cmp_path(const void *a, const void *b)
{
    return strcmp(((const struct s_sorted_file *)a)->path, ((const struct s_sorted_file *)b)->path);
}

/* Sort files (with their models) byte-wise by path. */
static sdkc_result s_sort_files(struct sdkc_vector_reader *r)
{
    struct s_sorted_file *t = sdkc_calloc(r->file_count, sizeof(*t));
    size_t i;
    if (!t)
        return SDKC_ERR_NOMEM;
    for (i = 0; i < r->file_count; i++) {
        t[i].path = r->files[i];
        t[i].model = r->file_model[i];
    }
    qsort(t, r->file_count, sizeof(*t), s_cmp_path);
    for (i = 0; i < r->file_count; i++) {
        r->files[i] = t[i].path;
        r->file_model[i] = t[i].model;
    }
    sdkc_free(t);
    return SDKC_OK;
}

/* Where a path given by name starts looking for its model: a folder
 * itself, a file's folder. */
static sdkc_result s_given_model(struct sdkc_vector_reader *r, const char *path, int is_dir,
                                 size_t *idx, struct sdkc_error *err)
{
    char *d;
    const char *slash;
    sdkc_result result;
    if (is_dir)
        return s_model_above(r, path, idx, err);
    slash = strrchr(path, '/');
    if (!slash)
        return s_model_above(r, ".", idx, err);
    if (!(d = sdkc_strndup(path, slash == path ? 1 : (size_t)(slash - path))))
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    result = s_model_above(r, d, idx, err);
    sdkc_free(d);
    return result;
}

sdkc_result sdkc_vector_reader_new(const char *const *paths, size_t n,
                                   const struct sdkc_vector_reader_options *opts,
                                   struct sdkc_vector_reader **out, struct sdkc_error *err)
{
    struct sdkc_vector_reader *r;
    sdkc_result result = SDKC_OK;
    size_t i, w, model;

    *out = NULL;
    r = sdkc_calloc(1, sizeof(*r));
    if (!r)
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    r->fd = -1;
    r->no_dup = opts ? opts->no_duplicate_check : 0;
    sdkc_digest_set_init(&r->ids, SDKC_VECTOR_MAX_VECTORS);
    sdkc_buf_init(&r->pending, SDKC_VECTOR_MAX_LINE_BYTES + S_READ_CHUNK);
    for (i = 0; i < n && !result; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            result = sdkc_error_set(err, errno == ENOENT ? SDKC_ERR_NOT_FOUND : SDKC_ERR_IO,
                                    SDKC_NO_OFFSET, "%s: %s", paths[i], strerror(errno));
            break;
        }
        /* A FIFO given by name blocked the run forever: only folders and
         * regular files are read. */
        if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
            result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET,
                                    "%s: neither a regular file nor a folder", paths[i]);
            break;
        }
        if ((result = s_given_model(r, paths[i], S_ISDIR(st.st_mode), &model, err)))
            break;
        if (S_ISDIR(st.st_mode))
            result = s_walk(r, paths[i], 0, model, err);
        else
            result = s_add_file(r, paths[i], model, err);
    }
    if (result)
        goto fail;
    /* One global byte-wise order, so runs, shards and reports agree
     * whatever order the paths were given in; the same file reached twice
     * is read once. */
    if (r->file_count > 1 && s_sort_files(r)) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        goto fail;
    }
    for (i = 0, w = 0; i < r->file_count; i++) {
        if (w > 0 && strcmp(r->files[w - 1], r->files[i]) == 0) {
            sdkc_free(r->files[i]);
            continue;
        }
        r->file_model[w] = r->file_model[i];
        r->files[w++] = r->files[i];
    }
    r->file_count = w;
    *out = r;
    return SDKC_OK;
fail:
    sdkc_vector_reader_destroy(r);
    return result;
}

void sdkc_vector_reader_destroy(struct sdkc_vector_reader *r)
{
    size_t i;
    if (!r)
        return;
    for (i = 0; i < r->file_count; i++)
        sdkc_free(r->files[i]);
    sdkc_free(r->files);
    sdkc_free(r->file_model);
    for (i = 0; i < r->model_count; i++)
        sdkc_free(r->models[i]);
    sdkc_free(r->models);
    cJSON_Delete(r->tree);
    if (r->fd >= 0)
        close(r->fd);
    sdkc_buf_clean_up(&r->pending);
    sdkc_digest_set_clean_up(&r->ids);
    sdkc_free(r);
}

size_t sdkc_vector_reader_file_count(const struct sdkc_vector_reader *r)
{
    return r ? r->file_count : 0;
}

const char *sdkc_vector_reader_file(const struct sdkc_vector_reader *r, size_t i)
{
    return r && i < r->file_count ? r->files[i] : NULL;
}

size_t sdkc_vector_reader_vector_count(const struct sdkc_vector_reader *r)
{
    return r ? r->vectors_out : 0;
}

/* MARK: - duplicate ids */

uint64_t sdkc_vector_id_hash(const char *s, size_t n)
{
    return sdkc_fnv1a64(s, n, SDKC_FNV1A64_BASIS);
}

static sdkc_result s_next(struct sdkc_vector_reader *r, struct sdkc_vector **out,
                          struct sdkc_error *err);

/* The file holding the first vector with v's id, read again from the
 * start; NULL when only v itself has it (a hash collision) or the files
 * cannot be read again. 1 in *same when the first one is v itself. */
static sdkc_result s_find_first(const struct sdkc_vector_reader *r, const struct sdkc_vector *v,
                                char **first_file, int *same)
{
    struct sdkc_vector_reader *sub;
    struct sdkc_vector *w = NULL;
    struct sdkc_error err;
    sdkc_result result = SDKC_OK;
    size_t i;

    *first_file = NULL;
    *same = 0;
    sdkc_error_init(&err);
    sub = sdkc_calloc(1, sizeof(*sub));
    if (!sub)
        return SDKC_ERR_NOMEM;
    sub->fd = -1;
    sub->no_dup = 1;
    sdkc_buf_init(&sub->pending, SDKC_VECTOR_MAX_LINE_BYTES + S_READ_CHUNK);
    for (i = 0; i <= r->cur_file && !result; i++)
        result = s_add_file(sub, r->files[i], S_NO_MODEL, &err);
    while (!result && (result = s_next(sub, &w, &err)) == SDKC_OK && w) {
        if (strcmp(w->id, v->id) == 0) {
            *same = sub->cur_file == r->cur_file && w->index == v->index;
            if (!*same && !(*first_file = sdkc_strdup(w->file)))
                result = SDKC_ERR_NOMEM;
            sdkc_vector_destroy(w);
            break;
        }
        sdkc_vector_destroy(w);
        w = NULL;
    }
    sdkc_vector_reader_destroy(sub);
    return result == SDKC_ERR_NOMEM ? result : SDKC_OK;
}

static sdkc_result s_check_dup(struct sdkc_vector_reader *r, const struct sdkc_vector *v,
                               struct sdkc_error *err)
{
    char *first = NULL;
    int added = 0, same = 0;
    sdkc_result result;
    if (r->no_dup)
        return SDKC_OK;
    result = sdkc_digest_set_add(&r->ids, sdkc_vector_id_hash(v->id, strlen(v->id)), &added);
    if (result == SDKC_ERR_TOO_LARGE)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                              "more than %d vectors in one run", SDKC_VECTOR_MAX_VECTORS);
    if (result)
        return sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
    if (added)
        return SDKC_OK;
    if ((result = s_find_first(r, v, &first, &same)))
        return sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
    if (same)
        return SDKC_OK; /* two ids sharing a 64-bit hash: not a duplicate */
    result = sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                            "%s: duplicate id \"%s\" (already used in %s)", v->file, v->id,
                            first ? first : "an earlier file");
    sdkc_free(first);
    return result;
}

/* MARK: - reading */

static sdkc_result s_open_next(struct sdkc_vector_reader *r, struct sdkc_error *err)
{
    const char *path = r->files[r->next_file];
    struct sdkc_json_limits lim = {SDKC_VECTOR_MAX_FILE_BYTES, SDKC_VECTOR_MAX_DEPTH};
    sdkc_result result;

    r->cur_file = r->next_file++;
    if (s_has_suffix(path, ".jsonl")) {
        if ((result = sdkc_buf_open_regular(path, &r->fd, err)))
            return result;
        sdkc_buf_reset(&r->pending);
        r->consumed = 0;
        r->file_offset = 0;
        r->line = 0;
        r->eof = 0;
        return SDKC_OK;
    }
    {
        struct sdkc_buf b;
        sdkc_buf_init(&b, SDKC_VECTOR_MAX_FILE_BYTES);
        result = sdkc_buf_read_file(&b, path, err);
        if (!result) {
            result = sdkc_json_parse(b.data, b.len, &lim, &r->tree, err);
            if (result)
                sdkc_error_prefix(err, "%s: ", path);
        }
        sdkc_buf_clean_up(&b);
        if (result)
            return result;
    }
    r->index = 0;
    r->array = NULL;
    {
        cJSON *vs = sdkc_json_get(r->tree, "vectors");
        if (vs) {
            if (cJSON_GetArraySize(r->tree) != 1)
                return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                      "%s: $: a {\"vectors\": [...]} file has no other keys", path);
            if (!cJSON_IsArray(vs))
                return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                      "%s: $.vectors: expected an array of vectors", path);
            r->array = vs;
        }
    }
    return SDKC_OK;
}

/* Next non-blank line of the open .jsonl into [*line, *line+*len), its
 * 1-based number in r->line. 0 = got one, 1 = end of file. */
static sdkc_result s_next_line(struct sdkc_vector_reader *r, const char **line, size_t *len,
                               size_t *offset, int *end, struct sdkc_error *err)
{
    const char *path = r->files[r->cur_file];
    size_t scan = r->consumed;
    *end = 0;
    for (;;) {
        char *start = r->pending.data ? r->pending.data + r->consumed : NULL;
        char *nl = start ? memchr(r->pending.data + scan, '\n', r->pending.len - scan) : NULL;
        size_t n;
        if (nl || (r->eof && r->pending.len > r->consumed)) {
            size_t i;
            int blank = 1;
            n = nl ? (size_t)(nl - start) : r->pending.len - r->consumed;
            r->line++;
            for (i = 0; i < n && blank; i++)
                if (start[i] != ' ' && start[i] != '\t' && start[i] != '\r')
                    blank = 0;
            *line = start;
            *len = n;
            *offset = r->file_offset + r->consumed;
            r->consumed += n + (nl ? 1 : 0);
            scan = r->consumed;
            if (blank)
                continue;
            if (n > SDKC_VECTOR_MAX_LINE_BYTES)
                return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, *offset,
                                      "%s:%zu: line longer than the cap of %zu bytes", path,
                                      r->line, (size_t)SDKC_VECTOR_MAX_LINE_BYTES);
            return SDKC_OK;
        }
        if (r->eof) {
            *end = 1;
            return SDKC_OK;
        }
        /* Drop consumed bytes, then read more. */
        if (r->consumed > 0) {
            size_t rest = r->pending.len - r->consumed;
            memmove(r->pending.data, r->pending.data + r->consumed, rest);
            r->pending.len = rest;
            r->file_offset += r->consumed;
            scan -= r->consumed;
            r->consumed = 0;
        }
        {
            sdkc_result result = sdkc_buf_reserve(&r->pending, S_READ_CHUNK);
            ssize_t got;
            if (result == SDKC_ERR_TOO_LARGE)
                return sdkc_error_set(err, result, r->file_offset,
                                      "%s:%zu: line longer than the cap of %zu bytes", path,
                                      r->line + 1, (size_t)SDKC_VECTOR_MAX_LINE_BYTES);
            if (result)
                return sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
            scan = r->pending.len;
            do
                got = read(r->fd, r->pending.data + r->pending.len, S_READ_CHUNK);
            while (got < 0 && errno == EINTR);
            if (got < 0)
                return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: read error: %s", path,
                                      strerror(errno));
            if (got == 0)
                r->eof = 1;
            r->pending.len += (size_t)got;
            r->pending.data[r->pending.len] = '\0';
        }
    }
}

static sdkc_result s_next(struct sdkc_vector_reader *r, struct sdkc_vector **out,
                          struct sdkc_error *err)
{
    struct sdkc_json_limits lim = {SDKC_VECTOR_MAX_LINE_BYTES, SDKC_VECTOR_MAX_DEPTH};
    sdkc_result result;
    for (;;) {
        if (r->fd >= 0) {
            const char *line = NULL;
            size_t len = 0, off = 0;
            int end = 0;
            cJSON *obj = NULL;
            char where[2] = "$";
            if ((result = s_next_line(r, &line, &len, &off, &end, err)))
                return result;
            if (end) {
                close(r->fd);
                r->fd = -1;
                continue;
            }
            result = sdkc_json_parse(line, len, &lim, &obj, err);
            if (result) {
                /* Report the offset in the file, where an editor finds it. */
                if (err && err->offset != SDKC_NO_OFFSET)
                    err->offset += off;
                sdkc_error_prefix(err, "%s:%zu: ", r->files[r->cur_file], r->line);
                return result;
            }
            return sdkc_vector_from_json(obj, r->files[r->cur_file], where, r->line - 1, r->line,
                                         out, err);
        }
        if (r->tree) {
            if (!r->array) {
                cJSON *obj = r->tree;
                r->tree = NULL;
                return sdkc_vector_from_json(obj, r->files[r->cur_file], "$", 0, 0, out, err);
            }
            if (r->array->child) {
                char where[48];
                /* Detaching the head is O(1): the file's tree shrinks as
                 * its vectors are handed out. */
                cJSON *obj = cJSON_DetachItemViaPointer(r->array, r->array->child);
                snprintf(where, sizeof(where), "$.vectors[%zu]", r->index);
                return sdkc_vector_from_json(obj, r->files[r->cur_file], where, r->index++, 0, out,
                                             err);
            }
            cJSON_Delete(r->tree);
            r->tree = NULL;
            r->array = NULL;
            continue;
        }
        if (r->next_file >= r->file_count) {
            *out = NULL; /* the end (core/error.h, "Streams") */
            return SDKC_OK;
        }
        if ((result = s_open_next(r, err)))
            return result;
    }
}

sdkc_result sdkc_vector_reader_next(struct sdkc_vector_reader *r, struct sdkc_vector **out,
                                    struct sdkc_error *err)
{
    sdkc_result result;
    *out = NULL;
    if (r->sticky)
        return sdkc_error_set(err, r->sticky, SDKC_NO_OFFSET,
                              "vector reader stopped at an earlier error");
    result = s_next(r, out, err);
    if (!result && !*out)
        return SDKC_OK;
    if (!result && r->file_model[r->cur_file] != S_NO_MODEL &&
        !((*out)->model = sdkc_strdup(r->models[r->file_model[r->cur_file]]))) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        sdkc_vector_destroy(*out);
        *out = NULL;
    }
    if (!result && (result = s_check_dup(r, *out, err))) {
        sdkc_vector_destroy(*out);
        *out = NULL;
    }
    if (result) {
        r->sticky = result;
        return result;
    }
    r->vectors_out++;
    return SDKC_OK;
}
