/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/cli.h: `sdkconform <command>`. Each command is one function in its
 * own cli/cmd_<name>.c taking (argc, argv) with argv[0] = the command name,
 * and returning the process exit code (DESIGN.md):
 *   0 all good; 1 conformance failures at the gating level; 2 bad usage or
 *   bad input files (the message names the file and JSON path or offset);
 *   3 the implementation under test could not be run.
 * Commands hold no logic a test cannot reach: they parse arguments and call
 * the layers below.
 */
#ifndef SDKC_CLI_CLI_H
#define SDKC_CLI_CLI_H

#include <stdarg.h>
#include <stdio.h>

#include "core/error.h"

#define SDKC_EXIT_OK    0
#define SDKC_EXIT_FAIL  1
#define SDKC_EXIT_USAGE 2
#define SDKC_EXIT_IMPL  3

struct sdkc_cli_syntax; /* cli/opts.h */

struct sdkc_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
    /* Its options, operands and help (cli/opts.h): what run() parses with
     * and --help prints, exposed so a test can check every table. */
    const struct sdkc_cli_syntax *syntax;
};

/* The table, in cli/main_table.c; ends with a NULL name. */
extern const struct sdkc_command sdkc_commands[];

/* Print "sdkconform <cmd>: <msg>" to stderr and return SDKC_EXIT_USAGE. */
int sdkc_cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* fprintf for every message the CLI prints that holds outside text (ids,
 * paths, error messages, adapter output, request lines): secrets redacted
 * (sdkc_report_scrub) and control characters made visible
 * (sdkc_text_sanitize, line breaks kept), so no terminal escape from a
 * vector, adapter or client reaches the console raw. */
void sdkc_cli_fprintf(FILE *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void sdkc_cli_vfprintf(FILE *f, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;

/* Print an sdkc_error ("sdkconform <cmd>: <msg> (byte N)") to stderr. */
void sdkc_cli_print_error(const char *cmd, const struct sdkc_error *err);

/* A decimal option value in 0..max: digits only (no sign, no spaces, no
 * suffix). 0 and *out set when it is one, -1 otherwise; the caller says
 * which option and range in its usage message. */
int sdkc_cli_parse_ulong(const char *s, unsigned long max, unsigned long *out);

/* The bundled corpus folder (replay and serve default to it), resolved at
 * run time because the binary may be run from any folder: $SDKC_CORPUS
 * as given, else the first of the folders core/paths.h lists that exists.
 * 0 when found, -1 when not. */
int sdkc_cli_default_corpus(char *out, size_t n);

/* Run the command line as main() would (exposed for tests). */
int sdkc_cli_main(int argc, char **argv);

int sdkc_cmd_decode(int argc, char **argv);
int sdkc_cmd_replay(int argc, char **argv);
int sdkc_cmd_serve(int argc, char **argv);
int sdkc_cmd_encode(int argc, char **argv);
int sdkc_cmd_sign(int argc, char **argv);
int sdkc_cmd_live(int argc, char **argv);
int sdkc_cmd_gen(int argc, char **argv);
int sdkc_cmd_import(int argc, char **argv);
int sdkc_cmd_fuzz_client(int argc, char **argv);

extern const struct sdkc_cli_syntax sdkc_cmd_decode_syntax;
extern const struct sdkc_cli_syntax sdkc_cmd_replay_syntax;
extern const struct sdkc_cli_syntax sdkc_cmd_serve_syntax;
extern const struct sdkc_cli_syntax sdkc_cmd_encode_syntax;
extern const struct sdkc_cli_syntax sdkc_cmd_sign_syntax;
extern const struct sdkc_cli_syntax sdkc_cmd_live_syntax;
extern const struct sdkc_cli_syntax sdkc_cmd_gen_syntax;
extern const struct sdkc_cli_syntax sdkc_cmd_import_syntax;
extern const struct sdkc_cli_syntax sdkc_cmd_fuzz_client_syntax;

#endif
