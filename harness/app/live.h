/* SPDX-License-Identifier: Apache-2.0
 *
 * app/live.h: `sdkconform live` as one library call a test can reach
 * (docs/DESIGN.md "Live probes"): derive probe vectors from the model's safe
 * operations (vectors/probe.h) into a private temporary corpus, start the
 * live implementation (impl/live.h) against the endpoint or an in-process
 * loopback simulator of the model (server/simulator.h), run the replay
 * runner over the probes, and write replay's reports plus live.json.
 *
 * The caller owns the options (all borrowed); the call owns everything it
 * creates and removes the temporary corpus and spool before it returns.
 * Secrets never reach a report or a console line: the run's credentials are
 * registered with the report layer's one redactor for the call's duration.
 */
#ifndef SDKC_APP_LIVE_H
#define SDKC_APP_LIVE_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "core/error.h"
#include "spec/spec.h"

/* Exit statuses, as `sdkconform live` returns them. */
#define SDKC_LIVE_EXIT_OK    0
#define SDKC_LIVE_EXIT_FAIL  1 /* a probe failed */
#define SDKC_LIVE_EXIT_USAGE 2 /* bad input: report folder, params, nothing safe to probe */
#define SDKC_LIVE_EXIT_IMPL  3 /* the endpoint (or the simulator) could not be used */

struct sdkc_live_run_options {
    const struct sdkc_spec *spec; /* required */
    const char *region;           /* required */
    const char *profile;          /* shared credentials profile; NULL: AWS_PROFILE / environment */
    const char *endpoint;         /* the endpoint; NULL with simulate */
    int simulate;                 /* probe an in-process simulator of the model instead */
    const char *existing_id;      /* --domain: the write probe's parent, the simulator's known id */
    const char *operation;        /* fnmatch glob on operation names, or NULL */
    const char *filter;           /* fnmatch glob on probe ids, or NULL */
    int allow_writes;
    const cJSON *write_params; /* the write probe's params, or NULL */
    const char *report_dir;    /* required */
    int report_dir_default;    /* when made, it gets a .gitignore holding "*" */
    int insecure_http;
    long timeout_ms; /* <= 0: SDKC_LIVE_TIMEOUT_MS_DEFAULT */
    /* The command line, for report.json's "command" and the rerun lines. */
    int argc;
    char *const *argv;
    FILE *out;     /* console: probe notes and results; NULL = silent */
    FILE *err_out; /* "sdkconform live: ..." messages; NULL = silent */
};

/* Run the probes. Returns the exit status above (and fills err with the
 * reason when it is 2 or 3). */
int sdkc_live_run(const struct sdkc_live_run_options *o, struct sdkc_error *err);

#endif
