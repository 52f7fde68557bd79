/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/stop.h: SIGINT/SIGTERM for the long commands (replay, fuzz-client).
 * The first signal asks for a clean stop: the flag the command hands its
 * library call (replay's and fuzz-client's `stop`) is set, and the run ends
 * after the current call with a complete report marked partial. A second
 * one, while that is pending, kills every adapter process group, removes
 * the file noted in `cleanup_path` (replay's result spool), both
 * async-signal-safe, and ends the process the default way, so nothing is
 * left behind. One command at a time installs it (the process runs one).
 */
#ifndef SDKC_CLI_STOP_H
#define SDKC_CLI_STOP_H

#include <limits.h>
#include <signal.h>

struct sdkc_cli_stop {
    struct sigaction old_int, old_term;
};

/* Install the handlers (before anything is started, so an interrupt while
 * adapters start still stops them) and clear the flag and the cleanup
 * path; returns the flag. */
volatile sig_atomic_t *sdkc_cli_stop_install(struct sdkc_cli_stop *s);
/* Put the previous handlers back and forget the cleanup path. */
void sdkc_cli_stop_restore(struct sdkc_cli_stop *s);
/* The buffer a library call writes the path of a file to remove on a second
 * signal into (replay's spool_path_note), and its size. */
char *sdkc_cli_stop_cleanup_path(void);
#define SDKC_CLI_STOP_CLEANUP_PATH_MAX PATH_MAX

#endif
