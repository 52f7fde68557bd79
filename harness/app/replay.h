/* SPDX-License-Identifier: Apache-2.0
 *
 * app/replay.h: `sdkconform replay` as one library call (docs/DESIGN.md,
 * layer `app`): build the implementations named (each adapter with its own
 * mock endpoint and the fake test credentials, registered with the report
 * scrub), run the runner with the console reporter, write the reports and
 * decide the exit status. The cli parses arguments, loads the spec,
 * installs the signal handlers and calls sdkc_replay_run; a C test calls it
 * the same way.
 *
 * It lives above report (not in runner) because the exit status it decides
 * is written into every report (report.json "exit") and the console's
 * summary, and it registers the credentials with the report scrub: the
 * runner would otherwise need all of report passed back down to it as
 * function pointers.
 */
#ifndef SDKC_APP_REPLAY_H
#define SDKC_APP_REPLAY_H

#include <signal.h>
#include <stdio.h>

#include "core/error.h"
#include "impl/builtin.h"
#include "runner/runner.h"
#include "spec/spec.h"

/* Exit statuses (DESIGN.md "Exit codes"); the cli returns them as they are. */
#define SDKC_REPLAY_EXIT_OK          0
#define SDKC_REPLAY_EXIT_FAIL        1 /* gating failures, stale expected failures, interrupted */
#define SDKC_REPLAY_EXIT_USAGE       2
#define SDKC_REPLAY_EXIT_IMPL        3
#define SDKC_REPLAY_EXIT_INTERRUPTED 130 /* 128 + SIGINT, the shell convention */

/* A fixed, obviously fake session token handed to adapters with the default
 * test keys, so every wire run exercises a signed X-Amz-Security-Token
 * (docs/DESIGN.md: it must be signed when present) and the reports prove it
 * is redacted. */
#define SDKC_REPLAY_TEST_SESSION_TOKEN "sdkconformFakeSessionToken//replay+test=0123456789"

/* One implementation as asked for: a bundled name ("builtin", "boto3",
 * "js-v3") or an adapter command (run through /bin/sh -c). */
struct sdkc_replay_impl {
    const char *name; /* --impl NAME, or NULL */
    const char *cmd;  /* --impl-cmd CMD when name is NULL */
    /* --impl-name NAME given right after --impl-cmd CMD: what reports,
     * expected-failure entries and the console call it. NULL: the name the
     * adapter's ready line gives (harness/adapters/PROTOCOL.md message 2),
     * made a valid name (sdkc_replay_impl_name_ok) and, when another
     * implementation of the run already has it, suffixed -2, -3, ... */
    const char *label;
};

/* Longest implementation name, bytes. */
#define SDKC_REPLAY_MAX_IMPL_NAME 64

/* 1 when name can name an implementation: 1..SDKC_REPLAY_MAX_IMPL_NAME
 * bytes of ASCII letters, digits, '_' and '-'. The name is a part of the
 * JUnit classname "sdkconform.IMPL.CATEGORY", whose dots CI tools read as
 * package separators, and a key of expected-failure files, so it holds no
 * dot, space or slash. */
int sdkc_replay_impl_name_ok(const char *name);

/* What sdkc_replay_impl_new needs besides the implementation asked for:
 * the same set-up replay gives its implementations, for other commands
 * that drive implementations (app/fuzz_client.h). */
struct sdkc_replay_impl_setup {
    const struct sdkc_spec *spec; /* borrowed; outlives the impl */
    enum sdkc_builtin_uuid uuid;  /* the builtin client's idempotency tokens */
    /* What an adapter signs with (borrowed); NULL = the adapter defaults. */
    const struct sdkc_credentials *creds;
    volatile sig_atomic_t *stop; /* may be NULL */
    int timeout_ms;              /* per adapter call; 0 = impl/adapter.h's default */
};

/* Build one implementation the way replay does: the builtin client in
 * process, a bundled adapter by name, or an --impl-cmd adapter (with its
 * own mock endpoint, pruning to setup->spec). SDKC_ERR_UNSUPPORTED (err
 * says why): it cannot run here (SDK or adapter missing); other failures:
 * it could not be started. *out is NULL on failure. */
sdkc_result sdkc_replay_impl_new(const struct sdkc_replay_impl_setup *setup,
                                 const struct sdkc_replay_impl *ia, struct sdkc_impl **out,
                                 struct sdkc_error *err);

struct sdkc_replay_options {
    const struct sdkc_spec *spec; /* required, borrowed */
    const char *spec_path;        /* as given (rerun commands); NULL = the bundled one */
    /* --vectors as given (repeated in rerun commands); none = `corpus`. */
    const char *const *vector_paths;
    size_t vector_path_count;
    const char *corpus; /* the default corpus folder, used when no vector path is given */
    const struct sdkc_replay_impl *impls;
    size_t impl_count; /* 1..SDKC_RUNNER_MAX_IMPLS */
    enum sdkc_vector_level gate;
    int gate_given; /* --level was given: repeated in rerun commands */
    const char *filter;
    unsigned shard_index, shard_count; /* --shard K/N; N = 0: none */
    const char *const *expected_failures;
    size_t expected_failures_count;
    /* --write-expected-failures FILE: after a complete run, FILE lists its
     * failures (report/report.h sdkc_report_write_expected_failures);
     * NULL = none. */
    const char *write_expected_failures;
    unsigned jobs;
    enum sdkc_builtin_uuid uuid;
    const char *report_dir; /* NULL = no report files (--no-report) */
    /* report_dir is the default folder: when it has to be made, it gets a
     * .gitignore holding "*" (sdkc_report_dir_prepare). */
    int report_dir_default;
    int verbose;
    int allow_skip; /* --allow-skip: an impl named that cannot run is not exit 3 */
    int no_sigv4;   /* --no-sigv4 */
    /* The command line, for report.json's "command" (each word quoted). */
    int argc;
    char *const *argv;
    /* The console (progress, failures, summary) and the messages of the
     * command ("sdkconform replay: ..."); NULL = silent. */
    FILE *out;
    FILE *err_out;
    /* Called with every result after the console (tests, other front
     * ends); may be NULL. */
    sdkc_run_record_fn on_record;
    void *on_record_ctx;
    /* Set asynchronously (signal handler): stop starting adapters, stop
     * after the current vector, report what ran (exit 130). May be NULL. */
    volatile sig_atomic_t *stop;
    /* When not NULL, the result spool's path is copied here (and cleared
     * when it is removed), so a handler for a second signal can unlink it. */
    char *spool_path_note;
    size_t spool_path_note_size;
};

/* What a replay came to. */
struct sdkc_replay_outcome {
    int exit_code; /* 0, 1, 2, 3 or 130; also report.json's "exit" */
    struct sdkc_run_counts all;
    struct sdkc_run_counts per_impl[SDKC_RUNNER_MAX_IMPLS];
    size_t impl_count;    /* implementations that ran */
    size_t skipped_count; /* named and NOT RUN (could not start, or ran nothing) */
    uint64_t vectors_read;
    uint64_t vectors_selected;
    int partial; /* interrupted, or an implementation broke mid-run */
    int reports_written;
};

/* Replay. Always sets outcome->exit_code (and prints to err_out why it is
 * 2 or 3). Returns SDKC_OK when the run completed and its reports were
 * written (whatever the verdicts), else what stopped it, with err naming
 * the file, the option or the implementation. */
sdkc_result sdkc_replay_run(const struct sdkc_replay_options *opts,
                            struct sdkc_replay_outcome *outcome, struct sdkc_error *err);

#endif
