/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/spec_arg.h: the `--spec FILE` and `--operation NAME` arguments shared
 * by every command that works against a service model.
 *
 * Both print their own message to stderr and return a process exit code
 * (cli.h): 0 on success, SDKC_EXIT_USAGE (2) on any failure, so a command
 * writes `if ((rc = sdkc_cli_load_spec(...))) return rc;`.
 */
#ifndef SDKC_CLI_SPEC_ARG_H
#define SDKC_CLI_SPEC_ARG_H

#include "spec/spec.h"

/* How many names a "no such operation" message suggests at most. */
#define SDKC_CLI_SUGGEST_MAX 5

/* Load the model at path_or_null (plain or gzip), or the bundled default
 * (DataZone CreateUserProfile) when NULL. On failure prints
 * "sdkconform <cmd>: <file>: <JSON path or line/column>: <message>" and
 * returns 2 with *out NULL. The caller frees *out with sdkc_spec_destroy. */
int sdkc_cli_load_spec(const char *cmd, const char *path_or_null, struct sdkc_spec **out);

/* Find operation `name` in spec. When it is missing (or name is NULL),
 * prints "sdkconform <cmd>: no operation named ..." with the closest valid
 * names (edit distance) and returns 2. *out points into spec. */
int sdkc_cli_find_operation(const char *cmd, const struct sdkc_spec *spec, const char *name,
                            const struct sdkc_operation **out);

#endif
