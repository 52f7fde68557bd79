/* SPDX-License-Identifier: Apache-2.0
 *
 * report/cause.h: failures grouped by cause, so that one mistake an SDK makes
 * on 210 vectors reads as one line with a count, not 210 blocks
 * (docs/DESIGN.md, "Reports"). The console and report.html group the same
 * way because both use this module.
 *
 * The cause signature of a result that did not pass is the text
 *
 *   impl_index US impl US kind US level US check US norm(message) US norm(shape(diff))
 *
 * (US = 0x1F), where
 *   kind   "fail" (gating), "warn" (a failure below the gate), "error",
 *          "xpass" or "xfail": the same mistake gating on one vector and
 *          warning on another is two causes, as the release manager reads it;
 *   check  the check that set the level ("sigv4", "requests", ...) or "";
 *   shape  the lines of the diff that state a difference: section headers
 *          ("result:", "sigv4:") and the lines indented by exactly two
 *          spaces ("  $.error.code: wanted ..., got ...", "  MUST: ...",
 *          "  SignedHeaders sent: ..."). Deeper-indented lines (the
 *          canonical request and string to sign we computed) and other
 *          column-0 lines (a got document, offending bytes) are context
 *          that differs per vector and are left out. When check is set
 *          and the diff has a section of that name ("sigv4:"), only that
 *          section counts: the check fails the vector on its own, whatever
 *          else differs (runner.h), so a client that never signs its
 *          session token is one cause however its responses are parsed;
 *   norm   the text with per-vector values replaced: the result's own id by
 *          <id>; a double-quoted string (JSON escapes honoured) by "<v>",
 *          a single-quoted one (the quote after a non-alphanumeric) by
 *          '<v>'; a JSON object or array right after "got " (what the
 *          client returned instead) by {...} or [...] (the wanted side
 *          keeps its keys, and its string values that are one lowercase
 *          word of at most 24 letters, such as "kind":"validation" or
 *          "fault":"server": they name the rule); a UUID (8-4-4-4-12 hex) by <uuid>; a run of 16 or
 * more hex digits holding a digit (digests, signatures) by <hex>; every other run of decimal digits
 * by <n> (so timestamps such as 20260101T000000Z or 2026-01-01T00:00:00Z, counts, lengths, ports
 * and array indices all reduce to one shape).
 *
 * Causes are told apart by the 64-bit FNV-1a hash of that text (two
 * different signatures merge with probability about 2^-64 per pair); at
 * most SDKC_REPORT_MAX_CAUSES are tracked, results past that are counted
 * per implementation as "other causes".
 */
#ifndef SDKC_REPORT_CAUSE_H
#define SDKC_REPORT_CAUSE_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"
#include "runner/runner.h"

#define SDKC_REPORT_MAX_CAUSES     4096 /* distinct causes tracked per run */
#define SDKC_REPORT_CAUSE_IDS      5    /* ids kept, and listed, per cause; the rest are counted */
#define SDKC_REPORT_CAUSE_MAX_TEXT 512  /* bytes of a cause's one-line message kept */

/* What a cause is computed from: a spool record or a runner record. */
struct sdkc_cause_in {
    size_t impl_index;
    const char *impl;
    const char *id;
    const char *status; /* "fail", "error", "xpass", "xfail" (report.json names) */
    int gating;
    const char *level;
    const char *check; /* may be NULL */
    const char *message;
    const char *diff;  /* may be NULL */
    const char *rerun; /* may be NULL */
};

/* Sort ranks: what blocks the release first. */
enum sdkc_cause_kind {
    SDKC_CAUSE_FAIL = 0, /* gating failure */
    SDKC_CAUSE_XPASS,    /* stale expected-failure entry (gates) */
    SDKC_CAUSE_ERROR,    /* the vector could not be run (gates) */
    SDKC_CAUSE_WARN,     /* failure below the gate */
    SDKC_CAUSE_XFAIL,    /* expected failure */
    SDKC_CAUSE_KIND_COUNT
};

/* "fail", "xpass", "error", "warn", "xfail". */
const char *sdkc_cause_kind_name(enum sdkc_cause_kind k);
/* The kind of a result, or -1 when it has none (pass, skip). */
int sdkc_cause_kind_of(const char *status, int gating);

struct sdkc_cause {
    uint64_t hash;
    size_t impl_index;
    enum sdkc_cause_kind kind;
    int gating;
    char *impl;
    char *level;
    char *check; /* "" when none */
    /* The first result's message, cut at SDKC_REPORT_CAUSE_MAX_TEXT; for a
     * check that set the level, followed by the most specific clause of
     * its finding when the message lacks it ("...: a required header is not
     * signed: host is not in SignedHeaders"). */
    char *message;
    char *rerun;                      /* the first result's rerun command, or NULL */
    char *ids[SDKC_REPORT_CAUSE_IDS]; /* the first ids, in spool order */
    size_t id_count;
    uint64_t count;
    size_t order; /* first appearance */
};

struct sdkc_causes {
    struct sdkc_cause *v;
    size_t count, cap;
    size_t *index; /* open-addressing hash index into v, index_cap slots */
    size_t index_cap;
    /* Results whose cause could not be tracked (past SDKC_REPORT_MAX_CAUSES). */
    uint64_t other[SDKC_RUNNER_MAX_IMPLS];
    int sorted; /* v is in report order; no more adds */
};

void sdkc_causes_init(struct sdkc_causes *c);
void sdkc_causes_clean_up(struct sdkc_causes *c);

/* The cause signature of in (format above), appended to out. */
sdkc_result sdkc_cause_signature(struct sdkc_buf *out, const struct sdkc_cause_in *in);
/* Append text normalised (the `norm` rule above); id may be NULL. */
sdkc_result sdkc_cause_normalise(struct sdkc_buf *out, const char *text, size_t n, const char *id);

/* Count in under its cause. *index = the cause's position (or (size_t)-1
 * when past the cap), *first = 1 when in is the first result of its cause.
 * Not after sdkc_causes_sort. */
sdkc_result sdkc_causes_add(struct sdkc_causes *c, const struct sdkc_cause_in *in, size_t *index,
                            int *first, struct sdkc_error *err);
/* Look the cause of in up without adding it: its position (after
 * sdkc_causes_sort, its position in report order), or (size_t)-1. */
size_t sdkc_causes_find(const struct sdkc_causes *c, const struct sdkc_cause_in *in,
                        struct sdkc_error *err);

/* Report order: by implementation, what gates first (kind), then level
 * (MUST, SHOULD, MAY), then the most results, then first appearance.
 * perm (count entries, may be NULL) receives, for each cause's position
 * before sorting, its position after. */
sdkc_result sdkc_causes_sort(struct sdkc_causes *c, size_t *perm, struct sdkc_error *err);

/* Fill a cause input from a spool record (borrowed pointers into rec). */
void sdkc_cause_in_from_spool(struct sdkc_cause_in *in, const cJSON *rec);

#endif
