/* SPDX-License-Identifier: Apache-2.0
 *
 * runner/xfail.h: the expected-failures file (docs/DESIGN.md).
 *
 * Format (JSON):
 *   {
 *     "format": "sdkconform-expected-failures/1",
 *     "impls": {
 *       "boto3": [
 *         {"id": "union.two-members", "reason": "one line: why it fails",
 *          "evidence": "what shows it: an upstream issue, a code pointer, the diff"}
 *       ]
 *     }
 *   }
 * Every entry needs a non-empty one-line `id`, `reason` and `evidence`; no
 * other keys. An (impl, id) pair may appear once. Entries of impls not in
 * the run are loaded (and their ids checked) but never apply; replay
 * reports them (sdkc_xfail_unused).
 *
 * A listed vector that fails is `xfail`; one that passes is `xpass`, a stale
 * entry that fails the run. An id that is not in the corpus at all is an
 * input error (exit 2), found once the whole corpus has been read.
 *
 * Threading: lookups are read-only and may run on any runner thread; marks
 * happen only on the thread that reads the corpus.
 */
#ifndef SDKC_RUNNER_XFAIL_H
#define SDKC_RUNNER_XFAIL_H

#include <stddef.h>

#include "core/error.h"

#define SDKC_XFAIL_FORMAT      "sdkconform-expected-failures/1"
#define SDKC_XFAIL_MAX_TEXT    4096 /* bytes of a reason or evidence */
#define SDKC_XFAIL_MAX_ENTRIES ((size_t)100000)

struct sdkc_xfail_entry {
    const char *impl;
    const char *id;
    const char *reason;
    const char *evidence;
    char *where;   /* "$.impls.boto3[2]", for messages */
    int in_corpus; /* the id was read from the corpus */
};

struct sdkc_xfail {
    char *path;
    void *root; /* cJSON tree that owns the strings */
    struct sdkc_xfail_entry *entries;
    size_t count;
    size_t *slots; /* open addressing on the id hash: entry index + 1, 0 = empty */
    size_t slot_count;
};

/* Load and validate. Errors are SDKC_ERR_PARSE (and the rest of
 * sdkc_json_parse_file's) with "path: $.impls.x[3].reason: ...". */
sdkc_result sdkc_xfail_load(const char *path, struct sdkc_xfail **out, struct sdkc_error *err);
void sdkc_xfail_destroy(struct sdkc_xfail *x); /* accepts NULL */

/* The entry for (impl, id), or NULL. */
const struct sdkc_xfail_entry *sdkc_xfail_find(const struct sdkc_xfail *x, const char *impl,
                                               const char *id);
/* Note that id is in the corpus (every entry with that id). */
void sdkc_xfail_mark_seen(struct sdkc_xfail *x, const char *id);
/* The entries of x for implementations not among names[0..n) (a run of
 * those implementations can neither apply them nor find them stale):
 * pointers into x stored in out, at most cap of them, in file order. The
 * count of such entries, which may exceed cap. */
size_t sdkc_xfail_unused(const struct sdkc_xfail *x, const char *const *names, size_t n,
                         const struct sdkc_xfail_entry **out, size_t cap);
/* SDKC_ERR_PARSE naming the file, the entry's path and id when an entry's
 * id was never seen in the corpus; SDKC_OK otherwise. */
sdkc_result sdkc_xfail_check_unknown(const struct sdkc_xfail *x, struct sdkc_error *err);

#endif
