/* SPDX-License-Identifier: Apache-2.0
 *
 * impl/adapter.h: a real client (an SDK) in a child process, driven over
 * the adapter protocol (harness/adapters/PROTOCOL.md, docs/DESIGN.md).
 *
 * The harness starts the adapter once through `/bin/sh -c COMMAND` and talks
 * JSON lines on its stdin/stdout:
 *   harness -> {"hello":{"protocol":3,"endpoint":URL,"region":R,"credentials":{...},
 *                        "service":{"serviceId":..,...},"model":PATH}}
 *   adapter -> {"ready":{"name":N,"version":V,"protocol":3}}
 *   harness -> {"id":ID,"operation":OP,"params":{...}}     (one per vector)
 *   adapter -> {"id":ID, <result document members>}        (one line)
 *   harness -> {"hello":{...another model...}}              (a vector bound to
 *   adapter -> {"ready":{...}} or {"unavailable":{...}}      another model)
 *   harness closes stdin -> the adapter exits.
 * An adapter whose SDK is not installed, or that cannot serve the run's
 * model, may answer the first hello with {"unavailable":{"reason":"..."}}:
 * sdkc_impl_adapter_new then fails with SDKC_ERR_UNSUPPORTED and the caller
 * skips that implementation. A call whose model (call->spec, else
 * opts->spec) differs from the one of the last hello gets a second hello
 * first; when the adapter answers it `unavailable`, or its ready line did
 * not say protocol 3 or later, the call is not sent and r->skipped says
 * why (verdict skip). Models are told apart by address: every spec passed
 * must outlive the impl. "model" is a plain JSON file: the spec's own when
 * it was loaded from one, else a file written into a private temp folder
 * that sdkc_impl_destroy removes.
 *
 * The adapter owns its transport (impl.h): unless the caller names an
 * endpoint URL, _new starts a loopback mock endpoint of its own (server
 * layer) and tells the adapter its URL in hello. Around each call it takes
 * what arrived since the previous call answered (r->late), serves the
 * vector's canned response, and after the answer takes the call's request
 * (r->request, r->request_sent = 1) with the counts of everything that
 * arrived meanwhile (r->during). drain() reports requests that arrive
 * between calls; its final form stops the process first, so a request sent
 * after the run's last answer is seen too. The impl is serial and exposes
 * the credentials it handed out (signing_creds) for the signature check.
 * A vector bound to another model (call->model) is not applicable.
 *
 * Robustness (each outcome is a result, never a crash or hang of ours):
 *   - a call that takes longer than timeout_ms: the process group is
 *     SIGKILLed and reaped, the result is clientError "timeout", and the
 *     adapter is restarted before the next call;
 *   - the adapter exits or closes stdout mid-call: clientError "crash"
 *     (exit status in the message), restart before the next call;
 *   - a line that is not JSON, has the wrong id, or is not a result
 *     document: r->protocol_error holds the offending bytes (runner verdict
 *     `error`); the adapter is restarted to resynchronise the stream;
 *   - a line longer than SDKC_ADAPTER_MAX_LINE_BYTES: protocol_error;
 *   - stderr is drained continuously into a bounded ring; what the adapter
 *     wrote during a call is attached to r->diagnostics.
 * SIGPIPE is set to ignored process-wide when the first adapter starts
 * (a write to a dead adapter must be an EPIPE, not our death).
 *
 * Not thread-safe: one call at a time per impl (use one impl per job).
 */
#ifndef SDKC_IMPL_ADAPTER_H
#define SDKC_IMPL_ADAPTER_H

#include <cjson/cJSON.h>
#include <signal.h>
#include <stddef.h>

#include "core/error.h"
#include "impl/impl.h"
#include "spec/spec.h"

/* 3: hello names the service and the model file, and comes again when a
 * vector is bound to another model; 2: error results may carry "members"
 * (PROTOCOL.md "Versions"). */
#define SDKC_ADAPTER_PROTOCOL_VERSION         3
#define SDKC_ADAPTER_TIMEOUT_MS_DEFAULT       10000   /* per call (docs/DESIGN.md) */
#define SDKC_ADAPTER_READY_TIMEOUT_MS_DEFAULT 30000   /* hello -> ready (SDK import time) */
#define SDKC_ADAPTER_MAX_TIMEOUT_MS           3600000 /* cap on either timeout (1 hour) */
#define SDKC_ADAPTER_MAX_LINE_BYTES           ((size_t)16 * 1024 * 1024) /* one stdout line */
/* Nesting levels of one answer line (PROTOCOL.md "JSON traps": adapters cut
 * output values at 200 levels, the result document and line add a few):
 * above the codec's body cap, so any value an SDK decoded from a body the
 * oracle reads fits. */
#define SDKC_ADAPTER_MAX_DEPTH         256
#define SDKC_ADAPTER_STDERR_RING_BYTES ((size_t)64 * 1024) /* stderr tail kept */
#define SDKC_ADAPTER_SHOW_BYTES        2048 /* bytes of a bad line shown in protocol_error */
#define SDKC_ADAPTER_MAX_RESTARTS      256  /* restarts per impl before calls fail (exit 3) */
#define SDKC_ADAPTER_MAX_PRUNE_DEPTH   64   /* output nesting walked when pruning to the spec */
#define SDKC_ADAPTER_MAX_MODELS        4096 /* model files handed to one adapter (runner's cap) */
#define SDKC_ADAPTER_DEFAULT_REGION    "us-east-1"
/* Fixed, obviously fake test credentials (the mock endpoint does not need
 * real ones, and real ones must never be sent to it). */
#define SDKC_ADAPTER_DEFAULT_ACCESS_KEY "AKIDEXAMPLE"
#define SDKC_ADAPTER_DEFAULT_SECRET_KEY "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

struct sdkc_adapter_credentials {
    const char *access_key_id;     /* NULL = SDKC_ADAPTER_DEFAULT_ACCESS_KEY */
    const char *secret_access_key; /* NULL = SDKC_ADAPTER_DEFAULT_SECRET_KEY */
    const char *session_token;     /* NULL = none (sent as JSON null) */
};

struct sdkc_adapter_options {
    const char *name;    /* label for reports ("boto3"); NULL = the name the adapter reports */
    const char *command; /* run through /bin/sh -c; required */
    /* The endpoint URL sent in hello; NULL = a loopback mock endpoint of the
     * adapter's own, which captures what the client sends (the way replay
     * runs adapters). A URL given here is used as is and nothing is
     * captured (r->request_sent stays 0). */
    const char *endpoint;
    const char *region; /* NULL = SDKC_ADAPTER_DEFAULT_REGION */
    struct sdkc_adapter_credentials credentials;
    /* The spec the vectors were written against (borrowed; may be NULL).
     * When set, structure members of an "output" result that the spec's
     * output shape does not know are dropped, as a client built from this
     * spec would see them, and noted in r->diagnostics (DESIGN.md "Result
     * document": dropped and noted, never failed: a real SDK may be built
     * from a newer model). A union tag the spec does not know is kept and
     * noted: the client must report it as SDK_UNKNOWN_MEMBER, so a raw
     * pass-through fails the comparison. */
    const struct sdkc_spec *spec;
    /* 0 = $SDKC_ADAPTER_TIMEOUT_MS / $SDKC_ADAPTER_READY_TIMEOUT_MS when set
     * (1..SDKC_ADAPTER_MAX_TIMEOUT_MS; other values are ignored), else the
     * defaults: the environment lets CI tune a whole replay run without a
     * command-line flag. */
    int timeout_ms;       /* per call; default SDKC_ADAPTER_TIMEOUT_MS_DEFAULT */
    int ready_timeout_ms; /* hello -> ready; default SDKC_ADAPTER_READY_TIMEOUT_MS_DEFAULT */
    /* Borrowed, may be NULL: when a signal handler sets it while the
     * adapter is starting, the wait for ready ends (SDKC_ERR_INTERRUPTED)
     * and the adapter is stopped. */
    volatile sig_atomic_t *stop;
};

/* Start the adapter and wait for its ready line. On success *out is an impl
 * (free with sdkc_impl_destroy) with name = opts->name and version = what
 * the adapter reported in its ready line. Failures (the CLI maps all but
 * UNSUPPORTED to exit 3, and prints err->msg, which ends with the adapter's
 * stderr tail):
 *   SDKC_ERR_UNSUPPORTED  the adapter answered {"unavailable":...}: skip it;
 *   SDKC_ERR_TIMEOUT      no ready line within ready_timeout_ms;
 *   SDKC_ERR_IO           it could not be spawned, or exited before ready;
 *   SDKC_ERR_PARSE        its first line was not a ready line;
 *   SDKC_ERR_INVALID_ARG, SDKC_ERR_NOMEM. */
sdkc_result sdkc_impl_adapter_new(const struct sdkc_adapter_options *opts, struct sdkc_impl **out,
                                  struct sdkc_error *err);

/* The command line of a bundled adapter ("boto3", "js-v2", "js-v3"): *command_out
 * (free with sdkc_free) runs harness/adapters/<name>/ with its interpreter.
 * The adapters folder is found from $SDKC_ADAPTERS_DIR, else upwards from
 * the running executable (build trees sit inside the source tree).
 *   SDKC_ERR_NOT_FOUND    not a bundled adapter name, or the folder is missing;
 *   SDKC_ERR_UNSUPPORTED  its runtime is missing (python3 / node not on
 *                         PATH, js-v2/js-v3 node_modules not installed: run
 *                         tools/install-adapters); the message says which, and
 *                         the caller skips that implementation, never fails. */
sdkc_result sdkc_adapter_builtin_command(const char *name, char **command_out,
                                         struct sdkc_error *err);

/* Bytes of stderr the adapter process(es) have written so far that are
 * still in the ring (most recent SDKC_ADAPTER_STDERR_RING_BYTES), as a new
 * string (free with sdkc_free); NULL on NOMEM or when impl is not an
 * adapter. */
char *sdkc_adapter_stderr_tail(const struct sdkc_impl *impl);

/* How many times the adapter process was (re)started, 1 after _new. */
unsigned sdkc_adapter_starts(const struct sdkc_impl *impl);

/* ---- the pure protocol pieces (impl/adapter_line.c; no processes) -------- */

/* Judge one answer line (its bytes without the '\n'; a trailing '\r' is
 * dropped) for the vector `expected_id` (NULL: any id), PROTOCOL.md
 * message 4: a JSON object (strict RFC 8259, SDKC_ADAPTER_MAX_LINE_BYTES
 * at most) with a string "id" equal to expected_id and exactly one of
 * output / error / clientError as an object (a clientError with a string
 * "kind"), nothing else.
 * Returns SDKC_OK with either *doc = the result document without "id"
 * (caller frees with cJSON_Delete) or *problem = why the line breaks the
 * protocol, followed by the offending bytes as sdkc_adapter_show_bytes
 * shows them (caller frees with sdkc_free); SDKC_ERR_NOMEM otherwise, with
 * both NULL. */
sdkc_result sdkc_adapter_parse_answer(const char *line, size_t len, const char *expected_id,
                                      cJSON **doc, char **problem);

/* "what: \"<bytes>\"" with printable ASCII kept and every other byte as
 * \xNN, at most SDKC_ADAPTER_SHOW_BYTES bytes shown then " (N more bytes)".
 * Caller frees with sdkc_free; NULL on NOMEM. */
char *sdkc_adapter_show_bytes(const char *what, const char *bytes, size_t len);

/* Prune the "output" of result document `doc` in place to what `spec`'s
 * operation output shape knows (see sdkc_adapter_options.spec). *notes is
 * NULL when nothing changed, else one line per change (caller frees with
 * sdkc_free). A doc without "output", or an operation the spec lacks, is
 * left alone. SDKC_OK or SDKC_ERR_NOMEM (doc may then be half pruned). */
sdkc_result sdkc_adapter_prune_output(const struct sdkc_spec *spec, const char *operation,
                                      cJSON *doc, char **notes);

/* Kill the process group of every adapter this process started and has not
 * stopped yet. Async-signal-safe: for a signal handler that is about to end
 * the process (a second SIGINT), so no adapter outlives the harness. */
void sdkc_adapter_kill_all_from_signal(void);

#endif
