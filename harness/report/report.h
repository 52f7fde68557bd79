/* SPDX-License-Identifier: Apache-2.0
 *
 * report/report.h: what a replay run looks like to people and to tools
 * (docs/DESIGN.md). Nothing here influences a verdict: the writers read the
 * runner's result spool (JSON lines, runner.h) and its summary.
 *
 *   report.json  {"tool":{"name","version"},"impls":[{"name","version"}],
 *                 "summary":{"total","passed","failed","skipped","xfailed",
 *                            "xpassed","errors"},
 *                 "results":[{"id","impl","level","status","message",
 *                             "duration_ms",...}], "partial":bool, ...}
 *   junit.xml    one <testsuite> per implementation, one <testcase> per
 *                vector (the JUnit XML dialect GitHub, GitLab and Jenkins
 *                import: failure/error/skipped children, times in seconds)
 *   report.html  one self-contained page (inline CSS, no scripts or fetches)
 *
 * Every file is written to a temp file in the same folder, fsynced and
 * renamed (readers never see a torn report), streaming: a 100,000-vector
 * report never sits in memory whole.
 *
 * Every piece of text that reaches a report or the console passes through
 * sdkc_report_scrub() (credentials and signatures redacted, made valid
 * UTF-8): the one place to extend when new secrets appear.
 */
#ifndef SDKC_REPORT_REPORT_H
#define SDKC_REPORT_REPORT_H

#include <stdarg.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/error.h"
#include "report/cause.h"
#include "runner/runner.h"
#include "sigv4/sigv4.h"

/* Where `sdkconform replay` writes its reports unless told: a folder of the
 * current directory, never of the source tree (a run from the checkout
 * leaves `git status` clean: see sdkc_report_dir_prepare). */
#define SDKC_REPORT_DEFAULT_DIR       "sdkconform-reports"
#define SDKC_REPORT_RERUN_SUBDIR      "rerun" /* rerun commands write DIR/rerun, never over DIR */
#define SDKC_REPORT_MAX_LINE          ((size_t)4 << 20) /* one spool line, bytes */
#define SDKC_REPORT_HTML_MAX_FAILURES 5000              /* failures shown in full in report.html */
#define SDKC_REPORT_HTML_MAX_ROWS     20000             /* per-vector rows listed in report.html */

struct sdkc_report_impl {
    const char *name;
    const char *version;
};

struct sdkc_report_skip {
    const char *impl;   /* as named on the command line */
    const char *reason; /* one line */
};

/* An expected-failures entry for an implementation that did not run in
 * this run: it could neither hide a failure nor go stale, so it is reported
 * (console and report.json "unused_expected_failures"), never silently
 * ignored. Borrowed strings. */
struct sdkc_report_unused_xfail {
    const char *impl;
    const char *id;
    const char *file;
};

struct sdkc_report_meta {
    const char *tool_name;    /* "sdkconform" */
    const char *tool_version; /* SDKC_VERSION */
    const struct sdkc_report_impl *impls;
    size_t impl_count;
    const char *gate;    /* "MUST" / "SHOULD" / "MAY" */
    const char *command; /* the command line, for the record; may be NULL */
    /* The exit status the process returns (cli decides it, DESIGN.md exit
     * codes), so report.json's "exit" and the console's verdict are never
     * greener than the process. */
    int exit_code;
    /* Implementations named on the command line that did not run (SDK not
     * installed, adapter unavailable), with why: shown in every report so a
     * run never looks green on what it skipped. */
    const struct sdkc_report_skip *skipped;
    size_t skipped_count;
    const struct sdkc_report_unused_xfail *unused_xfail;
    size_t unused_xfail_count;
};

/* Append text to out with secrets redacted (AWS access key ids, secret keys,
 * session tokens, SigV4 signatures and Authorization values) and every
 * invalid UTF-8 byte replaced by U+FFFD, so the result is always valid
 * UTF-8 and safe to print. n bytes of text. */
sdkc_result sdkc_report_scrub(struct sdkc_buf *out, const char *text, size_t n);

/* fprintf for every message that holds outside text (ids, paths, error
 * messages, adapter output, request lines): secrets redacted
 * (sdkc_report_scrub) and control characters made visible
 * (sdkc_text_fwrite, line breaks kept), so no terminal escape from a
 * vector, adapter or client reaches the console raw. The one printer the
 * cli and the app layer both use. */
void sdkc_report_fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sdkc_report_vfprintf(FILE *f, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* "sdkconform CMD: <message>" on f (NULL: nothing), printed as
 * sdkc_report_fprintf prints: how the app layer's commands speak. */
void sdkc_report_say(FILE *f, const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Register the credentials of the run (borrowed; NULL clears): from then
 * on sdkc_report_scrub also removes their secret key, session token and
 * access key id wherever they appear, in every encoding sdkc_redact_append
 * knows (raw, percent-encoded either case, '+' for space, base64, hex), so a
 * client that echoes them, or a captured request, never carries them into
 * a report or log (docs/DESIGN.md). Process-wide: call it before the run starts
 * and clear it before the credentials are freed; not to be called while
 * another thread scrubs. */
void sdkc_report_scrub_set_credentials(const struct sdkc_credentials *creds);

/* Register the fixed test credentials the harness hands to adapters
 * (borrowed; NULL clears): adapters may echo them into messages, so
 * sdkc_report_scrub removes their secret key and session token in every
 * encoding. The report layer does not know the adapters (impl is below
 * runner, but the secret is impl's business): the caller (cli/main.c)
 * registers what it got from impl at start-up, before any thread. */
void sdkc_report_scrub_set_test_credentials(const struct sdkc_credentials *creds);

/* Make the report folder dir when missing. When it had to be made and
 * ignore_all is set (the default folder), also write dir/.gitignore
 * holding "*", so that reports written inside a git checkout are never
 * committed by accident and the folder needs no entry in the project's own
 * .gitignore. A folder that exists is left as it is. */
sdkc_result sdkc_report_dir_prepare(const char *dir, int ignore_all, struct sdkc_error *err);

/* Write report.json, junit.xml and report.html into dir (created when
 * missing). The spool is read once per file (junit: once per impl). */
sdkc_result sdkc_report_write_all(const char *dir, const struct sdkc_report_meta *meta,
                                  const struct sdkc_run_summary *sum, const char *spool_path,
                                  struct sdkc_error *err);
sdkc_result sdkc_report_write_json(const char *path, const struct sdkc_report_meta *meta,
                                   const struct sdkc_run_summary *sum, const char *spool_path,
                                   struct sdkc_error *err);
sdkc_result sdkc_report_write_junit(const char *path, const struct sdkc_report_meta *meta,
                                    const struct sdkc_run_summary *sum, const char *spool_path,
                                    struct sdkc_error *err);
sdkc_result sdkc_report_write_html(const char *path, const struct sdkc_report_meta *meta,
                                   const struct sdkc_run_summary *sum, const char *spool_path,
                                   struct sdkc_error *err);

/* ---- expected failures from a run ---- */

struct sdkc_report_xfail_written {
    size_t entries;     /* entries written */
    size_t impls;       /* implementations with at least one */
    size_t uncoverable; /* failures left out: no entry can cover them */
};

/* Write an expected-failures file (runner/xfail.h format) at path listing
 * every failure of the run's spool that an entry can cover, one entry per
 * failing (impl, id) (`fail` and `xfail` results; an `xfail` keeps its
 * reason and evidence): reason = the failure's one-line message, evidence
 * = its diff on one line (" | " between lines), both scrubbed and cut at
 * SDKC_XFAIL_MAX_TEXT bytes, for the user to edit. Failures of the checks
 * no entry covers (sigv4 at MUST, requests, framing: runner/README.md) are
 * counted in written->uncoverable, not listed. Atomic (temp file, fsync,
 * rename), so replaying with the file as --expected-failures turns those
 * failures into xfail. written may be NULL. */
sdkc_result sdkc_report_write_expected_failures(const char *path, const char *spool_path,
                                                struct sdkc_report_xfail_written *written,
                                                struct sdkc_error *err);

/* ---- console ---- */

/* Progress lines when stderr is not a terminal (CI logs): one line at most
 * this often, so a long run shows it is alive without flooding the log. */
#define SDKC_CONSOLE_PROGRESS_EVERY_MS 5000.0

struct sdkc_console {
    FILE *out;
    int tty;     /* draw a progress bar (redrawn in place) */
    int colour;  /* ANSI colours: a TTY and NO_COLOR unset */
    int verbose; /* print every result (repeats of a cause included) and list warnings */
    double last_draw_ms;
    int bar_drawn;
    uint64_t fails, warns, errors, xpass;
    size_t impl_count;
    /* Plain progress lines on progress_out (stderr) when it is not a
     * terminal: done, share of the corpus, failing so far, rate. */
    FILE *progress_out;
    int progress_lines;
    double progress_every_ms; /* SDKC_CONSOLE_PROGRESS_EVERY_MS */
    double start_ms, last_progress_ms;
    /* Failures grouped by cause (report/cause.h): the first result of a
     * cause is printed in full, the others are counted and listed at the
     * end. */
    struct sdkc_causes causes;
    int causes_failed; /* out of memory once: every failure printed in full */
};

/* Decide tty/colour from out's file descriptor and NO_COLOR (no-color.org),
 * progress lines from stderr's. */
void sdkc_console_init(struct sdkc_console *c, FILE *out, size_t impl_count);
/* Free what the console collected; accepts NULL and a console never
 * initialised only when zeroed. */
void sdkc_console_clean_up(struct sdkc_console *c);
/* The runner's per-result callback (ctx = struct sdkc_console *): prints
 * the first failure, error and stale entry of each cause with id, level,
 * refs, the diff and the rerun command (later ones of the same cause only
 * with --verbose, as one line); below-gate failures as warnings; keeps the
 * bar or the progress lines. */
void sdkc_console_record(void *ctx, const struct sdkc_run_record *rec);
/* Clear the bar, print the failures grouped by cause, the matrix when there
 * are several implementations, the GATING SUMMARY per implementation (the
 * gating failures together; warnings counted, listed with --verbose) and
 * the final summary line. */
void sdkc_console_finish(struct sdkc_console *c, const struct sdkc_report_meta *meta,
                         const struct sdkc_run_summary *sum, const char *report_dir);

#endif
